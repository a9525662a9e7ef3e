/* mci-connection-model.c: the live tree of sections, groups and connections
 *
 * The model samples on a timer through the sampler (one sample at a time, none while
 * nobody looks or the interval is "paused") and reconciles each snapshot into the rows
 * it already has, by key: a row that is still there is updated in place and notifies
 * what changed; a new one is appended; one that vanished is marked closed and removed a
 * refresh later, in as few items-changed as contiguous runs allow. Nothing is ever
 * removed and re-added, which is what keeps a tree's expansion and selection.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-connection-model"

#include "config.h"

#include "mci-connection-list.h"
#include "mci-connection-model.h"
#include "mci-vanished-rows.h"

#define DEFAULT_CUE_DURATION_MS 3000
#define CUE_CHECK_MS            250

typedef struct
{
  MciRow *row;
  gint64  until;
} Cue;

struct _MciConnectionModel
{
  GObject       parent_instance;

  MciSampler   *sampler;
  MciResolver  *resolver;       /* NULL: numeric */
  GListStore   *sections;
  MciSectionRow *section_rows[MCI_N_SECTIONS];
  GHashTable   *groups;         /* MciEndpointKey (the row's own) → MciRow, borrowed */
  GHashTable   *by_peer;        /* MciAddress → GPtrArray of MciRow, borrowed */
  MciSnapshot  *snapshot;
  GError       *error;
  char         *search;         /* casefolded, never NULL */
  GQueue        cues;           /* of Cue, oldest first */
  GCancellable *cancellable;

  guint         generation;
  guint         n_samples;
  guint         interval_ms;
  guint         cue_duration_ms;
  guint         timeout_id;
  guint         cue_timeout_id;
  guint         sort_idle_id;
  gulong        resolved_id;
  guint         active : 1;
  guint         sampling : 1;
  guint         sample_again : 1;
  guint         sort_dirty : 1;
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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SORT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_sample (MciConnectionModel *self);

static void
cue_free (gpointer data)
{
  Cue *cue = data;

  g_object_unref (cue->row);
  g_free (cue);
}

static void
mci_connection_model_dispose (GObject *object)
{
  MciConnectionModel *self = (MciConnectionModel *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->cue_timeout_id, g_source_remove);
  g_clear_handle_id (&self->sort_idle_id, g_source_remove);
  g_clear_signal_handler (&self->resolved_id, self->resolver);
  g_queue_clear_full (&self->cues, cue_free);

  G_OBJECT_CLASS (mci_connection_model_parent_class)->dispose (object);
}

