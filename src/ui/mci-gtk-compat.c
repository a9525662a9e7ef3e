/* mci-gtk-compat.c: what GTK 4.8 and libadwaita 1.2, the oldest this builds with, cannot
 * do themselves
 *
 * Every work-around for an old GTK or libadwaita, and every version guard, is here,
 * behind the version that makes it needless, so that raising the floor in meson.build
 * (GDK_VERSION_MIN_REQUIRED/MAX_ALLOWED, ADW_VERSION_MIN_REQUIRED/MAX_ALLOWED) drops them
 * in this one file:
 *
 * - GTK 4.8 cannot say which column a column view sorts by (GtkColumnViewSorter's API
 *   came in 4.10): the column sorters are asked, and the first one asked is the one.
 * - GTK 4.8 binds a list item again to the item it already shows, whenever its position
 *   changes: see mci_gtk_compat_list_item_rebinds().
 * - GTK 4.8 has no GtkFileDialog (4.10): saving asks through GtkFileChooserNative, which
 *   goes through the portal in a sandbox as the dialog does.
 * - GTK 4.8 has no gtk_widget_get_color () (4.10): a widget's CSS colour comes from its
 *   style context, which 4.10 deprecates.
 * - GTK 4.8 names a column view's inner widgets (its list, header row, titles, rows and
 *   cells) and a drop-down's button and items after their types ("GtkColumnViewCell"),
 *   which is what a screen reader would read. They are given the names of what they
 *   show by setting labels on GTK's private children. No GTK release is known yet to
 *   name them from their content, so these have no version that drops them; they are
 *   kept together here for the day one does.
 * - GTK 4.8 names a button with a mnemonic after its label with the underscore and after
 *   the label inside it: "_Stop Stop". It gets its label's text alone.
 * - GTK 4.8's tree expander names its button "Expand" whether the row is expanded or
 *   not, and keeps its expanded state up to date on a few rows only: a screen reader
 *   announced "Expand" on an open row. It is named after what pressing it does, and
 *   given the row's state.
 * - libadwaita 1.2's AdwStatusPage scrolls its content in a GtkScrolledWindow that has
 *   no name; a screen reader would meet an unnamed "scroll pane". It gets the page's
 *   title.
 * - libadwaita 1.5 replaced AdwAboutWindow by AdwAboutDialog (and 1.6 deprecates the
 *   window): About uses the dialog where it exists and meson.build allows it.
 * - GTK 4.8's column view takes Tab from row to row (through each row's expander), so
 *   that with thousands of rows the keyboard cannot leave it; 4.12 can be told to let
 *   Tab leave (gtk_column_view_set_tab_behavior). Before, Tab is caught and the focus
 *   moved on from the view as if it were one widget.
 * - GTK 4.8 cannot move the keyboard focus to a row (4.12's gtk_column_view_scroll_to
 *   with GTK_LIST_SCROLL_FOCUS): the row's widget, found from a cell of it that the
 *   caller knows, is focused itself.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-gtk-compat"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-gtk-compat.h"

/* The GTK built against has the API, and meson.build allows using it. */
#define MCI_GTK_HAS_COLUMN_VIEW_SORTER \
  (GTK_CHECK_VERSION (4, 10, 0) && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_10)
#define MCI_ADW_HAS_ABOUT_DIALOG \
  (ADW_CHECK_VERSION (1, 5, 0) && ADW_VERSION_MAX_ALLOWED >= ADW_VERSION_1_5)

#define MCI_GTK_HAS_COLUMN_VIEW_SCROLL_TO \
  (GTK_CHECK_VERSION (4, 12, 0) && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_12)

/* Keyboard */

#if MCI_GTK_HAS_COLUMN_VIEW_SCROLL_TO

void
mci_gtk_compat_column_view_tab_leaves (GtkColumnView *column_view)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (column_view));

  gtk_column_view_set_tab_behavior (column_view, GTK_LIST_TAB_ITEM);
}

