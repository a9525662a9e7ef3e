/* mci-view-export.c: what the window shows, kept to be saved as CSV or JSON
 *
 * Made on the main thread from the rows, in a pass that only copies pointers: the
 * sections of the grouping, the groups a search shows (not those closing), in the
 * view's order, each with the connections shown, and the host names known. The
 * snapshot it holds owns every group and connection, so the formatting and the writing
 * (mci-json-report.c, mci-csv-report.c) run on a worker thread.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-view-export"

#include "config.h"

#include <string.h>

#include "mci-report.h"
#include "mci-view-export.h"

typedef struct
{
  const MciSection *section;
  GArray           *groups;        /* MciReportGroup */
} Section;

struct _MciViewExport
{
  GObject      parent_instance;
  MciSnapshot *snapshot;
  GArray      *sections;           /* Section */
  GPtrArray   *connection_lists;   /* the shown connections' arrays, owned */
  GHashTable  *host_names;         /* address text → name */
  char        *search;             /* NULL: none */
  MciHistory  *history;            /* NULL: closes not recorded; only while made */
  GArray      *closed;             /* MciClosedConnection, copies of the history's */
};

G_DEFINE_FINAL_TYPE (MciViewExport, mci_view_export, G_TYPE_OBJECT)

static void
clear_section (gpointer data)
{
  g_clear_pointer (&((Section *) data)->groups, g_array_unref);
}

static void
mci_view_export_finalize (GObject *object)
{
  MciViewExport *self = MCI_VIEW_EXPORT (object);

  g_clear_object (&self->snapshot);
  g_clear_pointer (&self->sections, g_array_unref);
  g_clear_pointer (&self->connection_lists, g_ptr_array_unref);
  g_clear_pointer (&self->host_names, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->closed, g_array_unref);
  G_OBJECT_CLASS (mci_view_export_parent_class)->finalize (object);
}

static void
mci_view_export_class_init (MciViewExportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mci_view_export_finalize;
}

static void
mci_view_export_init (MciViewExport *self)
{
  self->sections = g_array_new (FALSE, TRUE, sizeof (Section));
  g_array_set_clear_func (self->sections, clear_section);
  self->connection_lists = g_ptr_array_new_with_free_func (g_free);
  self->host_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->closed = g_array_new (FALSE, TRUE, sizeof (MciClosedConnection));
  g_array_set_clear_func (self->closed, (GDestroyNotify) mci_closed_connection_clear);
}

/* The connections a search shows of a group that does not match by its own text. */
static void
add_matching (MciViewExport  *self,
              MciGroupRow    *row,
              MciReportGroup *shown)
{
  const MciEndpointGroup *group = shown->group;
  const MciConnection **matching = g_new (const MciConnection *, MAX (group->n_connections, 1));

  for (guint i = 0; i < group->n_connections; i++)
    if (mci_group_row_connection_matches (row, group->connections[i], self->search))
      matching[shown->n_connections++] = group->connections[i];
  shown->connections = matching;
  g_ptr_array_add (self->connection_lists, matching);
}

static void
remember_host_name (MciViewExport *self,
                    MciGroupRow   *row)
{
  const MciAddress *peer = mci_group_row_get_peer (row);
  const char *name = mci_row_get_host_name (MCI_ROW (row));
  char buffer[MCI_ADDRESS_STRLEN];

  if (peer != NULL && name != NULL)
    g_hash_table_replace (self->host_names, g_strdup (mci_address_to_string (peer, buffer)),
                          g_strdup (name));
}

/* Copies, for the history goes on changing while a worker formats them. */
static void
add_closed (MciViewExport        *self,
            MciHistory           *history,
            const MciEndpointKey *key)
{
  for (const GList *link = mci_history_get_closed (history, key); link != NULL;
       link = link->next)
    {
      const MciClosedConnection *closed = mci_history_closed_of (link);
      MciClosedConnection copy = *closed;

      copy.owner = g_strdup (closed->owner);
      copy.unit = g_strdup (closed->unit);
      g_array_append_val (self->closed, copy);
    }
}

static void
add_group (MciViewExport *self,
           Section       *section,
           MciGroupRow   *row)
{
  MciReportGroup shown = { mci_group_row_get_group (row), NULL, 0 };

  if (self->search != NULL && !mci_row_matches (MCI_ROW (row), self->search))
    return;
  /* its closes in the window, also when all its connections closed (the history is kept
   * by endpoint: a group by address has none) */
  if (self->history != NULL)
    add_closed (self, self->history, mci_row_get_key (MCI_ROW (row)));
  /* a closing group is the old snapshot's, and no longer among the open connections; a
   * group whose connections all closed has none open */
  if (shown.group == NULL || mci_row_get_change (MCI_ROW (row)) == MCI_ROW_CHANGE_CLOSED
      || mci_group_row_get_snapshot (row) != self->snapshot)
    return;
  if (self->search != NULL)
    {
      if (!mci_group_row_matches_own_text (row, self->search))
        add_matching (self, row, &shown);
    }
  remember_host_name (self, row);
  g_array_append_val (section->groups, shown);
}

