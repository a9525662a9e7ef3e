/* mci-connection.h: one row of /proc/net/tcp or tcp6
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "mci-address.h"
#include "mci-tcp-state.h"

G_BEGIN_DECLS

/* As the kernel reports the socket: "local" is the socket's own end, the end whose
 * uid and inode these are, even where a looping group reads it the other way round. */
typedef struct
{
  MciAddress  local_address;
  MciAddress  remote_address;
  guint16     local_port;
  guint16     remote_port;
  MciTcpState state;
  guint32     uid;
  guint32     tx_queue;
  guint32     rx_queue;
  guint64     inode;
} MciConnection;

G_END_DECLS