gboolean
mci_gtk_compat_column_view_focus_row (GtkColumnView *column_view,
                                      guint          position,
                                      gboolean       select,
                                      GtkWidget     *cell)
{
  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (column_view), FALSE);

  gtk_column_view_scroll_to (column_view, position, NULL,
                             GTK_LIST_SCROLL_FOCUS | (select ? GTK_LIST_SCROLL_SELECT : 0),
                             NULL);
  return TRUE;
}

#else

static gboolean
on_tab (GtkEventControllerKey *controller,
        guint                  keyval,
        guint                  keycode,
        GdkModifierType        state,
        GtkWidget             *column_view)
{
  GtkDirectionType direction;
  GtkRoot *root = gtk_widget_get_root (column_view);

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || root == NULL)
    return FALSE;
  direction = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0
              ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  /* the window moves the focus on from the view's place in the chain, as from any
   * widget that does not take it */
  gtk_widget_set_can_focus (column_view, FALSE);
  if (!gtk_widget_child_focus (GTK_WIDGET (root), direction))
    gtk_widget_child_focus (GTK_WIDGET (root), direction);  /* wrapped around */
  gtk_widget_set_can_focus (column_view, TRUE);
  return TRUE;
}

void
mci_gtk_compat_column_view_tab_leaves (GtkColumnView *column_view)
{
  GtkEventController *keys;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (column_view));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_tab), column_view);
  gtk_widget_add_controller (GTK_WIDGET (column_view), keys);
}

static GtkWidget *
find_child_named (GtkWidget  *widget,
                  const char *css_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (gtk_widget_get_css_name (child), css_name))
      return child;
  return NULL;
}

/* Scrolls to the row at @position, selects it if @select, and gives it the keyboard
 * focus, where @cell, if not NULL, is a widget in one of its cells. Returns whether the
 * focus could be given: not while the row has no widget (call again once it is laid
 * out, with its cell). */
gboolean
mci_gtk_compat_column_view_focus_row (GtkColumnView *column_view,
                                      guint          position,
                                      gboolean       select,
                                      GtkWidget     *cell)
{
  GtkWidget *list = find_child_named (GTK_WIDGET (column_view), "listview");

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (column_view), FALSE);

  if (select)
    gtk_selection_model_select_item (gtk_column_view_get_model (column_view), position, TRUE);
  if (list != NULL)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
  for (; cell != NULL; cell = gtk_widget_get_parent (cell))
    if (g_str_equal (gtk_widget_get_css_name (cell), "row"))
      return gtk_widget_grab_focus (cell);
  return FALSE;
}

#endif

#define MCI_GTK_HAS_WIDGET_COLOR \
  (GTK_CHECK_VERSION (4, 10, 0) && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_10)
#define MCI_GTK_HAS_FILE_DIALOG \
  (GTK_CHECK_VERSION (4, 10, 0) && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_10)

/* Sorting */

#if MCI_GTK_HAS_COLUMN_VIEW_SORTER

GtkSorter *
mci_gtk_compat_column_sorter_new (GtkColumnViewColumn *column,
                                  GCompareDataFunc     compare,
                                  gpointer             data,
                                  GDestroyNotify       destroy)
{
  g_return_val_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column), NULL);
  g_return_val_if_fail (compare != NULL, NULL);

  return GTK_SORTER (gtk_custom_sorter_new (compare, data, destroy));
}

GtkColumnViewColumn *
mci_gtk_compat_get_sort_column (GtkColumnView *column_view,
                                GtkSortType   *order)
{
  GtkColumnViewSorter *sorter;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (column_view), NULL);
  g_return_val_if_fail (order != NULL, NULL);

  sorter = GTK_COLUMN_VIEW_SORTER (gtk_column_view_get_sorter (column_view));
  *order = gtk_column_view_sorter_get_primary_sort_order (sorter);
  return gtk_column_view_sorter_get_primary_sort_column (sorter);
}

#else

