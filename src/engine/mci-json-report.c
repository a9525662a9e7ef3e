/* mci-json-report.c: a snapshot as JSON, schema 1
 *
 * Other tools rely on this shape: every section always present, in order; a port
 * that is not part of a group's key is null. Written by hand, as the project uses
 * no library beyond GLib for its core.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-json-report"

#include "config.h"

#include "mci-decimal.h"
#include "mci-report.h"

/* For untrusted text (host names): escapes what JSON requires, and anything not
 * UTF-8 becomes U+FFFD first. Addresses and state names are ASCII of our own making
 * and are written as they are. */
static void
append_string (GString    *out,
               const char *text)
{
  /* a copy only for what needs repair: most text is valid */
  g_autofree char *repaired = g_utf8_validate (text, -1, NULL) ? NULL
                                                               : g_utf8_make_valid (text, -1);
  const char *valid = repaired != NULL ? repaired : text;

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
append_nullable_string (GString    *out,
                        const char *text)
{
  if (text != NULL)
    append_string (out, text);
  else
    g_string_append (out, "null");
}

/* Microseconds as milliseconds with three decimals, as "%.3f" would. */
static void
append_milliseconds (GString *out,
                     guint32  microseconds)
{
  mci_decimal_append (out, microseconds / 1000);
  g_string_append_c (out, '.');
  g_string_append_c (out, '0' + microseconds / 100 % 10);
  g_string_append_c (out, '0' + microseconds / 10 % 10);
  g_string_append_c (out, '0' + microseconds % 10);
}

/* , "name": */
static void
append_key (GString    *out,
            const char *name)
{
  g_string_append (out, ", \"");
  g_string_append (out, name);
  g_string_append (out, "\": ");
}

static void
append_address (GString          *out,
                const MciAddress *address)
{
  char buffer[MCI_ADDRESS_STRLEN];

  if (!mci_address_is_set (address))
    g_string_append (out, "null");
  else
    {
      g_string_append_c (out, '"');
      g_string_append (out, mci_address_to_string (address, buffer));
      g_string_append_c (out, '"');
    }
}

static void
append_port (GString *out,
             int      port)
{
  if (port < 0)
    g_string_append (out, "null");
  else
    mci_decimal_append (out, port);
}

/* uid, user, pid, process and unit: null where not known (a saved capture, a TIME_WAIT socket,
 * another user's process). The uid is the kernel's and always there. */
static void
append_owner (GString             *out,
              MciSnapshot         *snapshot,
              const MciConnection *connection)
{
  MciOwner owner;
  gboolean known = mci_snapshot_get_owner (snapshot, connection, &owner);

  g_string_append (out, ", \"user\": ");
  if (known && owner.user != NULL)
    append_string (out, owner.user);
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"pid\": ");
  if (known && owner.pid != 0)
    mci_decimal_append (out, owner.pid);
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"process\": ");
  if (known && owner.process != NULL)
    append_string (out, owner.process);
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"unit\": ");
  if (known && owner.unit != NULL)
    append_string (out, owner.unit);
  else
    g_string_append (out, "null");
}

static void
append_count (GString  *out,
              const char *name,
              gboolean  known,
              guint64   value)
{
  append_key (out, name);
  if (known)
    mci_decimal_append (out, value);
  else
    g_string_append (out, "null");
}

static void
append_rtt (GString *out,
            gboolean known,
            guint32  rtt_us)
{
  append_key (out, "rtt_ms");
  if (known)
    append_milliseconds (out, rtt_us);
  else
    g_string_append (out, "null");
}

/* What sock_diag measured; null where the source measures nothing (a capture, /proc)
 * or the socket has no tcp_info (TIME_WAIT, SYN_RECV). Rates need the sample before. */
static void
append_connection_traffic (GString             *out,
                           const MciConnection *connection)
{
  gboolean measured = connection->has_tcp_info;

  append_count (out, "cookie", connection->cookie != 0, connection->cookie);
  append_count (out, "bytes_sent", measured, connection->bytes_sent);
  append_count (out, "bytes_received", measured, connection->bytes_received);
  append_count (out, "sent_per_second", connection->has_rates, connection->sent_per_second);
  append_count (out, "received_per_second", connection->has_rates,
                connection->received_per_second);
  append_rtt (out, measured, connection->rtt_us);
  append_count (out, "retransmits", measured, connection->retransmits);
}

