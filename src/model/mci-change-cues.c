/* mci-change-cues.c: how long a new (or grown) row is shown as such
 *
 * Rows that appeared or grew are flagged by whoever made them; this clears the flag when
 * the cue's time is up, checking a few times a second while any cue is on.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-change-cues"

#include "config.h"

#include "mci-change-cues.h"

#define DEFAULT_DURATION_MS 3000
#define CHECK_MS            250

/* On a row: when its latest cue ends. A group that grows again while its first cue is
 * on is cued again, and the first cue's end must not clear the second. */
#define CUE_END_KEY "mci-change-cues-end"

typedef struct
{
  MciRow *row;
  gint64  until;
} Cue;

struct _MciChangeCues
{
  GObject  parent_instance;

  GQueue   cues;           /* of Cue, oldest first */
  guint    duration_ms;
  guint    timeout_id;
};

G_DEFINE_FINAL_TYPE (MciChangeCues, mci_change_cues, G_TYPE_OBJECT)

static void
cue_free (gpointer data)
{
  Cue *cue = data;

  g_object_unref (cue->row);
  g_free (cue);
}

static void
mci_change_cues_dispose (GObject *object)
{
  MciChangeCues *self = (MciChangeCues *) object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_queue_clear_full (&self->cues, cue_free);

  G_OBJECT_CLASS (mci_change_cues_parent_class)->dispose (object);
}

static void
mci_change_cues_class_init (MciChangeCuesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mci_change_cues_dispose;
}

static void
mci_change_cues_init (MciChangeCues *self)
{
  self->duration_ms = DEFAULT_DURATION_MS;
}

MciChangeCues *
mci_change_cues_new (void)
{
  return g_object_new (MCI_TYPE_CHANGE_CUES, NULL);
}

guint
mci_change_cues_get_duration (MciChangeCues *self)
{
  g_return_val_if_fail (MCI_IS_CHANGE_CUES (self), 0);

  return self->duration_ms;
}

/* For cues added from now on. */
void
mci_change_cues_set_duration (MciChangeCues *self,
                              guint          duration_ms)
{
  g_return_if_fail (MCI_IS_CHANGE_CUES (self));

  self->duration_ms = duration_ms;
}

/* A row that closed meanwhile keeps that cue. */
static gboolean
clear_cues (gpointer data)
{
  MciChangeCues *self = data;
  gint64 now = g_get_monotonic_time ();
  Cue *cue;

  while ((cue = g_queue_peek_head (&self->cues)) != NULL && cue->until <= now)
    {
      MciRowChange change = mci_row_get_change (cue->row);
      gint64 *end = g_object_get_data (G_OBJECT (cue->row), CUE_END_KEY);

      if ((change == MCI_ROW_CHANGE_NEW || change == MCI_ROW_CHANGE_GROWN)
          && (end == NULL || *end <= now))
        mci_row_set_change (cue->row, MCI_ROW_CHANGE_NONE);
      cue_free (g_queue_pop_head (&self->cues));
    }
  if (!g_queue_is_empty (&self->cues))
    return G_SOURCE_CONTINUE;
  self->timeout_id = 0;
  return G_SOURCE_REMOVE;
}

/* @appeared: the rows just flagged new. */
void
mci_change_cues_add (MciChangeCues *self,
                     GPtrArray     *appeared)
{
  gint64 until;

  g_return_if_fail (MCI_IS_CHANGE_CUES (self));
  g_return_if_fail (appeared != NULL);

  until = g_get_monotonic_time () + (gint64) self->duration_ms * 1000;
  for (guint i = 0; i < appeared->len; i++)
    {
      Cue *cue = g_new (Cue, 1);

      cue->row = g_object_ref (g_ptr_array_index (appeared, i));
      cue->until = until;
      g_object_set_data_full (G_OBJECT (cue->row), CUE_END_KEY, g_memdup2 (&until, sizeof until),
                              g_free);
      g_queue_push_tail (&self->cues, cue);
    }
  if (appeared->len > 0 && self->timeout_id == 0)
    self->timeout_id = g_timeout_add (MIN (CHECK_MS, MAX (self->duration_ms, 1)),
                                      clear_cues, self);
}
