/* mci-tcp-state.c: the kernel's TCP states, by netstat's names
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-tcp-state"

#include "config.h"

#include <string.h>

#include "mci-decimal.h"
#include "mci-tcp-state.h"

/* Kernel names, untranslated on purpose: they are what ss, netstat and manuals say;
 * netstat's spelling, and ss's, which is what people paste into a search. */
static const struct
{
  const char *name;
  const char *ss_name;
} state_names[MCI_TCP_N_STATES] = {
  [MCI_TCP_STATE_INVALID] = { "UNKNOWN", "UNKNOWN" },
  [MCI_TCP_STATE_ESTABLISHED] = { "ESTABLISHED", "ESTAB" },
  [MCI_TCP_STATE_SYN_SENT] = { "SYN_SENT", "SYN-SENT" },
  [MCI_TCP_STATE_SYN_RECV] = { "SYN_RECV", "SYN-RECV" },
  [MCI_TCP_STATE_FIN_WAIT1] = { "FIN_WAIT1", "FIN-WAIT-1" },
  [MCI_TCP_STATE_FIN_WAIT2] = { "FIN_WAIT2", "FIN-WAIT-2" },
  [MCI_TCP_STATE_TIME_WAIT] = { "TIME_WAIT", "TIME-WAIT" },
  [MCI_TCP_STATE_CLOSE] = { "CLOSE", "UNCONN" },
  [MCI_TCP_STATE_CLOSE_WAIT] = { "CLOSE_WAIT", "CLOSE-WAIT" },
  [MCI_TCP_STATE_LAST_ACK] = { "LAST_ACK", "LAST-ACK" },
  [MCI_TCP_STATE_LISTEN] = { "LISTEN", "LISTEN" },
  [MCI_TCP_STATE_CLOSING] = { "CLOSING", "CLOSING" },
};

/* The original script's order, which its users know; LISTEN only occurs among listeners. */
static const MciTcpState report_order[] = {
  MCI_TCP_STATE_ESTABLISHED,
  MCI_TCP_STATE_TIME_WAIT,
  MCI_TCP_STATE_CLOSE,
  MCI_TCP_STATE_SYN_RECV,
  MCI_TCP_STATE_SYN_SENT,
  MCI_TCP_STATE_CLOSE_WAIT,
  MCI_TCP_STATE_LAST_ACK,
  MCI_TCP_STATE_FIN_WAIT1,
  MCI_TCP_STATE_FIN_WAIT2,
  MCI_TCP_STATE_CLOSING,
  MCI_TCP_STATE_LISTEN,
};

G_STATIC_ASSERT (G_N_ELEMENTS (report_order) == MCI_TCP_N_STATES - 1);

const char *
mci_tcp_state_to_string (MciTcpState state)
{
  if ((guint) state >= MCI_TCP_N_STATES)
    state = MCI_TCP_STATE_INVALID;
  return state_names[state].name;
}

/* ss's name for @state: TIME-WAIT for TIME_WAIT. */
const char *
mci_tcp_state_to_ss_string (MciTcpState state)
{
  if ((guint) state >= MCI_TCP_N_STATES)
    state = MCI_TCP_STATE_INVALID;
  return state_names[state].ss_name;
}

MciTcpState
mci_tcp_state_from_string (const char *name)
{
  g_return_val_if_fail (name != NULL, MCI_TCP_STATE_INVALID);

  for (guint i = 1; i < MCI_TCP_N_STATES; i++)
    if (strcmp (state_names[i].name, name) == 0)
      return i;
  return MCI_TCP_STATE_INVALID;
}

MciTcpStateKind
mci_tcp_state_get_kind (MciTcpState state)
{
  switch (state)
    {
    case MCI_TCP_STATE_ESTABLISHED:
      return MCI_TCP_STATE_KIND_ESTABLISHED;
    case MCI_TCP_STATE_SYN_SENT:
    case MCI_TCP_STATE_SYN_RECV:
      return MCI_TCP_STATE_KIND_OPENING;
    case MCI_TCP_STATE_LISTEN:
      return MCI_TCP_STATE_KIND_LISTENING;
    case MCI_TCP_STATE_TIME_WAIT:
    case MCI_TCP_STATE_CLOSE_WAIT:
    case MCI_TCP_STATE_FIN_WAIT2:
      return MCI_TCP_STATE_KIND_WAITING;
    case MCI_TCP_STATE_FIN_WAIT1:
    case MCI_TCP_STATE_CLOSE:
    case MCI_TCP_STATE_LAST_ACK:
    case MCI_TCP_STATE_CLOSING:
    case MCI_TCP_STATE_INVALID:
    case MCI_TCP_N_STATES:
    default:
      return MCI_TCP_STATE_KIND_CLOSING;
    }
}

const MciTcpState *
mci_tcp_state_report_order (guint *n_states)
{
  if (n_states != NULL)
    *n_states = G_N_ELEMENTS (report_order);
  return report_order;
}

/* "1 x ESTABLISHED, 8 x TIME_WAIT" in the original script's order; @times is the
 * separator between count and name (" x " for the text report, " × " on screen). */
char *
mci_tcp_state_format_counts (const guint  counts[MCI_TCP_N_STATES],
                             const char  *times)
{
  GString *text;

  g_return_val_if_fail (counts != NULL, NULL);
  g_return_val_if_fail (times != NULL, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (report_order); i++)
    {
      guint count = counts[report_order[i]];

      if (count == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      mci_decimal_append (text, count);
      g_string_append (text, times);
      g_string_append (text, mci_tcp_state_to_string (report_order[i]));
    }
  return g_string_free (text, FALSE);
}
