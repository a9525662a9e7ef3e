/* mci-connection-model.c: the live tree of sections, groups and connections
 *
 * The model reconciles each snapshot into the rows it already has, by key: a row that
 * is still there is updated in place and notifies what changed; one that vanished is
 * marked closed and removed a refresh later (mci-vanished-rows.c). It keeps every
 * section's groups, and every shown group's connections, in the chosen sort order
 * (mci-row-order.c): a new row is inserted where it belongs, and a row whose value for
 * the sort column changed is taken out and put back, so that a view above needs no sort
 * model and every row that did not move keeps its expansion and selection. Its helpers
 * do the rest: MciRefreshTimer says when to sample, MciPeerNames names the peers,
 * MciRowSearch counts what a search shows, MciChangeCues ends the "new" cues and
 * MciPendingSort orders again, when idle, for names that arrive between refreshes.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-connection-model"

#include "config.h"

#include "mci-change-cues.h"
#include "mci-connection-list.h"
#include "mci-connection-model.h"
#include "mci-peer-names.h"
#include "mci-pending-sort.h"
#include "mci-recorder.h"
#include "mci-refresh-timer.h"
#include "mci-row-search.h"
#include "mci-vanished-rows.h"

struct _MciConnectionModel
{
  GObject          parent_instance;

  MciRefreshTimer *timer;
  MciPeerNames    *peer_names;
  MciRowSearch    *search;
  MciChangeCues   *cues;
  MciPendingSort  *pending_sort;
  GListStore      *sections;
  MciSectionRow   *section_rows[MCI_N_SECTIONS];
  GHashTable      *groups;         /* MciEndpointKey (the row's own) → MciGroupRow, borrowed */
  GPtrArray       *kept_lists;     /* the connection lists of groups that move, meanwhile */
  MciRowOrder      order;
  MciSnapshot     *snapshot;
  MciRecorder     *recorder;       /* NULL: closes are not counted */
  GError          *error;
  MciGrouping      grouping;       /* of the sections the store holds */
  MciSeries       *traffic_history; /* bytes per second, both ways, all sections */

  guint            generation;
  guint            n_samples;
};

G_DEFINE_FINAL_TYPE (MciConnectionModel, mci_connection_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INTERVAL,
  PROP_ACTIVE,
  PROP_SAMPLING,
  PROP_SNAPSHOT,
  PROP_ERROR_MESSAGE,
  PROP_N_SAMPLES,
  PROP_SEARCH,
  PROP_CUE_DURATION,
  PROP_SORT_COLUMN,
  PROP_SORT_DESCENDING,
  PROP_GROUPING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REORDERING,
  REORDERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mci_connection_model_dispose (GObject *object)
{
  MciConnectionModel *self = (MciConnectionModel *) object;

  if (self->timer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->timer, self);
      mci_refresh_timer_stop (self->timer);
    }
  if (self->peer_names != NULL)
    g_signal_handlers_disconnect_by_data (self->peer_names, self);
  if (self->pending_sort != NULL)
    g_signal_handlers_disconnect_by_data (self->pending_sort, self);
  g_clear_object (&self->timer);
  g_clear_object (&self->peer_names);
  g_clear_object (&self->cues);
  g_clear_object (&self->pending_sort);

  G_OBJECT_CLASS (mci_connection_model_parent_class)->dispose (object);
}

static void
mci_connection_model_finalize (GObject *object)
{
  MciConnectionModel *self = (MciConnectionModel *) object;

  g_clear_pointer (&self->groups, g_hash_table_unref);
  g_clear_pointer (&self->kept_lists, g_ptr_array_unref);
  g_clear_pointer (&self->traffic_history, mci_series_unref);
  for (guint i = 0; i < MCI_N_SECTIONS; i++)
    g_clear_object (&self->section_rows[i]);
  g_clear_object (&self->search);
  g_clear_object (&self->sections);
  g_clear_object (&self->snapshot);
  g_clear_object (&self->recorder);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (mci_connection_model_parent_class)->finalize (object);
}