static void
mci_connection_model_finalize (GObject *object)
{
  MciConnectionModel *self = (MciConnectionModel *) object;

  g_clear_pointer (&self->groups, g_hash_table_unref);
  g_clear_pointer (&self->by_peer, g_hash_table_unref);
  for (guint i = 0; i < MCI_N_SECTIONS; i++)
    g_clear_object (&self->section_rows[i]);
  g_clear_object (&self->sections);
  g_clear_object (&self->sampler);
  g_clear_object (&self->resolver);
  g_clear_object (&self->snapshot);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_free (self->search);

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
      g_value_set_uint (value, self->interval_ms);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_SAMPLING:
      g_value_set_boolean (value, self->sampling);
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
      g_value_set_string (value, self->search);
      break;
    case PROP_CUE_DURATION:
      g_value_set_uint (value, self->cue_duration_ms);
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
      self->cue_duration_ms = g_value_get_uint (value);
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
  properties[PROP_CUE_DURATION] = g_param_spec_uint ("cue-duration", NULL, NULL,
                                                     0, G_MAXUINT, DEFAULT_CUE_DURATION_MS, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Values a view sorts by (counts, states, host names) changed in place: sort again. */
  signals[SORT_CHANGED] = g_signal_new ("sort-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
row_array_free (gpointer data)
{
  g_ptr_array_unref (data);
}

static void
mci_connection_model_init (MciConnectionModel *self)
{
  self->sections = g_list_store_new (MCI_TYPE_SECTION_ROW);
  for (guint i = 0; i < MCI_N_SECTIONS; i++)
    {
      self->section_rows[i] = mci_section_row_new (i);
      g_list_store_append (self->sections, self->section_rows[i]);
    }
  self->groups = g_hash_table_new (mci_endpoint_key_hash, mci_endpoint_key_equal);
  self->by_peer = g_hash_table_new_full ((GHashFunc) mci_address_hash,
                                         (GEqualFunc) mci_address_equal,
                                         g_free, row_array_free);
  self->search = g_strdup ("");
  self->cancellable = g_cancellable_new ();
  self->cue_duration_ms = DEFAULT_CUE_DURATION_MS;
}

/* A view must sort again before any row is added or removed: mci_connection_model_apply()
 * flushes first, and names that arrive between samples are flushed when idle. */
static void
flush_sort (MciConnectionModel *self)
{
  g_clear_handle_id (&self->sort_idle_id, g_source_remove);
  if (!self->sort_dirty)
    return;
  self->sort_dirty = FALSE;
  g_signal_emit (self, signals[SORT_CHANGED], 0);
}

static gboolean
on_sort_idle (gpointer data)
{
  MciConnectionModel *self = data;

  self->sort_idle_id = 0;
  flush_sort (self);
  return G_SOURCE_REMOVE;
}

static void
queue_sort (MciConnectionModel *self)
{
  self->sort_dirty = TRUE;
  if (self->sort_idle_id == 0)
    self->sort_idle_id = g_idle_add (on_sort_idle, self);
}

static void
on_resolved (MciConnectionModel *self,
             const MciAddress   *address,
             const char         *name,
             MciResolver        *resolver)
{
  GPtrArray *rows = g_hash_table_lookup (self->by_peer, address);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    mci_group_row_set_host_name (g_ptr_array_index (rows, i), name, FALSE);
  if (rows != NULL && name != NULL)
    queue_sort (self);
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
  self->sampler = g_object_ref (sampler);
  if (resolver != NULL)
    {
      self->resolver = g_object_ref (resolver);
      self->resolved_id = g_signal_connect_object (resolver, "resolved",
                                                   G_CALLBACK (on_resolved), self,
                                                   G_CONNECT_SWAPPED);
    }
  return self;
}

/* Names, peers and cues */

static void
track_peer (MciConnectionModel *self,
            MciGroupRow        *row)
{
  const MciAddress *peer = mci_group_row_get_peer (row);
  GPtrArray *rows;
  const char *name = NULL;
  MciLookupState state;

  if (peer == NULL || self->resolver == NULL)
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

static void
untrack_peer (MciConnectionModel *self,
              MciGroupRow        *row)
{
  const MciAddress *peer = mci_group_row_get_peer (row);
  GPtrArray *rows;

  if (peer == NULL || (rows = g_hash_table_lookup (self->by_peer, peer)) == NULL)
    return;
  g_ptr_array_remove_fast (rows, row);
  if (rows->len == 0)
    g_hash_table_remove (self->by_peer, peer);
}

/* Asks for @address's name afresh (Look Up does): the cache and every row showing the
 * address follow the answer. */
void
mci_connection_model_renew_host_name (MciConnectionModel *self,
                                      const MciAddress   *address)
{
  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));
  g_return_if_fail (address != NULL);

  if (self->resolver != NULL)
    mci_resolver_force (self->resolver, address);
}

/* A row on screen: its name is wanted now, ahead of the queue. */
void
mci_connection_model_show_host_name (MciConnectionModel *self,
                                     MciRow             *row)
{
  const MciAddress *peer;
  const char *name = NULL;
  MciLookupState state;

  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));
  g_return_if_fail (MCI_IS_ROW (row));

  if (self->resolver == NULL || !MCI_IS_GROUP_ROW (row)
      || (peer = mci_group_row_get_peer (MCI_GROUP_ROW (row))) == NULL)
    return;
  state = mci_resolver_lookup (self->resolver, peer, TRUE, &name);
  if (g_strcmp0 (name, mci_row_get_host_name (row)) != 0)
    queue_sort (self);
  mci_group_row_set_host_name (MCI_GROUP_ROW (row), name, state == MCI_LOOKUP_PENDING);
}

static gboolean
clear_cues (gpointer data)
{
  MciConnectionModel *self = data;
  gint64 now = g_get_monotonic_time ();
  Cue *cue;

  while ((cue = g_queue_peek_head (&self->cues)) != NULL && cue->until <= now)
    {
      if (mci_row_get_change (cue->row) == MCI_ROW_CHANGE_NEW)
        mci_row_set_change (cue->row, MCI_ROW_CHANGE_NONE);
      cue_free (g_queue_pop_head (&self->cues));
    }
  if (!g_queue_is_empty (&self->cues))
    return G_SOURCE_CONTINUE;
  self->cue_timeout_id = 0;
  return G_SOURCE_REMOVE;
}

static void
add_cues (MciConnectionModel *self,
          GPtrArray          *appeared)
{
  gint64 until = g_get_monotonic_time () + (gint64) self->cue_duration_ms * 1000;

  for (guint i = 0; i < appeared->len; i++)
    {
      Cue *cue = g_new (Cue, 1);

      cue->row = g_object_ref (g_ptr_array_index (appeared, i));
      cue->until = until;
      g_queue_push_tail (&self->cues, cue);
    }
  if (appeared->len > 0 && self->cue_timeout_id == 0)
    self->cue_timeout_id = g_timeout_add (MIN (CUE_CHECK_MS, MAX (self->cue_duration_ms, 1)),
                                          clear_cues, self);
}