static void
append_group_traffic (GString          *out,
                      const MciTraffic *traffic)
{
  if (traffic->n_measured == 0)
    {
      g_string_append (out, ", \"traffic\": null");
      return;
    }
  g_string_append (out, ", \"traffic\": {\"measured\": ");
  g_string_append_printf (out, "%u", traffic->n_measured);
  append_count (out, "bytes_sent", TRUE, traffic->bytes_sent);
  append_count (out, "bytes_received", TRUE, traffic->bytes_received);
  append_count (out, "sent_per_second", traffic->n_rated > 0, traffic->sent_per_second);
  append_count (out, "received_per_second", traffic->n_rated > 0,
                traffic->received_per_second);
  append_key (out, "max_rtt_ms");
  append_milliseconds (out, traffic->max_rtt_us);
  g_string_append_c (out, '}');
}

/* {"local_address": …, "local_port": …, "remote_address": …, "remote_port": …, "state": …
 * without the closing brace */
static void
append_four_tuple (GString             *out,
                   const MciConnection *connection)
{
  g_string_append (out, "{\"local_address\": ");
  append_address (out, &connection->local_address);
  append_key (out, "local_port");
  mci_decimal_append (out, connection->local_port);
  append_key (out, "remote_address");
  append_address (out, &connection->remote_address);
  append_key (out, "remote_port");
  mci_decimal_append (out, connection->remote_port);
  append_key (out, "state");
  g_string_append_c (out, '"');
  g_string_append (out, mci_tcp_state_to_string (connection->state));
  g_string_append_c (out, '"');
}

static void
append_connection (GString             *out,
                   MciSnapshot         *snapshot,
                   const MciConnection *connection)
{
  append_four_tuple (out, connection);
  append_key (out, "uid");
  mci_decimal_append (out, connection->uid);
  append_key (out, "inode");
  mci_decimal_append (out, connection->inode);
  append_owner (out, snapshot, connection);
  append_connection_traffic (out, connection);
  g_string_append_c (out, '}');
}

static void
append_states (GString                *out,
               const MciEndpointGroup *group)
{
  const MciTcpState *order;
  guint n_states;
  gboolean first = TRUE;

  order = mci_tcp_state_report_order (&n_states);
  g_string_append_c (out, '{');
  for (guint i = 0; i < n_states; i++)
    {
      if (group->states[order[i]] == 0)
        continue;
      g_string_append_printf (out, "%s\"%s\": %u", first ? "" : ", ",
                              mci_tcp_state_to_string (order[i]), group->states[order[i]]);
      first = FALSE;
    }
  g_string_append_c (out, '}');
}

static void append_group_closed (GString                *out,
                                 const MciEndpointKey   *key,
                                 const MciReportHistory *history);

/* @history: (nullable): with it, the group's closes in the window */
static void
append_group (GString                *out,
              MciSnapshot            *snapshot,
              const MciReportGroup   *shown,
              MciHostnameFunc         hostname_func,
              gpointer                user_data,
              const MciReportHistory *history)
{
  const MciEndpointGroup *group = shown->group;
  const MciConnection * const *connections = shown->connections != NULL ? shown->connections
                                                                        : group->connections;
  guint n_connections = shown->connections != NULL ? shown->n_connections
                                                   : group->n_connections;
  const MciAddress *peer = mci_endpoint_group_get_peer (group);
  const char *hostname = NULL;
  const char *owner;

  if (peer != NULL && hostname_func != NULL)
    hostname = hostname_func (peer, user_data);

  g_string_append (out, "{\"local_address\": ");
  append_address (out, &group->key.local_address);
  g_string_append (out, ", \"local_port\": ");
  append_port (out, group->key.local_port);
  g_string_append (out, ", \"remote_address\": ");
  append_address (out, &group->key.remote_address);
  g_string_append (out, ", \"remote_port\": ");
  append_port (out, group->key.remote_port);
  g_string_append_printf (out, ", \"count\": %u, \"hostname\": ", group->n_connections);
  if (hostname != NULL)
    append_string (out, hostname);
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"states\": ");
  append_states (out, group);
  owner = mci_snapshot_get_group_owner (snapshot, group, NULL, NULL);
  g_string_append (out, ", \"owner\": ");
  if (owner != NULL)
    append_string (out, owner);
  else
    g_string_append (out, "null");
  append_group_traffic (out, &group->traffic);
  append_group_closed (out, &group->key, history);
  g_string_append (out, ", \"connections\": [");
  for (guint i = 0; i < n_connections; i++)
    {
      g_string_append (out, i > 0 ? ", " : "");
      append_connection (out, snapshot, connections[i]);
    }
  g_string_append (out, "]}");
}

