/* mci-sampler.c: takes snapshots on a worker thread
 *
 * One sample is in flight at a time: a caller who asks while one runs joins it and
 * gets the same snapshot, so a "Refresh now" during a timed refresh costs nothing.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-sampler"

#include "config.h"

#include "mci-proc-source.h"
#include "mci-sampler.h"

struct _MciSampler
{
  GObject       parent_instance;
  MciSource    *source;
  GCancellable *cancellable; /* the worker's; cancelled on dispose */
  GPtrArray    *waiting;     /* GTask: callers of the sample in flight */
  MciOwnerMap  *owner_map;   /* NULL: no owners; used by the one worker in flight only */
  MciSocketMemory *memory;   /* NULL: no close listener wants the samples' sockets */
  MciGrouping   grouping;    /* of the samples to come */
  guint         in_flight : 1;
};

enum {
  PROP_0,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MciSampler, mci_sampler, G_TYPE_OBJECT)

static void
mci_sampler_dispose (GObject *object)
{
  MciSampler *self = MCI_SAMPLER (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (mci_sampler_parent_class)->dispose (object);
}

static void
mci_sampler_finalize (GObject *object)
{
  MciSampler *self = MCI_SAMPLER (object);

  g_assert (self->waiting->len == 0);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_object (&self->source);
  g_clear_pointer (&self->owner_map, mci_owner_map_free);
  g_clear_pointer (&self->memory, mci_socket_memory_unref);
  G_OBJECT_CLASS (mci_sampler_parent_class)->finalize (object);
}

static void
mci_sampler_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MciSampler *self = MCI_SAMPLER (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_sampler_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MciSampler *self = MCI_SAMPLER (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_sampler_class_init (MciSamplerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mci_sampler_dispose;
  object_class->finalize = mci_sampler_finalize;
  object_class->get_property = mci_sampler_get_property;
  object_class->set_property = mci_sampler_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, MCI_TYPE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mci_sampler_init (MciSampler *self)
{
  self->cancellable = g_cancellable_new ();
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

MciSampler *
mci_sampler_new_for_source (MciSource *source)
{
  g_return_val_if_fail (MCI_IS_SOURCE (source), NULL);

  return g_object_new (MCI_TYPE_SAMPLER, "source", source, NULL);
}

/**
 * mci_sampler_new:
 * @proc_root: (nullable): a directory laid out like /proc/net; the live one if %NULL
 *
 * A sampler of /proc text, live or saved.
 */
MciSampler *
mci_sampler_new (const char *proc_root)
{
  g_autoptr(MciSource) source = mci_proc_source_new (proc_root != NULL ? proc_root
                                                                       : MCI_LIVE_PROC_ROOT);

  return mci_sampler_new_for_source (source);
}

MciSource *
mci_sampler_get_source (MciSampler *self)
{
  g_return_val_if_fail (MCI_IS_SAMPLER (self), NULL);
  return self->source;
}

gboolean
mci_sampler_is_sampling (MciSampler *self)
{
  g_return_val_if_fail (MCI_IS_SAMPLER (self), FALSE);
  return self->in_flight;
}

/* Owners are looked up for the live machine only: a saved capture has no processes, a
 * remote server none that this machine can see. Call before the first sample. */
void
mci_sampler_set_owners (MciSampler *self,
                        gboolean    owners)
{
  g_return_if_fail (MCI_IS_SAMPLER (self));
  g_return_if_fail (!self->in_flight);

  g_clear_pointer (&self->owner_map, mci_owner_map_free);
  if (owners && mci_source_is_this_machine (self->source))
    self->owner_map = mci_owner_map_new ("/proc");
}

/* Each sample's sockets go to @memory, for a close listener to name their closes.
 * Call before the first sample. */
void
mci_sampler_set_socket_memory (MciSampler      *self,
                               MciSocketMemory *memory)
{
  g_return_if_fail (MCI_IS_SAMPLER (self));
  g_return_if_fail (!self->in_flight);

  g_clear_pointer (&self->memory, mci_socket_memory_unref);
  if (memory != NULL)
    self->memory = mci_socket_memory_ref (memory);
}

/* Samples started from now on are grouped by @grouping; one in flight keeps its own. */
void
mci_sampler_set_grouping (MciSampler  *self,
                          MciGrouping  grouping)
{
  g_return_if_fail (MCI_IS_SAMPLER (self));

  self->grouping = grouping;
}

MciGrouping
mci_sampler_get_grouping (MciSampler *self)
{
  g_return_val_if_fail (MCI_IS_SAMPLER (self), MCI_GROUPING_ENDPOINT);

  return self->grouping;
}

static void
sample_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  MciSampler *self = source_object;
  GError *error = NULL;
  MciSnapshot *snapshot = mci_source_read (self->source, cancellable, &error);

  if (snapshot == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  mci_snapshot_set_grouping (snapshot, GPOINTER_TO_INT (task_data));
  if (self->owner_map != NULL)
    mci_snapshot_add_owners (snapshot, self->owner_map);
  if (self->memory != NULL)
    mci_socket_memory_remember (self->memory, snapshot);
  g_task_return_pointer (task, snapshot, g_object_unref);
}

static void
hand_out (MciSampler  *self,
          MciSnapshot *snapshot,
          GError      *error)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (g_task_return_error_if_cancelled (task))
        continue;
      if (snapshot != NULL)
        g_task_return_pointer (task, g_object_ref (snapshot), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

static void
sample_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  MciSampler *self = MCI_SAMPLER (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSnapshot) snapshot = g_task_propagate_pointer (G_TASK (result), &error);

  self->in_flight = FALSE;
  hand_out (self, snapshot, error);
}

/* @cancellable cancels this caller's wait; the sample itself runs to its end unless
 * the sampler is disposed, and other callers still get it. */
void
mci_sampler_sample_async (MciSampler          *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) worker = NULL;
  GTask *task;

  g_return_if_fail (MCI_IS_SAMPLER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mci_sampler_sample_async);
  g_ptr_array_add (self->waiting, task);
  if (self->in_flight)
    return;

  self->in_flight = TRUE;
  worker = g_task_new (self, self->cancellable, sample_done, NULL);
  g_task_set_source_tag (worker, sample_in_thread);
  g_task_set_task_data (worker, GINT_TO_POINTER (self->grouping), NULL);
  g_task_run_in_thread (worker, sample_in_thread);
}

MciSnapshot *
mci_sampler_sample_finish (MciSampler    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (MCI_IS_SAMPLER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mci_sampler_sample_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
