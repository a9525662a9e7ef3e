/* mci-csv-report.c: what a window shows, as CSV, one connection a line
 *
 * For spreadsheets: a header line, then each shown connection with its section and
 * group beside it (status "open"), then the closed connections apart (status "closed",
 * no section or group: the history places them). RFC 4180: fields with a comma, a
 * quote or a line break are quoted, quotes doubled, lines end with CRLF.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-csv-report"

#include "config.h"

#include <string.h>

#include "mci-decimal.h"
#include "mci-report.h"

static const char header[] =
  "status,section,group_local_address,group_local_port,group_remote_address,"
  "group_remote_port,group_count,hostname,group_owner,local_address,local_port,"
  "remote_address,remote_port,state,uid,inode,owner,unit,bytes_sent,bytes_received,"
  "rtt_ms,first_seen,closed_at\r\n";

/* Host names and process names are other people's text: made valid UTF-8, and quoted
 * where they would end the field. */
static void
append_text (GString    *out,
             const char *text)
{
  g_autofree char *repaired = NULL;

  if (text == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL))
    text = repaired = g_utf8_make_valid (text, -1);
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_field (GString    *out,
              const char *text)
{
  g_string_append_c (out, ',');
  append_text (out, text);
}

static void
append_number (GString  *out,
               gboolean  known,
               guint64   value)
{
  g_string_append_c (out, ',');
  if (known)
    mci_decimal_append (out, value);
}

static void
append_address (GString          *out,
                const MciAddress *address)
{
  char buffer[MCI_ADDRESS_STRLEN];

  append_field (out, mci_address_is_set (address) ? mci_address_to_string (address, buffer)
                                                  : NULL);
}

static void
append_time (GString *out,
             gint64   real_time)
{
  g_autofree char *text = mci_report_format_time (real_time);

  append_field (out, text);
}

/* The connection's own columns, local_address to rtt_ms. */
static void
append_connection (GString             *out,
                   const MciConnection *connection,
                   const char          *owner,
                   const char          *unit)
{
  char rtt[32];

  append_address (out, &connection->local_address);
  append_number (out, TRUE, connection->local_port);
  append_address (out, &connection->remote_address);
  append_number (out, TRUE, connection->remote_port);
  append_field (out, mci_tcp_state_to_string (connection->state));
  append_number (out, TRUE, connection->uid);
  append_number (out, TRUE, connection->inode);
  append_field (out, owner);
  append_field (out, unit);
  append_number (out, connection->has_tcp_info, connection->bytes_sent);
  append_number (out, connection->has_tcp_info, connection->bytes_received);
  g_snprintf (rtt, sizeof rtt, "%u.%03u", connection->rtt_us / 1000, connection->rtt_us % 1000);
  append_field (out, connection->has_tcp_info ? rtt : NULL);
}

/* section to group_owner */
static void
append_group_columns (GString                *out,
                      MciSnapshot            *snapshot,
                      const MciEndpointGroup *group,
                      const char             *hostname)
{
  append_field (out, mci_section_kind_to_string (group->key.section));
  append_address (out, &group->key.local_address);
  append_number (out, group->key.local_port >= 0, group->key.local_port);
  append_address (out, &group->key.remote_address);
  append_number (out, group->key.remote_port >= 0, group->key.remote_port);
  append_number (out, TRUE, group->n_connections);
  append_field (out, hostname);
  append_field (out, mci_snapshot_get_group_owner (snapshot, group, NULL, NULL));
}

static void
append_shown (GString              *out,
              MciSnapshot          *snapshot,
              const MciReportGroup *shown,
              const char           *hostname)
{
  const MciEndpointGroup *group = shown->group;
  const MciConnection * const *connections = shown->connections != NULL ? shown->connections
                                                                        : group->connections;
  guint n = shown->connections != NULL ? shown->n_connections : group->n_connections;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *owner = NULL;
      MciOwner known = { 0 };

      /* an owner may be known by its unit alone (another user's process, a sandbox):
       * no process to name then */
      if (!mci_snapshot_get_owner (snapshot, connections[i], &known))
        memset (&known, 0, sizeof known);
      if (known.pid != 0)
        owner = mci_owner_format (&known);
      g_string_append (out, "open");
      append_group_columns (out, snapshot, group, hostname);
      append_connection (out, connections[i], owner, known.unit);
      append_field (out, NULL);   /* first_seen: the history's */
      append_field (out, NULL);
      g_string_append (out, "\r\n");
    }
}

static void
append_closed (GString                   *out,
               const MciClosedConnection *closed)
{
  g_string_append (out, "closed,,,,,,,,");
  append_connection (out, &closed->connection, closed->owner, closed->unit);
  append_time (out, closed->first_seen);
  append_time (out, closed->closed_at);
  g_string_append (out, "\r\n");
}

/**
 * mci_report_format_csv_view:
 *
 * The view as CSV (see the top of this file); blocking on nothing, for any thread.
 */
char *
mci_report_format_csv_view (const MciReportView *view,
                            MciHostnameFunc      hostname_func,
                            gpointer             user_data)
{
  GString *out;

  g_return_val_if_fail (view != NULL && MCI_IS_SNAPSHOT (view->snapshot), NULL);

  out = g_string_new (header);
  for (guint k = 0; k < view->n_sections; k++)
    for (guint g = 0; g < view->sections[k].n_groups; g++)
      {
        const MciReportGroup *shown = &view->sections[k].groups[g];
        const MciAddress *peer = mci_endpoint_group_get_peer (shown->group);
        const char *hostname = peer != NULL && hostname_func != NULL
                               ? hostname_func (peer, user_data) : NULL;

        append_shown (out, view->snapshot, shown, hostname);
      }
  for (guint i = 0; i < view->n_closed; i++)
    append_closed (out, &view->closed[i]);
  return g_string_free (out, FALSE);
}