static void
mci_connection_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MciConnectionModel *self = MCI_CONNECTION_MODEL (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      g_value_set_uint (value, mci_refresh_timer_get_interval (self->timer));
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, mci_refresh_timer_get_active (self->timer));
      break;
    case PROP_SAMPLING:
      g_value_set_boolean (value, mci_refresh_timer_get_sampling (self->timer));
      break;
    case PROP_SNAPSHOT:
      g_value_set_object (value, self->snapshot);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error != NULL ? self->error->message : NULL);
      break;
    case PROP_N_SAMPLES:
      g_value_set_uint (value, self->n_samples);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, mci_row_search_get_text (self->search));
      break;
    case PROP_CUE_DURATION:
      g_value_set_uint (value, mci_change_cues_get_duration (self->cues));
      break;
    case PROP_SORT_COLUMN:
      g_value_set_uint (value, self->order.column);
      break;
    case PROP_SORT_DESCENDING:
      g_value_set_boolean (value, self->order.descending);
      break;
    case PROP_GROUPING:
      g_value_set_string (value, mci_grouping_to_string (self->grouping));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_connection_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MciConnectionModel *self = MCI_CONNECTION_MODEL (object);

  switch (prop_id)
    {
    case PROP_INTERVAL:
      mci_connection_model_set_interval (self, g_value_get_uint (value));
      break;
    case PROP_ACTIVE:
      mci_connection_model_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_SEARCH:
      mci_connection_model_set_search (self, g_value_get_string (value));
      break;
    case PROP_CUE_DURATION:
      mci_change_cues_set_duration (self->cues, g_value_get_uint (value));
      break;
    case PROP_SORT_COLUMN:
      mci_connection_model_set_sort (self, g_value_get_uint (value), self->order.descending);
      break;
    case PROP_SORT_DESCENDING:
      mci_connection_model_set_sort (self, self->order.column, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_connection_model_class_init (MciConnectionModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mci_connection_model_dispose;
  object_class->finalize = mci_connection_model_finalize;
  object_class->get_property = mci_connection_model_get_property;
  object_class->set_property = mci_connection_model_set_property;

  properties[PROP_INTERVAL] = g_param_spec_uint ("interval", NULL, NULL,
                                                 0, 3600 * 1000, 0, rw);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, rw);
  properties[PROP_SAMPLING] = g_param_spec_boolean ("sampling", NULL, NULL, FALSE, ro);
  properties[PROP_SNAPSHOT] = g_param_spec_object ("snapshot", NULL, NULL,
                                                   MCI_TYPE_SNAPSHOT, ro);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  properties[PROP_N_SAMPLES] = g_param_spec_uint ("n-samples", NULL, NULL,
                                                  0, G_MAXUINT, 0, ro);
  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, NULL, rw);
  /* what the sections are grouped by now: "endpoint" or "address", as the setting says */
  properties[PROP_GROUPING] = g_param_spec_string ("grouping", NULL, NULL, "endpoint", ro);
  properties[PROP_CUE_DURATION] = g_param_spec_uint ("cue-duration", NULL, NULL,
                                                     0, G_MAXUINT, 3000, rw);
  /* an MciSortColumn */
  properties[PROP_SORT_COLUMN] = g_param_spec_uint ("sort-column", NULL, NULL,
                                                    0, MCI_N_SORT_COLUMNS - 1,
                                                    MCI_SORT_CONNECTIONS, rw);
  properties[PROP_SORT_DESCENDING] = g_param_spec_boolean ("sort-descending", NULL, NULL,
                                                           TRUE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Rows are about to move: a view notes what it must keep (the selection). */
  signals[REORDERING] = g_signal_new ("reordering", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 0);
  /* Rows were removed and inserted again (those that moved, new ones, and a few that
   * stay next to them), given as a GPtrArray of MciRow. Such a group whose connection
   * list is alive (mci_group_row_peek_connections()) was shown expanded: the list is kept
   * until the handlers have run, for the view to show it again. */
  signals[REORDERED] = g_signal_new ("reordered", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
mci_connection_model_init (MciConnectionModel *self)
{
  const MciSectionKind *kinds;
  guint n_kinds;

  self->sections = g_list_store_new (MCI_TYPE_SECTION_ROW);
  for (guint i = 0; i < MCI_N_SECTIONS; i++)
    self->section_rows[i] = mci_section_row_new (i);
  kinds = mci_grouping_get_sections (self->grouping, &n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    g_list_store_append (self->sections, self->section_rows[kinds[i]]);
  self->groups = g_hash_table_new (mci_endpoint_key_hash, mci_endpoint_key_equal);
  self->kept_lists = g_ptr_array_new_with_free_func (g_object_unref);
  self->order.column = MCI_SORT_CONNECTIONS;
  self->order.descending = TRUE;
  self->search = mci_row_search_new (G_LIST_MODEL (self->sections));
  self->cues = mci_change_cues_new ();
  self->pending_sort = mci_pending_sort_new ();
}

static void order_all (MciConnectionModel *self,
                       GPtrArray         **fresh,
                       GArray             *updates,
                       gboolean            everything);

static void
on_sort (MciConnectionModel *self)
{
  order_all (self, NULL, NULL, FALSE);
}

static void
on_named (MciConnectionModel *self)
{
  mci_pending_sort_queue (self->pending_sort);
}

static void
on_sampled (MciConnectionModel *self,
            MciSnapshot        *snapshot)
{
  mci_connection_model_apply (self, snapshot);
}

static void
on_failed (MciConnectionModel *self,
           GError             *error)
{
  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

/* The timer's interval, active and sampling are the model's. */
static void
on_timer_notify (MciConnectionModel *self,
                 GParamSpec         *pspec)
{
  guint prop_id = g_str_equal (pspec->name, "interval") ? PROP_INTERVAL
                : g_str_equal (pspec->name, "active") ? PROP_ACTIVE
                : PROP_SAMPLING;

  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* @resolver is NULL for numeric addresses only. */
MciConnectionModel *
mci_connection_model_new (MciSampler  *sampler,
                          MciResolver *resolver)
{
  MciConnectionModel *self;

  g_return_val_if_fail (MCI_IS_SAMPLER (sampler), NULL);
  g_return_val_if_fail (resolver == NULL || MCI_IS_RESOLVER (resolver), NULL);

  self = g_object_new (MCI_TYPE_CONNECTION_MODEL, NULL);
  self->timer = mci_refresh_timer_new (sampler);
  g_signal_connect_swapped (self->timer, "sampled", G_CALLBACK (on_sampled), self);
  g_signal_connect_swapped (self->timer, "failed", G_CALLBACK (on_failed), self);
  g_signal_connect_swapped (self->timer, "notify", G_CALLBACK (on_timer_notify), self);
  self->peer_names = mci_peer_names_new (resolver);
  g_signal_connect_swapped (self->peer_names, "named", G_CALLBACK (on_named), self);
  g_signal_connect_swapped (self->pending_sort, "sort", G_CALLBACK (on_sort), self);
  return self;
}

/* Asks for @address's name afresh (Look Up does): the cache and every row showing the
 * address follow the answer. */
void
mci_connection_model_renew_host_name (MciConnectionModel *self,
                                      const MciAddress   *address)
{
  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));
  g_return_if_fail (address != NULL);

  mci_peer_names_renew (self->peer_names, address);
}

/* A row on screen: its name is wanted now, ahead of the queue. */
void
mci_connection_model_show_host_name (MciConnectionModel *self,
                                     MciRow             *row)
{
  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));
  g_return_if_fail (MCI_IS_ROW (row));

  if (MCI_IS_GROUP_ROW (row) && mci_peer_names_show (self->peer_names, MCI_GROUP_ROW (row)))
    mci_pending_sort_queue (self->pending_sort);
}

/* Reconciling */

static void
forget_group (MciConnectionModel *self,
              MciGroupRow        *row)
{
  g_hash_table_remove (self->groups, mci_row_get_key (MCI_ROW (row)));
  mci_peer_names_untrack (self->peer_names, row);
}

/* This runs for every group on every refresh: the casts are made once. */
typedef struct
{
  MciConnectionModel *self;
  GListStore         *store;
  GListModel         *groups;   /* the store */
} Sweep;

static MciVanished
check_group (gpointer list,
             guint    position)
{
  Sweep *sweep = list;
  g_autoptr(MciGroupRow) row = g_list_model_get_item (sweep->groups, position);

  if (mci_group_row_get_generation (row) == sweep->self->generation)
    return MCI_VANISHED_NOT;
  if (mci_row_get_change ((MciRow *) row) == MCI_ROW_CHANGE_CLOSED)
    return MCI_VANISHED_BEFORE;
  return MCI_VANISHED_NOW;
}

static void
close_group (gpointer list,
             guint    position)
{
  Sweep *sweep = list;
  g_autoptr(MciRow) row = g_list_model_get_item (sweep->groups, position);

  mci_row_set_change (row, MCI_ROW_CHANGE_CLOSED);
}

static void
remove_groups (gpointer list,
               guint    position,
               guint    n_groups)
{
  Sweep *sweep = list;

  for (guint i = position; i < position + n_groups; i++)
    {
      g_autoptr(MciGroupRow) row = g_list_model_get_item (sweep->groups, i);

      forget_group (sweep->self, row);
    }
  g_list_store_splice (sweep->store, position, n_groups, NULL, 0);
}

static const MciVanishedRows vanished_groups = { check_group, close_group, remove_groups };

typedef struct
{
  MciGroupRow            *row;
  const MciEndpointGroup *group;  /* NULL: all its connections closed (see below) */
} Update;

/* The history files closes by endpoint group: grouped by address, the tree has none. */
static gboolean
counts_closes (MciConnectionModel *self)
{
  return self->recorder != NULL && mci_recorder_is_recording (self->recorder)
         && self->grouping == MCI_GROUPING_ENDPOINT;
}

/* A group this snapshot no longer has, whose closes are in the recorder's window,
 * stays: with no connection open, dimmed by the view, until they leave the window. */
static void
keep_closed_groups (MciConnectionModel *self,
                    GListStore         *store,
                    GArray             *updates)
{
  MciHistory *history;
  guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (!counts_closes (self))
    return;
  history = mci_recorder_get_history (self->recorder);
  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(MciGroupRow) row = g_list_model_get_item (G_LIST_MODEL (store), i);
      MciConnectionList *connections;
      Update update = { row, NULL };

      if (mci_group_row_get_generation (row) == self->generation
          || mci_history_count_closed (history, mci_row_get_key (MCI_ROW (row))) == 0)
        continue;
      mci_group_row_set_generation (row, self->generation);
      if ((connections = mci_group_row_peek_connections (row)) != NULL)
        mci_connection_list_update (connections, NULL, 0, self->generation, NULL);
      g_array_append_val (updates, update);
    }
}

/* Groups no sample saw, opened and closed in between, that have closes in the window:
 * rows of their own, with none open. */
static void
add_closed_only_groups (MciConnectionModel *self,
                        MciSectionKind      kind,
                        GPtrArray          *fresh)
{
  g_autoptr(GPtrArray) keys = NULL;

  if (!counts_closes (self))
    return;
  keys = mci_history_get_groups (mci_recorder_get_history (self->recorder), kind);
  for (guint i = 0; i < keys->len; i++)
    {
      MciEndpointGroup group = { .key = *(const MciEndpointKey *) keys->pdata[i] };
      MciGroupRow *row;

      if (g_hash_table_contains (self->groups, &group.key))
        continue;
      row = mci_group_row_new (self->snapshot, &group);
      mci_group_row_set_all_closed (row);  /* @group is this function's, not the snapshot's */
      mci_group_row_set_generation (row, self->generation);
      g_hash_table_insert (self->groups, (gpointer) mci_row_get_key (MCI_ROW (row)), row);
      mci_peer_names_track (self->peer_names, row);
      g_ptr_array_add (fresh, row);
    }
}

/* Each group's and section's closes in the window, after each sample. */
static void
count_closed (MciConnectionModel *self)
{
  MciHistory *history;
  GHashTableIter iter;
  MciGroupRow *row;

  if (!counts_closes (self))
    return;
  history = mci_recorder_get_history (self->recorder);
  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    {
      const MciEndpointKey *key = mci_row_get_key (MCI_ROW (row));
      MciConnectionList *connections = mci_group_row_peek_connections (row);

      mci_row_set_n_closed (MCI_ROW (row), mci_history_count_closed (history, key));
      /* an expanded group lists its closes after its open connections */
      if (connections != NULL)
        mci_connection_list_set_closed (connections, mci_history_get_closed (history, key));
    }
  for (guint kind = 0; kind < MCI_N_SECTIONS; kind++)
    mci_row_set_n_closed (MCI_ROW (self->section_rows[kind]),
                          mci_history_count_section (history, kind));
}

/* The structure of one section: groups that stay are marked and remembered in @updates
 * (their values change later, in update_values()), vanished ones close or go, new ones
 * are added to @fresh, for order_all() to insert where they belong. */
static void
reconcile_section (MciConnectionModel *self,
                   MciSectionKind      kind,
                   gboolean            first,
                   GArray             *updates,
                   GPtrArray          *appeared,
                   GPtrArray          *fresh)
{
  const MciSection *section = mci_snapshot_get_section (self->snapshot, kind);
  GListStore *store = mci_section_row_get_groups (self->section_rows[kind]);

  for (guint i = 0; i < section->n_groups; i++)
    {
      const MciEndpointGroup *group = &section->groups[i];
      MciGroupRow *row;
      MciConnectionList *connections;

      if ((row = g_hash_table_lookup (self->groups, &group->key)) != NULL)
        {
          Update update = { row, group };

          mci_group_row_set_generation (row, self->generation);
          /* a group that gains connections is a change worth seeing, as a new one is */
          if (group->n_connections > mci_row_get_n_connections (MCI_ROW (row))
              && mci_row_get_change (MCI_ROW (row)) != MCI_ROW_CHANGE_CLOSED)
            {
              mci_row_set_change (MCI_ROW (row), MCI_ROW_CHANGE_GROWN);
              g_ptr_array_add (appeared, g_object_ref (row));
            }
          if ((connections = mci_group_row_peek_connections (row)) != NULL)
            mci_connection_list_update (connections, group->connections, group->n_connections,
                                        self->generation, appeared);
          g_array_append_val (updates, update);
          continue;
        }
      row = mci_group_row_new (self->snapshot, group);
      mci_group_row_set_generation (row, self->generation);
      mci_group_row_set_order (row, &self->order);
      g_hash_table_insert (self->groups, (gpointer) mci_row_get_key (MCI_ROW (row)), row);
      mci_peer_names_track (self->peer_names, row);
      if (!first)
        {
          mci_row_set_change (MCI_ROW (row), MCI_ROW_CHANGE_NEW);
          g_ptr_array_add (appeared, g_object_ref (row));
        }
      g_ptr_array_add (fresh, row);
    }
  keep_closed_groups (self, store, updates);
  add_closed_only_groups (self, kind, fresh);
  mci_vanished_rows_sweep (&vanished_groups, &(Sweep) { self, store, G_LIST_MODEL (store) },
                           g_list_model_get_n_items (G_LIST_MODEL (store)));
}

static void
update_values (MciConnectionModel *self,
               GArray             *updates)
{
  for (guint i = 0; i < updates->len; i++)
    {
      Update *update = &g_array_index (updates, Update, i);
      MciConnectionList *connections = mci_group_row_peek_connections (update->row);

      if (update->group == NULL)
        mci_group_row_set_all_closed (update->row);
      else
        mci_group_row_update (update->row, self->snapshot, update->group);
      if (connections != NULL)
        mci_connection_list_update_values (connections, self->generation);
    }
  for (guint kind = 0; kind < MCI_N_SECTIONS; kind++)
    mci_section_row_update (self->section_rows[kind],
                            mci_snapshot_get_section (self->snapshot, kind));
}

/* Ordering */

static MciRow *
peek_group (gpointer list,
            guint    position)
{
  g_autoptr(MciRow) row = g_list_model_get_item (((Sweep *) list)->groups, position);

  return row;   /* the store holds it */
}

/* A group's connection list lives while a view shows it, that is while the group is
 * expanded: it is kept over the move for the view to show it again. */
static void
splice_groups (gpointer  list,
               guint     position,
               guint     n_removed,
               MciRow  **rows,
               guint     n_added)
{
  Sweep *sweep = list;

  for (guint i = position; i < position + n_removed; i++)
    {
      MciConnectionList *connections = mci_group_row_peek_connections (
        MCI_GROUP_ROW (peek_group (list, i)));

      if (connections != NULL)
        g_ptr_array_add (sweep->self->kept_lists, g_object_ref (connections));
    }
  g_list_store_splice (sweep->store, position, n_removed, (gpointer *) rows, n_added);
}

static const MciRowOrderList group_rows = { peek_group, splice_groups };

static void
order_connections (MciConnectionModel *self,
                   MciGroupRow        *row,
                   gboolean            everything,
                   GPtrArray          *moved)
{
  MciConnectionList *connections = mci_group_row_peek_connections (row);

  if (everything)
    mci_group_row_set_order (row, &self->order);
  if (connections != NULL)
    mci_connection_list_order (connections, &self->order, everything, moved);
}

/* Puts the lists back in order, with @fresh (one array of new groups a section, or
 * NULL) inserted: only the rows whose value for the sort column changed move, or all
 * of them if @everything (the order itself changed). The connections are ordered in
 * the groups of @updates, or in every group if @everything; a name that arrives does
 * not change the order of a group's connections, which share their peer. */
static void
order_all (MciConnectionModel *self,
           GPtrArray         **fresh,
           GArray             *updates,
           gboolean            everything)
{
  g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer row;

  g_signal_emit (self, signals[REORDERING], 0);
  g_hash_table_iter_init (&iter, self->groups);
  while (everything && g_hash_table_iter_next (&iter, NULL, &row))
    order_connections (self, row, TRUE, moved);
  for (guint i = 0; updates != NULL && i < updates->len; i++)
    order_connections (self, g_array_index (updates, Update, i).row, FALSE, moved);
  for (guint kind = 0; kind < MCI_N_SECTIONS; kind++)
    {
      GListStore *store = mci_section_row_get_groups (self->section_rows[kind]);
      Sweep sweep = { self, store, G_LIST_MODEL (store) };

      mci_row_order_apply (&self->order, &group_rows, &sweep,
                           g_list_model_get_n_items (G_LIST_MODEL (store)),
                           fresh != NULL ? fresh[kind] : NULL, everything, moved);
    }
  g_signal_emit (self, signals[REORDERED], 0, moved);
  g_ptr_array_set_size (self->kept_lists, 0);
}

/* Another grouping: no group is the same, and the sections are others. Every group goes
 * at once, without the "closed" cue (nothing closed), and the store shows the
 * grouping's sections; the snapshot's groups then come in without the "new" cue. */
static void
regroup (MciConnectionModel *self,
         MciGrouping         grouping)
{
  g_autofree gpointer *rows = NULL;
  const MciSectionKind *kinds;
  guint n_kinds;

  for (guint k = 0; k < MCI_N_SECTIONS; k++)
    {
      GListStore *store = mci_section_row_get_groups (self->section_rows[k]);
      guint n_groups = g_list_model_get_n_items (G_LIST_MODEL (store));

      remove_groups (&(Sweep) { self, store, G_LIST_MODEL (store) }, 0, n_groups);
    }
  self->grouping = grouping;
  kinds = mci_grouping_get_sections (grouping, &n_kinds);
  rows = g_new (gpointer, n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    rows[i] = self->section_rows[kinds[i]];
  g_list_store_splice (self->sections, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sections)),
                       rows, n_kinds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUPING]);
}

