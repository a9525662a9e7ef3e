/* mci-window.c: the main window, a live tree of the machine's TCP connections
 *
 * The rows come from MciConnectionModel, which updates them in place. This file only
 * stacks the list models (sections → tree → sort → selection), makes the cells, and
 * ties the header bar to the model and the settings.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-lookup-window.h"
#include "mci-row-cell.h"
#include "mci-window.h"

#define N_COLUMNS 5

struct _MciWindow
{
  GtkApplicationWindow  parent_instance;

  MciConnectionModel   *model;
  GSettings            *settings;
  GtkTreeListModel     *tree;
  GtkSortListModel     *sorted;
  GtkSingleSelection   *selection;
  GtkCustomFilter      *filter;
  int                   probed_column;
  gboolean              probing;
  gboolean              sort_restored;

  /* template */
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkLabel             *status_label;
  GtkLabel             *error_label;
  GtkDropDown          *interval_drop_down;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *stack;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *columns[N_COLUMNS];
  GtkRevealer          *toast;
  GtkLabel             *toast_label;
  GMenuModel           *row_menu;

  GtkWidget            *row_popover;
  MciRow               *context_row;   /* the row the menu was opened for */
  guint                 toast_id;
};

G_DEFINE_FINAL_TYPE (MciWindow, mci_window, GTK_TYPE_APPLICATION_WINDOW)

/* The settings' names for the columns, in MciColumn order. */
static const char * const column_names[N_COLUMNS] = {
  "endpoint", "process", "connections", "host-name", "states",
};

/* The drop-down's choices, in milliseconds. */
static const guint intervals[] = { 0, 500, 1000, 2000, 5000, 10000 };

/* Sorting */

typedef struct
{
  MciWindow *window;
  MciColumn  column;
} ColumnSorter;

static int
compare_uint (guint a,
              guint b)
{
  return a < b ? GTK_ORDERING_SMALLER : a > b ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
compare_text (const char *a,
              const char *b)
{
  int result;

  /* rows without a name go last in ascending order */
  if (a == NULL || b == NULL)
    return a == b ? GTK_ORDERING_EQUAL : a == NULL ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
  result = strcmp (a, b);
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* States sort by how many connections are established, then in the report's order. */
static int
compare_states (MciRow *a,
                MciRow *b)
{
  const guint *x = mci_row_get_states (a), *y = mci_row_get_states (b);
  const MciTcpState *order;
  guint n_states;

  order = mci_tcp_state_report_order (&n_states);
  for (guint i = 0; i < n_states; i++)
    if (x[order[i]] != y[order[i]])
      return compare_uint (x[order[i]], y[order[i]]);
  return GTK_ORDERING_EQUAL;
}

/* While the window probes which column the view sorts by (GTK 4.8 cannot say), every
 * column answers "smaller" and notes that it was asked: the first one asked is the
 * primary column, and the sign of the view's answer is its direction. */
static int
compare_column (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  ColumnSorter *sorter = user_data;
  MciRow *x = (MciRow *) a, *y = (MciRow *) b;

  if (sorter->window->probing)
    {
      if (sorter->window->probed_column < 0)
        sorter->window->probed_column = sorter->column;
      return GTK_ORDERING_SMALLER;
    }
  switch (sorter->column)
    {
    case MCI_COLUMN_ENDPOINT:
      return compare_text (mci_row_get_sort_key (x), mci_row_get_sort_key (y));
    case MCI_COLUMN_PROCESS:
      return compare_text (mci_row_get_owner (x), mci_row_get_owner (y));
    case MCI_COLUMN_COUNT:
      return compare_uint (mci_row_get_n_connections (x), mci_row_get_n_connections (y));
    case MCI_COLUMN_HOST_NAME:
      return compare_text (mci_row_get_host_name (x), mci_row_get_host_name (y));
    case MCI_COLUMN_STATES:
    default:
      return compare_states (x, y);
    }
}

/* Sections keep their order whatever the column: they are places, not values. */
static int
compare_sections (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  MciRow *x = (MciRow *) a, *y = (MciRow *) b;

  if (mci_row_get_kind (x) != MCI_ROW_SECTION || mci_row_get_kind (y) != MCI_ROW_SECTION)
    return GTK_ORDERING_EQUAL;
  return compare_uint (mci_row_get_section (x), mci_row_get_section (y));
}

static void
on_sort_changed (MciWindow *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  g_autoptr(MciSectionRow) a = mci_section_row_new (MCI_SECTION_INBOUND);
  g_autoptr(MciSectionRow) b = mci_section_row_new (MCI_SECTION_OUTBOUND);
  GtkOrdering order;

  if (!self->sort_restored)
    return;
  self->probing = TRUE;
  self->probed_column = -1;
  order = gtk_sorter_compare (sorter, a, b);
  self->probing = FALSE;
  if (self->probed_column < 0)
    return;
  g_settings_set_string (self->settings, "sort-column", column_names[self->probed_column]);
  g_settings_set_boolean (self->settings, "sort-descending", order == GTK_ORDERING_LARGER);
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
  self->sort_restored = TRUE;
}

/* Cells */

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          MciWindow                *self)
{
  MciColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "mci-column"));

  gtk_list_item_set_child (item, mci_row_cell_new (column, self->model));
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         MciWindow                *self)
{
  mci_row_cell_bind (MCI_ROW_CELL (gtk_list_item_get_child (item)),
                     gtk_list_item_get_item (item));
}

