/* mci-peer-names.c: the host names of the peers the groups show, as they arrive
 *
 * Asks the resolver for each group's peer, keeps which rows show which peer so that an
 * answer reaches all of them, and tells the resolver which peers are still shown so
 * that it drops queued look-ups for the others. Without a resolver, names stay numeric.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-peer-names"

#include "config.h"

#include "mci-peer-names.h"

struct _MciPeerNames
{
  GObject      parent_instance;

  MciResolver *resolver;       /* NULL: numeric */
  GHashTable  *by_peer;        /* MciAddress → GPtrArray of MciGroupRow, borrowed */
  gboolean     forgot_peer;    /* since the last mci_peer_names_retain() */
};

G_DEFINE_FINAL_TYPE (MciPeerNames, mci_peer_names, G_TYPE_OBJECT)

enum {
  NAMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mci_peer_names_dispose (GObject *object)
{
  MciPeerNames *self = (MciPeerNames *) object;

  if (self->resolver != NULL)
    g_signal_handlers_disconnect_by_data (self->resolver, self);
  g_clear_object (&self->resolver);

  G_OBJECT_CLASS (mci_peer_names_parent_class)->dispose (object);
}

static void
mci_peer_names_finalize (GObject *object)
{
  MciPeerNames *self = (MciPeerNames *) object;

  g_hash_table_unref (self->by_peer);

  G_OBJECT_CLASS (mci_peer_names_parent_class)->finalize (object);
}

static void
mci_peer_names_class_init (MciPeerNamesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mci_peer_names_dispose;
  object_class->finalize = mci_peer_names_finalize;

  /* A name arrived for rows that show it: a view sorting by name must sort again. */
  signals[NAMED] = g_signal_new ("named", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
row_array_free (gpointer data)
{
  g_ptr_array_unref (data);
}

static void
mci_peer_names_init (MciPeerNames *self)
{
  self->by_peer = g_hash_table_new_full ((GHashFunc) mci_address_hash,
                                         (GEqualFunc) mci_address_equal,
                                         g_free, row_array_free);
}

static void
on_resolved (MciPeerNames     *self,
             const MciAddress *address,
             const char       *name,
             MciResolver      *resolver)
{
  GPtrArray *rows = g_hash_table_lookup (self->by_peer, address);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    mci_group_row_set_host_name (g_ptr_array_index (rows, i), name, FALSE);
  if (rows != NULL && name != NULL)
    g_signal_emit (self, signals[NAMED], 0);
}

/* @resolver is NULL for numeric addresses only. */
MciPeerNames *
mci_peer_names_new (MciResolver *resolver)
{
  MciPeerNames *self;

  g_return_val_if_fail (resolver == NULL || MCI_IS_RESOLVER (resolver), NULL);

  self = g_object_new (MCI_TYPE_PEER_NAMES, NULL);
  if (resolver != NULL)
    {
      self->resolver = g_object_ref (resolver);
      g_signal_connect_swapped (resolver, "resolved", G_CALLBACK (on_resolved), self);
    }
  return self;
}

/* A new group: its name is asked for, in the background. */
void
mci_peer_names_track (MciPeerNames *self,
                      MciGroupRow  *row)
{
  const MciAddress *peer;
  GPtrArray *rows;
  const char *name = NULL;
  MciLookupState state;

  g_return_if_fail (MCI_IS_PEER_NAMES (self));
  g_return_if_fail (MCI_IS_GROUP_ROW (row));

  if ((peer = mci_group_row_get_peer (row)) == NULL || self->resolver == NULL)
    return;
  rows = g_hash_table_lookup (self->by_peer, peer);
  if (rows == NULL)
    {
      rows = g_ptr_array_new ();
      g_hash_table_insert (self->by_peer, g_memdup2 (peer, sizeof *peer), rows);
    }
  g_ptr_array_add (rows, row);
  state = mci_resolver_lookup (self->resolver, peer, FALSE, &name);
  mci_group_row_set_host_name (row, name, state == MCI_LOOKUP_PENDING);
}

void
mci_peer_names_untrack (MciPeerNames *self,
                        MciGroupRow  *row)
{
  const MciAddress *peer;
  GPtrArray *rows;

  g_return_if_fail (MCI_IS_PEER_NAMES (self));
  g_return_if_fail (MCI_IS_GROUP_ROW (row));

  peer = mci_group_row_get_peer (row);
  if (peer == NULL || (rows = g_hash_table_lookup (self->by_peer, peer)) == NULL)
    return;
  g_ptr_array_remove_fast (rows, row);
  if (rows->len > 0)
    return;
  g_hash_table_remove (self->by_peer, peer);
  self->forgot_peer = TRUE;
}

/* A row on screen: its name is wanted now, ahead of the queue. Returns whether the name
 * it shows changed. */
gboolean
mci_peer_names_show (MciPeerNames *self,
                     MciGroupRow  *row)
{
  const MciAddress *peer;
  const char *name = NULL;
  MciLookupState state;
  gboolean changed;

  g_return_val_if_fail (MCI_IS_PEER_NAMES (self), FALSE);
  g_return_val_if_fail (MCI_IS_GROUP_ROW (row), FALSE);

  if (self->resolver == NULL || (peer = mci_group_row_get_peer (row)) == NULL)
    return FALSE;
  state = mci_resolver_lookup (self->resolver, peer, TRUE, &name);
  changed = g_strcmp0 (name, mci_row_get_host_name (MCI_ROW (row))) != 0;
  mci_group_row_set_host_name (row, name, state == MCI_LOOKUP_PENDING);
  return changed;
}

/* Asks for @address's name afresh (Look Up does): the cache and every row showing the
 * address follow the answer. */
void
mci_peer_names_renew (MciPeerNames     *self,
                      const MciAddress *address)
{
  g_return_if_fail (MCI_IS_PEER_NAMES (self));
  g_return_if_fail (address != NULL);

  if (self->resolver != NULL)
    mci_resolver_force (self->resolver, address);
}

/* After a refresh: queued look-ups for peers no row shows any more are dropped. Only
 * when a peer went: with tens of thousands of groups the list of peers costs. */
void
mci_peer_names_retain (MciPeerNames *self)
{
  g_autoptr(GArray) peers = NULL;
  GHashTableIter iter;
  gpointer peer;

  g_return_if_fail (MCI_IS_PEER_NAMES (self));

  if (self->resolver == NULL || !self->forgot_peer)
    return;
  self->forgot_peer = FALSE;
  peers = g_array_sized_new (FALSE, FALSE, sizeof (MciAddress),
                             g_hash_table_size (self->by_peer));
  g_hash_table_iter_init (&iter, self->by_peer);
  while (g_hash_table_iter_next (&iter, &peer, NULL))
    g_array_append_vals (peers, peer, 1);
  mci_resolver_retain (self->resolver, (const MciAddress *) (gpointer) peers->data, peers->len);
}
