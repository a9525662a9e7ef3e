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
#include "mci-connection-row.h"
#include "mci-row-private.h"
#include "mci-history.h"
#include "mci-vanished-rows.h"

typedef struct
{
  MciConnection        connection;
  const MciConnection *source;     /* in the group's snapshot; NULL once closed */
  MciConnectionRow    *row;        /* NULL until asked for */
  guint         generation;
  gboolean      closed;
} Entry;

struct _MciConnectionList
{
  GObject  parent_instance;

  MciGroupRow *group;
  GArray      *entries;     /* of Entry */
  GHashTable  *moving;      /* MciConnectionRow → Entry, while out of the list */
  GHashTable  *placed;      /* the rows put back, while the list is put in order */
  GPtrArray   *fresh;       /* the rows of new entries, until put in order */
  MciRowOrder  order;
  gboolean     ordered;     /* else no row was read yet, and they are sorted when one is */
  GPtrArray   *closed;      /* MciConnectionRow: the history's closes, after the entries */
};

/* the most recent closes a group lists; its count says how many there were */
#define MAX_CLOSED_ROWS 100

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MciConnectionList, mci_connection_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
mci_connection_list_get_item_type (GListModel *model)
{
  return MCI_TYPE_CONNECTION_ROW;
}

static guint
mci_connection_list_get_n_items (GListModel *model)
{
  MciConnectionList *self = MCI_CONNECTION_LIST (model);

  return self->entries->len + self->closed->len;
}

static MciRow *
ensure_row (MciConnectionList *self,
            guint              position)
{
  Entry *entry = &g_array_index (self->entries, Entry, position);

  if (entry->row == NULL)
    {
      entry->row = mci_connection_row_new (self->group, &entry->connection, entry->source);
      if (entry->closed)
        mci_row_set_change (MCI_ROW (entry->row), MCI_ROW_CHANGE_CLOSED);
    }
  return MCI_ROW (entry->row);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return mci_row_order_compare (user_data, MCI_ROW (((const Entry *) a)->row),
                                MCI_ROW (((const Entry *) b)->row));
}

/* No view has seen a row yet, so they can be sorted without telling anyone. A list is
 * made for every group a view shows, to know that it has children: only one that is
 * read (its group expanded) costs its rows. */
static void
sort_unseen (MciConnectionList *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    mci_row_take_sort_changes (ensure_row (self, i));
  g_array_sort_with_data (self->entries, compare_entries, &self->order);
  self->ordered = TRUE;
}

