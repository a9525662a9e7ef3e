/* mci-traffic.c: bytes, rates and round-trip times of connections, and their sums
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-traffic"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-traffic.h"

void
mci_traffic_add (MciTraffic          *self,
                 const MciConnection *connection)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (connection != NULL);

  if (!connection->has_tcp_info)
    return;
  self->n_measured++;
  self->bytes_sent += connection->bytes_sent;
  self->bytes_received += connection->bytes_received;
  self->max_rtt_us = MAX (self->max_rtt_us, connection->rtt_us);
  if (!connection->has_rates)
    return;
  self->n_rated++;
  self->sent_per_second += connection->sent_per_second;
  self->received_per_second += connection->received_per_second;
}

void
mci_traffic_add_traffic (MciTraffic       *self,
                         const MciTraffic *other)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);

  self->n_measured += other->n_measured;
  self->n_rated += other->n_rated;
  self->bytes_sent += other->bytes_sent;
  self->bytes_received += other->bytes_received;
  self->sent_per_second += other->sent_per_second;
  self->received_per_second += other->received_per_second;
  self->max_rtt_us = MAX (self->max_rtt_us, other->max_rtt_us);
}

/* "↓ 1.2 MB/s ↑ 40.0 kB/s"; NULL where no connection has a rate yet. */
char *
mci_traffic_format_rates (const MciTraffic *self)
{
  g_autofree char *down = NULL, *up = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->n_rated == 0)
    return NULL;
  down = g_format_size (self->received_per_second);
  up = g_format_size (self->sent_per_second);
  /* TRANSLATORS: received and sent per second, as in "↓ 1.2 MB/s ↑ 40.0 kB/s" */
  return g_strdup_printf (_("↓ %s/s ↑ %s/s"), down, up);
}

/* "↓ 1.2 GB ↑ 40.0 MB"; NULL where no connection was measured. */
char *
mci_traffic_format_totals (const MciTraffic *self)
{
  g_autofree char *down = NULL, *up = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->n_measured == 0)
    return NULL;
  down = g_format_size (self->bytes_received);
  up = g_format_size (self->bytes_sent);
  /* TRANSLATORS: received and sent in all, as in "↓ 1.2 GB ↑ 40.0 MB" */
  return g_strdup_printf (_("↓ %s ↑ %s"), down, up);
}

typedef struct
{
  guint64 cookie;       /* first: the entry is its own key */
  guint64 bytes_sent;
  guint64 bytes_received;
} Counts;

struct _MciTrafficMeter
{
  GHashTable *previous; /* Counts by cookie, of the last sample only */
  gint64      previous_time;
};

MciTrafficMeter *
mci_traffic_meter_new (void)
{
  MciTrafficMeter *self = g_new0 (MciTrafficMeter, 1);

  self->previous = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  return self;
}

void
mci_traffic_meter_free (MciTrafficMeter *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->previous);
  g_free (self);
}

static void
rate (MciConnection *row,
      const Counts  *before,
      double         seconds)
{
  /* counts never go back for one socket; a cookie used again would be a new socket */
  if (row->bytes_sent < before->bytes_sent || row->bytes_received < before->bytes_received)
    return;
  row->sent_per_second = (row->bytes_sent - before->bytes_sent) / seconds + 0.5;
  row->received_per_second = (row->bytes_received - before->bytes_received) / seconds + 0.5;
  row->has_rates = TRUE;
}

/* Sets each measured connection's rates from its counts in the sample before, and
 * keeps this sample's counts for the next: the memory is one entry per socket that
 * this sample measured. */
void
mci_traffic_meter_update (MciTrafficMeter *self,
                          GArray          *connections,
                          gint64           monotonic_time)
{
  GHashTable *current;
  double seconds = (monotonic_time - self->previous_time) / (double) G_USEC_PER_SEC;

  g_return_if_fail (self != NULL);
  g_return_if_fail (connections != NULL);

  current = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  for (guint i = 0; i < connections->len; i++)
    {
      MciConnection *row = &g_array_index (connections, MciConnection, i);
      const Counts *before;
      Counts *counts;

      if (!row->has_tcp_info || row->cookie == 0)
        continue;
      before = g_hash_table_lookup (self->previous, &row->cookie);
      if (before != NULL && seconds > 0)
        rate (row, before, seconds);
      counts = g_new (Counts, 1);
      *counts = (Counts) { row->cookie, row->bytes_sent, row->bytes_received };
      g_hash_table_insert (current, counts, counts);
    }
  g_hash_table_unref (self->previous);
  self->previous = current;
  self->previous_time = monotonic_time;
}