/* The history window: ten minutes of samples at the interval (2 s when paused). */
#define HISTORY_MS (10 * 60 * 1000)
#define PAUSED_INTERVAL_MS 2000

static guint
history_capacity (MciConnectionModel *self)
{
  guint interval = mci_refresh_timer_get_interval (self->timer);

  return CLAMP (HISTORY_MS / (interval > 0 ? interval : PAUSED_INTERVAL_MS), 1, HISTORY_MS / 100);
}

/* Each shown section's and open group's count, and the traffic, join their series. */
static void
record_history (MciConnectionModel *self)
{
  guint capacity = history_capacity (self);
  GListModel *sections = G_LIST_MODEL (self->sections);
  double rate = 0;

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(MciRow) section = g_list_model_get_item (sections, i);
      GListModel *groups = G_LIST_MODEL (mci_section_row_get_groups (MCI_SECTION_ROW (section)));
      const MciTraffic *traffic = mci_row_get_traffic (section);

      mci_row_record_history (section, capacity);
      if (traffic->n_rated > 0)
        rate += (double) traffic->sent_per_second + traffic->received_per_second;
      for (guint g = 0; g < g_list_model_get_n_items (groups); g++)
        {
          g_autoptr(MciGroupRow) row = g_list_model_get_item (groups, g);

          if (mci_group_row_get_generation (row) == self->generation)
            mci_row_record_history (MCI_ROW (row), capacity);
        }
    }
  if (self->traffic_history == NULL)
    self->traffic_history = mci_series_new (capacity);
  mci_series_set_capacity (self->traffic_history, capacity);
  mci_series_push (self->traffic_history, rate);
}