typedef struct
{
  GtkColumnViewColumn *column;    /* owns the sorter that owns this */
  GCompareDataFunc     compare;
  gpointer             data;
  GDestroyNotify       destroy;
} ColumnSorter;

/* While a probe runs (on the main thread, as all sorting of a column view does) every
 * column sorter answers "smaller" and the first one asked is noted: that is the primary
 * column, and the sign of the view's answer is its direction. */
static gboolean probing;
static GtkColumnViewColumn *probed_column;

static int
compare_or_probe (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  ColumnSorter *sorter = user_data;

  if (!probing)
    return sorter->compare (a, b, sorter->data);
  if (probed_column == NULL)
    probed_column = sorter->column;
  return GTK_ORDERING_SMALLER;
}

static void
column_sorter_free (gpointer data)
{
  ColumnSorter *sorter = data;

  if (sorter->destroy != NULL)
    sorter->destroy (sorter->data);
  g_free (sorter);
}

GtkSorter *
mci_gtk_compat_column_sorter_new (GtkColumnViewColumn *column,
                                  GCompareDataFunc     compare,
                                  gpointer             data,
                                  GDestroyNotify       destroy)
{
  ColumnSorter *sorter;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column), NULL);
  g_return_val_if_fail (compare != NULL, NULL);

  sorter = g_new (ColumnSorter, 1);
  sorter->column = column;
  sorter->compare = compare;
  sorter->data = data;
  sorter->destroy = destroy;
  return GTK_SORTER (gtk_custom_sorter_new (compare_or_probe, sorter, column_sorter_free));
}

/* The column sorters must have come from mci_gtk_compat_column_sorter_new(). */
GtkColumnViewColumn *
mci_gtk_compat_get_sort_column (GtkColumnView *column_view,
                                GtkSortType   *order)
{
  g_autoptr(GObject) a = NULL;
  g_autoptr(GObject) b = NULL;
  GtkOrdering ordering;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (column_view), NULL);
  g_return_val_if_fail (order != NULL, NULL);

  a = g_object_new (G_TYPE_OBJECT, NULL);
  b = g_object_new (G_TYPE_OBJECT, NULL);
  probing = TRUE;
  probed_column = NULL;
  ordering = gtk_sorter_compare (gtk_column_view_get_sorter (column_view), a, b);
  probing = FALSE;
  *order = ordering == GTK_ORDERING_LARGER ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING;
  return g_steal_pointer (&probed_column);
}

#endif

/* List items */

/* Whether a "bind" of @list_item is a repeat of @bound_item, what its widget already
 * shows. GTK 4.8's GtkSignalListItemFactory unbinds and binds again every list item
 * whose position changed, to the same item: one row removed above the rows a list view
 * keeps (two hundred and more) rebinds all of them, 10 ms of a refresh for each such
 * removal. A factory whose widgets can stay bound to an item (until they get another,
 * or are destroyed) skips those. On a GTK that does not repeat, this is never TRUE. */
gboolean
mci_gtk_compat_list_item_rebinds (GtkListItem *list_item,
                                  gpointer     bound_item)
{
  g_return_val_if_fail (GTK_IS_LIST_ITEM (list_item), FALSE);

  return bound_item != NULL && gtk_list_item_get_item (list_item) == bound_item;
}

/* Names */

static void
set_label (GtkWidget  *widget,
           const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* The view's inner list, its header row, and the titles in the columns' order. */
void
mci_gtk_compat_name_column_view (GtkColumnView *column_view,
                                 const char    *list_label,
                                 const char    *headers_label)
{
  GListModel *columns;
  GtkWidget *header = NULL;
  guint i = 0;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (column_view));
  g_return_if_fail (list_label != NULL && headers_label != NULL);

  columns = gtk_column_view_get_columns (column_view);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      set_label (child, list_label);
    else if (header == NULL)
      header = child;
  if (header == NULL)
    return;
  set_label (header, headers_label);
  for (GtkWidget *title = gtk_widget_get_first_child (header);
       title != NULL && i < g_list_model_get_n_items (columns);
       title = gtk_widget_get_next_sibling (title), i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      set_label (title, gtk_column_view_column_get_title (column));
    }
}

