/* mci-window.c: the main window, a live tree of the machine's TCP connections
 *
 * The rows come from MciConnectionModel, which updates them in place and keeps them in
 * the order the column headers choose. This file only stacks the list models (sections
 * → tree → selection), makes the cells, and ties the header bar to the model and the
 * settings.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-count-cell.h"
#include "mci-endpoint-cell.h"
#include "mci-fleet-source.h"
#include "mci-gtk-compat.h"
#include "mci-history-cell.h"
#include "mci-host-cell.h"
#include "mci-lookup-window.h"
#include "mci-owner-cell.h"
#include "mci-report.h"
#include "mci-row-cell.h"
#include "mci-section-graphs.h"
#include "mci-server-cell.h"
#include "mci-states-cell.h"
#include "mci-traffic-cell.h"
#include "mci-window.h"
#include "mci-window-save.h"

/* The columns, in the template's order. */
typedef enum
{
  MCI_COLUMN_ENDPOINT,
  MCI_COLUMN_PROCESS,
  MCI_COLUMN_COUNT,
  MCI_COLUMN_HOST_NAME,
  MCI_COLUMN_STATES,
  MCI_COLUMN_TRAFFIC,
  N_COLUMNS
} MciColumn;

struct _MciWindow
{
  AdwApplicationWindow  parent_instance;

  MciConnectionModel   *model;
  GSettings            *settings;
  GtkTreeListModel     *tree;
  GtkSingleSelection   *selection;
  GtkCustomFilter      *filter;
  gboolean              sort_restored;
  gboolean              focus_placed;  /* the tree has had the focus once */
  MciRow               *moving_selected; /* the selected row while rows move */

  /* template */
  AdwWindowTitle       *window_title;
  GtkLabel             *status_label;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *no_match_page;
  AdwStatusPage        *error_page;
  GtkDropDown          *interval_drop_down;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *stack;
  GtkSpinner           *loading_spinner;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *columns[N_COLUMNS];
  GtkColumnViewColumn  *server_column;  /* not sorted by: outside the model's columns */
  AdwToastOverlay      *toast_overlay;
  GtkColumnViewColumn  *history_column;
  GtkRevealer          *graphs_revealer;
  MciSectionGraphs     *graphs;
  GMenuModel           *row_menu;
  GMenuModel           *section_menu;

  guint                 focus_position;  /* the row to focus once it is laid out */
  gboolean              focus_select;
  guint                 focus_tick_id;
  guint                 focus_tries;

  GtkWidget            *row_popover;
  GtkWidget            *section_popover;
  MciRow               *context_row;   /* the row the menu was opened for */
  AdwToast             *toast;         /* the copy confirmation on show, if any */
};

G_DEFINE_FINAL_TYPE (MciWindow, mci_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The settings' names for the columns, in MciColumn order. */
static const char * const column_names[N_COLUMNS] = {
  "endpoint", "process", "connections", "host-name", "states", "traffic",
};

/* The refresh interval drop-down's choices, in its order: the setting's value and what
 * the drop-down says for it. */
static const struct
{
  guint       ms;
  const char *label;
} intervals[] = {
  { 0, N_("Paused") },
  { 500, N_("Every 0.5 s") },
  { 1000, N_("Every 1 s") },
  { 2000, N_("Every 2 s") },
  { 5000, N_("Every 5 s") },
  { 10000, N_("Every 10 s") },
};

/* Sorting: the model keeps the rows in order, and nothing sorts with the columns'
 * sorters: they make the headers clickable and tell which column and direction were
 * chosen (compat probes them), and compare as the model does, in ascending order. */

static int
compare_column (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  MciRowOrder order = { GPOINTER_TO_UINT (user_data), FALSE };

  return mci_row_order_compare (&order, (MciRow *) a, (MciRow *) b);
}

static void
on_sort_changed (MciWindow *self)
{
  GtkSortType order;
  GtkColumnViewColumn *column;

  if ((column = mci_gtk_compat_get_sort_column (self->column_view, &order)) == NULL)
    return;
  for (guint i = 0; i < N_COLUMNS; i++)
    if (self->columns[i] == column)
      {
        mci_connection_model_set_sort (self->model, i, order == GTK_SORT_DESCENDING);
        if (!self->sort_restored)
          continue;
        g_settings_set_string (self->settings, "sort-column", column_names[i]);
        g_settings_set_boolean (self->settings, "sort-descending", order == GTK_SORT_DESCENDING);
      }
}

static void
restore_sort (MciWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "sort-column");
  gboolean descending = g_settings_get_boolean (self->settings, "sort-descending");
  guint column = MCI_COLUMN_COUNT;

  for (guint i = 0; i < N_COLUMNS; i++)
    if (g_str_equal (name, column_names[i]))
      column = i;
  gtk_column_view_sort_by_column (self->column_view, self->columns[column],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  mci_connection_model_set_sort (self->model, column, descending);
  self->sort_restored = TRUE;
}

/* Cells */

/* The kind of cell of each column, in MciColumn order. */
static GType
get_cell_type (MciColumn column)
{
  GType types[N_COLUMNS] = {
    MCI_TYPE_ENDPOINT_CELL, MCI_TYPE_OWNER_CELL, MCI_TYPE_COUNT_CELL, MCI_TYPE_HOST_CELL,
    MCI_TYPE_STATES_CELL, MCI_TYPE_TRAFFIC_CELL,
  };

  g_assert (column < N_COLUMNS);

  return types[column];
}

static void add_row_menu_gestures (MciWindow *self,
                                   GtkWidget *cell);

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          MciWindow                *self)
{
  GType type = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (factory), "mci-cell-type"));
  GtkWidget *cell = g_object_new (type, "model", self->model, NULL);

  add_row_menu_gestures (self, cell);
  gtk_list_item_set_child (item, cell);
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         MciWindow                *self)
{
  MciRowCell *cell = MCI_ROW_CELL (gtk_list_item_get_child (item));

  if (mci_gtk_compat_list_item_rebinds (item, mci_row_cell_get_list_row (cell)))
    return;
  mci_row_cell_bind (cell, gtk_list_item_get_item (item));
}

