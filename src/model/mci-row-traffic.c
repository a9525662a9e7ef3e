/* mci-row-traffic.c: what a row's connections moved, in words for a tooltip
 *
 * The cell shows the rates; the tooltip says what a rate cannot: how slow the path is
 * and how much went over it in all.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-row-traffic"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mci-row-traffic.h"

/* A connection's own round-trip time and retransmits; a group's or section's slowest. */
static void
append_rtt (GString          *out,
            const MciTraffic *traffic,
            MciRowKind        kind,
            guint32           retransmits)
{
  double ms = traffic->max_rtt_us / 1000.0;

  if (kind != MCI_ROW_CONNECTION)
    {
      g_string_append_printf (out, _("Largest smoothed round-trip time: %.1f ms"), ms);
      return;
    }
  g_string_append_printf (out, _("Smoothed round-trip time: %.1f ms"), ms);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, ngettext ("%u segment sent again", "%u segments sent again",
                                         retransmits),
                          retransmits);
}

/* NULL where nothing was measured (a saved capture, TIME_WAIT, /proc). @retransmits:
 * a connection's, over its life; ignored for the other kinds. */
char *
mci_row_traffic_describe (const MciTraffic *traffic,
                          MciRowKind        kind,
                          guint32           retransmits)
{
  g_autofree char *totals = NULL;
  GString *out;

  g_return_val_if_fail (traffic != NULL, NULL);

  if (traffic->n_measured == 0)
    return NULL;
  out = g_string_new (NULL);
  append_rtt (out, traffic, kind, retransmits);
  totals = mci_traffic_format_totals (traffic);
  g_string_append_c (out, '\n');
  /* TRANSLATORS: %s is received and sent in all, as in "↓ 1.2 GB ↑ 40.0 MB" */
  g_string_append_printf (out, _("In all: %s"), totals);
  return g_string_free (out, FALSE);
}