static void
on_unbind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           MciWindow                *self)
{
  mci_row_cell_unbind (MCI_ROW_CELL (gtk_list_item_get_child (item)));
}

/* GTK 4.8 names the header row and its titles after their types; they are named after
 * what they are. The titles come in the columns' order. */
static void
name_headers (MciWindow *self)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
  guint i = 0;

  if (header == NULL || GTK_IS_LIST_VIEW (header))
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Column headers"), -1);
  for (GtkWidget *title = gtk_widget_get_first_child (header); title != NULL && i < N_COLUMNS;
       title = gtk_widget_get_next_sibling (title), i++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_column_view_column_get_title (self->columns[i]), -1);
}

static void
setup_columns (MciWindow *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      ColumnSorter *data = g_new (ColumnSorter, 1);
      g_autoptr(GtkSorter) sorter = NULL;

      data->window = self;
      data->column = i;
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_column, data, g_free));
      g_object_set_data (G_OBJECT (factory), "mci-column", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (on_setup), self);
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind), self);
      gtk_column_view_column_set_factory (self->columns[i], factory);
      gtk_column_view_column_set_sorter (self->columns[i], sorter);
    }
  name_headers (self);
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
  GListModel *children = mci_row_dup_children (item);

  if (children == NULL)
    return NULL;
  return G_LIST_MODEL (gtk_filter_list_model_new (children, g_object_ref (GTK_FILTER (self->filter))));
}

static void
setup_models (MciWindow *self)
{
  GListModel *sections = mci_connection_model_get_sections (self->model);
  GtkMultiSorter *sorter = gtk_multi_sorter_new ();
  GtkTreeListRowSorter *row_sorter;

  /* no filter function while nothing is searched: GtkFilterListModel then never reads
   * the items, and a group's connections stay unmade until it is expanded */
  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->tree = gtk_tree_list_model_new (g_object_ref (sections), FALSE, FALSE,
                                        create_children, self, NULL);
  gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_custom_sorter_new (compare_sections,
                                                                      NULL, NULL)));
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  row_sorter = gtk_tree_list_row_sorter_new (GTK_SORTER (sorter));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->tree)),
                                          GTK_SORTER (row_sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* everything open but the listening sockets, which are many and rarely the question */
  for (guint i = 0; i < MCI_N_SECTIONS; i++)
    {
      g_autoptr(GtkTreeListRow) row = gtk_tree_list_model_get_child_row (self->tree, i);

      gtk_tree_list_row_set_expanded (row, i != MCI_SECTION_LISTENING);
    }
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

static void
update_status (MciWindow *self)
{
  MciSnapshot *snapshot = mci_connection_model_get_snapshot (self->model);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;
  g_autoptr(GString) status = g_string_new (NULL);
  guint skipped;

  if (snapshot == NULL)
    {
      gtk_label_set_text (self->status_label, "");
      return;
    }
  local = g_date_time_to_local (mci_snapshot_get_sampled_at (snapshot));
  time = g_date_time_format (local, "%X");
  g_string_printf (status, _("Updated at %s"), time);
  if (mci_connection_model_get_interval (self->model) == 0)
    g_string_append_printf (status, " · %s", _("Paused"));
  skipped = mci_snapshot_get_skipped_lines (snapshot);
  if (skipped > 0)
    {
      g_string_append (status, " · ");
      g_string_append_printf (status, ngettext ("%u unreadable line skipped",
                                                "%u unreadable lines skipped", skipped),
                              skipped);
    }
  gtk_label_set_text (self->status_label, status->str);
}

static void
update_page (MciWindow *self)
{
  const GError *error = mci_connection_model_get_error (self->model);
  const char *page;

  if (error != NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      page = "error";
    }
  else if (mci_connection_model_get_snapshot (self->model) == NULL)
    page = "loading";
  else if (count_all (self) == 0)
    page = "empty";
  else
    page = "tree";
  gtk_stack_set_visible_child_name (self->stack, page);
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

/* Counts, states and names change in place, which a GtkSortListModel cannot see. */
static void
on_sort_changed_in_model (MciWindow *self)
{
  gtk_sorter_changed (gtk_column_view_get_sorter (self->column_view), GTK_SORTER_CHANGE_DIFFERENT);
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

/* Left and Right collapse and expand, as in every tree; Left on a child goes to its parent. */
static guint
find_position (MciWindow      *self,
               GtkTreeListRow *row)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) candidate = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (candidate == row)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MciWindow             *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);
  gboolean left = keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left;
  gboolean right = keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right;
  g_autoptr(GtkTreeListRow) parent = NULL;
  guint position;

  if (row == NULL || (!left && !right) || (state & GDK_MODIFIER_MASK) != 0)
    return FALSE;
  if (right || gtk_tree_list_row_get_expanded (row))
    {
      gtk_tree_list_row_set_expanded (row, right && gtk_tree_list_row_is_expandable (row));
      return TRUE;
    }
  if ((parent = gtk_tree_list_row_get_parent (row)) == NULL)
    return TRUE;
  position = find_position (self, parent);
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u",
                              position);
  return TRUE;
}

