/* mci-text-report.c: a snapshot as the original script printed it
 *
 *   Distant inbound connections: 2
 *       85.93.216.17:777               <-- 78.141.139.10       :    1   host.example   1 x ESTABLISHED
 *
 * Columns are as wide as their widest cell, but never narrower than the original's,
 * so that eyes used to it find things where they were.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-text-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mci-decimal.h"
#include "mci-recorder.h"
#include "mci-report.h"

#define MIN_LEFT_WIDTH  30
#define MIN_RIGHT_WIDTH 19
#define MIN_COUNT_WIDTH 4

typedef struct
{
  char       *left;
  const char *arrow;
  char       *right;
  guint       count;
  const char *hostname;
  char       *states;
  char       *closed;  /* with a history only: "3 open · 41 closed in 10 min" */
  char       *traffic; /* with MCI_REPORT_TRAFFIC only */
  char       *owner;   /* with MCI_REPORT_PROCESSES only */
  /* in characters, measured once: a busy server's report has tens of thousands of lines */
  guint       left_chars, right_chars, hostname_chars, states_chars, closed_chars;
  guint       traffic_chars;
} Line;

typedef struct
{
  guint left;
  guint right;
  guint count;
  guint hostname;
  guint states;
  guint closed;
  guint traffic;
} Widths;

static void
line_clear (gpointer data)
{
  Line *line = data;

  g_free (line->left);
  g_free (line->right);
  g_free (line->states);
  g_free (line->closed);
  g_free (line->traffic);
  g_free (line->owner);
}

static void
fill_endpoints (Line                   *line,
                const MciEndpointGroup *group)
{
  line->left = mci_address_format_endpoint (&group->key.local_address, group->key.local_port);
  line->arrow = group->key.section == MCI_SECTION_INBOUND ? "<--"
              : group->key.section == MCI_SECTION_LISTENING ? "   " : "-->";
  line->right = group->key.section == MCI_SECTION_LISTENING
              ? g_strdup ("")
              : mci_address_format_endpoint (&group->key.remote_address, group->key.remote_port);
}

static void
fill_line (Line                   *line,
           const MciEndpointGroup *group,
           MciHostnameFunc         hostname_func,
           gpointer                user_data)
{
  const MciAddress *peer = mci_endpoint_group_get_peer (group);

  if (mci_endpoint_key_is_address (&group->key))
    {
      /* by address: the address alone, summed over ports and directions */
      line->left = mci_address_format_endpoint (&group->key.remote_address, -1);
      line->arrow = "   ";
      line->right = g_strdup ("");
    }
  else
    fill_endpoints (line, group);
  line->count = group->n_connections;
  line->hostname = peer != NULL && hostname_func != NULL ? hostname_func (peer, user_data) : NULL;
  if (line->hostname == NULL)
    line->hostname = "";
  line->states = mci_endpoint_group_format_states (group, " x ");
}

/* %-*s counts bytes; a host name may hold multi-byte characters. Addresses are ASCII. */
static void
widen (Widths *widths,
       Line   *line)
{
  char digits[MCI_DECIMAL_MAX];

  line->left_chars = strlen (line->left);
  line->right_chars = strlen (line->right);
  line->hostname_chars = g_utf8_strlen (line->hostname, -1);
  line->states_chars = g_utf8_strlen (line->states, -1);
  line->closed_chars = line->closed != NULL ? g_utf8_strlen (line->closed, -1) : 0;
  line->traffic_chars = line->traffic != NULL ? g_utf8_strlen (line->traffic, -1) : 0;
  widths->left = MAX (widths->left, line->left_chars);
  widths->right = MAX (widths->right, line->right_chars);
  widths->count = MAX (widths->count, mci_decimal_write (digits, line->count));
  widths->hostname = MAX (widths->hostname, line->hostname_chars);
  widths->states = MAX (widths->states, line->states_chars);
  widths->closed = MAX (widths->closed, line->closed_chars);
  widths->traffic = MAX (widths->traffic, line->traffic_chars);
}

static void
append_spaces (GString *out,
               guint    n)
{
  gsize end = out->len;

  g_string_set_size (out, end + n);
  memset (out->str + end, ' ', n);
}