/* What each column shows at its widest, most of the time, and the room its cells take
 * besides the text (the Endpoint's is the tree's indent of a connection, two levels and
 * an expander; the States' the badges' padding): the widths come from these and the
 * window's width, not from the rows on screen, which change as groups open and the
 * search narrows. A column that can say less (an owner or a host name ellipsized, the
 * states in short forms) gives up room down to its narrow sample when the window is
 * narrower than all the samples together; at 600 pixels the endpoints are then
 * ellipsized in the middle and the host names at the start, with the whole text in a
 * tooltip, so that the states still show. */
static const struct
{
  const char *text;
  const char *narrow;  /* NULL: the column never shrinks */
  int         extra;
} column_samples[N_COLUMNS] = {
  { "255.255.255.255:65535 ← 255.255.255.255", "192.0.2.10:443 ← 198.51.100.23", 72 },
  { "NetworkManager (12345)", "sshd (123)", 24 },
  { "9999 of 9999", "99 of 99", 24 },
  { "a-laptop-name.example.com", "…com", 24 },
  { "99 × ESTABLISHED 99 × TIME_WAIT", "9 EST +9", 64 },
  { "↓ 999.9 MB/s ↑ 999.9 MB/s", "↓ 999.9 MB/s", 24 },
};

static int
measure_text (MciWindow  *self,
              const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* While closes are recorded the count says what closed too */
static const char recording_count_sample[] = "9999 · 999 closed in 10 min";
static const char recording_count_narrow[] = "99 · 9 closed in 10 min";

static gboolean
counts_closes (MciWindow *self)
{
  MciRecorder *recorder = mci_connection_model_get_recorder (self->model);

  return recorder != NULL && mci_recorder_is_recording (recorder);
}

static const char *
column_sample (MciWindow *self,
               guint      column,
               gboolean   narrow)
{
  if (column == MCI_COLUMN_COUNT && counts_closes (self))
    return narrow ? recording_count_narrow : recording_count_sample;
  return narrow ? column_samples[column].narrow : column_samples[column].text;
}

static int
measure_column (MciWindow *self,
                guint      column)
{
  const char *title = gtk_column_view_column_get_title (self->columns[column]);

  return MAX (measure_text (self, column_sample (self, column, FALSE))
              + column_samples[column].extra,
              measure_text (self, title) + 40);
}

/* Fixed widths, so that the columns stay put; the columns that expand share what room
 * is left, and a person may still drag them wider or narrower. */
static void
fit_column_widths (MciWindow *self)
{
  int wanted[N_COLUMNS] = { 0 }, least[N_COLUMNS] = { 0 };
  int available, height, total = 0, slack = 0;

  /* the window's own width, not the view's allocation, which the widths set here change
   * (GTK 4.8 wants both pointers) */
  gtk_window_get_default_size (GTK_WINDOW (self), &available, &height);
  available -= 24;  /* the view's margins and scroll bar */
  /* the History column's sparklines keep their width: the others share the rest */
  if (gtk_column_view_column_get_visible (self->history_column))
    available -= gtk_column_view_column_get_fixed_width (self->history_column);
  if (gtk_column_view_column_get_visible (self->server_column))
    available -= gtk_column_view_column_get_fixed_width (self->server_column);
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      if (!gtk_column_view_column_get_visible (self->columns[i]))
        continue;
      wanted[i] = measure_column (self, i);
      least[i] = column_samples[i].narrow == NULL
                 ? wanted[i]
                 : MIN (wanted[i], measure_text (self, column_sample (self, i, TRUE))
                                   + column_samples[i].extra);
      total += wanted[i];
      slack += wanted[i] - least[i];
    }
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      int width = wanted[i];

      if (width == 0)
        continue;
      if (total > available && slack > 0)
        width -= (int) ((gint64) (wanted[i] - least[i]) * MIN (total - available, slack) / slack);
      if (gtk_column_view_column_get_fixed_width (self->columns[i]) != width)
        gtk_column_view_column_set_fixed_width (self->columns[i], width);
    }
}

/* A column outside the model's sort columns: its cells only. */
static void
setup_unsorted_column (MciWindow           *self,
                       GtkColumnViewColumn *column,
                       GType                cell_type)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "mci-cell-type", GSIZE_TO_POINTER (cell_type));
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), self);
  gtk_column_view_column_set_factory (column, factory);
}

/* Sparklines: a column of its own, not sorted by (a graph has no order). */
static void
setup_history_column (MciWindow *self)
{
  setup_unsorted_column (self, self->history_column, MCI_TYPE_HISTORY_CELL);
}

/* The Server column, not sorted by either; a width for a short host name or address. */
static void
setup_server_column (MciWindow *self)
{
  int width = MAX (measure_text (self, "db-server-12.example"),
                   measure_text (self, gtk_column_view_column_get_title (self->server_column)));

  setup_unsorted_column (self, self->server_column, MCI_TYPE_SERVER_CELL);
  gtk_column_view_column_set_fixed_width (self->server_column, width + 40);
}

static void
setup_columns (MciWindow *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = NULL;

      sorter = mci_gtk_compat_column_sorter_new (self->columns[i], compare_column,
                                                 GUINT_TO_POINTER (i), NULL);
      g_object_set_data (G_OBJECT (factory), "mci-cell-type",
                         GSIZE_TO_POINTER (get_cell_type (i)));
      g_signal_connect (factory, "setup", G_CALLBACK (on_setup), self);
      /* no "unbind": a cell stays bound until it is given another row, or destroyed, see
       * on_bind(); a signal nobody handles costs GTK's many repeats least */
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind), self);
      gtk_column_view_column_set_factory (self->columns[i], factory);
      gtk_column_view_column_set_sorter (self->columns[i], sorter);
    }
  setup_history_column (self);
  setup_server_column (self);
  fit_column_widths (self);
  g_signal_connect_object (self, "notify::default-width", G_CALLBACK (fit_column_widths), self,
                           G_CONNECT_SWAPPED);
  /* the list would be read out as "GtkColumnListView" */
  mci_gtk_compat_name_column_view (self->column_view, _("Connections"), _("Column headers"));
}

/* Models */

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  MciWindow *self = user_data;

  return mci_row_matches (item, mci_connection_model_get_search (self->model));
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  MciWindow *self = user_data;
  GListModel *children;

  /* a listening socket on its own is its one row: nothing to open */
  if (mci_row_get_kind (item) == MCI_ROW_GROUP
      && mci_row_get_section (item) == MCI_SECTION_LISTENING
      && mci_row_get_n_connections (item) == 1)
    return NULL;
  if ((children = mci_row_dup_children (item)) == NULL)
    return NULL;
  return G_LIST_MODEL (gtk_filter_list_model_new (children, g_object_ref (GTK_FILTER (self->filter))));
}

