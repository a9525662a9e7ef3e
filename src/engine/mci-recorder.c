/* mci-recorder.c: the live machine's closed connections, kept for a window
 *
 * One object for what a live view needs to show closed connections: the close
 * listener (its own thread), the memory the sampler's worker feeds so that each close
 * has its first-seen time and owner, and the bounded history that counts them per
 * endpoint group. The listener hands its batches to the main context; the recorder
 * files them in the history there, in the groups the latest sample's listeners say,
 * and passes them on as "closed" for whoever prints or shows them.
 *
 * Only the kernel's sock_diag source can record closes: a /proc table or a capture
 * has neither the announcements nor the cookies to join them by. Then the recorder
 * records nothing and its note says so.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-recorder"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mci-classifier.h"
#include "mci-close-listener.h"
#include "mci-netlink-source.h"
#include "mci-recorder.h"

struct _MciRecorder
{
  GObject           parent_instance;
  MciCloseListener *listener;   /* NULL: not recording, and note says why */
  MciSocketMemory  *memory;
  MciHistory       *history;
  MciLocalMachine  *machine;
  MciClassifier    *classifier; /* from the recent samples' listeners */
  GHashTable       *listeners;  /* MciEndpointKey → Listener: those of the last seconds */
  char             *note;
};

/* A listener a sample saw lately: the closes of its connections may come after it went. */
#define LISTENER_LINGER (10 * G_TIME_SPAN_SECOND)

typedef struct
{
  MciEndpointKey key;
  MciConnection  row;
  gint64         last_seen;  /* monotonic */
} Listener;

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MciRecorder, mci_recorder, G_TYPE_OBJECT)

static void
mci_recorder_dispose (GObject *object)
{
  MciRecorder *self = MCI_RECORDER (object);

  g_clear_object (&self->listener);
  G_OBJECT_CLASS (mci_recorder_parent_class)->dispose (object);
}

static void
mci_recorder_finalize (GObject *object)
{
  MciRecorder *self = MCI_RECORDER (object);

  g_clear_pointer (&self->memory, mci_socket_memory_unref);
  g_clear_pointer (&self->history, mci_history_free);
  g_clear_pointer (&self->classifier, mci_classifier_free);
  g_clear_pointer (&self->listeners, g_hash_table_unref);
  g_clear_pointer (&self->machine, mci_local_machine_free);
  g_free (self->note);
  G_OBJECT_CLASS (mci_recorder_parent_class)->finalize (object);
}

static void
mci_recorder_class_init (MciRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mci_recorder_dispose;
  object_class->finalize = mci_recorder_finalize;

  /**
   * MciRecorder::closed:
   * @closed: (element-type MciClosedConnection): the closes just filed in the history
   *
   * Emitted on the main context, after the history has them.
   */
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
mci_recorder_init (MciRecorder *self)
{
  self->listeners = g_hash_table_new_full (mci_endpoint_key_hash, mci_endpoint_key_equal, NULL,
                                           g_free);
}

/* A close without a peer is a listening socket's, or one its program aborted before a
 * sample saw it (the kernel forgets the peer first): it has no endpoint group. */
static void
add_to_history (MciRecorder *self,
                GArray      *batch)
{
  const MciClosedConnection *closed = (const MciClosedConnection *) batch->data;
  guint start = 0;

  for (guint i = 0; i <= batch->len; i++)
    if (i == batch->len || closed[i].connection.remote_port == 0)
      {
        mci_history_add (self->history, closed + start, i - start, self->classifier);
        start = i + 1;
      }
}

static void
on_closed (MciCloseListener *listener,
           GArray           *batch,
           MciRecorder      *self)
{
  add_to_history (self, batch);
  mci_history_expire (self->history, g_get_real_time ());
  g_signal_emit (self, signals[CLOSED], 0, batch);
}

static void
start_listening (MciRecorder *self,
                 MciSampler  *sampler)
{
  g_autoptr(GError) error = NULL;

  self->memory = mci_socket_memory_new ();
  self->listener = mci_close_listener_new (self->memory, &error);
  if (self->listener == NULL)
    {
      self->note = g_strdup (error->message);
      return;
    }
  mci_sampler_set_socket_memory (sampler, self->memory);
  g_signal_connect (self->listener, "closed", G_CALLBACK (on_closed), self);
}

/**
 * mci_recorder_new:
 * @sampler: the live source's sampler, before its first sample
 * @window: how long closes are kept, up to %MCI_HISTORY_MAX_WINDOW
 * @max_records: how many at most
 *
 * Starts recording the closes of @sampler's machine, when it is the live machine over
 * sock_diag; otherwise mci_recorder_get_note () says that closes are not recorded.
 */
MciRecorder *
mci_recorder_new (MciSampler *sampler,
                  GTimeSpan   window,
                  guint       max_records)
{
  MciRecorder *self;
  MciSource *source;

  g_return_val_if_fail (MCI_IS_SAMPLER (sampler), NULL);
  g_return_val_if_fail (window > 0 && window <= MCI_HISTORY_MAX_WINDOW, NULL);
  g_return_val_if_fail (max_records > 0, NULL);

  self = g_object_new (MCI_TYPE_RECORDER, NULL);
  self->history = mci_history_new (window, max_records);
  /* the live machine's addresses, read once: what classifies a close before the first
   * sample and after */
  self->machine = mci_local_machine_new ();
  self->classifier = mci_classifier_new (self->machine, NULL, 0);
  source = mci_sampler_get_source (sampler);
  if (MCI_IS_NETLINK_SOURCE (source) && mci_source_is_live (source))
    start_listening (self, sampler);
  else
    self->note = g_strdup (_("Closed connections are not recorded: only the kernel’s "
                             "netlink source announces them"));
  return self;
}

gboolean
mci_recorder_is_recording (MciRecorder *self)
{
  g_return_val_if_fail (MCI_IS_RECORDER (self), FALSE);

  return self->listener != NULL;
}

/* Why closes are not recorded, in words; NULL while they are. */
const char *
mci_recorder_get_note (MciRecorder *self)
{
  g_return_val_if_fail (MCI_IS_RECORDER (self), NULL);

  return self->note;
}

static gboolean
is_stale (gpointer key,
          gpointer value,
          gpointer user_data)
{
  const Listener *listener = value;

  return *(gint64 *) user_data - listener->last_seen > LISTENER_LINGER;
}

/* The listeners of this sample and of the last seconds: a program that closes its
 * listening socket and its connections at once has its connections' closes read after
 * the next sample, often, and they are still its server ends. */
static void
remember_listeners (MciRecorder *self,
                    MciSnapshot *snapshot)
{
  const MciSection *listening = mci_snapshot_get_section (snapshot, MCI_SECTION_LISTENING);
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  GHashTableIter iter;
  Listener *listener;

  for (guint g = 0; g < listening->n_groups; g++)
    for (guint i = 0; i < listening->groups[g].n_connections; i++)
      {
        const MciConnection *row = listening->groups[g].connections[i];
        MciEndpointKey key;

        mci_endpoint_key_init_connection (&key, MCI_SECTION_LISTENING, row);
        listener = g_hash_table_lookup (self->listeners, &key);
        if (listener == NULL)
          {
            listener = g_new0 (Listener, 1);
            listener->key = key;
            listener->row = *row;
            g_hash_table_insert (self->listeners, &listener->key, listener);
          }
        listener->last_seen = now;
      }
  g_hash_table_foreach_remove (self->listeners, is_stale, &now);
  g_hash_table_iter_init (&iter, self->listeners);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &listener))
    g_array_append_val (rows, listener->row);
  g_clear_pointer (&self->classifier, mci_classifier_free);
  self->classifier = mci_classifier_new (self->machine, (const MciConnection *) rows->data,
                                         rows->len);
}