/* Reconciles @snapshot into the rows; the refresh timer calls it after each sample,
 * tests and the benchmark directly.
 *
 * In three passes: the structure (what stays, what vanished, what is new), the new
 * values, then the order, in which the new groups are inserted and the rows whose
 * value for the sort column changed move. */
void
mci_connection_model_apply (MciConnectionModel *self,
                            MciSnapshot        *snapshot)
{
  g_autoptr(GPtrArray) appeared = NULL;
  g_autoptr(GArray) updates = NULL;
  GPtrArray *fresh[MCI_N_SECTIONS];
  gboolean first;

  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));
  g_return_if_fail (MCI_IS_SNAPSHOT (snapshot));

  appeared = g_ptr_array_new_with_free_func (g_object_unref);
  updates = g_array_new (FALSE, FALSE, sizeof (Update));

  g_set_object (&self->snapshot, snapshot);
  self->generation++;
  self->n_samples++;
  first = self->n_samples == 1 || mci_snapshot_get_grouping (snapshot) != self->grouping;
  if (mci_snapshot_get_grouping (snapshot) != self->grouping)
    regroup (self, mci_snapshot_get_grouping (snapshot));
  /* the window moves on, and the latest listeners tell inbound closes from outbound */
  if (self->recorder != NULL)
    mci_recorder_update (self->recorder, snapshot);
  for (guint kind = 0; kind < MCI_N_SECTIONS; kind++)
    {
      fresh[kind] = g_ptr_array_new_with_free_func (g_object_unref);
      reconcile_section (self, kind, first, updates, appeared, fresh[kind]);
    }
  mci_peer_names_retain (self->peer_names);
  count_closed (self);
  update_values (self, updates);
  /* names that arrived meanwhile are ordered with the rest */
  mci_pending_sort_cancel (self->pending_sort);
  order_all (self, fresh, updates, FALSE);
  for (guint kind = 0; kind < MCI_N_SECTIONS; kind++)
    g_ptr_array_unref (fresh[kind]);
  record_history (self);
  mci_row_search_count_shown (self->search);
  mci_change_cues_add (self->cues, appeared);
  if (self->error != NULL)
    {
      g_clear_error (&self->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SAMPLES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAPSHOT]);
}