/* Everything open but the listening sockets, which are many and rarely the question. */
static void
expand_sections (MciWindow *self)
{
  GListModel *sections = mci_connection_model_get_sections (self->model);

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree, i);
      g_autoptr(MciRow) section = g_list_model_get_item (sections, i);

      gtk_tree_list_row_set_expanded (row, mci_row_get_section (section) != MCI_SECTION_LISTENING);
    }
}

static void
setup_models (MciWindow *self)
{
  GListModel *sections = mci_connection_model_get_sections (self->model);

  /* no filter function while nothing is searched: GtkFilterListModel then never reads
   * the items, and a group's connections stay unmade until it is expanded */
  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->tree = gtk_tree_list_model_new (g_object_ref (sections), FALSE, FALSE,
                                        create_children, self, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  expand_sections (self);
  /* after the tree's own handler: another grouping brings other sections */
  g_signal_connect_object (sections, "items-changed", G_CALLBACK (expand_sections), self,
                           G_CONNECT_SWAPPED);
}

/* Pages and status */

static guint
count_all (MciWindow *self)
{
  guint total = 0;

  for (guint i = 0; i < MCI_N_SECTIONS; i++)
    total += mci_row_get_n_connections (mci_connection_model_get_section (self->model, i));
  return total;
}

static gboolean
shows_live_machine (MciWindow *self)
{
  MciSampler *sampler = mci_connection_model_get_sampler (self->model);

  return mci_source_is_live (mci_sampler_get_source (sampler));
}

static gboolean
shows_this_machine (MciWindow *self)
{
  MciSampler *sampler = mci_connection_model_get_sampler (self->model);

  return mci_source_is_this_machine (mci_sampler_get_source (sampler));
}

/* How many connections the search leaves on view: all of them without a search. */
static guint
count_shown (MciWindow *self)
{
  guint total = 0;

  if (*mci_connection_model_get_search (self->model) == '\0')
    return count_all (self);
  for (guint i = 0; i < MCI_N_SECTIONS; i++)
    total += mci_section_row_get_n_shown (
      MCI_SECTION_ROW (mci_connection_model_get_section (self->model, i)));
  return total;
}

/* The empty and no-match pages say what was looked at, and for what. */
static void
update_status_pages (MciWindow *self)
{
  g_autofree char *no_match = NULL;

  const char *empty;

  if (!shows_live_machine (self))
    empty = _("This capture holds no TCP connections and no listening sockets.");
  else if (!shows_this_machine (self))
    empty = _("This server has no TCP connections and no listening sockets right now.");
  else
    empty = _("This machine has no TCP connections and no listening sockets right now.");
  adw_status_page_set_description (self->empty_page, empty);
  no_match = g_strdup_printf (_("No connection matches “%s”."),
                              mci_connection_model_get_search (self->model));
  adw_status_page_set_description (self->no_match_page, no_match);
}

/* Closes the kernel dropped are said, never hidden; and on the live machine, where
 * closes cannot be recorded, that they are not. */
static void
append_closed_status (MciWindow *self,
                      GString   *status)
{
  MciRecorder *recorder = mci_connection_model_get_recorder (self->model);
  guint missed;

  if (recorder == NULL)
    return;
  missed = mci_recorder_get_missed (recorder);
  if (missed > 0)
    {
      g_string_append (status, " · ");
      g_string_append_printf (status, ngettext ("Some closed connections were missed (%u)",
                                                "Some closed connections were missed (%u)",
                                                missed),
                              missed);
    }
  if (!mci_recorder_is_recording (recorder) && shows_live_machine (self))
    g_string_append_printf (status, " · %s", mci_recorder_get_note (recorder));
}

/* Over several servers, which answered: one that did not keeps its rows, said here. */
static void
append_fleet_status (MciWindow *self,
                     GString   *status)
{
  MciSource *source = mci_sampler_get_source (mci_connection_model_get_sampler (self->model));
  g_autofree char *summary = NULL;

  if (!MCI_IS_FLEET_SOURCE (source))
    return;
  summary = mci_fleet_source_summarize (MCI_FLEET_SOURCE (source));
  g_string_append_printf (status, " · %s", summary);
}

static void
update_status (MciWindow *self)
{
  MciSnapshot *snapshot = mci_connection_model_get_snapshot (self->model);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;
  g_autoptr(GString) status = g_string_new (NULL);
  const char *note;
  guint skipped;

  if (snapshot == NULL)
    {
      gtk_label_set_text (self->status_label, "");
      return;
    }
  local = g_date_time_to_local (mci_snapshot_get_sampled_at (snapshot));
  time = g_date_time_format (local, "%X");
  /* a server out of reach: its last data stay, said to be old */
  if (mci_connection_model_get_error (self->model) != NULL)
    g_string_printf (status, _("Old data, from %s · %s"), time,
                     mci_connection_model_get_error (self->model)->message);
  else
    g_string_printf (status, _("Updated at %s"), time);
  if (mci_connection_model_get_interval (self->model) == 0 && shows_live_machine (self))
    g_string_append_printf (status, " · %s", _("Paused"));
  skipped = mci_snapshot_get_skipped_lines (snapshot);
  if (skipped > 0)
    {
      g_string_append (status, " · ");
      g_string_append_printf (status, ngettext ("%u unreadable line skipped",
                                                "%u unreadable lines skipped", skipped),
                              skipped);
    }
  /* why the figures are missing, or that a few connections may be */
  if ((note = mci_snapshot_get_note (snapshot)) != NULL)
    g_string_append_printf (status, " · %s", note);
  append_closed_status (self, status);
  append_fleet_status (self, status);
  gtk_label_set_text (self->status_label, status->str);
}

static void focus_row (MciWindow *self,
                       guint      position,
                       gboolean   select);

static void
update_page (MciWindow *self)
{
  const GError *error = mci_connection_model_get_error (self->model);
  const char *page;

  /* a server that dropped keeps its last data, the status line says why */
  if (error != NULL && (mci_connection_model_get_snapshot (self->model) == NULL
                        || !shows_live_machine (self) || shows_this_machine (self)))
    {
      adw_status_page_set_description (self->error_page, error->message);
      page = "error";
    }
  else if (mci_connection_model_get_snapshot (self->model) == NULL)
    page = "loading";
  else if (count_all (self) == 0)
    page = "empty";
  else if (count_shown (self) == 0)
    page = "no-match";
  else
    page = "tree";
  gtk_stack_set_visible_child_name (self->stack, page);
  /* the tree is what the window is for: the keyboard starts there, once it shows, and
   * only if nobody has put the focus somewhere already (the search, say) */
  if (g_str_equal (page, "tree") && !self->focus_placed)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      self->focus_placed = TRUE;
      if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)))
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
          focus_row (self, 0, FALSE);
        }
    }
  /* a spinner animates on a hidden page too: each frame lays the window out again,
   * asking the X server for its geometry, a tenth of a core at rest */
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
}