/* Copying and looking up: the row's context menu */

static gboolean
hide_toast (gpointer data)
{
  MciWindow *self = data;

  self->toast_id = 0;
  gtk_revealer_set_reveal_child (self->toast, FALSE);
  return G_SOURCE_REMOVE;
}

/* A short word that something happened, gone by itself. */
static void
show_toast (MciWindow  *self,
            const char *text)
{
  gtk_label_set_text (self->toast_label, text);
  gtk_revealer_set_reveal_child (self->toast, TRUE);
  g_clear_handle_id (&self->toast_id, g_source_remove);
  self->toast_id = g_timeout_add (2500, hide_toast, self);
}

/* The row the menu was opened for, else the selected one; never a section. */
static MciRow *
get_target_row (MciWindow *self)
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
  return mci_row_get_kind (row) == MCI_ROW_SECTION ? NULL : row;
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
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MciWindow *self = MCI_WINDOW (widget);
  MciRow *row = get_target_row (self);
  g_autofree char *text = NULL;
  char address[MCI_ADDRESS_STRLEN];

  if (row == NULL)
    return;
  if (g_str_equal (action_name, "win.copy-address"))
    copy_text (self, mci_address_to_string (mci_row_get_address (row), address),
               _("Address copied"));
  else if (g_str_equal (action_name, "win.copy-endpoint"))
    {
      text = mci_row_format_endpoint_text (row);
      copy_text (self, text, _("Endpoint copied"));
    }
  else if (g_str_equal (action_name, "win.copy-host-name"))
    copy_text (self, mci_row_get_host_name (row), _("Host name copied"));
  else
    {
      text = mci_row_format_report_line (row);
      copy_text (self, text, _("Row copied"));
    }
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
                                  mci_connection_model_get_snapshot (self->model));
  /* Look Up asks afresh; the tree's cached name is renewed along with it */
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

  if (mci_row_get_kind (row) == MCI_ROW_SECTION)
    return;
  position = find_position (self, list_row);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
  g_set_object (&self->context_row, row);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-host-name",
                                 mci_row_get_host_name (row) != NULL);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_popover), &point);
  gtk_popover_popup (GTK_POPOVER (self->row_popover));
}

static MciRowCell *
cell_at (MciWindow *self,
         double     x,
         double     y)
{
  GtkWidget *widget = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);

  while (widget != NULL && !MCI_IS_ROW_CELL (widget))
    {
      /* a cell's column cell is the row's child: look down from there too */
      GtkWidget *child = gtk_widget_get_first_child (widget);

      if (child != NULL && MCI_IS_ROW_CELL (child))
        return MCI_ROW_CELL (child);
      widget = gtk_widget_get_parent (widget);
    }
  return widget != NULL ? MCI_ROW_CELL (widget) : NULL;
}