static void
append_padded (GString    *out,
               const char *text,
               guint       chars,
               guint       width)
{
  g_string_append (out, text);
  if (chars < width)
    append_spaces (out, width - chars);
}

/* " : %*u   ", without printf: one call per line of a report of tens of thousands */
static void
append_count (GString *out,
              guint    count,
              guint    width)
{
  char digits[MCI_DECIMAL_MAX];
  guint n = mci_decimal_write (digits, count);

  g_string_append (out, " : ");
  if (n < width)
    append_spaces (out, width - n);
  g_string_append_len (out, digits, n);
  g_string_append (out, "   ");
}

static void
append_line (GString      *out,
             const Line   *line,
             const Widths *widths)
{
  g_string_append (out, "    ");
  append_padded (out, line->left, line->left_chars, widths->left);
  g_string_append_c (out, ' ');
  g_string_append (out, line->arrow);
  g_string_append_c (out, ' ');
  append_padded (out, line->right, line->right_chars, widths->right);
  append_count (out, line->count, widths->count);
  append_padded (out, line->hostname, line->hostname_chars, widths->hostname);
  {
    /* the optional columns after the states; the last one printed is not padded */
    const char *columns[] = { line->states, line->closed, line->traffic, line->owner };
    guint column_chars[] = { line->states_chars, line->closed_chars, line->traffic_chars, 0 };
    guint column_widths[] = { widths->states, widths->closed, widths->traffic, 0 };
    guint last = 0;

    for (guint i = 1; i < G_N_ELEMENTS (columns); i++)
      if (columns[i] != NULL)
        last = i;

    for (guint i = 0; i <= last; i++)
      {
        /* the closes' column is there with a history only */
        if (i == 1 && widths->closed == 0)
          continue;
        g_string_append (out, "   ");
        if (i < last)
          append_padded (out, columns[i] != NULL ? columns[i] : "", column_chars[i],
                         column_widths[i]);
        else
          g_string_append (out, columns[i]);
      }
  }
  g_string_append_c (out, '\n');
}

/* "3 open · 41 closed in 10 min" */
static char *
format_closed (guint      n_open,
               guint      n_closed,
               GTimeSpan  window)
{
  g_autofree char *span = mci_recorder_format_window (window);

  /* TRANSLATORS: the connections of a group or section open now, and those that closed
   * within the last "10 min" (the last %s) */
  return g_strdup_printf (ngettext ("%u open · %u closed in %s", "%u open · %u closed in %s",
                                    n_closed),
                          n_open, n_closed, span);
}

static char *
format_header (const MciSection *section)
{
  switch (section->kind)
    {
    case MCI_SECTION_INBOUND:
      return g_strdup_printf (_("Distant inbound connections: %u"), section->n_connections);
    case MCI_SECTION_OUTBOUND:
      return g_strdup_printf (_("Distant outbound connections: %u"), section->n_connections);
    case MCI_SECTION_LOOPING:
      if (section->n_duplicates == 0)
        return g_strdup_printf (_("Looping connections: %u"), section->n_connections);
      return g_strdup_printf (ngettext ("Looping connections: %u (%u duplicate)",
                                        "Looping connections: %u (%u duplicates)",
                                        section->n_duplicates),
                              section->n_connections, section->n_duplicates);
    case MCI_SECTION_LISTENING:
      return g_strdup_printf (_("Listening sockets: %u"), section->n_connections);
    case MCI_SECTION_DISTANT:
      return g_strdup_printf (_("Distant connections, by address: %u"),
                              section->n_connections);
    case MCI_N_SECTIONS:
    default:
      g_assert_not_reached ();
    }
}

/* The header, and with a history the section's closes after it. */
static char *
format_section_header (const MciSection       *section,
                       const MciReportHistory *history)
{
  g_autofree char *header = format_header (section);
  g_autofree char *span = NULL;
  guint n_closed;

  if (history == NULL || history->history == NULL || section->kind == MCI_SECTION_LISTENING)
    return g_steal_pointer (&header);
  n_closed = mci_history_count_section (history->history, section->kind);
  span = mci_recorder_format_window (mci_history_get_window (history->history));
  /* TRANSLATORS: a section's header, then how many of its connections closed within
   * the last "10 min" (the last %s) */
  return g_strdup_printf (ngettext ("%s · %u closed in %s", "%s · %u closed in %s", n_closed),
                          header, n_closed, span);
}