static void
on_snapshot (MciWindow *self)
{
  /* rows that changed may now match the search, or no longer */
  if (*mci_connection_model_get_search (self->model) != '\0')
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_page (self);
  update_status (self);
}

/* A moved row is removed and inserted again, and GtkTreeListModel makes a new, collapsed
 * row for it: what was expanded is expanded again, what was selected selected again. */

static void
on_reordering (MciWindow *self)
{
  GtkTreeListRow *selected = gtk_single_selection_get_selected_item (self->selection);

  g_clear_object (&self->moving_selected);
  if (selected != NULL)
    self->moving_selected = gtk_tree_list_row_get_item (selected);
}

/* @row's place in the tree, if its parents are expanded; a search may hide it. */
static GtkTreeListRow *
find_tree_row (MciWindow *self,
               MciRow    *row)
{
  g_autoptr(GtkTreeListRow) parent = NULL;
  GListModel *children;

  if (mci_row_get_kind (row) == MCI_ROW_SECTION)
    return gtk_tree_list_model_get_child_row (self->tree, mci_row_get_section (row));
  if (mci_row_get_kind (row) == MCI_ROW_GROUP)
    parent = gtk_tree_list_model_get_child_row (self->tree, mci_row_get_section (row));
  else
    parent = find_tree_row (self, MCI_ROW (mci_connection_row_get_group (MCI_CONNECTION_ROW (row))));
  if (parent == NULL || (children = gtk_tree_list_row_get_children (parent)) == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(MciRow) child = g_list_model_get_item (children, i);

      if (child == row)
        return gtk_tree_list_row_get_child_row (parent, i);
    }
  return NULL;
}

static void
on_reordered (MciWindow *self,
              GPtrArray *moved)
{
  g_autoptr(MciRow) selected = g_steal_pointer (&self->moving_selected);
  g_autoptr(MciRow) now_item = NULL;
  GtkTreeListRow *now;

  for (guint i = 0; i < moved->len; i++)
    {
      MciRow *row = g_ptr_array_index (moved, i);
      g_autoptr(GtkTreeListRow) tree_row = NULL;

      if (!MCI_IS_GROUP_ROW (row) || mci_group_row_peek_connections (MCI_GROUP_ROW (row)) == NULL)
        continue;
      if ((tree_row = find_tree_row (self, row)) != NULL)
        gtk_tree_list_row_set_expanded (tree_row, TRUE);
    }
  now = gtk_single_selection_get_selected_item (self->selection);
  if (now != NULL)
    now_item = gtk_tree_list_row_get_item (now);
  if (selected != NULL && now_item != selected)
    {
      g_autoptr(GtkTreeListRow) tree_row = find_tree_row (self, selected);

      if (tree_row != NULL)
        gtk_single_selection_set_selected (self->selection,
                                           gtk_tree_list_row_get_position (tree_row));
    }
}

/* Search */

static void
on_search_changed (MciWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_debug ("Searching for “%s”", text);
  mci_connection_model_set_search (self->model, text);
  if (*mci_connection_model_get_search (self->model) == '\0')
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  else
    gtk_custom_filter_set_filter_func (self->filter, filter_row, self, NULL);
  update_status_pages (self);
  update_page (self);
}

static void
on_stop_search (MciWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

void
mci_window_set_search (MciWindow  *self,
                       const char *text)
{
  g_return_if_fail (MCI_IS_WINDOW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}

/* Actions */

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  mci_connection_model_refresh (MCI_WINDOW (widget)->model);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MciWindow *self = MCI_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
clear_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MciWindow *self = MCI_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The keyboard in the tree */

static guint
find_position (MciWindow      *self,
               GtkTreeListRow *row)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) candidate = g_list_model_get_item (G_LIST_MODEL (self->tree), i);

      if (candidate == row)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* A cell that shows @row, while it is on screen. */
static GtkWidget *
find_cell (GtkWidget      *widget,
           GtkTreeListRow *row)
{
  if (MCI_IS_ROW_CELL (widget) && mci_row_cell_get_list_row (MCI_ROW_CELL (widget)) == row)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cell (child, row);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row whose cell has the keyboard focus, if any. */
static GtkTreeListRow *
get_focus_list_row (MciWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (; focus != NULL && focus != GTK_WIDGET (self->column_view);
       focus = gtk_widget_get_parent (focus))
    if (g_str_equal (gtk_widget_get_css_name (focus), "row"))
      for (GtkWidget *cell = gtk_widget_get_first_child (focus); cell != NULL;
           cell = gtk_widget_get_next_sibling (cell))
        if (MCI_IS_ROW_CELL (gtk_widget_get_first_child (cell)))
          return mci_row_cell_get_list_row (MCI_ROW_CELL (gtk_widget_get_first_child (cell)));
  return NULL;
}

static gboolean
try_focus_row (MciWindow *self)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  if (self->focus_position >= g_list_model_get_n_items (G_LIST_MODEL (self->tree)))
    return TRUE;  /* gone meanwhile: nothing to do */
  row = g_list_model_get_item (G_LIST_MODEL (self->tree), self->focus_position);
  return mci_gtk_compat_column_view_focus_row (self->column_view, self->focus_position,
                                               self->focus_select,
                                               find_cell (GTK_WIDGET (self->column_view), row));
}

static gboolean
focus_row_on_tick (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  MciWindow *self = MCI_WINDOW (user_data);

  /* a few frames lay a scrolled-to row out; a window that is not drawn never does */
  if (!try_focus_row (self) && self->focus_position != GTK_INVALID_LIST_POSITION
      && ++self->focus_tries < 10)
    return G_SOURCE_CONTINUE;
  self->focus_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* Moves the keyboard focus to the row at @position, the selection with it if @select,
 * as the arrow keys do: the focus ring and the selection stay together. A row scrolled
 * to has its widget only once laid out: until then, each frame tries again. */
static void
focus_row (MciWindow *self,
           guint      position,
           gboolean   select)
{
  self->focus_position = position;
  self->focus_select = select;
  if (select)
    gtk_single_selection_set_selected (self->selection, position);
  self->focus_tries = 0;
  if (try_focus_row (self) || self->focus_tick_id != 0)
    return;
  self->focus_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->column_view),
                                                      focus_row_on_tick, self, NULL);
}

