/* mci-fleet.c: several servers read at once, each at its own pace
 *
 * Each server is read on a thread of its own, so one that hangs costs its own timeout
 * and nobody else's, and a refresh need not wait for it at all (mci_fleet_refresh()); only setting up connections waits its turn, MCI_FLEET_MAX_CONNECTING
 * at a time, as a burst of a hundred handshakes would trip servers' MaxStartups and
 * the user's agent alike.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-fleet"

#include "config.h"

#include "mci-fleet.h"
#include "mci-ssh-source.h"

typedef struct
{
  MciSource   *source;
  MciSnapshot *snapshot; /* the last good one */
  GError      *error;    /* the last read's, or NULL */
  guint        busy : 1; /* a read of it is under way */
} Member;

struct _MciFleet
{
  GArray       *members;
  GThreadPool  *pool;        /* a thread a server: a hung one holds only its own */
  GCancellable *stop;        /* every read's: the fleet's end cancels them */
  GMutex        lock;
  GCond         changed;
  guint         connecting;
  guint         peak_connecting;
};

static void read_member (gpointer data,
                         gpointer user_data);

MciFleet *
mci_fleet_new (MciSource * const *sources,
               guint              n_sources)
{
  MciFleet *self = g_new0 (MciFleet, 1);

  self->members = g_array_sized_new (FALSE, TRUE, sizeof (Member), n_sources);
  for (guint i = 0; i < n_sources; i++)
    {
      Member member = { g_object_ref (sources[i]), NULL, NULL, FALSE };

      g_array_append_val (self->members, member);
    }
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  self->stop = g_cancellable_new ();
  self->pool = g_thread_pool_new (read_member, self, MAX (n_sources, 1), FALSE, NULL);
  return self;
}

void
mci_fleet_free (MciFleet *self)
{
  if (self == NULL)
    return;
  /* the reads under way end at once, cancelled; then nothing touches the members */
  g_cancellable_cancel (self->stop);
  g_thread_pool_free (self->pool, TRUE, TRUE);
  for (guint i = 0; i < self->members->len; i++)
    {
      Member *member = &g_array_index (self->members, Member, i);

      g_object_unref (member->source);
      g_clear_object (&member->snapshot);
      g_clear_error (&member->error);
    }
  g_array_unref (self->members);
  g_object_unref (self->stop);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->changed);
  g_free (self);
}

/* Whether reading @source now sets up a connection, which waits for a turn. */
static gboolean
needs_connecting (MciSource *source)
{
  return MCI_IS_SSH_SOURCE (source) && !mci_ssh_source_is_connected (MCI_SSH_SOURCE (source));
}

static void
take_turn (MciFleet *self)
{
  g_mutex_lock (&self->lock);
  while (self->connecting >= MCI_FLEET_MAX_CONNECTING)
    g_cond_wait (&self->changed, &self->lock);
  self->connecting++;
  self->peak_connecting = MAX (self->peak_connecting, self->connecting);
  g_mutex_unlock (&self->lock);
}

static void
read_member (gpointer data,
             gpointer user_data)
{
  MciFleet *self = user_data;
  Member *member = data;
  gboolean connecting = needs_connecting (member->source);
  g_autoptr(GError) error = NULL;
  MciSnapshot *snapshot;

  if (connecting)
    take_turn (self);
  snapshot = mci_source_read (member->source, self->stop, &error);

  g_mutex_lock (&self->lock);
  if (connecting)
    self->connecting--;
  g_clear_error (&member->error);
  if (snapshot != NULL)
    {
      g_clear_object (&member->snapshot);
      member->snapshot = snapshot;
    }
  else
    member->error = g_steal_pointer (&error);
  member->busy = FALSE;
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
}

/* Starts a read of every server that is not being read already; with the lock held. */
static void
start_reads (MciFleet *self,
             gboolean *started)
{
  for (guint i = 0; i < self->members->len; i++)
    {
      Member *member = &g_array_index (self->members, Member, i);

      started[i] = !member->busy;
      if (!started[i])
        continue;
      member->busy = TRUE;
      g_thread_pool_push (self->pool, member, NULL);
    }
}

/* Whether the reads started are all over; with the lock held. */
static gboolean
all_done (MciFleet       *self,
          const gboolean *started,
          gboolean        also_older)
{
  for (guint i = 0; i < self->members->len; i++)
    if (g_array_index (self->members, Member, i).busy && (started[i] || also_older))
      return FALSE;
  return TRUE;
}

