/* mci-connection-list.c: the connections of one endpoint group, as rows made on demand
 *
 * A group with 20,000 looping connections must cost nothing until someone expands it,
 * yet GtkTreeListModel asks every shown group for its children just to draw the
 * expander. So this list knows its connections as plain values and makes a row only
 * when get_item() asks. While the list is alive it is reconciled like the groups are:
 * rows that vanished stay one refresh as "closed", new ones are appended.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-connection-list"

#include "config.h"

#include "mci-connection-list.h"

typedef struct
{
  MciConnection        connection;
  const MciConnection *source;     /* in the group's snapshot; NULL once closed */
  MciRow              *row;        /* NULL until asked for */
  guint         generation;
  gboolean      closed;
} Entry;

struct _MciConnectionList
{
  GObject  parent_instance;

  MciRow  *group;
  GArray  *entries;         /* of Entry */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MciConnectionList, mci_connection_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
mci_connection_list_get_item_type (GListModel *model)
{
  return MCI_TYPE_ROW;
}

static guint
mci_connection_list_get_n_items (GListModel *model)
{
  return MCI_CONNECTION_LIST (model)->entries->len;
}

static gpointer
mci_connection_list_get_item (GListModel *model,
                              guint       position)
{
  MciConnectionList *self = MCI_CONNECTION_LIST (model);
  Entry *entry;

  if (position >= self->entries->len)
    return NULL;
  entry = &g_array_index (self->entries, Entry, position);
  if (entry->row == NULL)
    {
      entry->row = mci_row_new_connection (self->group, &entry->connection, entry->source);
      if (entry->closed)
        mci_row_set_change (entry->row, MCI_ROW_CHANGE_CLOSED);
    }
  return g_object_ref (entry->row);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mci_connection_list_get_item_type;
  iface->get_n_items = mci_connection_list_get_n_items;
  iface->get_item = mci_connection_list_get_item;
}

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->row);
}

static void
mci_connection_list_finalize (GObject *object)
{
  MciConnectionList *self = (MciConnectionList *) object;

  g_array_unref (self->entries);
  g_clear_object (&self->group);

  G_OBJECT_CLASS (mci_connection_list_parent_class)->finalize (object);
}

static void
mci_connection_list_class_init (MciConnectionListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mci_connection_list_finalize;
}

static void
mci_connection_list_init (MciConnectionList *self)
{
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
}

static void
append_entry (MciConnectionList   *self,
              const MciConnection *connection,
              guint                generation)
{
  Entry entry = { *connection, connection, NULL, generation, FALSE };

  g_array_append_val (self->entries, entry);
}

MciConnectionList *
mci_connection_list_new (MciRow                      *group,
                         const MciConnection * const *connections,
                         guint                        n_connections)
{
  MciConnectionList *self;

  g_return_val_if_fail (MCI_IS_ROW (group), NULL);

  self = g_object_new (MCI_TYPE_CONNECTION_LIST, NULL);
  self->group = g_object_ref (group);
  for (guint i = 0; i < n_connections; i++)
    append_entry (self, connections[i], mci_row_get_generation (group));
  return self;
}

static GHashTable *
index_entries (MciConnectionList *self)
{
  GHashTable *index = g_hash_table_new_full (mci_endpoint_key_hash, mci_endpoint_key_equal, g_free, NULL);
  MciSectionKind section = mci_row_get_section (self->group);

  for (guint i = 0; i < self->entries->len; i++)
    {
      MciEndpointKey *key = g_new (MciEndpointKey, 1);

      mci_endpoint_key_init_connection (key, section, &g_array_index (self->entries, Entry, i).connection);
      g_hash_table_insert (index, key, GUINT_TO_POINTER (i + 1));
    }
  return index;
}

/* Entries not seen in @generation: the ones already closed go, the others close now.
 * Removes from the end so that positions still to visit do not move. */