/* Left and Right, as in Files and every tree: Right opens a row, and on an open one goes
 * to its first child; Left closes an open row, and on any other goes to its parent. The
 * focus and the selection move together. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MciWindow             *self)
{
  GtkTreeListRow *row = get_focus_list_row (self);
  gboolean left = keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left;
  gboolean right = keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right;
  g_autoptr(GtkTreeListRow) parent = NULL;
  guint position;

  if (row == NULL)
    row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL || (!left && !right) || (state & GDK_MODIFIER_MASK) != 0)
    return FALSE;
  if (right && gtk_tree_list_row_get_expanded (row))
    {
      g_autoptr(GtkTreeListRow) child = NULL;

      /* its first child shown: the search may show none of them */
      if ((position = find_position (self, row)) != GTK_INVALID_LIST_POSITION
          && (child = g_list_model_get_item (G_LIST_MODEL (self->tree), position + 1)) != NULL
          && (parent = gtk_tree_list_row_get_parent (child)) == row)
        focus_row (self, position + 1, TRUE);
      return TRUE;
    }
  if (right || gtk_tree_list_row_get_expanded (row))
    {
      gtk_tree_list_row_set_expanded (row, right && gtk_tree_list_row_is_expandable (row));
      return TRUE;
    }
  if ((parent = gtk_tree_list_row_get_parent (row)) == NULL)
    return TRUE;
  position = find_position (self, parent);
  focus_row (self, position, TRUE);
  return TRUE;
}

/* Copying and looking up: the row's context menu */

static void
on_toast_dismissed (MciWindow *self)
{
  g_clear_object (&self->toast);
}

/* A short word that something happened, gone by itself; a second copy replaces the
 * word rather than queueing behind it. */
static void
show_toast (MciWindow  *self,
            const char *text)
{
  if (self->toast != NULL)
    {
      adw_toast_set_title (self->toast, text);
      return;
    }
  self->toast = adw_toast_new (text);
  adw_toast_set_timeout (self->toast, 3);
  g_signal_connect_object (self->toast, "dismissed", G_CALLBACK (on_toast_dismissed), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->toast));
}

/* The short note at the bottom, for what is done elsewhere (mci-window-save.c). */
void
mci_window_show_note (MciWindow  *self,
                      const char *text)
{
  g_return_if_fail (MCI_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  show_toast (self, text);
}

/* What the note on show says, "" when none is. */
const char *
mci_window_get_note (MciWindow *self)
{
  g_return_val_if_fail (MCI_IS_WINDOW (self), NULL);

  return self->toast != NULL ? adw_toast_get_title (self->toast) : "";
}

/* The row the menu was opened for, else the selected one. */
static MciRow *
get_any_target (MciWindow *self)
{
  GtkTreeListRow *selected;
  MciRow *row;

  if (self->context_row != NULL)
    return self->context_row;
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected == NULL)
    return NULL;
  row = gtk_tree_list_row_get_item (selected);
  g_object_unref (row); /* the tree keeps it alive */
  return row;
}

/* The target row, never a section. */
static MciRow *
get_target_row (MciWindow *self)
{
  MciRow *row = get_any_target (self);

  return row != NULL && mci_row_get_kind (row) != MCI_ROW_SECTION ? row : NULL;
}

/* The target row if it is a section. */
static MciRow *
get_target_section (MciWindow *self)
{
  MciRow *row = get_any_target (self);

  return row != NULL && mci_row_get_kind (row) == MCI_ROW_SECTION ? row : NULL;
}

static void
copy_text (MciWindow  *self,
           const char *text,
           const char *what)
{
  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  show_toast (self, what);
}

static void
copy_address_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MciWindow *self = MCI_WINDOW (widget);
  MciRow *row = get_target_row (self);
  char address[MCI_ADDRESS_STRLEN];

  if (row != NULL)
    copy_text (self, mci_address_to_string (mci_row_get_address (row), address),
               _("Address copied"));
}

static void
copy_endpoint_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MciWindow *self = MCI_WINDOW (widget);
  MciRow *row = get_target_row (self);
  g_autofree char *text = row != NULL ? mci_row_format_endpoint_text (row) : NULL;

  copy_text (self, text, _("Endpoint copied"));
}

static void
copy_host_name_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MciWindow *self = MCI_WINDOW (widget);
  MciRow *row = get_target_row (self);

  if (row != NULL)
    copy_text (self, mci_row_get_host_name (row), _("Host name copied"));
}

/* The name the tree shows for @address, from the rows of the section being copied. */
static const char *
lookup_shown_name (const MciAddress *address,
                   gpointer          user_data)
{
  return g_hash_table_lookup (user_data, address);
}

/* The section the menu was opened for, or the selected one, as the text report has it,
 * with the names the tree shows. */
static void
copy_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MciWindow *self = MCI_WINDOW (widget);
  MciSnapshot *snapshot = mci_connection_model_get_snapshot (self->model);
  g_autoptr(GHashTable) names = NULL;
  g_autofree char *text = NULL;
  GListModel *groups;
  MciRow *section;

  if ((section = get_target_section (self)) == NULL || snapshot == NULL)
    return;
  names = g_hash_table_new ((GHashFunc) mci_address_hash, (GEqualFunc) mci_address_equal);
  groups = G_LIST_MODEL (mci_section_row_get_groups (MCI_SECTION_ROW (section)));
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(MciRow) group = g_list_model_get_item (groups, i);

      if (mci_row_get_host_name (group) != NULL)
        g_hash_table_insert (names, (gpointer) mci_row_get_address (group),
                             (gpointer) mci_row_get_host_name (group));
    }
  text = mci_report_format_section_text (snapshot, mci_row_get_section (section),
                                         lookup_shown_name, names);
  copy_text (self, text, _("Section copied"));
}

