/* mci-connection.h: one TCP socket, as /proc/net/tcp* or sock_diag reports it
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
  /* Only sock_diag tells these; zero where the source cannot (a /proc table). */
  guint64     cookie;          /* the kernel's id of the socket, for its lifetime */
  guint64     cgroup_id;       /* the inode of the socket's cgroup v2 directory */
  guint64     bytes_sent;      /* the application's data that the peer acknowledged */
  guint64     bytes_received;  /* the application's data that arrived in order */
  guint32     rtt_us;          /* smoothed round-trip time */
  guint32     retransmits;     /* segments sent again, over the socket's life */
  gboolean    has_tcp_info;    /* FALSE: no traffic figures (TIME_WAIT, SYN_RECV, /proc) */
  gboolean    has_rates;       /* FALSE: not measured in the sample before */
  guint64     sent_per_second;
  guint64     received_per_second;
  /* Set by the snapshot: the section the socket was classified in (MciSectionKind, as
   * inbound, outbound, looping or listening, whatever the grouping), and whether a
   * looping one is the server's view. Copies keep them: a row tells its direction. */
  guint8      section;
  guint8      server_end;
} MciConnection;

G_END_DECLS
