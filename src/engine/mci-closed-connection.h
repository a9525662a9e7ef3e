/* mci-closed-connection.h: a TCP socket the kernel destroyed, as it last was
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "mci-connection.h"

G_BEGIN_DECLS

/* The kernel's last word on the socket (four-tuple, state, cookie, final bytes and RTT;
 * its uid and inode read 0), and what earlier samples saw of it, joined by cookie. A
 * socket its program aborted (SO_LINGER 0) is announced without its peer: the kernel
 * forgets the remote end before it lets the socket go. */
typedef struct
{
  MciConnection connection;
  gint64        closed_at;   /* g_get_real_time () when the close was read */
  gint64        first_seen;  /* real time of the first sample that listed it; 0: none did */
  char         *owner;       /* "nginx (1234)", or NULL when no sample named an owner */
  char         *unit;        /* its systemd unit or container, or NULL */
} MciClosedConnection;

void mci_closed_connection_clear (MciClosedConnection *self);

G_END_DECLS