/* Sorting */

/* The order of every list: @column (an MciSortColumn) and its direction. The rows move
 * at once, as few as the new order asks. */
void
mci_connection_model_set_sort (MciConnectionModel *self,
                               guint               column,
                               gboolean            descending)
{
  MciRowOrder before;

  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));
  g_return_if_fail (column < MCI_N_SORT_COLUMNS);

  before = self->order;
  self->order.column = column;
  self->order.descending = !!descending;
  if (before.column == self->order.column && before.descending == self->order.descending)
    return;
  order_all (self, NULL, NULL, TRUE);
  if (before.column != self->order.column)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_COLUMN]);
  if (before.descending != self->order.descending)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_DESCENDING]);
}

guint
mci_connection_model_get_sort_column (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), 0);

  return self->order.column;
}

gboolean
mci_connection_model_get_sort_descending (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), FALSE);

  return self->order.descending;
}

/* The closed connections of the window, for a live sampler: each group and section
 * counts its closes, and a group whose connections all closed stays until they leave
 * the window. Set before the first sample. */
void
mci_connection_model_set_recorder (MciConnectionModel *self,
                                   MciRecorder        *recorder)
{
  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));
  g_return_if_fail (recorder == NULL || MCI_IS_RECORDER (recorder));

  g_set_object (&self->recorder, recorder);
}