/* "↓ 1.2 MB ↑ 40.0 kB", then the rates where there are, or "-" where nothing was
 * measured (a capture, the /proc fallback, only TIME_WAIT sockets). */
static char *
format_traffic (const MciTraffic *traffic)
{
  g_autofree char *totals = mci_traffic_format_totals (traffic);
  g_autofree char *rates = mci_traffic_format_rates (traffic);

  if (totals == NULL)
    return g_strdup ("-");
  if (rates == NULL)
    return g_steal_pointer (&totals);
  return g_strdup_printf ("%s · %s", totals, rates);
}

/* One group's line, as the report would print it on its own (without the indent): what
 * "Copy Row" puts on the clipboard. */
char *
mci_report_format_group_line (const MciEndpointGroup *group,
                              const char             *hostname)
{
  Line line = { 0 };
  Widths widths = { MIN_LEFT_WIDTH, MIN_RIGHT_WIDTH, MIN_COUNT_WIDTH, 0, 0, 0, 0 };
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (group != NULL, NULL);

  out = g_string_new (NULL);
  fill_line (&line, group, NULL, NULL);
  line.hostname = hostname != NULL ? hostname : "";
  widen (&widths, &line);
  append_line (out, &line, &widths);
  line_clear (&line);
  g_string_truncate (out, out->len - 1);
  return g_strdup (g_strchug (out->str));
}

static Line *
add_line (GArray                 *lines,
          const MciEndpointGroup *group,
          MciHostnameFunc         hostname_func,
          gpointer                user_data)
{
  Line *line;

  g_array_set_size (lines, lines->len + 1);
  line = &g_array_index (lines, Line, lines->len - 1);
  fill_line (line, group, hostname_func, user_data);
  return line;
}

/* Lines of groups all of whose connections closed in the window: in the history, not
 * in the snapshot. Returns how many. */
static guint
add_closed_only_lines (GArray                 *lines,
                       Widths                 *widths,
                       MciReportFlags          flags,
                       const MciSection       *section,
                       const MciReportHistory *history,
                       MciHostnameFunc         hostname_func,
                       gpointer                user_data)
{
  g_autoptr(GHashTable) open = g_hash_table_new (mci_endpoint_key_hash, mci_endpoint_key_equal);
  g_autoptr(GPtrArray) keys = mci_history_get_groups (history->history, section->kind);
  GTimeSpan window = mci_history_get_window (history->history);
  guint n = 0;

  for (guint g = 0; g < section->n_groups; g++)
    g_hash_table_add (open, (gpointer) &section->groups[g].key);
  for (guint i = 0; i < keys->len; i++)
    {
      MciEndpointGroup group = { .key = *(const MciEndpointKey *) keys->pdata[i] };
      Line *line;

      if (g_hash_table_contains (open, keys->pdata[i]))
        continue;
      line = add_line (lines, &group, hostname_func, user_data);
      line->closed = format_closed (0, mci_history_count_closed (history->history, &group.key),
                                    window);
      /* nothing open: no owner, nothing moving */
      if (flags & MCI_REPORT_PROCESSES)
        line->owner = g_strdup ("-");
      if (flags & MCI_REPORT_TRAFFIC)
        line->traffic = g_strdup ("-");
      widen (widths, line);
      n++;
    }
  return n;
}

/* The sections from @first to before @end. Two passes: every column is measured before
 * the first line is printed. */
