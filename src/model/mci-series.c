/* mci-series.c: the last values of a figure, one a sample, in a bounded ring
 *
 * What a sparkline draws: a group's connection count, a section's total, the traffic,
 * for the history window (ten minutes of samples at the refresh interval). The ring
 * grows as samples come, up to its capacity, and then drops the oldest: a group seen
 * once costs one value, a busy server's thousands of groups no more than their window.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-series"

#include "config.h"

#include <string.h>

#include "mci-series.h"

struct _MciSeries
{
  gatomicrefcount ref_count;
  float          *values;
  guint           allocated;
  guint           capacity;
  guint           length;
  guint           start;      /* the oldest value's place */
};

G_DEFINE_BOXED_TYPE (MciSeries, mci_series, mci_series_ref, mci_series_unref)

MciSeries *
mci_series_new (guint capacity)
{
  MciSeries *self;

  g_return_val_if_fail (capacity > 0, NULL);

  self = g_new0 (MciSeries, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->capacity = capacity;
  return self;
}

MciSeries *
mci_series_ref (MciSeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mci_series_unref (MciSeries *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->values);
  g_free (self);
}

/* The values oldest first, in a fresh array of @size (at least the length). */
static float *
unroll (const MciSeries *self,
        guint            size)
{
  float *values = g_new0 (float, MAX (size, 1));

  for (guint i = 0; i < self->length; i++)
    values[i] = self->values[(self->start + i) % self->allocated];
  return values;
}

void
mci_series_push (MciSeries *self,
                 float      value)
{
  g_return_if_fail (self != NULL);

  if (self->length < self->allocated)
    {
      self->values[(self->start + self->length++) % self->allocated] = value;
      return;
    }
  if (self->allocated < self->capacity)
    {
      /* doubling, so that a long run costs a few copies */
      guint size = MIN (self->capacity, MAX (8, self->allocated * 2));
      float *values = unroll (self, size);

      g_free (self->values);
      self->values = values;
      self->allocated = size;
      self->start = 0;
      self->values[self->length++] = value;
      return;
    }
  self->values[self->start] = value;
  self->start = (self->start + 1) % self->allocated;
}

/* Keeps the newest values that fit, when the interval (and so the window's count of
 * samples) changes. */
void
mci_series_set_capacity (MciSeries *self,
                         guint      capacity)
{
  float *values;
  guint keep;

  g_return_if_fail (self != NULL);
  g_return_if_fail (capacity > 0);

  if (capacity == self->capacity)
    return;
  keep = MIN (self->length, capacity);
  values = unroll (self, self->length);
  g_free (self->values);
  self->values = g_new0 (float, keep > 0 ? keep : 1);
  memcpy (self->values, values + self->length - keep, keep * sizeof (float));
  g_free (values);
  self->allocated = MAX (keep, 1);
  self->length = keep;
  self->start = 0;
  self->capacity = capacity;
}

guint
mci_series_get_capacity (const MciSeries *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->capacity;
}

guint
mci_series_get_length (const MciSeries *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}

/* The value @index samples after the oldest kept. */
float
mci_series_get (const MciSeries *self,
                guint            index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->length, 0);

  return self->values[(self->start + index) % self->allocated];
}

float
mci_series_get_max (const MciSeries *self)
{
  float max = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->length; i++)
    max = MAX (max, self->values[(self->start + i) % self->allocated]);
  return max;
}