static void
on_secondary_click (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    MciWindow       *self)
{
  MciRowCell *cell = cell_at (self, x, y);

  if (cell == NULL || mci_row_cell_get_list_row (cell) == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  open_row_menu (self, mci_row_cell_get_list_row (cell), x, y);
}

static void
on_long_press (GtkGestureLongPress *gesture,
               double               x,
               double               y,
               MciWindow           *self)
{
  MciRowCell *cell = cell_at (self, x, y);

  if (cell != NULL && mci_row_cell_get_list_row (cell) != NULL)
    open_row_menu (self, mci_row_cell_get_list_row (cell), x, y);
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

static void
setup_row_menu (MciWindow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *press = gtk_gesture_long_press_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  self->row_popover = gtk_popover_menu_new_from_model (self->row_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->row_popover), FALSE);
  gtk_widget_set_halign (self->row_popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->row_popover, GTK_WIDGET (self->column_view));
  g_signal_connect_swapped (self->row_popover, "closed", G_CALLBACK (on_row_menu_closed), self);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (press, "pressed", G_CALLBACK (on_long_press), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (press));

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

/* The drop-down's items and button, named for a screen reader as GTK 4.8 does not. */

static void
on_interval_setup (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
on_interval_bind (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (label)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
setup_interval_drop_down (MciWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_interval_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_interval_bind), NULL);
  gtk_drop_down_set_factory (self->interval_drop_down, factory);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->interval_drop_down));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Refresh Interval"), -1);
}

/* Settings */

static gboolean
interval_to_selected (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  guint interval = g_variant_get_uint32 (variant);

  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    if (intervals[i] == interval)
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
  return g_variant_new_uint32 (intervals[selected]);
}

static void
bind_settings (MciWindow *self)
{
  g_settings_bind_with_mapping (self->settings, "refresh-interval",
                                self->interval_drop_down, "selected", G_SETTINGS_BIND_DEFAULT,
                                interval_to_selected, selected_to_interval, NULL, NULL);
  g_settings_bind (self->settings, "refresh-interval", self->model, "interval",
                   G_SETTINGS_BIND_GET);
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

/* A saved capture says so in the title, so that nobody takes it for the live machine. */
static void
update_title (MciWindow *self)
{
  const char *root = mci_sampler_get_proc_root (mci_connection_model_get_sampler (self->model));
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  /* a saved capture has no processes */
  gtk_column_view_column_set_visible (self->columns[MCI_COLUMN_PROCESS],
                                      g_strcmp0 (root, MCI_LIVE_PROC_ROOT) == 0);
  if (g_strcmp0 (root, MCI_LIVE_PROC_ROOT) == 0)
    return;
  subtitle = g_strdup_printf (_("Saved capture in %s"), root);
  title = g_strdup_printf ("%s — %s", _("Most Connected IP"), subtitle);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
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
    g_settings_unbind (self->interval_drop_down, "selected");
  if (self->column_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
      gtk_column_view_set_model (self->column_view, NULL);
    }
  g_clear_handle_id (&self->toast_id, g_source_remove);
  g_clear_object (&self->context_row);
  g_clear_pointer (&self->row_popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), MCI_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->tree);
  g_clear_object (&self->filter);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mci_window_parent_class)->dispose (object);
}

static void
mci_window_class_init (MciWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mci_window_dispose;
  widget_class->map = mci_window_map;
  widget_class->unmap = mci_window_unmap;
  GTK_WINDOW_CLASS (klass)->close_request = mci_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mostconnectedip/MostConnectedIp/mci-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MciWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, interval_drop_down);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, stack);
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
  gtk_widget_class_bind_template_child (widget_class, MciWindow, toast);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, toast_label);
  gtk_widget_class_bind_template_child (widget_class, MciWindow, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.copy-address", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy-endpoint", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy-host-name", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy-row", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.look-up", NULL, look_up_action);
  gtk_widget_class_install_action (widget_class, "win.show-row-menu", NULL, show_row_menu_action);
}

static void
mci_window_init (MciWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  setup_interval_drop_down (self);
  setup_row_menu (self);
  /* the column view's inner list would be read out as "GtkColumnListView" */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Connections"), -1);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

MciWindow *
mci_window_new (GtkApplication     *application,
                MciConnectionModel *model,
                GSettings          *settings)
{
  MciWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (MCI_IS_CONNECTION_MODEL (model), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MCI_TYPE_WINDOW, "application", application, NULL);
  self->model = g_object_ref (model);
  self->settings = g_object_ref (settings);
  setup_columns (self);
  setup_models (self);
  restore_sort (self);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sort_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::snapshot", G_CALLBACK (on_snapshot), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "sort-changed", G_CALLBACK (on_sort_changed_in_model), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::error-message", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (model, "notify::interval", G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);
  bind_settings (self);
  update_title (self);
  update_page (self);
  return self;
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
