/* mci-fleet.c: several servers read at once, each at its own pace
 *
 * Each server is read on a thread of its own, so one that hangs costs its own timeout
 * and nobody else's; only setting up connections waits its turn, MCI_FLEET_MAX_CONNECTING
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
} Member;

struct _MciFleet
{
  GArray       *members;
  GMutex        lock;
  GCond         changed;
  guint         connecting;
  guint         peak_connecting;
  guint         pending;
  GCancellable *cancellable; /* the read's, while it runs */
};

MciFleet *
mci_fleet_new (MciSource * const *sources,
               guint              n_sources)
{
  MciFleet *self = g_new0 (MciFleet, 1);

  self->members = g_array_sized_new (FALSE, TRUE, sizeof (Member), n_sources);
  for (guint i = 0; i < n_sources; i++)
    {
      Member member = { g_object_ref (sources[i]), NULL, NULL };

      g_array_append_val (self->members, member);
    }
  g_mutex_init (&self->lock);
  g_cond_init (&self->changed);
  return self;
}

void
mci_fleet_free (MciFleet *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->members->len; i++)
    {
      Member *member = &g_array_index (self->members, Member, i);

      g_object_unref (member->source);
      g_clear_object (&member->snapshot);
      g_clear_error (&member->error);
    }
  g_array_unref (self->members);
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
  snapshot = mci_source_read (member->source, self->cancellable, &error);

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
  self->pending--;
  g_cond_broadcast (&self->changed);
  g_mutex_unlock (&self->lock);
}

/**
 * mci_fleet_read:
 *
 * Reads every server once, all at the same time: blocking, for a worker thread. Each
 * keeps its last good snapshot when this read fails.
 */
void
mci_fleet_read (MciFleet     *self,
                GCancellable *cancellable)
{
  GThreadPool *pool;

  g_return_if_fail (self != NULL);

  self->cancellable = cancellable;
  self->pending = self->members->len;
  pool = g_thread_pool_new (read_member, self, MAX (self->members->len, 1), FALSE, NULL);
  for (guint i = 0; i < self->members->len; i++)
    g_thread_pool_push (pool, &g_array_index (self->members, Member, i), NULL);

  g_mutex_lock (&self->lock);
  while (self->pending > 0)
    g_cond_wait (&self->changed, &self->lock);
  g_mutex_unlock (&self->lock);
  g_thread_pool_free (pool, FALSE, TRUE);
  self->cancellable = NULL;
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

/* The last good snapshot of server @index, or NULL when it was never read. */
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