/* The row as a line of the text report. */
static void
copy_row_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MciWindow *self = MCI_WINDOW (widget);
  MciRow *row = get_target_row (self);
  g_autofree char *text = row != NULL ? mci_row_format_report_line (row) : NULL;

  copy_text (self, text, _("Row copied"));
}

static void
look_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MciWindow *self = MCI_WINDOW (widget);
  MciRow *row = get_target_row (self);
  MciLookupWindow *lookup;

  g_debug ("Look Up for %s", row != NULL ? mci_row_get_endpoint (row) : "no row");
  if (row == NULL)
    return;
  lookup = mci_lookup_window_new (GTK_WINDOW (self), mci_row_get_address (row),
                                  mci_connection_model_get_snapshot (self->model),
                                  !shows_live_machine (self));
  /* Look Up asks afresh; the tree's cached name is renewed along with it (a wildcard
   * has none to ask for) */
  if (!mci_address_is_any (mci_row_get_address (row)))
    mci_connection_model_renew_host_name (self->model, mci_row_get_address (row));
  gtk_window_present (GTK_WINDOW (lookup));
}

static void
on_row_menu_closed (MciWindow *self)
{
  g_clear_object (&self->context_row);
}

/* Opens the menu for @list_row, which becomes the selected row, pointing at @x, @y of
 * the column view. */
static void
open_row_menu (MciWindow      *self,
               GtkTreeListRow *list_row,
               double          x,
               double          y)
{
  g_autoptr(MciRow) row = gtk_tree_list_row_get_item (list_row);
  GdkRectangle point = { (int) x, (int) y, 1, 1 };
  guint position;
  gboolean listening;
  GtkPopover *popover;

  g_assert (MCI_IS_ROW (row));

  position = find_position (self, list_row);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
  g_set_object (&self->context_row, row);
  if (mci_row_get_kind (row) == MCI_ROW_SECTION)
    popover = GTK_POPOVER (self->section_popover);
  else
    {
      g_autofree char *endpoint = mci_row_format_endpoint_text (row);

      popover = GTK_POPOVER (self->row_popover);
      listening = mci_row_get_section (row) == MCI_SECTION_LISTENING;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-host-name",
                                     mci_row_get_host_name (row) != NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-endpoint",
                                     endpoint != NULL && !listening);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-listening-endpoint",
                                     listening);
    }
  gtk_popover_set_pointing_to (popover, &point);
  gtk_popover_popup (popover);
}

/* The gestures are on each cell: it knows its row. The point becomes the column view's. */
static void
open_row_menu_at_cell (MciWindow          *self,
                       GtkEventController *gesture,
                       double              x,
                       double              y)
{
  GtkWidget *cell = gtk_event_controller_get_widget (gesture);
  GtkTreeListRow *list_row = mci_row_cell_get_list_row (MCI_ROW_CELL (cell));

  if (list_row == NULL
      || !gtk_widget_translate_coordinates (cell, GTK_WIDGET (self->column_view), x, y, &x, &y))
    return;
  open_row_menu (self, list_row, x, y);
}

static void
on_secondary_click (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    MciWindow       *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  if (mci_row_cell_get_list_row (MCI_ROW_CELL (cell)) == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  open_row_menu_at_cell (self, GTK_EVENT_CONTROLLER (gesture), x, y);
}

static void
on_long_press (GtkGestureLongPress *gesture,
               double               x,
               double               y,
               MciWindow           *self)
{
  open_row_menu_at_cell (self, GTK_EVENT_CONTROLLER (gesture), x, y);
}

static void
add_row_menu_gestures (MciWindow *self,
                       GtkWidget *cell)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *press = gtk_gesture_long_press_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_click), self);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (press, "pressed", G_CALLBACK (on_long_press), self);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (press));
}

/* The Menu key and Shift+F10: the menu of the selected row, at the focused widget. */
static void
open_row_menu_from_keyboard (MciWindow *self)
{
  GtkTreeListRow *list_row = gtk_single_selection_get_selected_item (self->selection);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  graphene_rect_t bounds;
  double x = 24, y = 24;

  if (list_row == NULL)
    return;
  if (focus != NULL && gtk_widget_compute_bounds (focus, GTK_WIDGET (self->column_view), &bounds))
    {
      x = bounds.origin.x + 24;
      y = bounds.origin.y + bounds.size.height / 2;
    }
  open_row_menu (self, list_row, x, y);
}

static void
show_row_menu_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_row_menu_from_keyboard (MCI_WINDOW (widget));
}

static GtkWidget *
new_row_popover (MciWindow  *self,
                 GMenuModel *menu)
{
  GtkWidget *popover = gtk_popover_menu_new_from_model (menu);

  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  gtk_widget_set_parent (popover, GTK_WIDGET (self->column_view));
  g_signal_connect_swapped (popover, "closed", G_CALLBACK (on_row_menu_closed), self);
  return popover;
}

static void
setup_row_menu (MciWindow *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  self->row_popover = new_row_popover (self, self->row_menu);
  self->section_popover = new_row_popover (self, self->section_menu);

  /* in the tree only: Ctrl+C in the search entry copies its text, as it should */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                      gtk_named_action_new ("win.copy-address")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_F10,
                                                                           GDK_SHIFT_MASK)),
                      gtk_named_action_new ("win.show-row-menu")));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);
}

/* Sampling runs only while someone can see the window. */

static void
update_active (MciWindow *self)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  gboolean minimized = surface != NULL && GDK_IS_TOPLEVEL (surface)
                       && (gdk_toplevel_get_state (GDK_TOPLEVEL (surface))
                           & GDK_TOPLEVEL_STATE_MINIMIZED) != 0;

  mci_connection_model_set_active (self->model,
                                   gtk_widget_get_mapped (GTK_WIDGET (self)) && !minimized);
}

static void
mci_window_map (GtkWidget *widget)
{
  MciWindow *self = MCI_WINDOW (widget);
  GdkSurface *surface;

  GTK_WIDGET_CLASS (mci_window_parent_class)->map (widget);
  surface = gtk_native_get_surface (GTK_NATIVE (self));
  g_signal_handlers_disconnect_by_func (surface, update_active, self);
  g_signal_connect_object (surface, "notify::state", G_CALLBACK (update_active), self,
                           G_CONNECT_SWAPPED);
  update_active (self);
}

static void
mci_window_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mci_window_parent_class)->unmap (widget);
  update_active (MCI_WINDOW (widget));
}