static gpointer
mci_connection_list_get_item (GListModel *model,
                              guint       position)
{
  MciConnectionList *self = MCI_CONNECTION_LIST (model);

  if (!self->ordered)
    sort_unseen (self);

  if (position >= self->entries->len + self->closed->len)
    return NULL;
  /* the history's closes after the open connections */
  if (position >= self->entries->len)
    return g_object_ref (g_ptr_array_index (self->closed, position - self->entries->len));
  return g_object_ref (ensure_row (self, position));
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
entry_free (gpointer data)
{
  entry_clear (data);
  g_free (data);
}

static void
mci_connection_list_finalize (GObject *object)
{
  MciConnectionList *self = (MciConnectionList *) object;

  g_array_unref (self->entries);
  g_hash_table_unref (self->moving);
  g_hash_table_unref (self->placed);
  g_ptr_array_unref (self->fresh);
  g_ptr_array_unref (self->closed);
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
  self->moving = g_hash_table_new_full (NULL, NULL, NULL, entry_free);
  self->placed = g_hash_table_new (NULL, NULL);
  self->fresh = g_ptr_array_new ();
  self->closed = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
append_entry (MciConnectionList   *self,
              const MciConnection *connection,
              guint                generation)
{
  Entry entry = { *connection, connection, NULL, generation, FALSE };

  g_array_append_val (self->entries, entry);
}

/* @generation: the refresh that @connections come from; @order: the rows' order. */
MciConnectionList *
mci_connection_list_new (MciGroupRow                 *group,
                         const MciConnection * const *connections,
                         guint                        n_connections,
                         guint                        generation,
                         const MciRowOrder           *order)
{
  MciConnectionList *self;

  g_return_val_if_fail (MCI_IS_GROUP_ROW (group), NULL);
  g_return_val_if_fail (order != NULL, NULL);

  self = g_object_new (MCI_TYPE_CONNECTION_LIST, NULL);
  self->group = g_object_ref (group);
  self->order = *order;
  for (guint i = 0; i < n_connections; i++)
    append_entry (self, connections[i], generation);
  return self;
}

static GHashTable *
index_entries (MciConnectionList *self)
{
  GHashTable *index = g_hash_table_new_full (mci_endpoint_key_hash, mci_endpoint_key_equal,
                                             g_free, NULL);
  MciSectionKind section = mci_row_get_section (MCI_ROW (self->group));

  for (guint i = 0; i < self->entries->len; i++)
    {
      MciEndpointKey *key = g_new (MciEndpointKey, 1);
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      mci_endpoint_key_init_connection (key, section, &entry->connection);
      g_hash_table_insert (index, key, GUINT_TO_POINTER (i + 1));
    }
  return index;
}

typedef struct
{
  MciConnectionList *self;
  guint              generation;
} Sweep;

static MciVanished
check_entry (gpointer list,
             guint    position)
{
  Sweep *sweep = list;
  Entry *entry = &g_array_index (sweep->self->entries, Entry, position);

  if (entry->generation == sweep->generation)
    return MCI_VANISHED_NOT;
  return entry->closed ? MCI_VANISHED_BEFORE : MCI_VANISHED_NOW;
}

/* The copy in the entry outlives the snapshot; its owner does not. */
static void
close_entry (gpointer list,
             guint    position)
{
  Sweep *sweep = list;
  Entry *entry = &g_array_index (sweep->self->entries, Entry, position);

  entry->closed = TRUE;
  entry->source = NULL;
  if (entry->row != NULL)
    mci_row_set_change (MCI_ROW (entry->row), MCI_ROW_CHANGE_CLOSED);
}

static void
remove_entries (gpointer list,
                guint    position,
                guint    n_entries)
{
  Sweep *sweep = list;

  g_array_remove_range (sweep->self->entries, position, n_entries);
  g_list_model_items_changed (G_LIST_MODEL (sweep->self), position, n_entries, 0);
}

static const MciVanishedRows vanished_entries = { check_entry, close_entry, remove_entries };

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
  MciSectionKind section = mci_row_get_section (MCI_ROW (self->group));
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

/* The structure only: vanished entries close or go, new ones wait for
 * mci_connection_list_order() to be inserted where they belong. The rows that stay are
 * updated in mci_connection_list_update_values(). The new rows are made at once,
 * flagged new and added to @appeared: whoever holds the list is showing it, and the cue
 * is what tells a person what just opened. */
void
mci_connection_list_update (MciConnectionList           *self,
                            const MciConnection * const *connections,
                            guint                        n_connections,
                            guint                        generation,
                            GPtrArray                   *appeared)
{
  g_autoptr(GPtrArray) fresh = NULL;

  g_return_if_fail (MCI_IS_CONNECTION_LIST (self));

  fresh = update_known (self, connections, n_connections, generation);
  mci_vanished_rows_sweep (&vanished_entries, &(Sweep) { self, generation },
                           self->entries->len);
  for (guint i = 0; i < fresh->len; i++)
    {
      const MciConnection *connection = g_ptr_array_index (fresh, i);
      Entry *entry = g_new0 (Entry, 1);

      *entry = (Entry) { *connection, connection, NULL, generation, FALSE };
      entry->row = mci_connection_row_new (self->group, &entry->connection, entry->source);
      mci_row_set_change (MCI_ROW (entry->row), MCI_ROW_CHANGE_NEW);
      g_hash_table_insert (self->moving, entry->row, entry);
      g_ptr_array_add (self->fresh, entry->row);
      if (appeared != NULL)
        g_ptr_array_add (appeared, g_object_ref (entry->row));
    }
}

/* The values of the rows that stayed; see mci_connection_list_update(). Returns
 * whether any changed. */
gboolean
mci_connection_list_update_values (MciConnectionList *self,
                                   guint              generation)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (MCI_IS_CONNECTION_LIST (self), FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->row == NULL || entry->generation != generation)
        continue;
      entry->closed = FALSE;
      changed |= mci_connection_row_update (entry->row, &entry->connection, entry->source);
    }
  return changed;
}