/* Reconciling */

static void
forget_group (MciConnectionModel *self,
              MciGroupRow        *row)
{
  g_hash_table_remove (self->groups, mci_row_get_key (MCI_ROW (row)));
  untrack_peer (self, row);
}

typedef struct
{
  MciConnectionModel *self;
  GListStore         *store;
} Sweep;

static MciVanished
check_group (gpointer list,
             guint    position)
{
  Sweep *sweep = list;
  g_autoptr(MciGroupRow) row = g_list_model_get_item (G_LIST_MODEL (sweep->store), position);

  if (mci_group_row_get_generation (row) == sweep->self->generation)
    return MCI_VANISHED_NOT;
  if (mci_row_get_change (MCI_ROW (row)) == MCI_ROW_CHANGE_CLOSED)
    return MCI_VANISHED_BEFORE;
  return MCI_VANISHED_NOW;
}

static void
close_group (gpointer list,
             guint    position)
{
  Sweep *sweep = list;
  g_autoptr(MciRow) row = g_list_model_get_item (G_LIST_MODEL (sweep->store), position);

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
      g_autoptr(MciGroupRow) row = g_list_model_get_item (G_LIST_MODEL (sweep->store), i);

      forget_group (sweep->self, row);
    }
  g_list_store_splice (sweep->store, position, n_groups, NULL, 0);
}

static const MciVanishedRows vanished_groups = { check_group, close_group, remove_groups };

typedef struct
{
  MciGroupRow            *row;
  const MciEndpointGroup *group;
} Update;

/* The structure of one section: groups that stay are marked and remembered in @updates
 * (their values change later, in update_values()), vanished ones close or go, new ones
 * are appended. */
static void
reconcile_section (MciConnectionModel *self,
                   MciSectionKind      kind,
                   GArray             *updates,
                   GPtrArray          *appeared)
{
  const MciSection *section = mci_snapshot_get_section (self->snapshot, kind);
  GListStore *store = mci_section_row_get_groups (self->section_rows[kind]);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean first = self->n_samples == 1;

  for (guint i = 0; i < section->n_groups; i++)
    {
      const MciEndpointGroup *group = &section->groups[i];
      MciGroupRow *row;
      MciConnectionList *connections;

      if ((row = g_hash_table_lookup (self->groups, &group->key)) != NULL)
        {
          Update update = { row, group };

          mci_group_row_set_generation (row, self->generation);
          if ((connections = mci_group_row_peek_connections (row)) != NULL)
            mci_connection_list_update (connections, group->connections, group->n_connections,
                                        self->generation, appeared);
          g_array_append_val (updates, update);
          continue;
        }
      row = mci_group_row_new (self->snapshot, group);
      mci_group_row_set_generation (row, self->generation);
      g_hash_table_insert (self->groups, (gpointer) mci_row_get_key (MCI_ROW (row)), row);
      track_peer (self, row);
      if (!first)
        {
          mci_row_set_change (MCI_ROW (row), MCI_ROW_CHANGE_NEW);
          g_ptr_array_add (appeared, g_object_ref (row));
        }
      g_ptr_array_add (fresh, row);
    }
  mci_vanished_rows_sweep (&vanished_groups, &(Sweep) { self, store },
                           g_list_model_get_n_items (G_LIST_MODEL (store)));
  if (fresh->len > 0)
    g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0,
                         fresh->pdata, fresh->len);
}

/* Returns whether a value that a view sorts by changed. */
static gboolean
update_values (MciConnectionModel *self,
               GArray             *updates)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < updates->len; i++)
    {
      Update *update = &g_array_index (updates, Update, i);
      MciConnectionList *connections = mci_group_row_peek_connections (update->row);

      changed |= mci_group_row_update (update->row, self->snapshot, update->group);
      if (connections != NULL)
        changed |= mci_connection_list_update_values (connections, self->generation);
    }
  for (guint kind = 0; kind < MCI_N_SECTIONS; kind++)
    mci_section_row_update (self->section_rows[kind],
                            mci_snapshot_get_section (self->snapshot, kind));
  return changed;
}