/* NULL when closes are not counted at all. */
MciRecorder *
mci_connection_model_get_recorder (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), NULL);

  return self->recorder;
}

/* Sampling and searching */

/* Samples now; if a sample is running, once more when it is done. */
void
mci_connection_model_refresh (MciConnectionModel *self)
{
  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));

  mci_refresh_timer_refresh (self->timer);
}

/* 0 pauses. */
void
mci_connection_model_set_interval (MciConnectionModel *self,
                                   guint               interval_ms)
{
  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));

  mci_refresh_timer_set_interval (self->timer, interval_ms);
}

/* Whether anyone is looking: when someone starts to, the model samples at once. */
void
mci_connection_model_set_active (MciConnectionModel *self,
                                 gboolean            active)
{
  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));

  mci_refresh_timer_set_active (self->timer, active);
}

void
mci_connection_model_set_search (MciConnectionModel *self,
                                 const char         *text)
{
  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));

  if (mci_row_search_set_text (self->search, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

/* Groups by endpoint or by address from the next sample on, which is taken now; the
 * sections follow when it comes. */
void
mci_connection_model_set_grouping (MciConnectionModel *self,
                                   MciGrouping         grouping)
{
  MciSampler *sampler;

  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));

  sampler = mci_refresh_timer_get_sampler (self->timer);
  if (mci_sampler_get_grouping (sampler) == grouping)
    return;
  mci_sampler_set_grouping (sampler, grouping);
  if (self->n_samples > 0)
    mci_refresh_timer_refresh (self->timer);
}

