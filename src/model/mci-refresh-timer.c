/* mci-refresh-timer.c: when to sample the machine again, one sample at a time
 *
 * Samples through the sampler on a timer: none while nobody looks or the interval is
 * 0 ("paused"), and never two at once. A saved capture does not change: it is read
 * when first looked at and then only when asked, whatever the interval. Each finished
 * sample is announced by "sampled" (a snapshot) or "failed" (an error).
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-refresh-timer"

#include "config.h"

#include "mci-refresh-timer.h"

struct _MciRefreshTimer
{
  GObject       parent_instance;

  MciSampler   *sampler;
  GCancellable *cancellable;
  guint         interval_ms;
  guint         timeout_id;
  guint         active : 1;
  guint         sampling : 1;
  guint         sample_again : 1;
  guint         live : 1;
  guint         started : 1;
};

G_DEFINE_FINAL_TYPE (MciRefreshTimer, mci_refresh_timer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INTERVAL,
  PROP_ACTIVE,
  PROP_SAMPLING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAMPLED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_sample (MciRefreshTimer *self);

static void
mci_refresh_timer_dispose (GObject *object)
{
  mci_refresh_timer_stop (MCI_REFRESH_TIMER (object));

  G_OBJECT_CLASS (mci_refresh_timer_parent_class)->dispose (object);
}

static void
mci_refresh_timer_finalize (GObject *object)
{
  MciRefreshTimer *self = (MciRefreshTimer *) object;

  g_clear_object (&self->sampler);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mci_refresh_timer_parent_class)->finalize (object);
}

static void
mci_refresh_timer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MciRefreshTimer *self = MCI_REFRESH_TIMER (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval_ms);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_SAMPLING:
      g_value_set_boolean (value, self->sampling);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_refresh_timer_class_init (MciRefreshTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mci_refresh_timer_dispose;
  object_class->finalize = mci_refresh_timer_finalize;
  object_class->get_property = mci_refresh_timer_get_property;

  properties[PROP_INTERVAL] = g_param_spec_uint ("interval", NULL, NULL, 0, 3600 * 1000, 0, ro);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, ro);
  properties[PROP_SAMPLING] = g_param_spec_boolean ("sampling", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAMPLED] = g_signal_new ("sampled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, MCI_TYPE_SNAPSHOT);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
mci_refresh_timer_init (MciRefreshTimer *self)
{
  self->cancellable = g_cancellable_new ();
}

MciRefreshTimer *
mci_refresh_timer_new (MciSampler *sampler)
{
  MciRefreshTimer *self;

  g_return_val_if_fail (MCI_IS_SAMPLER (sampler), NULL);

  self = g_object_new (MCI_TYPE_REFRESH_TIMER, NULL);
  self->sampler = g_object_ref (sampler);
  self->live = mci_source_is_live (mci_sampler_get_source (sampler));
  return self;
}

static void
set_sampling (MciRefreshTimer *self,
              gboolean         sampling)
{
  if (self->sampling == !!sampling)
    return;
  self->sampling = !!sampling;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLING]);
}

static gboolean
on_timeout (gpointer data)
{
  MciRefreshTimer *self = data;

  self->timeout_id = 0;
  start_sample (self);
  return G_SOURCE_REMOVE;
}

/* The next sample starts an interval after the last one ended, so that a slow sample
 * can never pile up behind itself. */
static void
schedule (MciRefreshTimer *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->active || self->interval_ms == 0 || self->sampling || !self->live)
    return;
  self->timeout_id = g_timeout_add (self->interval_ms, on_timeout, self);
}

static void
on_sampled (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MciRefreshTimer) self = user_data;
  g_autoptr(MciSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  snapshot = mci_sampler_sample_finish (MCI_SAMPLER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_sampling (self, FALSE);
  if (snapshot != NULL)
    g_signal_emit (self, signals[SAMPLED], 0, snapshot);
  else
    g_signal_emit (self, signals[FAILED], 0, error);
  if (self->sample_again)
    start_sample (self);
  else
    schedule (self);
}

static void
start_sample (MciRefreshTimer *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->sample_again = FALSE;
  self->started = TRUE;
  set_sampling (self, TRUE);
  mci_sampler_sample_async (self->sampler, self->cancellable, on_sampled, g_object_ref (self));
}

MciSampler *
mci_refresh_timer_get_sampler (MciRefreshTimer *self)
{
  g_return_val_if_fail (MCI_IS_REFRESH_TIMER (self), NULL);

  return self->sampler;
}

guint
mci_refresh_timer_get_interval (MciRefreshTimer *self)
{
  g_return_val_if_fail (MCI_IS_REFRESH_TIMER (self), 0);

  return self->interval_ms;
}

/* 0 pauses. */
void
mci_refresh_timer_set_interval (MciRefreshTimer *self,
                                guint            interval_ms)
{
  g_return_if_fail (MCI_IS_REFRESH_TIMER (self));

  if (self->interval_ms == interval_ms)
    return;
  self->interval_ms = interval_ms;
  schedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

gboolean
mci_refresh_timer_get_active (MciRefreshTimer *self)
{
  g_return_val_if_fail (MCI_IS_REFRESH_TIMER (self), FALSE);

  return self->active;
}

/* Whether anyone is looking: when someone starts to, it samples at once (a capture only
 * the first time). */
void
mci_refresh_timer_set_active (MciRefreshTimer *self,
                              gboolean         active)
{
  g_return_if_fail (MCI_IS_REFRESH_TIMER (self));

  if (self->active == !!active)
    return;
  self->active = !!active;
  if (self->active && !self->sampling && (self->live || !self->started))
    start_sample (self);
  else
    schedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

gboolean
mci_refresh_timer_get_sampling (MciRefreshTimer *self)
{
  g_return_val_if_fail (MCI_IS_REFRESH_TIMER (self), FALSE);

  return self->sampling;
}

/* Samples now; if a sample is running, once more when it is done. */
void
mci_refresh_timer_refresh (MciRefreshTimer *self)
{
  g_return_if_fail (MCI_IS_REFRESH_TIMER (self));

  if (self->sampling)
    self->sample_again = TRUE;
  else
    start_sample (self);
}

/* For good: the sample under way is cancelled and no other starts. */
void
mci_refresh_timer_stop (MciRefreshTimer *self)
{
  g_return_if_fail (MCI_IS_REFRESH_TIMER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
}