static void
count_shown (MciConnectionModel *self)
{
  for (guint kind = 0; kind < MCI_N_SECTIONS; kind++)
    {
      MciSectionRow *section = self->section_rows[kind];
      GListModel *groups = G_LIST_MODEL (mci_section_row_get_groups (section));
      guint shown = 0, n = g_list_model_get_n_items (groups);

      if (*self->search == '\0')
        shown = mci_row_get_n_connections (MCI_ROW (section));
      for (guint i = 0; *self->search != '\0' && i < n; i++)
        {
          g_autoptr(MciRow) row = g_list_model_get_item (groups, i);

          if (mci_row_get_change (row) != MCI_ROW_CHANGE_CLOSED)
            shown += mci_row_count_matches (row, self->search);
        }
      mci_section_row_set_n_shown (section, shown);
    }
}

/* Reconciles @snapshot into the rows; the window calls it through the sampler, tests
 * and the benchmark directly.
 *
 * In two passes: first every addition and removal, while the rows that stay still hold
 * their old values, then the new values. A sorted view places added rows by comparing
 * them with the rows it has, in the order it knows; values changed under it first
 * would break that order. After the second pass "sort-changed" tells it to sort again,
 * if a value it sorts by changed. */
void
mci_connection_model_apply (MciConnectionModel *self,
                            MciSnapshot        *snapshot)
{
  g_autoptr(GPtrArray) appeared = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) updates = g_array_new (FALSE, FALSE, sizeof (Update));

  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));
  g_return_if_fail (MCI_IS_SNAPSHOT (snapshot));

  g_set_object (&self->snapshot, snapshot);
  self->generation++;
  self->n_samples++;
  flush_sort (self);
  for (guint kind = 0; kind < MCI_N_SECTIONS; kind++)
    reconcile_section (self, kind, updates, appeared);
  /* a sort is costly with tens of thousands of rows: only when something moved */
  if (update_values (self, updates))
    self->sort_dirty = TRUE;
  flush_sort (self);
  count_shown (self);
  add_cues (self, appeared);
  if (self->error != NULL)
    {
      g_clear_error (&self->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SAMPLES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAPSHOT]);
}

/* Sampling */

static void
set_sampling (MciConnectionModel *self,
              gboolean            sampling)
{
  if (self->sampling == !!sampling)
    return;
  self->sampling = !!sampling;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLING]);
}

static gboolean
on_timeout (gpointer data)
{
  MciConnectionModel *self = data;

  self->timeout_id = 0;
  start_sample (self);
  return G_SOURCE_REMOVE;
}

/* The next sample starts an interval after the last one ended, so that a slow sample
 * can never pile up behind itself. */
static void
schedule (MciConnectionModel *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->active || self->interval_ms == 0 || self->sampling)
    return;
  self->timeout_id = g_timeout_add (self->interval_ms, on_timeout, self);
}

static void
set_error (MciConnectionModel *self,
           GError             *error)
{
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
on_sampled (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MciConnectionModel) self = user_data;
  g_autoptr(MciSnapshot) snapshot = NULL;
  GError *error = NULL;

  snapshot = mci_sampler_sample_finish (MCI_SAMPLER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return;
    }
  set_sampling (self, FALSE);
  if (snapshot != NULL)
    mci_connection_model_apply (self, snapshot);
  else
    set_error (self, error);
  if (self->sample_again)
    start_sample (self);
  else
    schedule (self);
}

static void
start_sample (MciConnectionModel *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->sample_again = FALSE;
  set_sampling (self, TRUE);
  mci_sampler_sample_async (self->sampler, self->cancellable, on_sampled, g_object_ref (self));
}

/* Samples now; if a sample is running, once more when it is done. */
void
mci_connection_model_refresh (MciConnectionModel *self)
{
  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));

  if (self->sampling)
    self->sample_again = TRUE;
  else
    start_sample (self);
}

/* 0 pauses. */
void
mci_connection_model_set_interval (MciConnectionModel *self,
                                   guint               interval_ms)
{
  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));

  if (self->interval_ms == interval_ms)
    return;
  self->interval_ms = interval_ms;
  schedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

/* Whether anyone is looking: when someone starts to, the model samples at once. */
void
mci_connection_model_set_active (MciConnectionModel *self,
                                 gboolean            active)
{
  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));

  if (self->active == !!active)
    return;
  self->active = !!active;
  if (self->active && !self->sampling)
    start_sample (self);
  else
    schedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

void
mci_connection_model_set_search (MciConnectionModel *self,
                                 const char         *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *folded = g_utf8_casefold (stripped, -1);

  g_return_if_fail (MCI_IS_CONNECTION_MODEL (self));

  if (g_strcmp0 (self->search, folded) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  count_shown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
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

  return self->sampler;
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

  return self->interval_ms;
}

gboolean
mci_connection_model_get_active (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), FALSE);

  return self->active;
}

gboolean
mci_connection_model_get_sampling (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), FALSE);

  return self->sampling;
}

const char *
mci_connection_model_get_search (MciConnectionModel *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (self), NULL);

  return self->search;
}