static char *
format_sections (MciSnapshot            *snapshot,
                 const MciSectionKind   *kinds,
                 guint                   n_sections,
                 MciReportFlags          flags,
                 MciHostnameFunc         hostname_func,
                 gpointer                user_data,
                 const MciReportHistory *history)
{
  gboolean closes = history != NULL && history->history != NULL;
  g_autoptr(GArray) lines = NULL;
  Widths widths = { MIN_LEFT_WIDTH, MIN_RIGHT_WIDTH, MIN_COUNT_WIDTH, 0, 0, 0, 0 };
  guint n_lines[MCI_N_SECTIONS] = { 0 };
  GString *out;
  guint next = 0;

  lines = g_array_new (FALSE, TRUE, sizeof (Line));
  out = g_string_new (NULL);
  g_array_set_clear_func (lines, line_clear);
  for (guint k = 0; k < n_sections; k++)
    {
      const MciSection *section = mci_snapshot_get_section (snapshot, kinds[k]);

      for (guint g = 0; g < section->n_groups; g++)
        {
          const MciEndpointGroup *group = &section->groups[g];
          Line *line = add_line (lines, group, hostname_func, user_data);

          /* "-" where no process or user owns the group: all its sockets in TIME_WAIT */
          if (flags & MCI_REPORT_PROCESSES)
            {
              const char *owner = mci_snapshot_get_group_owner (snapshot, group, NULL, NULL);

              line->owner = g_strdup (owner != NULL ? owner : "-");
            }
          if (flags & MCI_REPORT_TRAFFIC)
            line->traffic = format_traffic (&group->traffic);
          if (closes && kinds[k] != MCI_SECTION_LISTENING)
            line->closed = format_closed (group->n_connections,
                                          mci_history_count_closed (history->history, &group->key),
                                          mci_history_get_window (history->history));
          widen (&widths, line);
        }
      n_lines[k] = section->n_groups;
      if (closes && kinds[k] != MCI_SECTION_LISTENING)
        n_lines[k] += add_closed_only_lines (lines, &widths, flags, section, history,
                                             hostname_func, user_data);
    }

  for (guint k = 0; k < n_sections; k++)
    {
      const MciSection *section = mci_snapshot_get_section (snapshot, kinds[k]);
      g_autofree char *header = format_section_header (section, history);

      g_string_append_printf (out, "%s\n", header);
      for (guint g = 0; g < n_lines[k]; g++)
        append_line (out, &g_array_index (lines, Line, next++), &widths);
    }

  return g_string_free (out, FALSE);
}

/* The sections of the snapshot's grouping, the listening sockets only when asked. */
char *
mci_report_format_text (MciSnapshot     *snapshot,
                        MciReportFlags   flags,
                        MciHostnameFunc  hostname_func,
                        gpointer         user_data)
{
  const MciSectionKind *kinds;
  guint n_sections;

  g_return_val_if_fail (MCI_IS_SNAPSHOT (snapshot), NULL);

  kinds = mci_grouping_get_sections (mci_snapshot_get_grouping (snapshot), &n_sections);
  /* listening comes last in either grouping */
  if (!(flags & MCI_REPORT_LISTENING))
    n_sections--;
  return format_sections (snapshot, kinds, n_sections, flags, hostname_func, user_data,
                          NULL);
}

/* One section as the text report prints it, its header first: what "Copy Section as
 * Text" puts on the clipboard. */
char *
mci_report_format_section_text (MciSnapshot     *snapshot,
                                MciSectionKind   section,
                                MciHostnameFunc  hostname_func,
                                gpointer         user_data)
{
  g_return_val_if_fail (MCI_IS_SNAPSHOT (snapshot), NULL);
  g_return_val_if_fail (section < MCI_N_SECTIONS, NULL);

  return format_sections (snapshot, &section, 1, MCI_REPORT_FLAGS_NONE, hostname_func,
                          user_data, NULL);
}

/* The same as mci_report_format_text(), with each group's and section's closes in
 * @history's window, and the groups whose connections all closed, after the open ones. */
char *
mci_report_format_text_with_history (MciSnapshot            *snapshot,
                                     MciReportFlags          flags,
                                     MciHostnameFunc         hostname_func,
                                     gpointer                user_data,
                                     const MciReportHistory *history)
{
  const MciSectionKind *kinds;
  guint n_sections;

  g_return_val_if_fail (MCI_IS_SNAPSHOT (snapshot), NULL);
  g_return_val_if_fail (history != NULL, NULL);

  kinds = mci_grouping_get_sections (mci_snapshot_get_grouping (snapshot), &n_sections);
  /* listening comes last in either grouping */
  if (!(flags & MCI_REPORT_LISTENING))
    n_sections--;
  return format_sections (snapshot, kinds, n_sections, flags, hostname_func, user_data,
                          history);
}
