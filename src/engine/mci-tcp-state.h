/* mci-tcp-state.h: the kernel's TCP states, by netstat's names
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The values are the kernel's (include/net/tcp_states.h), as /proc/net/tcp prints them. */
typedef enum
{
  MCI_TCP_STATE_INVALID = 0,
  MCI_TCP_STATE_ESTABLISHED = 1,
  MCI_TCP_STATE_SYN_SENT,
  MCI_TCP_STATE_SYN_RECV,
  MCI_TCP_STATE_FIN_WAIT1,
  MCI_TCP_STATE_FIN_WAIT2,
  MCI_TCP_STATE_TIME_WAIT,
  MCI_TCP_STATE_CLOSE,
  MCI_TCP_STATE_CLOSE_WAIT,
  MCI_TCP_STATE_LAST_ACK,
  MCI_TCP_STATE_LISTEN,
  MCI_TCP_STATE_CLOSING,
  MCI_TCP_N_STATES
} MciTcpState;

/* What a state means to a person, for colouring it. */
typedef enum
{
  MCI_TCP_STATE_KIND_ESTABLISHED,
  MCI_TCP_STATE_KIND_OPENING,
  MCI_TCP_STATE_KIND_CLOSING,
  MCI_TCP_STATE_KIND_WAITING,
  MCI_TCP_STATE_KIND_LISTENING,
} MciTcpStateKind;

const char        *mci_tcp_state_to_string    (MciTcpState  state);
const char        *mci_tcp_state_to_ss_string (MciTcpState  state);
MciTcpState        mci_tcp_state_from_string  (const char  *name);
MciTcpStateKind    mci_tcp_state_get_kind     (MciTcpState  state);
const MciTcpState *mci_tcp_state_report_order (guint       *n_states);
char              *mci_tcp_state_format_counts (const guint  counts[MCI_TCP_N_STATES],
                                                const char  *times);

G_END_DECLS