/* After each sample: the listeners tell inbound closes from outbound ones, and the
 * window moves on even when nothing closes. (Each group's series of counts is the
 * model's, MciSeries, drawn by the window's sparklines.) */
void
mci_recorder_update (MciRecorder *self,
                     MciSnapshot *snapshot)
{
  g_return_if_fail (MCI_IS_RECORDER (self));
  g_return_if_fail (MCI_IS_SNAPSHOT (snapshot));

  remember_listeners (self, snapshot);
  mci_history_expire (self->history, g_get_real_time ());
}

MciHistory *
mci_recorder_get_history (MciRecorder *self)
{
  g_return_val_if_fail (MCI_IS_RECORDER (self), NULL);

  return self->history;
}

/* The settings changed: the history keeps to the new window and cap at once. */
void
mci_recorder_set_limits (MciRecorder *self,
                         GTimeSpan    window,
                         guint        max_records)
{
  g_return_if_fail (MCI_IS_RECORDER (self));
  g_return_if_fail (window > 0 && window <= MCI_HISTORY_MAX_WINDOW);
  g_return_if_fail (max_records > 0);

  mci_history_set_limits (self->history, window, max_records);
  mci_history_expire (self->history, g_get_real_time ());
}


/* Closes the kernel dropped before they could be read. */
guint
mci_recorder_get_missed (MciRecorder *self)
{
  g_return_val_if_fail (MCI_IS_RECORDER (self), 0);

  return self->listener != NULL ? mci_close_listener_get_missed (self->listener) : 0;
}

/* Closes read since the start. */
guint
mci_recorder_get_received (MciRecorder *self)
{
  g_return_val_if_fail (MCI_IS_RECORDER (self), 0);

  return self->listener != NULL ? mci_close_listener_get_received (self->listener) : 0;
}

/* "10 min", "1 h", "90 s": the window as "41 closed in 10 min" says it. */
char *
mci_recorder_format_window (GTimeSpan window)
{
  /* at most a day: an int */
  int seconds = (int) (window / G_TIME_SPAN_SECOND);

  if (seconds % 3600 == 0)
    return g_strdup_printf (_("%d h"), seconds / 3600);
  if (seconds % 60 == 0)
    return g_strdup_printf (_("%d min"), seconds / 60);
  return g_strdup_printf (_("%d s"), seconds);
}

/* For tests: a queue small enough for a burst to overflow. */
void
mci_recorder_set_queue_size (MciRecorder *self,
                             int          bytes)
{
  g_return_if_fail (MCI_IS_RECORDER (self));
  g_return_if_fail (self->listener != NULL);

  mci_close_listener_set_queue_size (self->listener, bytes);
}