static void
add_section (MciViewExport    *self,
             MciSectionRow    *row,
             GCompareDataFunc  compare_groups,
             gpointer          compare_data)
{
  GListModel *groups = G_LIST_MODEL (mci_section_row_get_groups (row));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  Section section = { 0 };

  section.section = mci_snapshot_get_section (self->snapshot, mci_row_get_section (MCI_ROW (row)));
  section.groups = g_array_new (FALSE, TRUE, sizeof (MciReportGroup));
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    g_ptr_array_add (rows, g_list_model_get_item (groups, i));
  if (compare_groups != NULL)
    g_ptr_array_sort_with_data (rows, compare_groups, compare_data);
  for (guint i = 0; i < rows->len; i++)
    add_group (self, &section, g_ptr_array_index (rows, i));
  g_array_append_val (self->sections, section);
}

/**
 * mci_view_export_new:
 * @compare_groups: (nullable): the view's order of two group rows (called with pointers
 *   to the #MciRow pointers, as g_ptr_array_sort_with_data () does); %NULL: the model's
 *
 * What @model shows now: its grouping and search applied. Call after a sample.
 */
MciViewExport *
mci_view_export_new (MciConnectionModel *model,
                     GCompareDataFunc    compare_groups,
                     gpointer            compare_data)
{
  MciViewExport *self;
  MciRecorder *recorder;
  GListModel *sections;
  const char *search;

  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (model), NULL);
  g_return_val_if_fail (mci_connection_model_get_snapshot (model) != NULL, NULL);

  self = g_object_new (MCI_TYPE_VIEW_EXPORT, NULL);
  self->snapshot = g_object_ref (mci_connection_model_get_snapshot (model));
  search = mci_connection_model_get_search (model);
  self->search = search != NULL && *search != '\0' ? g_strdup (search) : NULL;
  recorder = mci_connection_model_get_recorder (model);
  self->history = recorder != NULL ? mci_recorder_get_history (recorder) : NULL;
  sections = mci_connection_model_get_sections (model);
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(MciSectionRow) row = g_list_model_get_item (sections, i);

      add_section (self, row, compare_groups, compare_data);
    }
  self->history = NULL;  /* the copies are made: a worker never reads the history */
  return self;
}

/* How many groups the view shows, in all its sections. */
guint
mci_view_export_get_n_groups (MciViewExport *self)
{
  guint n = 0;

  g_return_val_if_fail (MCI_IS_VIEW_EXPORT (self), 0);

  for (guint i = 0; i < self->sections->len; i++)
    n += g_array_index (self->sections, Section, i).groups->len;
  return n;
}

static const char *
known_name (const MciAddress *address,
            gpointer          user_data)
{
  char buffer[MCI_ADDRESS_STRLEN];

  return g_hash_table_lookup (user_data, mci_address_to_string (address, buffer));
}

/* The view as text; nothing here changes after mci_view_export_new (), so any thread may. */
char *
mci_view_export_format (MciViewExport *self,
                        MciViewFormat  format)
{
  g_autofree MciReportSection *sections = NULL;
  MciReportView view = { 0 };

  g_return_val_if_fail (MCI_IS_VIEW_EXPORT (self), NULL);

  sections = g_new0 (MciReportSection, MAX (self->sections->len, 1));
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = &g_array_index (self->sections, Section, i);

      sections[i].section = section->section;
      sections[i].groups = (const MciReportGroup *) (gpointer) section->groups->data;
      sections[i].n_groups = section->groups->len;
    }
  view.snapshot = self->snapshot;
  view.sections = sections;
  view.n_sections = self->sections->len;
  view.search = self->search;
  view.closed = (const MciClosedConnection *) (gpointer) self->closed->data;
  view.n_closed = self->closed->len;
  if (format == MCI_VIEW_FORMAT_CSV)
    return mci_report_format_csv_view (&view, known_name, self->host_names);
  return mci_report_format_json_view (&view, known_name, self->host_names);
}

/* CSV for a name ending in .csv (any case), JSON for any other. */
MciViewFormat
mci_view_format_for_file (GFile *file)
{
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (G_IS_FILE (file), MCI_VIEW_FORMAT_JSON);

  name = g_file_get_basename (file);
  folded = name != NULL ? g_ascii_strdown (name, -1) : NULL;
  return folded != NULL && g_str_has_suffix (folded, ".csv") ? MCI_VIEW_FORMAT_CSV
                                                             : MCI_VIEW_FORMAT_JSON;
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  MciViewExport *self = source_object;
  GFile *file = task_data;
  g_autofree char *text = mci_view_export_format (self, mci_view_format_for_file (file));
  GError *error = NULL;

  if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Formats and writes on a worker thread; CSV or JSON by @file's name. */
void
mci_view_export_save_async (MciViewExport       *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MCI_IS_VIEW_EXPORT (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mci_view_export_save_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
mci_view_export_save_finish (MciViewExport  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (MCI_IS_VIEW_EXPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