/* Ordering: rows move with their entries. */

static MciRow *
peek_row (gpointer list,
          guint    position)
{
  return ensure_row (list, position);
}

/* A row given back before its old place is removed is copied from there; see
 * MciRowOrderList. */
static Entry *
find_entry (MciConnectionList *self,
            MciRow            *row)
{
  Entry *entry = g_hash_table_lookup (self->moving, row);

  if (entry != NULL)
    {
      g_hash_table_steal (self->moving, row);
      return entry;
    }
  for (guint i = 0; i < self->entries->len; i++)
    if ((MciRow *) g_array_index (self->entries, Entry, i).row == row)
      {
        entry = g_memdup2 (&g_array_index (self->entries, Entry, i), sizeof (Entry));
        g_object_ref (entry->row);
        return entry;
      }
  g_assert_not_reached ();
}

static void
splice_entries (gpointer  list,
                guint     position,
                guint     n_removed,
                MciRow  **rows,
                guint     n_added)
{
  MciConnectionList *self = list;

  for (guint i = position; i < position + n_removed; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      /* kept for its new place, unless it has it already */
      if (!g_hash_table_contains (self->placed, entry->row))
        g_hash_table_insert (self->moving, g_object_ref (entry->row),
                             g_memdup2 (entry, sizeof (Entry)));
    }
  g_array_remove_range (self->entries, position, n_removed);
  for (guint i = 0; i < n_added; i++)
    {
      Entry *entry = find_entry (self, rows[i]);

      g_array_insert_val (self->entries, position + i, *entry);  /* takes the row's ref */
      g_hash_table_add (self->placed, rows[i]);
      g_free (entry);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removed, n_added);
}

static const MciRowOrderList connection_rows = { peek_row, splice_entries };

/* Rows no view has seen are appended: they are sorted when one is read. */
static void
append_unseen (MciConnectionList *self)
{
  if (self->fresh->len > 0)
    splice_entries (self, self->entries->len, 0, (MciRow **) self->fresh->pdata,
                    self->fresh->len);
  g_hash_table_remove_all (self->placed);
}

/* Puts the connections in @order, with the new ones, moving only those that must (all
 * if @everything). Once a view has read a row, every row is made. */
void
mci_connection_list_order (MciConnectionList *self,
                           const MciRowOrder *order,
                           gboolean           everything,
                           GPtrArray         *moved)
{
  g_return_if_fail (MCI_IS_CONNECTION_LIST (self));
  g_return_if_fail (order != NULL);

  self->order = *order;
  if (!self->ordered)
    {
      append_unseen (self);
      g_ptr_array_set_size (self->fresh, 0);
      return;
    }
  mci_row_order_apply (&self->order, &connection_rows, self, self->entries->len, self->fresh,
                       everything, moved);
  g_ptr_array_set_size (self->fresh, 0);
  g_hash_table_remove_all (self->placed);
}

static gboolean
same_closes (GPtrArray   *rows,
             const GList *records,
             guint        n_records)
{
  const GList *last = g_list_last ((GList *) records);

  if (rows->len != n_records)
    return FALSE;
  if (n_records == 0)
    return TRUE;
  return mci_connection_row_get_closed_at (g_ptr_array_index (rows, 0))
         == mci_history_closed_of (last)->closed_at;
}

/* The group's closes in the recorder's window (oldest first, as the history lists
 * them): their rows follow the open connections', newest first, MAX_CLOSED_ROWS at
 * most. Rebuilt only when the history's list changed. */
void
mci_connection_list_set_closed (MciConnectionList *self,
                                const GList       *records)
{
  guint n_records = MIN (g_list_length ((GList *) records), MAX_CLOSED_ROWS);
  guint removed;

  g_return_if_fail (MCI_IS_CONNECTION_LIST (self));

  if (same_closes (self->closed, records, n_records))
    return;
  removed = self->closed->len;
  g_ptr_array_set_size (self->closed, 0);
  for (const GList *l = g_list_last ((GList *) records);
       l != NULL && self->closed->len < n_records; l = l->prev)
    g_ptr_array_add (self->closed,
                     mci_connection_row_new_closed (self->group, mci_history_closed_of (l)));
  g_list_model_items_changed (G_LIST_MODEL (self), self->entries->len, removed,
                              self->closed->len);
}