MciGrouping
mci_connection_model_get_grouping (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), MCI_GROUPING_ENDPOINT);

  return self->grouping;
}

/* The traffic of every section, in bytes per second both ways, at each sample of the
 * history window; NULL before the first sample. */
MciSeries *
mci_connection_model_get_traffic_history (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), NULL);

  return self->traffic_history;
}

/* Accessors */

GListModel *
mci_connection_model_get_sections (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), NULL);

  return G_LIST_MODEL (self->sections);
}

MciRow *
mci_connection_model_get_section (MciConnectionModel *self,
                                  MciSectionKind      kind)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), NULL);
  g_return_val_if_fail (kind < MCI_N_SECTIONS, NULL);

  return MCI_ROW (self->section_rows[kind]);
}

MciSampler *
mci_connection_model_get_sampler (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), NULL);

  return mci_refresh_timer_get_sampler (self->timer);
}

MciSnapshot *
mci_connection_model_get_snapshot (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), NULL);

  return self->snapshot;
}

const GError *
mci_connection_model_get_error (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), NULL);

  return self->error;
}

guint
mci_connection_model_get_n_samples (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), 0);

  return self->n_samples;
}

guint
mci_connection_model_get_interval (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), 0);

  return mci_refresh_timer_get_interval (self->timer);
}

gboolean
mci_connection_model_get_active (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), FALSE);

  return mci_refresh_timer_get_active (self->timer);
}

gboolean
mci_connection_model_get_sampling (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), FALSE);

  return mci_refresh_timer_get_sampling (self->timer);
}

const char *
mci_connection_model_get_search (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), NULL);

  return mci_row_search_get_text (self->search);
}