static void
drop_vanished (MciConnectionList *self,
               guint              generation)
{
  for (guint i = self->entries->len; i > 0; )
    {
      guint end = i, start;
      Entry *entry = &g_array_index (self->entries, Entry, i - 1);

      i--;
      if (entry->generation == generation)
        continue;
      if (!entry->closed)
        {
          entry->closed = TRUE;
          entry->source = NULL;
          if (entry->row != NULL)
            mci_row_set_change (entry->row, MCI_ROW_CHANGE_CLOSED);
          continue;
        }
      start = i;
      while (start > 0)
        {
          Entry *previous = &g_array_index (self->entries, Entry, start - 1);
          if (previous->generation == generation || !previous->closed)
            break;
          start--;
        }
      g_array_remove_range (self->entries, start, end - start);
      g_list_model_items_changed (G_LIST_MODEL (self), start, end - start, 0);
      i = start;
    }
}

/* The row itself is updated later, in mci_connection_list_update_values(). */
static void
update_entry (Entry               *entry,
              const MciConnection *connection,
              guint                generation)
{
  entry->connection = *connection;
  entry->source = connection;
  entry->generation = generation;
}

/* Marks what is still there and returns what is new, in the snapshot's order. */
static GPtrArray *
update_known (MciConnectionList           *self,
              const MciConnection * const *connections,
              guint                        n_connections,
              guint                        generation)
{
  g_autoptr(GHashTable) index = index_entries (self);
  MciSectionKind section = mci_row_get_section (self->group);
  GPtrArray *fresh = g_ptr_array_new ();

  for (guint i = 0; i < n_connections; i++)
    {
      MciEndpointKey key;
      guint found;

      mci_endpoint_key_init_connection (&key, section, connections[i]);
      found = GPOINTER_TO_UINT (g_hash_table_lookup (index, &key));
      if (found != 0)
        update_entry (&g_array_index (self->entries, Entry, found - 1), connections[i],
                      generation);
      else
        g_ptr_array_add (fresh, (gpointer) connections[i]);
    }
  return fresh;
}

/* The structure only: vanished entries close or go, new ones are appended. The rows that
 * stay keep their values until mci_connection_list_update_values(), because a sorted
 * view inserts the new rows by comparing them with the old ones, which must still be
 * in the order it knows. The new rows are made at once, flagged new and added to
 * @appeared: whoever holds the list is showing it, and the cue is what tells a person
 * what just opened. */
void
mci_connection_list_update (MciConnectionList           *self,
                            const MciConnection * const *connections,
                            guint                        n_connections,
                            guint                        generation,
                            GPtrArray                   *appeared)
{
  g_autoptr(GPtrArray) fresh = NULL;
  guint n_before;

  g_return_if_fail (MCI_IS_CONNECTION_LIST (self));

  fresh = update_known (self, connections, n_connections, generation);
  drop_vanished (self, generation);
  n_before = self->entries->len;
  for (guint i = 0; i < fresh->len; i++)
    {
      Entry *entry;

      append_entry (self, g_ptr_array_index (fresh, i), generation);
      entry = &g_array_index (self->entries, Entry, self->entries->len - 1);
      entry->row = mci_row_new_connection (self->group, &entry->connection, entry->source);
      mci_row_set_change (entry->row, MCI_ROW_CHANGE_NEW);
      if (appeared != NULL)
        g_ptr_array_add (appeared, g_object_ref (entry->row));
    }
  if (fresh->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), n_before, 0, fresh->len);
}

/* The values of the rows that stayed; see mci_connection_list_update(). Returns
 * whether any changed. */
gboolean
mci_connection_list_update_values (MciConnectionList *self)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (MCI_IS_CONNECTION_LIST (self), FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->row == NULL || entry->generation != mci_row_get_generation (self->group))
        continue;
      entry->closed = FALSE;
      changed |= mci_row_update_connection (entry->row, &entry->connection, entry->source);
    }
  return changed;
}