/* @child is what a column's factory made; its parent is GTK's cell. */
void
mci_gtk_compat_name_column_view_cell (GtkWidget  *child,
                                      const char *label)
{
  GtkWidget *cell;

  g_return_if_fail (GTK_IS_WIDGET (child));

  if ((cell = gtk_widget_get_parent (child)) != NULL)
    set_label (cell, label);
}

/* @child is what a column's factory made; the parent of its parent is GTK's row, which
 * 4.8 gives no API (GtkColumnViewRow came in 4.12). NULL while @child is in no row. */
GtkWidget *
mci_gtk_compat_get_column_view_row (GtkWidget *child)
{
  GtkWidget *cell;

  g_return_val_if_fail (GTK_IS_WIDGET (child), NULL);

  cell = gtk_widget_get_parent (child);
  return cell != NULL ? gtk_widget_get_parent (cell) : NULL;
}

void
mci_gtk_compat_name_column_view_row (GtkWidget  *child,
                                     const char *label)
{
  GtkWidget *row;

  g_return_if_fail (GTK_IS_WIDGET (child));

  if ((row = mci_gtk_compat_get_column_view_row (child)) != NULL)
    set_label (row, label);
}

static void
on_drop_down_item_setup (GtkSignalListItemFactory *factory,
                         GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
on_drop_down_item_bind (GtkSignalListItemFactory *factory,
                        GtkListItem              *item)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (label), text);
  set_label (gtk_widget_get_parent (label), text);
}

/* The drop-down's button gets @label, and each item (of a GtkStringList) its text. */
void
mci_gtk_compat_name_drop_down (GtkDropDown *drop_down,
                               const char  *label)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));
  g_return_if_fail (label != NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_drop_down_item_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_drop_down_item_bind), NULL);
  gtk_drop_down_set_factory (drop_down, factory);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      set_label (child, label);
}

/* @button has a text label: it is read as the label shows it, once. */
void
mci_gtk_compat_name_button (GtkButton *button)
{
  GtkWidget *label;

  g_return_if_fail (GTK_IS_BUTTON (button));

  label = gtk_button_get_child (button);
  g_return_if_fail (GTK_IS_LABEL (label));
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  set_label (GTK_WIDGET (button), gtk_label_get_text (GTK_LABEL (label)));
}

/* The page's inner scrolled window, named after the page's title. */
void
mci_gtk_compat_name_status_page (AdwStatusPage *page)
{
  g_return_if_fail (ADW_IS_STATUS_PAGE (page));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (page)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLED_WINDOW (child))
      set_label (child, adw_status_page_get_title (page));
}

/* The expander's button (its child other than the one it was given), named "Collapse"
 * on an expanded row and "Expand" on a closed one; call it when the row changes. */
void
mci_gtk_compat_name_tree_expander (GtkTreeExpander *expander)
{
  GtkTreeListRow *row;
  const char *label;
  gboolean expanded;

  g_return_if_fail (GTK_IS_TREE_EXPANDER (expander));

  row = gtk_tree_expander_get_list_row (expander);
  if (row == NULL || !gtk_tree_list_row_is_expandable (row))
    return;
  expanded = gtk_tree_list_row_get_expanded (row);
  label = expanded ? _("Collapse") : _("Expand");
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (expander)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != gtk_tree_expander_get_child (expander))
      {
        set_label (child, label);
        gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_EXPANDED,
                                     expanded, -1);
      }
}

/* About */

