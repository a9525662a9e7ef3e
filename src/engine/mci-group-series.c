/* mci-group-series.c: each endpoint group's count and traffic over the history's window
 *
 * The window is cut into MCI_GROUP_SERIES_POINTS steps (10 s each for 10 minutes); a
 * group keeps a point for each step a sample saw it in, the step's last sample's count
 * and rates, oldest first in a ring of its own. A group no sample has listed for a whole
 * window goes. So the series are bounded twice: points per group, and groups by what
 * the samples of one window held; a point is 32 bytes, a group's ring 4 KiB.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-group-series"

#include "config.h"

#include "mci-group-series.h"

typedef struct
{
  MciEndpointKey key;
  guint          first;   /* the oldest point's index in the ring */
  guint          n_points;
  MciSeriesPoint points[MCI_GROUP_SERIES_POINTS * 2];  /* a ring, and room to hand
                                                          out the points in order */
} Series;

struct _MciGroupSeries
{
  GTimeSpan   window;
  GTimeSpan   step;
  GHashTable *series;  /* &key → Series */
};

MciGroupSeries *
mci_group_series_new (GTimeSpan window)
{
  MciGroupSeries *self;

  g_return_val_if_fail (window >= MCI_GROUP_SERIES_POINTS, NULL);

  self = g_new0 (MciGroupSeries, 1);
  self->window = window;
  self->step = window / MCI_GROUP_SERIES_POINTS;
  self->series = g_hash_table_new_full (mci_endpoint_key_hash, mci_endpoint_key_equal, NULL,
                                        g_free);
  return self;
}

void
mci_group_series_free (MciGroupSeries *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->series);
  g_free (self);
}

static MciSeriesPoint *
last_point (Series *series)
{
  g_assert (series->n_points > 0);
  return &series->points[(series->first + series->n_points - 1) % MCI_GROUP_SERIES_POINTS];
}

static void
add_group (MciGroupSeries         *self,
           const MciEndpointGroup *group,
           gint64                  step_start)
{
  Series *series = g_hash_table_lookup (self->series, &group->key);
  MciSeriesPoint *point;

  if (series == NULL)
    {
      series = g_new0 (Series, 1);
      series->key = group->key;
      g_hash_table_insert (self->series, &series->key, series);
    }
  if (series->n_points == 0 || last_point (series)->start != step_start)
    {
      if (series->n_points == MCI_GROUP_SERIES_POINTS)
        {
          series->first = (series->first + 1) % MCI_GROUP_SERIES_POINTS;
          series->n_points--;
        }
      series->n_points++;
    }
  point = last_point (series);
  point->start = step_start;
  point->n_connections = group->n_connections;
  point->sent_per_second = group->traffic.n_rated > 0 ? group->traffic.sent_per_second : 0;
  point->received_per_second = group->traffic.n_rated > 0 ? group->traffic.received_per_second
                                                          : 0;
}

static gboolean
expire_points (gpointer key,
               gpointer value,
               gpointer user_data)
{
  Series *series = value;
  gint64 oldest = *(gint64 *) user_data;

  while (series->n_points > 0 && series->points[series->first].start < oldest)
    {
      series->first = (series->first + 1) % MCI_GROUP_SERIES_POINTS;
      series->n_points--;
    }
  return series->n_points == 0;
}

/* After each sample: a point for each of its groups (listening sockets aside), in the
 * step of its time; points older than the window go, and groups left with none. */
void
mci_group_series_add (MciGroupSeries *self,
                      MciSnapshot    *snapshot)
{
  GDateTime *time;
  gint64 now, step_start, oldest;

  g_return_if_fail (self != NULL);
  g_return_if_fail (MCI_IS_SNAPSHOT (snapshot));

  time = mci_snapshot_get_sampled_at (snapshot);
  now = g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
  step_start = now - now % self->step;
  for (guint k = 0; k < MCI_SECTION_LISTENING; k++)
    {
      const MciSection *section = mci_snapshot_get_section (snapshot, k);

      for (guint g = 0; g < section->n_groups; g++)
        add_group (self, &section->groups[g], step_start);
    }
  oldest = step_start - self->window + self->step;
  g_hash_table_foreach_remove (self->series, expire_points, &oldest);
}

/* @key's points, oldest first, or NULL with @n_points 0 when no sample of the window
 * listed it. Valid until the next mci_group_series_add(). */
const MciSeriesPoint *
mci_group_series_get (MciGroupSeries       *self,
                      const MciEndpointKey *key,
                      guint                *n_points)
{
  Series *series;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL && n_points != NULL, NULL);

  series = g_hash_table_lookup (self->series, key);
  *n_points = series != NULL ? series->n_points : 0;
  if (series == NULL)
    return NULL;
  /* the ring's tail, copied after it, makes the points one run in order */
  memcpy (&series->points[MCI_GROUP_SERIES_POINTS], series->points,
          sizeof (MciSeriesPoint) * MCI_GROUP_SERIES_POINTS);
  return &series->points[series->first];
}

guint
mci_group_series_get_n_groups (MciGroupSeries *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->series);
}