static GPtrArray *closed_only_groups (const MciSection       *section,
                                      const MciReportHistory *history);

/* @groups: the view's, or NULL for all of the section's, each whole. @history:
 * (nullable): with it, the section's closes, and after its groups those whose
 * connections all closed in the window. */
static void
append_section (GString                *out,
                MciSnapshot            *snapshot,
                const MciSection       *section,
                const MciReportGroup   *groups,
                guint                   n_groups,
                MciHostnameFunc         hostname_func,
                gpointer                user_data,
                const MciReportHistory *history)
{
  g_autoptr(GPtrArray) closed_only = closed_only_groups (section, history);

  g_string_append_printf (out, "  {\"kind\": \"%s\", \"connections\": %u, \"duplicates\": %u",
                          mci_section_kind_to_string (section->kind),
                          section->n_connections, section->n_duplicates);
  if (history != NULL && history->history != NULL)
    append_count (out, "closed", TRUE,
                  mci_history_count_section (history->history, section->kind));
  g_string_append (out, ",\n   \"groups\": [");
  if (groups == NULL)
    n_groups = section->n_groups;
  for (guint g = 0; g < n_groups; g++)
    {
      MciReportGroup whole = { &section->groups[g], NULL, 0 };

      g_string_append (out, g > 0 ? ",\n    " : "\n    ");
      append_group (out, snapshot, groups != NULL ? &groups[g] : &whole, hostname_func,
                    user_data, history);
    }
  /* a group all of whose connections closed: no connections, its closes */
  for (guint i = 0; i < closed_only->len; i++)
    {
      MciEndpointGroup group = { .key = *(const MciEndpointKey *) closed_only->pdata[i] };
      MciReportGroup whole = { &group, NULL, 0 };

      g_string_append (out, n_groups + i > 0 ? ",\n    " : "\n    ");
      append_group (out, snapshot, &whole, hostname_func, user_data, history);
    }
  g_string_append (out, "]}");
}

/* {["host": …, ]"schema": …, "sampled_at": …, "skipped_lines": …, "note": …, without the
 * closing brace; @host: (nullable): the server's name */
static void
append_head (GString     *out,
             MciSnapshot *snapshot,
             const char  *host)
{
  g_autofree char *sampled_at = NULL;

  g_string_append_c (out, '{');
  if (host != NULL)
    {
      g_string_append (out, "\"host\": ");
      append_string (out, host);
      g_string_append (out, ", ");
    }
  sampled_at = g_date_time_format_iso8601 (mci_snapshot_get_sampled_at (snapshot));
  g_string_append_printf (out, "\"schema\": %d, \"sampled_at\": ", MCI_JSON_SCHEMA_VERSION);
  append_string (out, sampled_at);
  g_string_append_printf (out, ", \"skipped_lines\": %u, \"note\": ",
                          mci_snapshot_get_skipped_lines (snapshot));
  append_nullable_string (out, mci_snapshot_get_note (snapshot));
}

/* One group a line: readable as it is, and small enough to diff. */
char *
mci_report_format_json (MciSnapshot     *snapshot,
                        MciHostnameFunc  hostname_func,
                        gpointer         user_data)
{
  return mci_report_format_json_for_host (snapshot, NULL, hostname_func, user_data);
}

/* , "history": {...}: whether closes are recorded, for how long, and what was missed */
static void
append_recording (GString                *out,
                  const MciReportHistory *history)
{
  if (history == NULL)
    return;
  g_string_append (out, ",\n \"history\": {\"recorded\": ");
  g_string_append (out, history->history != NULL ? "true" : "false");
  append_key (out, "window_seconds");
  if (history->history != NULL)
    mci_decimal_append (out, mci_history_get_window (history->history) / G_USEC_PER_SEC);
  else
    g_string_append (out, "null");
  append_count (out, "missed", TRUE, history->missed);
  append_key (out, "note");
  append_nullable_string (out, history->note);
  g_string_append_c (out, '}');
}