static void
setup_interval_drop_down (MciWindow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    gtk_string_list_append (labels, _(intervals[i].label));
  gtk_drop_down_set_model (self->interval_drop_down, G_LIST_MODEL (labels));
  mci_gtk_compat_name_drop_down (self->interval_drop_down, _("Refresh Interval"));
}

/* Settings */

static gboolean
interval_to_selected (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  guint interval = g_variant_get_uint32 (variant);

  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    if (intervals[i].ms == interval)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
selected_to_interval (const GValue       *value,
                      const GVariantType *type,
                      gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (intervals))
    return NULL;
  return g_variant_new_uint32 (intervals[selected].ms);
}

/* A saved capture does not change: the model reads it once, and again on Refresh. */
static void
bind_interval (MciWindow *self)
{
  GtkWidget *drop_down = GTK_WIDGET (self->interval_drop_down);

  if (!shows_live_machine (self))
    {
      gtk_drop_down_set_selected (self->interval_drop_down, 0);
      gtk_widget_set_sensitive (drop_down, FALSE);
      gtk_widget_set_tooltip_text (drop_down, _("A saved capture does not change: "
                                                "Refresh Now (Ctrl+R) reads it again"));
      return;
    }
  g_settings_bind_with_mapping (self->settings, "refresh-interval",
                                self->interval_drop_down, "selected", G_SETTINGS_BIND_DEFAULT,
                                interval_to_selected, selected_to_interval, NULL, NULL);
  g_settings_bind (self->settings, "refresh-interval", self->model, "interval",
                   G_SETTINGS_BIND_GET);
}

/* win.group-by is the setting; the model follows it, from its next sample. */
static void
on_group_by_changed (MciWindow *self)
{
  g_autofree char *text = g_settings_get_string (self->settings, "group-by");
  MciGrouping grouping = MCI_GROUPING_ENDPOINT;

  mci_grouping_from_string (text, &grouping);
  mci_connection_model_set_grouping (self->model, grouping);
}

static void
bind_group_by (MciWindow *self)
{
  g_autoptr(GAction) action = g_settings_create_action (self->settings, "group-by");

  g_action_map_add_action (G_ACTION_MAP (self), action);
  g_signal_connect_object (self->settings, "changed::group-by", G_CALLBACK (on_group_by_changed),
                           self, G_CONNECT_SWAPPED);
  on_group_by_changed (self);
}

/* The graphs pane, shown or hidden by win.show-graphs, which is the setting. */
static void
bind_show_graphs (MciWindow *self)
{
  g_autoptr(GAction) action = g_settings_create_action (self->settings, "show-graphs");

  g_action_map_add_action (G_ACTION_MAP (self), action);
  g_settings_bind (self->settings, "show-graphs", self->graphs_revealer, "reveal-child",
                   G_SETTINGS_BIND_GET);
  mci_section_graphs_set_model (self->graphs, self->model);
}

/* The closed connections' window and cap follow the settings as they change. */
static void
apply_history_limits (MciWindow *self)
{
  MciRecorder *recorder = mci_connection_model_get_recorder (self->model);

  if (recorder == NULL)
    return;
  mci_recorder_set_limits (recorder,
                           g_settings_get_uint (self->settings, "history-window")
                           * G_TIME_SPAN_SECOND,
                           g_settings_get_uint (self->settings, "history-max-records"));
  update_status (self);
}

static void
bind_settings (MciWindow *self)
{
  bind_interval (self);
  bind_group_by (self);
  bind_show_graphs (self);
  g_signal_connect_object (self->settings, "changed::history-window",
                           G_CALLBACK (apply_history_limits), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::history-max-records",
                           G_CALLBACK (apply_history_limits), self, G_CONNECT_SWAPPED);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
mci_window_close_request (GtkWindow *window)
{
  MciWindow *self = MCI_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (mci_window_parent_class)->close_request (window);
}

/* "All servers (20)": each group then says which server it is on. */
static void
update_fleet_title (MciWindow      *self,
                    MciFleetSource *fleet)
{
  guint n = mci_fleet_source_get_n_servers (fleet);
  g_autofree char *heading = NULL;
  g_autofree char *title = NULL;

  gtk_column_view_column_set_visible (self->server_column, n > 1);
  fit_column_widths (self);
  /* TRANSLATORS: the title of a window over several servers; %u is how many */
  heading = g_strdup_printf (ngettext ("All servers (%u)", "All servers (%u)", n), n);
  title = g_strdup_printf ("%s — %s", heading, _("Most Connected IP"));
  adw_window_title_set_title (self->window_title, heading);
  adw_window_title_set_subtitle (self->window_title, _("Host names looked up on this machine"));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* A saved capture or a server says so in the title, so that nobody takes it for the live
 * machine. */
static void
update_title (MciWindow *self)
{
  MciSource *source = mci_sampler_get_source (mci_connection_model_get_sampler (self->model));
  gboolean live = shows_live_machine (self);
  gboolean here = mci_source_is_this_machine (source);
  g_autofree char *where = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  /* a saved capture has no processes, nor traffic; a server's processes are not this
   * machine's to read, and its /proc text has no traffic */
  gtk_column_view_column_set_visible (self->columns[MCI_COLUMN_PROCESS], here);
  gtk_column_view_column_set_visible (self->columns[MCI_COLUMN_TRAFFIC], here);
  fit_column_widths (self);
  if (here)
    return;
  if (MCI_IS_FLEET_SOURCE (source))
    {
      update_fleet_title (self, MCI_FLEET_SOURCE (source));
      return;
    }
  where = mci_source_describe (source);
  if (live)
    /* TRANSLATORS: %s is a server's name, as given to ssh */
    subtitle = g_strdup_printf (_("Server %s · host names looked up on this machine"), where);
  else
    subtitle = g_strdup_printf (_("Saved capture in %s"), where);
  title = g_strdup_printf ("%s — %s", _("Most Connected IP"), subtitle);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* GObject */

static void
mci_window_dispose (GObject *object)
{
  MciWindow *self = (MciWindow *) object;

  if (self->model != NULL)
    {
      mci_connection_model_set_active (self->model, FALSE);
      g_signal_handlers_disconnect_by_data (self->model, self);
    }
  if (self->settings != NULL)
    {
      g_settings_unbind (self->interval_drop_down, "selected");
      g_settings_unbind (self->graphs_revealer, "reveal-child");
    }
  /* the setting's action outlives the window's action group otherwise, and tells it of
   * every change of the setting */
  g_action_map_remove_action (G_ACTION_MAP (self), "group-by");
  g_action_map_remove_action (G_ACTION_MAP (self), "show-graphs");
  if (self->column_view != NULL)
    {
      if (self->focus_tick_id != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self->column_view), self->focus_tick_id);
      self->focus_tick_id = 0;
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
      gtk_column_view_set_model (self->column_view, NULL);
    }
  if (self->toast != NULL)
    g_signal_handlers_disconnect_by_data (self->toast, self);
  g_clear_object (&self->toast);
  g_clear_object (&self->context_row);
  g_clear_pointer (&self->row_popover, gtk_widget_unparent);
  g_clear_pointer (&self->section_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), MCI_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->moving_selected);
  g_clear_object (&self->tree);
  g_clear_object (&self->filter);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mci_window_parent_class)->dispose (object);
}