/* The about window (or dialog), over @parent if there is one. */
void
mci_gtk_compat_show_about (GtkWindow *parent)
{
  static const char *developers[] = { "Most Connected IP developers", NULL };
#if MCI_ADW_HAS_ABOUT_DIALOG
  AdwDialog *about = adw_about_dialog_new ();
#else
  GtkWidget *about = adw_about_window_new ();
#endif

  g_object_set (about,
                "application-name", _("Most Connected IP"),
                "application-icon", APP_ID,
                "version", PACKAGE_VERSION,
                "comments", _("See which machines this one talks to, and how much"),
                "website", "https://github.com/mostconnectedip/most-connected-ip",
                "license-type", GTK_LICENSE_APACHE_2_0,
                "developers", developers,
                "translator-credits", _("translator-credits"),
                NULL);
#if MCI_ADW_HAS_ABOUT_DIALOG
  adw_dialog_present (about, parent != NULL ? GTK_WIDGET (parent) : NULL);
#else
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_set_modal (GTK_WINDOW (about), parent != NULL);
  gtk_window_present (GTK_WINDOW (about));
#endif
}

/* Saving a file */

#if MCI_GTK_HAS_FILE_DIALOG

static void
on_dialog_saved (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GFile *file = g_task_get_task_data (task) != NULL
                ? gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (object), result, &error)
                : gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error);

  /* one error for "not saved" whatever the GTK: the dialog's own is 4.10's */
  if (file == NULL && g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    {
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Dismissed by user");
    }
  else if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, g_object_unref);
}

static void
ask_for_file (GTask      *task,
              GtkWindow  *parent,
              const char *title,
              const char *initial_name,
              GListModel *filters)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  if (g_task_get_task_data (task) != NULL)
    {
      gtk_file_dialog_select_folder (dialog, parent, g_task_get_cancellable (task),
                                     on_dialog_saved, g_object_ref (task));
      return;
    }
  gtk_file_dialog_set_initial_name (dialog, initial_name);
  gtk_file_dialog_set_filters (dialog, filters);
  gtk_file_dialog_save (dialog, parent, g_task_get_cancellable (task), on_dialog_saved,
                        g_object_ref (task));
}

#else

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;

  g_signal_handlers_disconnect_by_data (chooser, task);
  if (response == GTK_RESPONSE_ACCEPT)
    g_task_return_pointer (task, gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)),
                           g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Dismissed by user");
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
ask_for_file (GTask      *task,
              GtkWindow  *parent,
              const char *title,
              const char *initial_name,
              GListModel *filters)
{
  gboolean folder = g_task_get_task_data (task) != NULL;
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, parent,
                                                               folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                                      : GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               NULL, NULL);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (!folder)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), initial_name);
  for (guint i = 0; filters != NULL && i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  /* the chooser is kept until it answers; the task until then too */
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

#endif

/* Asks where to save, through the portal in a sandbox; the answer is a GFile, or the
 * error G_IO_ERROR_CANCELLED when the person cancelled. */
void
mci_gtk_compat_save_file_async (GtkWindow           *parent,
                                const char          *title,
                                const char          *initial_name,
                                GListModel          *filters,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (title != NULL && initial_name != NULL);

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, mci_gtk_compat_save_file_async);
  ask_for_file (task, parent, title, initial_name, filters);
}

GFile *
mci_gtk_compat_save_file_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Asks for a folder to write into, through the portal in a sandbox (which then lets
 * the program make what it wants in it); answers as mci_gtk_compat_save_file_async (),
 * and with mci_gtk_compat_save_file_finish (). */
void
mci_gtk_compat_choose_folder_async (GtkWindow           *parent,
                                    const char          *title,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (title != NULL);

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, mci_gtk_compat_save_file_async);
  g_task_set_task_data (task, GINT_TO_POINTER (TRUE), NULL);   /* a folder */
  ask_for_file (task, parent, title, NULL, NULL);
}

/* Colours */

/* @widget's CSS "color", for what it draws itself. */
void
mci_gtk_compat_get_color (GtkWidget *widget,
                          GdkRGBA   *color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (color != NULL);

#if MCI_GTK_HAS_WIDGET_COLOR
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}