static char *
format_json (MciSnapshot            *snapshot,
             const char             *host,
             MciHostnameFunc         hostname_func,
             gpointer                user_data,
             const MciReportHistory *history)
{
  GString *out;
  const MciSectionKind *kinds;
  guint n_sections;

  out = g_string_new (NULL);
  append_head (out, snapshot, host);
  append_recording (out, history);
  g_string_append (out, ",\n \"sections\": [\n");
  kinds = mci_grouping_get_sections (mci_snapshot_get_grouping (snapshot), &n_sections);
  for (guint k = 0; k < n_sections; k++)
    {
      append_section (out, snapshot, mci_snapshot_get_section (snapshot, kinds[k]), NULL, 0,
                      hostname_func, user_data, history);
      g_string_append (out, k + 1 < n_sections ? ",\n" : "\n");
    }
  g_string_append (out, " ]}\n");
  return g_string_free (out, FALSE);
}

/* @host: (nullable): the server the snapshot was read on, as the user named it; a
 * "host" member leads the object when given. */
char *
mci_report_format_json_for_host (MciSnapshot     *snapshot,
                                 const char      *host,
                                 MciHostnameFunc  hostname_func,
                                 gpointer         user_data)
{
  g_return_val_if_fail (MCI_IS_SNAPSHOT (snapshot), NULL);

  return format_json (snapshot, host, hostname_func, user_data, NULL);
}

/* A server that could not be read, among those that could: its name and why. */
char *
mci_report_format_json_failure (const char *host,
                                const char *message)
{
  GString *out = g_string_new ("{\"host\": ");

  g_return_val_if_fail (host != NULL && message != NULL, NULL);

  append_string (out, host);
  g_string_append_printf (out, ", \"schema\": %d, \"error\": ", MCI_JSON_SCHEMA_VERSION);
  append_string (out, message);
  g_string_append (out, "}\n");
  return g_string_free (out, FALSE);
}

/* @real_time (g_get_real_time ()) as ISO 8601 in UTC, or NULL for 0 (not known): how
 * the JSON and CSV reports write a close's times. */
char *
mci_report_format_time (gint64 real_time)
{
  g_autoptr(GDateTime) seconds = NULL;
  g_autoptr(GDateTime) time = NULL;

  if (real_time <= 0
      || (seconds = g_date_time_new_from_unix_utc (real_time / G_USEC_PER_SEC)) == NULL)
    return NULL;
  time = g_date_time_add (seconds, real_time % G_USEC_PER_SEC);
  return g_date_time_format_iso8601 (time);
}

static void
append_time (GString *out,
             gint64   real_time)
{
  g_autofree char *text = mci_report_format_time (real_time);

  if (text == NULL)
    g_string_append (out, "null");
  else
    append_string (out, text);
}

/* A closed connection: the four-tuple, its last state, its final figures, when it was
 * first seen and when it closed, and the owner a sample had named. */
static void
append_closed (GString                   *out,
               const MciClosedConnection *closed)
{
  const MciConnection *connection = &closed->connection;

  append_four_tuple (out, connection);
  append_key (out, "owner");
  append_nullable_string (out, closed->owner);
  append_key (out, "unit");
  append_nullable_string (out, closed->unit);
  append_key (out, "first_seen");
  append_time (out, closed->first_seen);
  append_key (out, "closed_at");
  append_time (out, closed->closed_at);
  append_key (out, "duration_seconds");
  if (closed->first_seen > 0)
    g_string_append_printf (out, "%.3f",
                            (double) (closed->closed_at - closed->first_seen) / G_USEC_PER_SEC);
  else
    g_string_append (out, "null");
  append_connection_traffic (out, connection);
  g_string_append_c (out, '}');
}

/* , "closed": n, "closed_connections": [...]: the group's closes in the window */
static void
append_group_closed (GString                *out,
                     const MciEndpointKey   *key,
                     const MciReportHistory *history)
{
  const GList *records;

  if (history == NULL || history->history == NULL)
    return;
  records = mci_history_get_closed (history->history, key);
  append_count (out, "closed", TRUE, mci_history_count_closed (history->history, key));
  g_string_append (out, ", \"closed_connections\": [");
  for (const GList *l = records; l != NULL; l = l->next)
    {
      g_string_append (out, l != records ? ", " : "");
      append_closed (out, mci_history_closed_of (l));
    }
  g_string_append_c (out, ']');
}

/* The groups of @section whose connections all closed within the window: in the
 * history, not in the snapshot. */
