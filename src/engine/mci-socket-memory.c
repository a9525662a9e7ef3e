/* mci-socket-memory.c: what the samples saw of each socket, for its close to name
 *
 * A destroyed socket is announced with its four-tuple and cookie only: no process, no
 * unit, no age. The sampler's worker feeds this memory after each sample, and the close
 * listener's thread looks each close up in it by cookie, so a mutex guards it.
 *
 * Bounded by the samples: it holds the sockets of the last sample, and those that a
 * sample listed within the last two samples and ten seconds, since their close may
 * still be on its way to the listener. A socket's entry goes when its close is read.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-socket-memory"

#include "config.h"

#include "mci-socket-memory.h"

#define LINGER (10 * G_TIME_SPAN_SECOND)

typedef struct
{
  guint64 cookie;      /* the key */
  gint64  first_seen;
  guint   generation;  /* of the last sample that listed it */
  gint64  last_seen;   /* real time of that sample */
  MciAddress local_address;
  MciAddress remote_address;
  guint16    remote_port;
  guint64    bytes_sent;      /* as the last sample that listed it measured them */
  guint64    bytes_received;
  char   *owner;
  char   *unit;
} Remembered;

struct _MciSocketMemory
{
  gatomicrefcount ref_count;
  GMutex          mutex;
  GHashTable     *sockets;    /* &cookie → Remembered */
  guint           generation; /* samples remembered so far */
};

static void
remembered_free (gpointer data)
{
  Remembered *entry = data;

  g_free (entry->owner);
  g_free (entry->unit);
  g_free (entry);
}

MciSocketMemory *
mci_socket_memory_new (void)
{
  MciSocketMemory *self = g_new0 (MciSocketMemory, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->mutex);
  self->sockets = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, remembered_free);
  return self;
}

MciSocketMemory *
mci_socket_memory_ref (MciSocketMemory *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mci_socket_memory_unref (MciSocketMemory *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->sockets);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

static gint64
real_time_of (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

/* The owner is the first one a sample named: a socket rarely changes hands, and
 * naming it anew every sample would cost a string per socket per second. */
static void
remember_one (MciSocketMemory     *self,
              MciSnapshot         *snapshot,
              const MciConnection *row,
              gint64               sampled_at)
{
  Remembered *entry = g_hash_table_lookup (self->sockets, &row->cookie);
  MciOwner owner;

  g_assert (row->cookie != 0);
  if (entry == NULL)
    {
      entry = g_new0 (Remembered, 1);
      entry->cookie = row->cookie;
      entry->first_seen = sampled_at;
      entry->local_address = row->local_address;
      entry->remote_address = row->remote_address;
      entry->remote_port = row->remote_port;
      g_hash_table_insert (self->sockets, &entry->cookie, entry);
    }
  entry->generation = self->generation;
  entry->last_seen = sampled_at;
  entry->bytes_sent = row->bytes_sent;
  entry->bytes_received = row->bytes_received;
  if (entry->owner == NULL && mci_snapshot_get_owner (snapshot, row, &owner) && owner.pid != 0)
    {
      entry->owner = mci_owner_format (&owner);
      g_free (entry->unit);
      entry->unit = g_strdup (owner.unit);
    }
}

typedef struct
{
  guint  generation;
  gint64 sampled_at;
} Now;

/* Gone from two samples and for LINGER: the kernel announces a close from a work queue,
 * which a busy machine may delay past a sample or two taken in quick succession. */
static gboolean
is_forgotten (gpointer key,
              gpointer value,
              gpointer user_data)
{
  const Remembered *entry = value;
  const Now *now = user_data;

  return now->generation - entry->generation > 1 && now->sampled_at - entry->last_seen > LINGER;
}

/* Called on the sampler's worker after each sample of the live machine over sock_diag
 * (a /proc table has no cookies, and then nothing is remembered). */
void
mci_socket_memory_remember (MciSocketMemory *self,
                            MciSnapshot     *snapshot)
{
  const MciConnection *rows;
  guint n_rows;
  gint64 sampled_at;

  g_return_if_fail (self != NULL);
  g_return_if_fail (MCI_IS_SNAPSHOT (snapshot));

  rows = mci_snapshot_get_connections (snapshot, &n_rows);
  sampled_at = real_time_of (mci_snapshot_get_sampled_at (snapshot));
  g_mutex_lock (&self->mutex);
  self->generation++;
  for (guint i = 0; i < n_rows; i++)
    if (rows[i].cookie != 0)
      remember_one (self, snapshot, &rows[i], sampled_at);
  g_hash_table_foreach_remove (self->sockets, is_forgotten,
                               &(Now) { self->generation, sampled_at });
  g_mutex_unlock (&self->mutex);
}

/* A socket its program aborted is announced without its addresses and with its
 * counters zeroed: the last sample's are the best there is, and at most short of what
 * moved since. */
static void
restore_aborted (MciConnection    *connection,
                 const Remembered *entry)
{
  connection->local_address = entry->local_address;
  connection->remote_address = entry->remote_address;
  connection->remote_port = entry->remote_port;
  connection->bytes_sent = MAX (connection->bytes_sent, entry->bytes_sent);
  connection->bytes_received = MAX (connection->bytes_received, entry->bytes_received);
}

/* Fills @closed's first-seen time, owner and unit from what the samples saw of its
 * socket, and forgets the socket. FALSE when no sample it remembers listed it. A
 * socket its program aborted is announced without its addresses and bytes: the last
 * sample's are put back. */
gboolean
mci_socket_memory_recall (MciSocketMemory     *self,
                          MciClosedConnection *closed)
{
  Remembered *entry;
  guint64 cookie;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (closed != NULL, FALSE);

  cookie = closed->connection.cookie;
  g_mutex_lock (&self->mutex);
  entry = cookie != 0 ? g_hash_table_lookup (self->sockets, &cookie) : NULL;
  if (entry != NULL)
    {
      closed->first_seen = entry->first_seen;
      if (closed->connection.remote_port == 0)
        restore_aborted (&closed->connection, entry);
      closed->owner = g_steal_pointer (&entry->owner);
      closed->unit = g_steal_pointer (&entry->unit);
      g_hash_table_remove (self->sockets, &cookie);
    }
  g_mutex_unlock (&self->mutex);
  return entry != NULL;
}

/* How many sockets it holds, for tests of its bound. */
guint
mci_socket_memory_get_size (MciSocketMemory *self)
{
  guint size;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  size = g_hash_table_size (self->sockets);
  g_mutex_unlock (&self->mutex);
  return size;
}