/* Whether any server has ever answered; with the lock held. */
static gboolean
any_answered (MciFleet *self)
{
  for (guint i = 0; i < self->members->len; i++)
    if (g_array_index (self->members, Member, i).snapshot != NULL)
      return TRUE;
  return FALSE;
}

/* How often a wait looks at its cancellable: a GCond cannot wait on one. */
#define CANCEL_CHECK_US (100 * 1000)

/**
 * mci_fleet_refresh:
 * @patience: how long to wait for the servers, in microseconds; -1: as long as they take
 *
 * Starts reading every server that is not being read already, and waits until these
 * reads are over or @patience has passed, whichever comes first: a server that hangs
 * keeps being read on its own thread, and its last good snapshot stays. While no server
 * has ever answered, the wait goes on past @patience, as there is nothing to show yet;
 * each read ends by its own source's timeout in any case. Blocking, for a worker thread.
 */
void
mci_fleet_refresh (MciFleet     *self,
                   gint64        patience,
                   GCancellable *cancellable)
{
  g_autofree gboolean *started = NULL;
  gint64 deadline;

  g_return_if_fail (self != NULL);

  started = g_new0 (gboolean, MAX (self->members->len, 1));
  deadline = patience < 0 ? G_MAXINT64 : g_get_monotonic_time () + patience;
  g_mutex_lock (&self->lock);
  start_reads (self, started);
  while (!all_done (self, started, patience < 0)
         && !g_cancellable_is_cancelled (cancellable))
    {
      gint64 now = g_get_monotonic_time ();

      if (now >= deadline && any_answered (self))
        break;
      /* past the deadline with nothing to show, the wait goes on in steps all the same */
      g_cond_wait_until (&self->changed, &self->lock,
                         now < deadline ? MIN (deadline, now + CANCEL_CHECK_US)
                                        : now + CANCEL_CHECK_US);
    }
  g_mutex_unlock (&self->lock);
}

/**
 * mci_fleet_read:
 *
 * Reads every server once, all at the same time, and waits for every one to answer or
 * fail: blocking, for a worker thread. Each keeps its last good snapshot when this read
 * fails.
 */
void
mci_fleet_read (MciFleet     *self,
                GCancellable *cancellable)
{
  mci_fleet_refresh (self, -1, cancellable);
}

/**
 * mci_fleet_get_state:
 * @snapshot: (out) (optional) (transfer full): the last good snapshot, or NULL
 * @error: (out) (optional) (transfer full): why the last read failed, or NULL
 *
 * Server @index as it stands, safe while reads run.
 * Returns: whether a read of it is under way.
 */
gboolean
mci_fleet_get_state (MciFleet     *self,
                     guint         index,
                     MciSnapshot **snapshot,
                     GError      **error)
{
  Member *member;
  gboolean busy;

  g_return_val_if_fail (self != NULL && index < self->members->len, FALSE);

  g_mutex_lock (&self->lock);
  member = &g_array_index (self->members, Member, index);
  busy = member->busy;
  if (snapshot != NULL)
    *snapshot = member->snapshot != NULL ? g_object_ref (member->snapshot) : NULL;
  if (error != NULL)
    *error = member->error != NULL ? g_error_copy (member->error) : NULL;
  g_mutex_unlock (&self->lock);
  return busy;
}

guint
mci_fleet_get_size (MciFleet *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->members->len;
}

MciSource *
mci_fleet_get_source (MciFleet *self,
                      guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->members->len, NULL);
  return g_array_index (self->members, Member, index).source;
}

/* The last good snapshot of server @index, or NULL when it was never read; after
 * mci_fleet_read() only, when no read runs (else mci_fleet_get_state()). */
MciSnapshot *
mci_fleet_get_snapshot (MciFleet *self,
                        guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->members->len, NULL);
  return g_array_index (self->members, Member, index).snapshot;
}

/* Why the last read of server @index failed, or NULL when it did not. */
const GError *
mci_fleet_get_error (MciFleet *self,
                     guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->members->len, NULL);
  return g_array_index (self->members, Member, index).error;
}

/* The most connections that were ever being set up at once. */
guint
mci_fleet_get_peak_connecting (MciFleet *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->peak_connecting;
}