static GPtrArray *
closed_only_groups (const MciSection       *section,
                    const MciReportHistory *history)
{
  g_autoptr(GHashTable) open = g_hash_table_new (mci_endpoint_key_hash, mci_endpoint_key_equal);
  GPtrArray *keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) closed = NULL;

  if (history == NULL || history->history == NULL)
    return keys;
  for (guint g = 0; g < section->n_groups; g++)
    g_hash_table_add (open, (gpointer) &section->groups[g].key);
  closed = mci_history_get_groups (history->history, section->kind);
  for (guint i = 0; i < closed->len; i++)
    if (!g_hash_table_contains (open, closed->pdata[i]))
      g_ptr_array_add (keys, closed->pdata[i]);
  return keys;
}

/* The report on one line, with the closes of the window: JSON Lines, one snapshot
 * a line. Strings escape their line breaks, so every one left is the layout's. */
char *
mci_report_format_json_line (MciSnapshot            *snapshot,
                             MciHostnameFunc         hostname_func,
                             gpointer                user_data,
                             const MciReportHistory *history)
{
  g_autofree char *report = NULL;
  GString *line;

  g_return_val_if_fail (MCI_IS_SNAPSHOT (snapshot), NULL);
  g_return_val_if_fail (history != NULL, NULL);

  report = format_json (snapshot, NULL, hostname_func, user_data, history);
  line = g_string_sized_new (strlen (report));
  for (const char *p = report; *p != '\0'; p++)
    if (*p != '\n')
      g_string_append_c (line, *p);
  g_string_append_c (line, '\n');
  return g_string_free (line, FALSE);
}

/* {"event": "closed", ...}: one line for --events */
char *
mci_report_format_closed_event (const MciClosedConnection *closed)
{
  GString *out = g_string_new ("{\"event\": \"closed\", \"connection\": ");

  g_return_val_if_fail (closed != NULL, NULL);

  append_closed (out, closed);
  g_string_append (out, "}\n");
  return g_string_free (out, FALSE);
}

/* {"event": "opened", ...}: a connection a sample saw for the first time */
char *
mci_report_format_opened_event (MciSnapshot         *snapshot,
                                const MciConnection *connection)
{
  GString *out;
  g_autofree char *sampled_at = NULL;

  g_return_val_if_fail (MCI_IS_SNAPSHOT (snapshot), NULL);
  g_return_val_if_fail (connection != NULL, NULL);

  out = g_string_new ("{\"event\": \"opened\", \"seen_at\": ");
  sampled_at = g_date_time_format_iso8601 (mci_snapshot_get_sampled_at (snapshot));
  append_string (out, sampled_at);
  g_string_append (out, ", \"connection\": ");
  append_connection (out, snapshot, connection);
  g_string_append (out, "}\n");
  return g_string_free (out, FALSE);
}

/**
 * mci_report_format_json_view:
 *
 * What a window shows, as the report's schema: the view's sections, groups and
 * connections in its order, a group's "count" all of its connections and its
 * "connections" those shown, with "grouping" and "search" saying what the view was,
 * and the closed connections apart in "closed_connections" (an empty list without a
 * history).
 */
char *
mci_report_format_json_view (const MciReportView *view,
                             MciHostnameFunc      hostname_func,
                             gpointer             user_data)
{
  static const MciReportGroup no_groups[1];
  GString *out;

  g_return_val_if_fail (view != NULL && MCI_IS_SNAPSHOT (view->snapshot), NULL);

  out = g_string_new (NULL);
  append_head (out, view->snapshot, NULL);
  append_key (out, "grouping");
  append_string (out, mci_grouping_to_string (mci_snapshot_get_grouping (view->snapshot)));
  append_key (out, "search");
  append_nullable_string (out, view->search);
  g_string_append (out, ",\n \"sections\": [\n");
  for (guint k = 0; k < view->n_sections; k++)
    {
      const MciReportSection *section = &view->sections[k];

      append_section (out, view->snapshot, section->section,
                      section->groups != NULL ? section->groups : no_groups,
                      section->n_groups, hostname_func, user_data, NULL);
      g_string_append (out, k + 1 < view->n_sections ? ",\n" : "\n");
    }
  g_string_append (out, " ],\n \"closed_connections\": [");
  for (guint i = 0; i < view->n_closed; i++)
    {
      g_string_append (out, i > 0 ? ",\n  " : "\n  ");
      append_closed (out, &view->closed[i]);
    }
  g_string_append (out, "]}\n");
  return g_string_free (out, FALSE);
}