static void
mci_window_constructed (GObject *object)
{
  MciWindow *self = (MciWindow *) object;

  G_OBJECT_CLASS (mci_window_parent_class)->constructed (object);

  g_assert (MCI_IS_CONNECTION_MODEL (self->model));
  g_assert (G_IS_SETTINGS (self->settings));

  setup_columns (self);
  setup_models (self);
  restore_sort (self);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sort_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::snapshot", G_CALLBACK (on_snapshot), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "reordering", G_CALLBACK (on_reordering),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "reordered", G_CALLBACK (on_reordered),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error-message", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error-message", G_CALLBACK (update_status),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::interval", G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);
  bind_settings (self);
  update_title (self);
  update_status_pages (self);
  update_page (self);
}

static void
mci_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MciWindow *self = MCI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MciWindow *self = MCI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_window_class_init (MciWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = mci_window_constructed;
  object_class->dispose = mci_window_dispose;
  object_class->get_property = mci_window_get_property;
  object_class->set_property = mci_window_set_property;
  widget_class->map = mci_window_map;
  widget_class->unmap = mci_window_unmap;
  GTK_WINDOW_CLASS (klass)->close_request = mci_window_close_request;

  /**
   * MciWindow:model:
   *
   * The rows the window shows, and the sampling behind them.
   */
  properties[PROP_MODEL] = g_param_spec_object ("model", NULL, NULL, MCI_TYPE_CONNECTION_MODEL,
                                                flags);
  /**
   * MciWindow:settings:
   *
   * Where the refresh interval, the sort order and the window's size are kept.
   */
  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                                                   flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MCI_TYPE_SECTION_GRAPHS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mostconnectedip/MostConnectedIp/mci-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MciWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, no_match_page);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, interval_drop_down);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, column_view);
  gtk_widget_class_bind_template_child_full (widget_class, "endpoint_column", FALSE,
                                             G_STRUCT_OFFSET (MciWindow, columns[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "process_column", FALSE,
                                             G_STRUCT_OFFSET (MciWindow, columns[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "count_column", FALSE,
                                             G_STRUCT_OFFSET (MciWindow, columns[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "host_column", FALSE,
                                             G_STRUCT_OFFSET (MciWindow, columns[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "states_column", FALSE,
                                             G_STRUCT_OFFSET (MciWindow, columns[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "traffic_column", FALSE,
                                             G_STRUCT_OFFSET (MciWindow, columns[5]));
  gtk_widget_class_bind_template_child (widget_class, MciWindow, server_column);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, history_column);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, graphs_revealer);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, graphs);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, row_menu);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, section_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.clear-search", NULL, clear_search_action);
  gtk_widget_class_install_action (widget_class, "win.copy-address", NULL, copy_address_action);
  gtk_widget_class_install_action (widget_class, "win.copy-endpoint", NULL, copy_endpoint_action);
  gtk_widget_class_install_action (widget_class, "win.copy-listening-endpoint", NULL,
                                   copy_endpoint_action);
  gtk_widget_class_install_action (widget_class, "win.copy-section", NULL, copy_section_action);
  gtk_widget_class_install_action (widget_class, "win.copy-host-name", NULL,
                                   copy_host_name_action);
  gtk_widget_class_install_action (widget_class, "win.copy-row", NULL, copy_row_action);
  gtk_widget_class_install_action (widget_class, "win.look-up", NULL, look_up_action);
  gtk_widget_class_install_action (widget_class, "win.show-row-menu", NULL, show_row_menu_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, mci_window_save_action);
  gtk_widget_class_install_action (widget_class, "win.save-capture", NULL,
                                   mci_window_save_capture_action);
}

static void
mci_window_init (MciWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);
  mci_gtk_compat_column_view_tab_leaves (self->column_view);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  setup_interval_drop_down (self);
  setup_row_menu (self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  mci_gtk_compat_name_status_page (self->empty_page);
  mci_gtk_compat_name_status_page (self->no_match_page);
  mci_gtk_compat_name_status_page (self->error_page);
}

/* @model: the rows to show; @settings: where the interval, the sort and the size are
 * kept (the application's schema). */
MciWindow *
mci_window_new (GtkApplication     *application,
                MciConnectionModel *model,
                GSettings          *settings)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (model), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (MCI_TYPE_WINDOW,
                       "application", application,
                       "model", model,
                       "settings", settings,
                       NULL);
}

MciConnectionModel *
mci_window_get_model (MciWindow *self)
{
  g_return_val_if_fail (MCI_IS_WINDOW (self), NULL);

  return self->model;
}

GtkSingleSelection *
mci_window_get_selection (MciWindow *self)
{
  g_return_val_if_fail (MCI_IS_WINDOW (self), NULL);

  return self->selection;
}

MciSectionGraphs *
mci_window_get_graphs (MciWindow *self)
{
  g_return_val_if_fail (MCI_IS_WINDOW (self), NULL);

  return self->graphs;
}

GtkColumnView *
mci_window_get_column_view (MciWindow *self)
{
  g_return_val_if_fail (MCI_IS_WINDOW (self), NULL);

  return self->column_view;
}

const char *
mci_window_get_page (MciWindow *self)
{
  g_return_val_if_fail (MCI_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
mci_window_get_status (MciWindow *self)
{
  g_return_val_if_fail (MCI_IS_WINDOW (self), NULL);

  return gtk_label_get_text (self->status_label);
}
