/* test-window.c: the real window under Xvfb, on fixtures and on live loopback sockets
 *
 * Runs through tests/gui-wrapper.sh (its own X server and session bus), with
 * GSETTINGS_BACKEND=memory and fatal criticals.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <unistd.h>

#include "mci-application.h"
#include "mci-badge-strip.h"
#include "mci-view-export.h"
#include "mci-count-cell.h"
#include "mci-test-window-util.h"
#include "mci-mock-resolver.h"
#include "mci-proc-source.h"
#include "mci-count-cell.h"
#include "mci-history-cell.h"
#include "mci-row-cell.h"
#include "mci-sparkline.h"
#include "mci-states-cell.h"
#include "mci-test-util.h"
#include "mci-traffic-cell.h"
#include "mci-window.h"

static GtkApplication *application;
static MciMockResolver *mock;

static const char * const mock_names[][2] = {
  { "198.51.100.23", "proxy-1.example.net" },
  { "2001:db8:42::7", "v6-client.example.net" },
  { "203.0.113.50", "api.example.com" },
  { "127.0.0.1", "localhost" },
};

typedef struct
{
  GSettings *settings;
  MciWindow *window;
  char      *proc_root;   /* a copy the test may change */
} Fixture;

/* @recorder_window: 0, or the seconds of closes a recorder keeps for the window */
static void
open_window_recording (Fixture   *f,
                       MciSource *source,
                       guint      recorder_window)
{
  f->window = mci_test_open_window (application, f->settings, source, NULL, 400,
                                    recorder_window);
}

static void
open_window_on (Fixture   *f,
                MciSource *source)
{
  open_window_recording (f, source, 0);
}

static void
open_window (Fixture    *f,
             const char *proc_root)
{
  g_autoptr(MciSource) source = mci_proc_source_new (proc_root);

  open_window_on (f, source);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *name = data;

  f->settings = g_settings_new (APP_ID);
  g_settings_set_uint (f->settings, "refresh-interval", 0);
  if (name == NULL)
    return;
  f->proc_root = g_dir_make_tmp ("mci-window-XXXXXX", NULL);
  mci_test_copy_fixture (name, f->proc_root);
  open_window (f, f->proc_root);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char * const keys[] = { "refresh-interval", "sort-column", "sort-descending",
                                "group-by", "show-graphs" };
  gpointer model = f->window != NULL ? mci_window_get_model (f->window) : NULL;

  /* a sample still in flight holds the model: the next test starts once it has ended */
  if (model != NULL)
    g_object_add_weak_pointer (model, &model);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (f->settings, keys[i]);
  g_clear_object (&f->settings);
  if (f->proc_root != NULL)
    mci_test_remove_tree (f->proc_root);
  g_free (f->proc_root);
  mci_test_wait_for (mci_test_cleared, &model, "the closed window's model to be freed");
}

/* The rows as shown: depth, text, count, one per line. */
static char *
describe_rows (MciWindow *window)
{
  GListModel *rows = G_LIST_MODEL (mci_window_get_selection (window));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) list_row = g_list_model_get_item (rows, i);
      MciRow *row = gtk_tree_list_row_get_item (list_row);

      g_string_append_printf (out, "%*s%s", 2 * gtk_tree_list_row_get_depth (list_row), "",
                              mci_row_get_endpoint (row));
      if (mci_row_get_kind (row) != MCI_ROW_CONNECTION)
        g_string_append_printf (out, " : %u", mci_row_get_n_connections (row));
      if (mci_row_get_kind (row) == MCI_ROW_SECTION
          && *mci_connection_model_get_search (mci_window_get_model (window)) != '\0')
        g_string_append_printf (out, " (%u shown)",
                                mci_section_row_get_n_shown (MCI_SECTION_ROW (row)));
      g_string_append_c (out, '\n');
      g_object_unref (row);
    }
  return g_string_free (out, FALSE);
}

static GtkTreeListRow *
get_shown (MciWindow *window,
           guint      position)
{
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  return g_list_model_get_item (G_LIST_MODEL (mci_window_get_selection (window)), position);
}

static MciRow *
get_shown_row (MciWindow *window,
               guint      position)
{
  g_autoptr(GtkTreeListRow) list_row = get_shown (window, position);

  return gtk_tree_list_row_get_item (list_row);
}

static const char original_sample_rows[] =
  "Distant inbound : 2\n"
  "  80.90.47.155:443 ← 78.141.139.10 : 1\n"
  "  85.93.216.17:777 ← 78.141.139.10 : 1\n"
  "Distant outbound : 3\n"
  "  80.90.63.61 → 80.90.63.48:25 : 2\n"
  "  85.93.216.17 → 85.93.216.18:777 : 1\n"
  "Looping : 57\n"
  "  127.0.0.1 → 127.0.0.1:9355 : 20\n"
  "  127.0.0.1 → 127.0.0.1:4713 : 10\n"
  "  127.0.0.1 → 127.0.0.1:9353 : 9\n"
  "  127.0.0.1 → 127.0.0.1:3306 : 8\n"
  "  127.0.0.1 → 127.0.0.1:5445 : 5\n"
  "  127.0.0.1 → 127.0.0.1:9354 : 2\n"
  "  127.0.0.1 → 127.0.0.1:3351 : 1\n"
  "  127.0.0.1 → 127.0.0.1:7998 : 1\n"
  "  127.0.0.1 → 127.0.0.1:32000 : 1\n"
  "Listening : 11\n";

static void
test_fixture (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *rows = describe_rows (f->window);

  g_assert_cmpstr (mci_window_get_page (f->window), ==, "tree");
  g_assert_cmpstr (rows, ==, original_sample_rows);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (f->window)), "Saved capture in"));
  g_assert_nonnull (strstr (mci_window_get_status (f->window), "Updated at"));
  /* a saved capture measured no traffic: no column for it */
  g_assert_false (gtk_column_view_column_get_visible (mci_test_get_column (f->window, "Traffic")));
}

/* The cells that show @row: every column's, while it is on screen. */
static void
collect_cells (GtkWidget *widget,
               MciRow    *row,
               GPtrArray *cells)
{
  if (MCI_IS_ROW_CELL (widget) && mci_row_cell_get_row (MCI_ROW_CELL (widget)) == row)
    g_ptr_array_add (cells, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cells (child, row, cells);
}

static gboolean
all_cells_have_class (MciWindow  *window,
                      MciRow     *row,
                      const char *css_class)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  collect_cells (GTK_WIDGET (window), row, cells);
  /* the Process and Traffic columns are hidden for a capture */
  g_assert_cmpuint (cells->len, ==, 5);
  for (guint i = 0; i < cells->len; i++)
    if (!gtk_widget_has_css_class (g_ptr_array_index (cells, i), css_class))
      return FALSE;
  return TRUE;
}

typedef struct
{
  MciWindow *window;
  MciRow    *row;
} Wait;

static gboolean
cue_cleared (gpointer data)
{
  Wait *wait = data;

  return mci_row_get_change (wait->row) == MCI_ROW_CHANGE_NONE
         && !all_cells_have_class (wait->window, wait->row, "new");
}

static void
refresh_with (Fixture    *f,
              const char *fixture)
{
  MciConnectionModel *model = mci_window_get_model (f->window);
  guint n_samples;

  mci_test_copy_fixture (fixture, f->proc_root);
  n_samples = mci_connection_model_get_n_samples (model) + 1;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
  mci_test_wait_for_samples (model, n_samples);
  mci_test_wait_for_frame (GTK_WIDGET (f->window));
}

/* A group grows, one appears, one vanishes: the same rows, selection and expansion
 * kept, the cues shown and then cleared. */
static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  GtkSingleSelection *selection = mci_window_get_selection (f->window);
  const char *inbound_text = "192.0.2.10:22 ← 198.51.100.7";
  g_autoptr(MciRow) inbound = NULL, vanishing = NULL, fresh = NULL, selected = NULL;
  g_autoptr(GtkTreeListRow) inbound_row = NULL;
  Wait wait = { f->window, NULL };
  guint position;

  position = mci_test_find_shown (f->window, inbound_text);
  inbound = get_shown_row (f->window, position);
  inbound_row = get_shown (f->window, position);
  gtk_tree_list_row_set_expanded (inbound_row, TRUE);
  gtk_single_selection_set_selected (selection, position);
  vanishing = get_shown_row (f->window, mci_test_find_shown (f->window, "192.0.2.10 → 203.0.113.9:80"));
  g_assert_cmpuint (mci_test_find_shown (f->window, "192.0.2.10:22 ← 198.51.100.7:50000"), !=,
                    GTK_INVALID_LIST_POSITION);

  refresh_with (f, "refresh-2");
  position = mci_test_find_shown (f->window, inbound_text);
  {
    g_autoptr(MciRow) again = get_shown_row (f->window, position);
    g_autoptr(GtkTreeListRow) again_row = get_shown (f->window, position);

    g_assert_true (again == inbound);
    g_assert_true (gtk_tree_list_row_get_expanded (again_row));
  }
  selected = gtk_tree_list_row_get_item (gtk_single_selection_get_selected_item (selection));
  g_assert_true (selected == inbound);
  g_assert_cmpuint (mci_row_get_n_connections (inbound), ==, 3);
  g_assert_cmpuint (mci_test_find_shown (f->window, "192.0.2.10:22 ← 198.51.100.7:50002"), !=,
                    GTK_INVALID_LIST_POSITION);

  fresh = get_shown_row (f->window, mci_test_find_shown (f->window, "192.0.2.10 → 203.0.113.20:25"));
  g_assert_true (all_cells_have_class (f->window, fresh, "new"));
  g_assert_true (all_cells_have_class (f->window, vanishing, "closed"));
  wait.row = fresh;
  mci_test_wait_for (cue_cleared, &wait, "the new cue to clear");

  refresh_with (f, "refresh-3");
  g_assert_cmpuint (mci_test_find_shown (f->window, "192.0.2.10 → 203.0.113.9:80"), ==,
                    GTK_INVALID_LIST_POSITION);
  g_clear_object (&selected);
  selected = gtk_tree_list_row_get_item (gtk_single_selection_get_selected_item (selection));
  g_assert_true (selected == inbound);
}

typedef struct
{
  MciWindow  *window;
  const char *search;
} SearchWait;

/* The entry tells of a change only after a pause in the typing. */
static gboolean
search_applied (gpointer data)
{
  SearchWait *wait = data;

  return g_str_equal (mci_connection_model_get_search (mci_window_get_model (wait->window)),
                      wait->search);
}

/* What the Connections column shows for the row that reads @row_text. */
static const char *
count_text (MciWindow  *window,
            const char *row_text)
{
  g_autoptr(MciRow) row = get_shown_row (window, mci_test_find_shown (window, row_text));
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  mci_test_wait_for_frame (GTK_WIDGET (window));
  collect_cells (GTK_WIDGET (window), row, cells);
  for (guint i = 0; i < cells->len; i++)
    if (MCI_IS_COUNT_CELL (cells->pdata[i]))
      return gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (cells->pdata[i])));
  g_assert_not_reached ();
}

static void
search_for (MciWindow  *window,
            const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  SearchWait wait = { window, folded };

  mci_window_set_search (window, text);
  mci_test_wait_for (search_applied, &wait, "the search to apply");
}

/* A group counts what the search shows of it, as its section does; the states as ss
 * spells them find what netstat's spelling finds; an empty section hides nothing. */
static void
test_search_counts (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *underscore = NULL, *hyphen = NULL;

  search_for (f->window, "time_wait");
  underscore = describe_rows (f->window);
  g_assert_cmpstr (count_text (f->window, "Looping"), ==, "18 of 57");
  g_assert_cmpstr (count_text (f->window, "127.0.0.1 → 127.0.0.1:5445"), ==, "4 of 5");
  search_for (f->window, "TIME-WAIT");
  hyphen = describe_rows (f->window);
  g_assert_cmpstr (hyphen, ==, underscore);
  g_assert_cmpstr (count_text (f->window, "127.0.0.1 → 127.0.0.1:5445"), ==, "4 of 5");
  /* the group's own text matches: all of it is shown */
  search_for (f->window, ":5445");
  g_assert_cmpstr (count_text (f->window, "127.0.0.1 → 127.0.0.1:5445"), ==, "5");
  search_for (f->window, "");
  g_assert_cmpstr (count_text (f->window, "127.0.0.1 → 127.0.0.1:5445"), ==, "5");
}

static void open_window_with_names (Fixture    *f,
                                    const char *fixture);

/* The column headers' widths, as "w,w,w,...". */
static char *
describe_widths (MciWindow *window)
{
  GtkWidget *view = GTK_WIDGET (mci_window_get_column_view (window));
  GString *out = g_string_new (NULL);

  mci_test_wait_for_frame (view);
  /* the header is the column view's first child; its children the column titles */
  for (GtkWidget *title = gtk_widget_get_first_child (gtk_widget_get_first_child (view));
       title != NULL; title = gtk_widget_get_next_sibling (title))
    if (gtk_widget_get_visible (title))
      g_string_append_printf (out, "%d,", gtk_widget_get_width (title));
  return g_string_free (out, FALSE);
}

/* Opening a group or changing the search leaves the columns where they are. */
static void
test_column_widths (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *before = NULL, *opened = NULL, *searched = NULL, *cleared = NULL;
  g_autoptr(GtkTreeListRow) group = NULL, listening = NULL;

  open_window_with_names (f, "showcase");
  before = describe_widths (f->window);
  g_assert_cmpuint (strlen (before), >, 6);
  group = get_shown (f->window, mci_test_find_shown (f->window, "192.0.2.10:443 ← 198.51.100.23"));
  gtk_tree_list_row_set_expanded (group, TRUE);
  listening = get_shown (f->window, mci_test_find_shown (f->window, "Listening"));
  gtk_tree_list_row_set_expanded (listening, TRUE);
  opened = describe_widths (f->window);
  g_assert_cmpstr (opened, ==, before);
  search_for (f->window, "6379");
  searched = describe_widths (f->window);
  g_assert_cmpstr (searched, ==, before);
  search_for (f->window, "");
  cleared = describe_widths (f->window);
  g_assert_cmpstr (cleared, ==, before);
}

/* An empty section reads 0 while searching, not "0 of 0". */
static void
test_search_empty_section (Fixture       *f,
                           gconstpointer  data)
{
  g_assert_cmpstr (count_text (f->window, "Looping"), ==, "0");
  search_for (f->window, "192.0.2");
  g_assert_cmpstr (count_text (f->window, "Looping"), ==, "0");
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  SearchWait wait = { f->window, ":9355" };
  g_autofree char *rows = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  mci_window_set_search (f->window, ":9355");
  mci_test_wait_for (search_applied, &wait, "the search to apply");
  rows = describe_rows (f->window);
  g_assert_cmpstr (rows, ==,
                   "Distant inbound : 2 (0 shown)\n"
                   "Distant outbound : 3 (0 shown)\n"
                   "Looping : 57 (20 shown)\n"
                   "  127.0.0.1 → 127.0.0.1:9355 : 20\n"
                   "Listening : 11 (1 shown)\n");

  /* a state shows the groups that have it; an expanded group only its matching rows */
  mci_window_set_search (f->window, "time_wait");
  wait.search = "time_wait";
  mci_test_wait_for (search_applied, &wait, "the search to apply");
  {
    g_autoptr(GtkTreeListRow) row = get_shown (f->window,
                                               mci_test_find_shown (f->window,
                                                           "127.0.0.1 → 127.0.0.1:5445"));
    g_autofree char *all = NULL;

    gtk_tree_list_row_set_expanded (row, TRUE);
    all = describe_rows (f->window);
    g_assert_nonnull (strstr (all, "Looping : 57 (18 shown)\n"));
    g_assert_nonnull (strstr (all, "  80.90.63.61 → 80.90.63.48:25 : 2\n"));
    g_assert_null (strstr (all, "85.93.216.18"));
    /* 4 TIME_WAIT rows under it, not its ESTABLISHED one */
    g_assert_nonnull (strstr (all, "  127.0.0.1 → 127.0.0.1:5445 : 5\n"
                                   "    127.0.0.1:45"));
  }
}

static gboolean
is_sorted_by_endpoint (gpointer data)
{
  g_autofree char *rows = describe_rows (data);

  return strstr (rows, "  127.0.0.1 → 127.0.0.1:3306 : 8\n"
                       "  127.0.0.1 → 127.0.0.1:3351 : 1\n"
                       "  127.0.0.1 → 127.0.0.1:4713 : 10\n") != NULL;
}

static gboolean
is_sorted_as_at_first (gpointer data)
{
  g_autofree char *rows = describe_rows (data);

  return g_str_equal (rows, original_sample_rows);
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  GtkColumnView *view = mci_window_get_column_view (f->window);
  GtkColumnViewColumn *endpoint = mci_test_get_column (f->window, "Endpoint");
  GtkColumnViewColumn *count;
  g_autofree char *column = NULL;
  g_autofree char *rows = NULL;

  gtk_column_view_sort_by_column (view, endpoint, GTK_SORT_ASCENDING);
  mci_test_wait_for (is_sorted_by_endpoint, f->window, "sorting by endpoint");
  rows = describe_rows (f->window);
  /* sections keep their places; 32000 sorts as a number, after 9355 */
  g_assert_true (g_str_has_prefix (rows, "Distant inbound : 2\n"));
  g_assert_nonnull (strstr (rows, "127.0.0.1:9355 : 20\n  127.0.0.1 → 127.0.0.1:32000 : 1\n"
                                  "Listening"));
  column = g_settings_get_string (f->settings, "sort-column");
  g_assert_cmpstr (column, ==, "endpoint");
  g_assert_false (g_settings_get_boolean (f->settings, "sort-descending"));

  /* remembered: a new window sorts the same */
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  open_window (f, f->proc_root);
  g_assert_true (is_sorted_by_endpoint (f->window));

  /* and back to most connections first */
  view = mci_window_get_column_view (f->window);
  count = mci_test_get_column (f->window, "Connections");
  gtk_column_view_sort_by_column (view, count, GTK_SORT_DESCENDING);
  mci_test_wait_for (is_sorted_as_at_first, f->window, "sorting by connections");
  g_clear_pointer (&rows, g_free);
  rows = describe_rows (f->window);
  g_assert_cmpstr (rows, ==, original_sample_rows);
  g_clear_pointer (&column, g_free);
  column = g_settings_get_string (f->settings, "sort-column");
  g_assert_cmpstr (column, ==, "connections");
  g_assert_true (g_settings_get_boolean (f->settings, "sort-descending"));
}

/* Model-side order: a saved capture of @n_groups outbound groups, group i to
 * 203.0.113.(i + 1):443 with @counts[i] connections, written over the copy. */
static void
write_outbound (Fixture     *f,
                const guint *counts,
                guint        n_groups)
{
  g_autoptr(GString) tcp = g_string_new ("  sl  local_address rem_address   st tx_queue "
                                         "rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
  g_autofree char *tcp_path = g_build_filename (f->proc_root, "tcp", NULL);
  g_autofree char *tcp6_path = g_build_filename (f->proc_root, "tcp6", NULL);
  guint line = 0;

  for (guint i = 0; i < n_groups; i++)
    for (guint k = 0; k < counts[i]; k++, line++)
      g_string_append_printf (tcp, "%4u: 0A0200C0:%04X %02X7100CB:01BB 01 00000000:00000000 "
                                   "00:00000000 00000000  1000        0 %u 1 "
                                   "00000ffff8882000 20 4 30 10 -1\n",
                              line, 40000 + line, i + 1, 30000 + line);
  g_assert_true (g_file_set_contents (tcp_path, tcp->str, -1, NULL));
  g_assert_true (g_file_set_contents (tcp6_path, "  sl  local_address remote_address\n", -1,
                                      NULL));
}

static void
refresh_now (Fixture *f)
{
  MciConnectionModel *model = mci_window_get_model (f->window);
  guint n_samples = mci_connection_model_get_n_samples (model) + 1;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
  mci_test_wait_for_samples (model, n_samples);
  mci_test_wait_for_frame (GTK_WIDGET (f->window));
}

static char *
outbound_name (guint group)
{
  return g_strdup_printf ("192.0.2.10 → 203.0.113.%u:443", group + 1);
}

/* The row drawn at (@x, @y) of the column view. */
static MciRow *
row_at (MciWindow *window,
        double     x,
        double     y)
{
  GtkWidget *widget = gtk_widget_pick (GTK_WIDGET (mci_window_get_column_view (window)), x, y,
                                       GTK_PICK_DEFAULT);

  while (widget != NULL && !MCI_IS_ROW_CELL (widget))
    widget = gtk_widget_get_parent (widget);
  g_assert_nonnull (widget);
  return g_object_ref (mci_row_cell_get_row (MCI_ROW_CELL (widget)));
}

/* Where a person looks, the keyboard focus is: on the row drawn at (@x, @y). GTK 4.8's
 * list view keeps the rows on screen where they are when rows are inserted above them,
 * unless the focus is on a row off screen (the first one, as the window starts, after
 * a scroll with the wheel): then what is shown moves down by the rows inserted. */
static void
focus_row_at (MciWindow *window,
              double     x,
              double     y)
{
  GtkWidget *widget = gtk_widget_pick (GTK_WIDGET (mci_window_get_column_view (window)), x, y,
                                       GTK_PICK_DEFAULT);

  while (widget != NULL && !g_str_equal (gtk_widget_get_css_name (widget), "row"))
    widget = gtk_widget_get_parent (widget);
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_grab_focus (widget));
}

#define N_OUTBOUND 150

/* A group far down, expanded, one of its connections selected, grows to the top while
 * the view is scrolled halfway, and @search (if not NULL) shows only some rows: it
 * moves, and stays expanded and selected, and the rows on screen stay where they were. */
static void
check_sort_keeps_state (Fixture    *f,
                        const char *search)
{
  GtkSingleSelection *selection = mci_window_get_selection (f->window);
  guint counts[N_OUTBOUND], moving = 130, position;
  g_autofree char *name = outbound_name (moving);
  g_autoptr(MciRow) group = NULL, connection = NULL, shown = NULL, shown_after = NULL;
  g_autoptr(MciRow) selected = NULL;
  g_autoptr(GtkTreeListRow) tree_row = NULL;
  GtkAdjustment *adjustment;
  GtkScrollable *view;

  for (guint i = 0; i < N_OUTBOUND; i++)
    counts[i] = 2;
  counts[moving] = 1;
  write_outbound (f, counts, N_OUTBOUND);
  refresh_now (f);
  refresh_now (f);   /* the fixture's own groups, closed, go */
  if (search != NULL)
    {
      SearchWait wait = { f->window, search };

      mci_window_set_search (f->window, search);
      mci_test_wait_for (search_applied, &wait, "the search to apply");
    }
  position = mci_test_find_shown (f->window, name);
  g_assert_cmpuint (position, >, 100);
  group = get_shown_row (f->window, position);
  tree_row = get_shown (f->window, position);
  gtk_tree_list_row_set_expanded (tree_row, TRUE);
  connection = get_shown_row (f->window, position + 1);
  g_assert_true (MCI_IS_CONNECTION_ROW (connection));
  gtk_single_selection_set_selected (selection, position + 1);
  view = GTK_SCROLLABLE (mci_window_get_column_view (f->window));
  adjustment = gtk_scrollable_get_vadjustment (view);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 3);
  mci_test_wait_for_frame (GTK_WIDGET (f->window));
  shown = row_at (f->window, 40, 300);
  g_assert_cmpuint (mci_test_find_shown (f->window, mci_row_get_endpoint (shown)), >, 20);
  focus_row_at (f->window, 40, 300);

  counts[moving] = 5;
  write_outbound (f, counts, N_OUTBOUND);
  refresh_now (f);
  position = mci_test_find_shown (f->window, name);
  g_assert_cmpuint (position, ==, 2);   /* after the sections Distant inbound, outbound */
  g_clear_object (&tree_row);
  tree_row = get_shown (f->window, position);
  {
    g_autoptr(MciRow) item = gtk_tree_list_row_get_item (tree_row);

    g_assert_true (item == group);
  }
  g_assert_true (gtk_tree_list_row_get_expanded (tree_row));
  g_assert_cmpuint (mci_row_get_n_connections (group), ==, 5);
  selected = gtk_tree_list_row_get_item (gtk_single_selection_get_selected_item (selection));
  g_assert_true (selected == connection);
  shown_after = row_at (f->window, 40, 300);
  g_assert_true (shown_after == shown);
}

static void
test_sort_keeps_state (Fixture       *f,
                       gconstpointer  data)
{
  check_sort_keeps_state (f, NULL);
}

/* The same through the search's filter, which every moved row passes again. */
static void
test_sort_keeps_state_searching (Fixture       *f,
                                 gconstpointer  data)
{
  check_sort_keeps_state (f, "203.0.113.");
}

/* One group grows past all the others: the view is told of one row removed and one
 * inserted, not of a list sorted again. */
static void
test_sort_moves_few (Fixture       *f,
                     gconstpointer  data)
{
  GListModel *shown = G_LIST_MODEL (mci_window_get_selection (f->window));
  guint counts[N_OUTBOUND], growing = 100;
  g_autofree char *name = outbound_name (growing);
  MciTestItemsChanged changes = { 0 };

  for (guint i = 0; i < N_OUTBOUND; i++)
    counts[i] = 1;
  write_outbound (f, counts, N_OUTBOUND);
  refresh_now (f);
  refresh_now (f);   /* the fixture's own groups, closed, go */
  g_assert_cmpuint (mci_test_find_shown (f->window, name), >, 100);

  counts[growing] = 2;
  write_outbound (f, counts, N_OUTBOUND);
  g_signal_connect (shown, "items-changed", G_CALLBACK (mci_test_count_items_changed),
                    &changes);
  refresh_now (f);
  g_signal_handlers_disconnect_by_data (shown, &changes);
  g_assert_cmpuint (mci_test_find_shown (f->window, name), ==, 2);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
}

static GListModel *
model_groups (MciWindow      *window,
              MciSectionKind  kind)
{
  MciRow *section = mci_connection_model_get_section (mci_window_get_model (window), kind);

  return G_LIST_MODEL (mci_section_row_get_groups (MCI_SECTION_ROW (section)));
}

static guint
count_of (GListModel *groups,
          guint       position)
{
  g_autoptr(MciRow) row = g_list_model_get_item (groups, position);

  return mci_row_get_n_connections (row);
}

/* A header click orders the model's lists, not a view above them. */
static void
test_sort_header (Fixture       *f,
                  gconstpointer  data)
{
  MciConnectionModel *model = mci_window_get_model (f->window);
  GtkColumnView *view = mci_window_get_column_view (f->window);
  GListModel *looping = model_groups (f->window, MCI_SECTION_LOOPING);
  g_autofree char *rows = NULL;
  guint column = MCI_N_SORT_COLUMNS;
  gboolean descending = FALSE;

  g_object_get (model, "sort-column", &column, "sort-descending", &descending, NULL);
  g_assert_cmpuint (column, ==, MCI_SORT_CONNECTIONS);
  g_assert_true (descending);
  g_assert_cmpuint (count_of (looping, 0), ==, 20);

  gtk_column_view_sort_by_column (view, mci_test_get_column (f->window, "Connections"),
                                  GTK_SORT_ASCENDING);
  g_object_get (model, "sort-column", &column, "sort-descending", &descending, NULL);
  g_assert_cmpuint (column, ==, MCI_SORT_CONNECTIONS);
  g_assert_false (descending);
  g_assert_cmpuint (count_of (looping, 0), ==, 1);
  g_assert_cmpuint (count_of (looping, g_list_model_get_n_items (looping) - 1), ==, 20);
  rows = describe_rows (f->window);
  g_assert_true (g_str_has_prefix (strstr (rows, "Looping"),
                                   "Looping : 57\n  127.0.0.1 → 127.0.0.1:3351 : 1\n"));
}

/* Each column's own value, compared plainly: what the order must follow, and whether two
 * rows tie in it (they then follow their endpoints). */
static int
compare_values (MciSortColumn column,
                MciRow       *a,
                MciRow       *b)
{
  const MciTraffic *x, *y;

  switch (column)
    {
    case MCI_SORT_ENDPOINT:
      return strcmp (mci_row_get_sort_key (a), mci_row_get_sort_key (b));
    case MCI_SORT_PROCESS:
      return g_strcmp0 (mci_row_get_owner (a), mci_row_get_owner (b));
    case MCI_SORT_CONNECTIONS:
      return (int) mci_row_get_n_connections (a) - (int) mci_row_get_n_connections (b);
    case MCI_SORT_HOST_NAME:
      /* no name goes last in ascending order */
      if (mci_row_get_host_name (a) == NULL || mci_row_get_host_name (b) == NULL)
        return (mci_row_get_host_name (a) == NULL) - (mci_row_get_host_name (b) == NULL);
      return strcmp (mci_row_get_host_name (a), mci_row_get_host_name (b));
    case MCI_SORT_STATES:
      /* established first; then the other states, which the fixture's rows differ in */
      if (mci_row_get_states (a)[MCI_TCP_STATE_ESTABLISHED]
          != mci_row_get_states (b)[MCI_TCP_STATE_ESTABLISHED])
        return (int) mci_row_get_states (a)[MCI_TCP_STATE_ESTABLISHED]
               - (int) mci_row_get_states (b)[MCI_TCP_STATE_ESTABLISHED];
      return memcmp (mci_row_get_states (a), mci_row_get_states (b),
                     MCI_TCP_N_STATES * sizeof (guint)) == 0 ? 0 : G_MAXINT;
    case MCI_SORT_TRAFFIC:
    case MCI_N_SORT_COLUMNS:
    default:
      x = mci_row_get_traffic (a);
      y = mci_row_get_traffic (b);
      return x->bytes_sent + x->bytes_received == y->bytes_sent + y->bytes_received ? 0
             : G_MAXINT;
    }
}

/* Rows with the same parent, as shown, one after the other, in @column's order. */
static void
assert_shown_in_order (MciWindow     *window,
                       MciSortColumn  column,
                       gboolean       descending)
{
  GListModel *shown = G_LIST_MODEL (mci_window_get_selection (window));
  MciRow *last[3] = { NULL };
  guint n_pairs = 0;

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GtkTreeListRow) list_row = g_list_model_get_item (shown, i);
      g_autoptr(MciRow) row = gtk_tree_list_row_get_item (list_row);
      guint depth = gtk_tree_list_row_get_depth (list_row);
      int result;

      g_assert_cmpuint (depth, <, 3);
      if (depth > 0 && last[depth] != NULL)
        {
          result = compare_values (column, last[depth], row);
          /* G_MAXINT: differ, in a way this plain check does not order */
          if (result == 0)
            g_assert_cmpstr (mci_row_get_sort_key (last[depth]), <, mci_row_get_sort_key (row));
          else if (result != G_MAXINT)
            g_assert_cmpint (descending ? -result : result, <, 0);
          n_pairs++;
        }
      g_set_object (&last[depth], row);
      for (guint d = depth + 1; d < 3; d++)
        g_clear_object (&last[d]);
    }
  for (guint d = 0; d < 3; d++)
    g_clear_object (&last[d]);
  g_assert_cmpuint (n_pairs, >, 25);
}

/* Every column, both ways, groups and the connections of an expanded group: the order
 * is the model's, and right. */
static void
test_sort_every_column (Fixture       *f,
                        gconstpointer  data)
{
  GtkColumnView *view = mci_window_get_column_view (f->window);
  const char * const titles[] = { "Endpoint", "Process", "Connections", "Host Name", "States",
                                  "Traffic" };
  g_autoptr(GtkTreeListRow) group = NULL;

  group = get_shown (f->window, mci_test_find_shown (f->window, "127.0.0.1 → 127.0.0.1:9355"));
  gtk_tree_list_row_set_expanded (group, TRUE);
  for (guint column = 0; column < MCI_N_SORT_COLUMNS; column++)
    for (guint descending = 0; descending < 2; descending++)
      {
        gtk_column_view_sort_by_column (view, mci_test_get_column (f->window, titles[column]),
                                        descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
        g_assert_cmpuint (mci_connection_model_get_sort_column (mci_window_get_model (f->window)),
                          ==, column);
        assert_shown_in_order (f->window, column, descending);
        /* the group stays expanded whatever moved */
        g_clear_object (&group);
        group = get_shown (f->window,
                           mci_test_find_shown (f->window, "127.0.0.1 → 127.0.0.1:9355"));
        g_assert_true (gtk_tree_list_row_get_expanded (group));
      }
}

static void
count_sample_started (MciConnectionModel *model,
                      GParamSpec         *pspec,
                      guint              *n_started)
{
  if (mci_connection_model_get_sampling (model))
    (*n_started)++;
}

static GtkDropDown *
find_drop_down (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget))
    return GTK_DROP_DOWN (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_drop_down (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* On the live machine: a saved capture is never sampled on a timer. */
static void
test_interval (Fixture       *f,
               gconstpointer  data)
{
  GtkDropDown *drop_down;
  MciConnectionModel *model;
  guint n;

  open_window (f, MCI_LIVE_PROC_ROOT);
  drop_down = find_drop_down (GTK_WIDGET (f->window));
  model = mci_window_get_model (f->window);
  g_assert_nonnull (drop_down);
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down), ==, 0);
  g_assert_cmpuint (mci_connection_model_get_interval (model), ==, 0);

  /* the setting drives the drop-down and the model */
  g_settings_set_uint (f->settings, "refresh-interval", 500);
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down), ==, 1);
  g_assert_cmpuint (mci_connection_model_get_interval (model), ==, 500);
  mci_test_wait_for_samples (model, mci_connection_model_get_n_samples (model) + 2);

  /* the drop-down drives the setting; Paused stops sampling */
  gtk_drop_down_set_selected (drop_down, 0);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "refresh-interval"), ==, 0);
  g_assert_cmpuint (mci_connection_model_get_interval (model), ==, 0);
  mci_test_wait_for_sample_to_end (model);
  n = mci_connection_model_get_n_samples (model);
  /* nothing may happen: the whole time is the test, more than twice the interval */
  mci_test_iterate_for (1200);
  g_assert_cmpuint (mci_connection_model_get_n_samples (model), ==, n);
  g_assert_nonnull (strstr (mci_window_get_status (f->window), "Paused"));

  /* hidden: no sampling either */
  gtk_drop_down_set_selected (drop_down, 1);
  g_assert_true (mci_connection_model_get_active (model));
  gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
  g_assert_false (mci_connection_model_get_active (model));
  mci_test_wait_for_sample_to_end (model);
  n = mci_connection_model_get_n_samples (model);
  /* nothing may happen: the whole time is the test, more than twice the interval */
  mci_test_iterate_for (1200);
  g_assert_cmpuint (mci_connection_model_get_n_samples (model), ==, n);
  gtk_widget_set_visible (GTK_WIDGET (f->window), TRUE);
  g_assert_true (mci_connection_model_get_active (model));
}

/* A saved capture does not change: read once, and again only when asked. */
static void
test_capture_read_once (Fixture       *f,
                        gconstpointer  data)
{
  GtkDropDown *drop_down = find_drop_down (GTK_WIDGET (f->window));
  MciConnectionModel *model = mci_window_get_model (f->window);
  guint n_started = 0;

  g_signal_connect (model, "notify::sampling", G_CALLBACK (count_sample_started), &n_started);
  g_settings_set_uint (f->settings, "refresh-interval", 500);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (drop_down)));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (drop_down)), "capture"));
  g_assert_cmpuint (mci_connection_model_get_n_samples (model), ==, 1);
  g_assert_null (strstr (mci_window_get_status (f->window), "Paused"));

  /* nothing may happen: the whole time is the test, more than twice the interval; nor
   * when the window is shown again */
  mci_test_iterate_for (1200);
  gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (f->window), TRUE);
  mci_test_iterate_for (200);
  g_assert_cmpuint (n_started, ==, 0);
  g_assert_cmpuint (mci_connection_model_get_n_samples (model), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
  mci_test_wait_for_samples (model, 2);
  g_assert_cmpuint (n_started, ==, 1);
  g_signal_handlers_disconnect_by_data (model, &n_started);
}

static void
count_after_paint (GdkFrameClock *clock,
                   guint         *n_frames)
{
  (*n_frames)++;
}

/* A window just shown draws a few frames (its first transitions), then stops. */
static gboolean
no_frame_for_a_moment (gpointer data)
{
  guint *n_frames = data;

  *n_frames = 0;
  mci_test_iterate_for (300);
  return *n_frames == 0;
}

/* Paused with nothing new, the window draws nothing: a hidden page's spinner kept the
 * frame clock running, which cost a tenth of a core in X requests for its geometry. */
static void
test_at_rest (Fixture       *f,
              gconstpointer  data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  guint n_frames = 0;

  g_signal_connect (clock, "after-paint", G_CALLBACK (count_after_paint), &n_frames);
  mci_test_wait_for (no_frame_for_a_moment, &n_frames, "the window to stop drawing");
  n_frames = 0;
  /* nothing may happen: the whole time is the test, many frames' worth */
  mci_test_iterate_for (500);
  g_signal_handlers_disconnect_by_data (clock, &n_frames);
  g_assert_cmpuint (n_frames, ==, 0);
}

typedef struct
{
  MciWindow *window;
  char      *endpoint;
} WaitRow;

static gboolean
row_shown_with_three (gpointer data)
{
  WaitRow *wait = data;
  guint position = mci_test_find_shown (wait->window, wait->endpoint);
  g_autoptr(MciRow) row = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    {
      gtk_widget_activate_action (GTK_WIDGET (wait->window), "win.refresh", NULL);
      return FALSE;
    }
  row = get_shown_row (wait->window, position);
  return mci_row_get_n_connections (row) == 3;
}

/* Real sockets on loopback appear in the window as a looping group. */
static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  guint16 port;
  int listener = mci_test_listen ("127.0.0.1", &port);
  int clients[3], servers[3];
  WaitRow wait;

  for (guint i = 0; i < 3; i++)
    {
      clients[i] = mci_test_connect ("127.0.0.1", port);
      servers[i] = mci_test_accept (listener);
    }
  open_window (f, MCI_LIVE_PROC_ROOT);
  wait.window = f->window;
  wait.endpoint = g_strdup_printf ("127.0.0.1 → 127.0.0.1:%u", port);
  mci_test_wait_for (row_shown_with_three, &wait, "the loopback connections");
  g_assert_cmpstr (mci_window_get_page (f->window), ==, "tree");

  /* this process holds both ends: it is the owner, in the Process column and in search */
  {
    g_autoptr(MciRow) row = get_shown_row (f->window, mci_test_find_shown (f->window, wait.endpoint));
    g_autofree char *owner = g_strdup_printf ("test-window (%d)", getpid ());
    GtkColumnViewColumn *process = mci_test_get_column (f->window, "Process");

    g_assert_cmpstr (mci_row_get_owner (row), ==, owner);
    g_assert_true (gtk_column_view_column_get_visible (process));
    g_assert_cmpstr (gtk_column_view_column_get_title (process), ==, "Process");
    g_assert_true (mci_row_matches (row, "test-window"));
  }
  g_free (wait.endpoint);
  for (guint i = 0; i < 3; i++)
    {
      close (clients[i]);
      close (servers[i]);
    }
  close (listener);
}

/* The Traffic cell of @endpoint's row, once it is shown and bound. */
static GtkWidget *
find_traffic_cell (MciWindow  *window,
                   const char *endpoint)
{
  guint position = mci_test_find_shown (window, endpoint);
  g_autoptr(MciRow) row = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  row = get_shown_row (window, position);
  collect_cells (GTK_WIDGET (window), row, cells);
  for (guint i = 0; i < cells->len; i++)
    if (MCI_IS_TRAFFIC_CELL (g_ptr_array_index (cells, i)))
      return g_ptr_array_index (cells, i);
  return NULL;
}

typedef struct
{
  MciWindow *window;
  char      *endpoint;
  char      *rates;       /* what the cell should say */
  char      *totals;      /* what its tooltip should say, in the end */
} TrafficWait;

static gboolean
traffic_cell_shown (gpointer data)
{
  TrafficWait *wait = data;

  return find_traffic_cell (wait->window, wait->endpoint) != NULL;
}

/* Samples again until the acknowledgements are in and the rates are measured. */
static gboolean
traffic_shown (gpointer data)
{
  TrafficWait *wait = data;
  GtkWidget *cell = find_traffic_cell (wait->window, wait->endpoint);
  g_autofree char *tooltip = NULL;
  GtkWidget *label;

  if (cell != NULL)
    {
      label = gtk_widget_get_first_child (cell);
      tooltip = mci_row_describe_traffic (mci_row_cell_get_row (MCI_ROW_CELL (cell)));
      if (g_str_equal (gtk_label_get_text (GTK_LABEL (label)), wait->rates)
          && !gtk_widget_has_css_class (label, "dim-label")
          && tooltip != NULL && strstr (tooltip, wait->totals) != NULL)
        return TRUE;
    }
  if (!mci_sampler_is_sampling (mci_connection_model_get_sampler (
                                  mci_window_get_model (wait->window))))
    gtk_widget_activate_action (GTK_WIDGET (wait->window), "win.refresh", NULL);
  return FALSE;
}

static MciRow *
find_looping_group (MciWindow  *window,
                    const char *endpoint)
{
  MciRow *section = mci_connection_model_get_section (mci_window_get_model (window),
                                                      MCI_SECTION_LOOPING);
  GListModel *groups = G_LIST_MODEL (mci_section_row_get_groups (MCI_SECTION_ROW (section)));

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(MciRow) row = g_list_model_get_item (groups, i);

      if (g_str_equal (mci_row_get_endpoint (row), endpoint))
        return row;
    }
  g_assert_not_reached ();
}

/* Both idle now: the one that moved more sorts after the other in ascending order. */
static void
assert_sorts_after (MciWindow  *window,
                    const char *busy,
                    const char *idle)
{
  GtkSorter *sorter = gtk_column_view_column_get_sorter (mci_test_get_column (window, "Traffic"));

  g_assert_cmpint (gtk_sorter_compare (sorter, find_looping_group (window, busy),
                                       find_looping_group (window, idle)),
                   ==, GTK_ORDERING_LARGER);
  g_assert_cmpint (gtk_sorter_compare (sorter, find_looping_group (window, idle),
                                       find_looping_group (window, busy)),
                   ==, GTK_ORDERING_SMALLER);
}

/* A loopback connection that moved a known number of bytes, on the live machine read
 * over sock_diag: its group's totals at first, dimmed, then its rates. */
static void
test_live_traffic (Fixture       *f,
                   gconstpointer  data)
{
  const gsize size = 300000;
  g_autoptr(MciSource) source = mci_source_new_live (MCI_SOURCE_NETLINK, TRUE);
  g_autofree char *amount = g_format_size (size), *idle = g_format_size (0);
  guint16 port;
  int listener = mci_test_listen ("127.0.0.1", &port);
  int client = mci_test_connect ("127.0.0.1", port);
  int server = mci_test_accept (listener);
  guint16 idle_port;
  int idle_listener = mci_test_listen ("127.0.0.1", &idle_port);
  int idle_client = mci_test_connect ("127.0.0.1", idle_port);
  int idle_server = mci_test_accept (idle_listener);
  g_autofree char *idle_endpoint = g_strdup_printf ("127.0.0.1 → 127.0.0.1:%u", idle_port);
  TrafficWait wait;
  GtkWidget *cell, *label;

  /* a looping pair counts once, as its client sees it: it sent them all */
  mci_test_transfer (client, server, size);
  open_window_on (f, source);
  wait.window = f->window;
  wait.endpoint = g_strdup_printf ("127.0.0.1 → 127.0.0.1:%u", port);
  wait.rates = g_strdup_printf ("↓ %s/s ↑ %s/s", idle, idle);
  wait.totals = g_strdup_printf ("In all: ↓ %s ↑ %s", idle, amount);
  g_assert_true (gtk_column_view_column_get_visible (mci_test_get_column (f->window, "Traffic")));
  /* only this group, so that its row is on screen whatever the machine runs */
  mci_window_set_search (f->window, wait.endpoint);
  mci_test_wait_for_frame (GTK_WIDGET (f->window));
  mci_test_wait_for (traffic_cell_shown, &wait, "the search to apply");

  /* one sample: totals only, no rate yet */
  cell = find_traffic_cell (f->window, wait.endpoint);
  label = gtk_widget_get_first_child (cell);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), "↓ "));
  g_assert_false (g_str_has_suffix (gtk_label_get_text (GTK_LABEL (label)), "/s"));
  g_assert_true (gtk_widget_has_css_class (label, "dim-label"));

  mci_test_wait_for (traffic_shown, &wait, "the loopback connection's traffic");
  assert_sorts_after (f->window, wait.endpoint, idle_endpoint);
  g_free (wait.endpoint);
  g_free (wait.rates);
  g_free (wait.totals);
  close (client);
  close (server);
  close (listener);
  close (idle_client);
  close (idle_server);
  close (idle_listener);
}

/* What the source says of a sample (why netlink was refused, say) is in the status. */
static void
test_note (Fixture       *f,
           gconstpointer  data)
{
  static const char note[] = "Reading /proc/net, without traffic figures: not allowed";
  g_autoptr(MciSnapshot) snapshot = mci_test_load_fixture ("original-sample");
  const char *status = mci_window_get_status (f->window);

  g_assert_null (strstr (status, "Reading /proc/net"));
  mci_snapshot_set_note (snapshot, note);
  mci_connection_model_apply (mci_window_get_model (f->window), snapshot);
  status = mci_window_get_status (f->window);
  g_assert_nonnull (strstr (status, note));
  g_assert_null (strstr (strstr (status, note) + 1, note));
}

typedef struct
{
  MciWindow *window;
  char      *endpoint;
  guint      n_open;    /* what the group's row should count */
  guint      n_closed;
} ClosedWait;

/* Samples again until the group is shown with the counts awaited. */
static gboolean
group_counts (gpointer data)
{
  ClosedWait *wait = data;
  guint position = mci_test_find_shown (wait->window, wait->endpoint);
  g_autoptr(MciRow) row = NULL;

  if (position != GTK_INVALID_LIST_POSITION)
    row = get_shown_row (wait->window, position);
  if (row != NULL && mci_row_get_n_connections (row) == wait->n_open
      && mci_row_get_n_closed (row) == wait->n_closed)
    return TRUE;
  gtk_widget_activate_action (GTK_WIDGET (wait->window), "win.refresh", NULL);
  return FALSE;
}

static gboolean
row_has_cells (gpointer data)
{
  Wait *wait = data;
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  collect_cells (GTK_WIDGET (wait->window), wait->row, cells);
  return cells->len > 0;
}

static gboolean
refreshed_with_closed_rows (gpointer data)
{
  GListModel *children = data;
  guint n = g_list_model_get_n_items (children);

  if (n == 1)
    {
      g_autoptr(MciRow) first = g_list_model_get_item (children, 0);

      if (MCI_IS_CONNECTION_ROW (first)
          && mci_connection_row_get_closed_at (MCI_CONNECTION_ROW (first)) != 0)
        return TRUE;
    }
  return FALSE;
}

/* Expanded, the group lists its closed connections: closed, with when they closed,
 * how long they lived, their owner and bytes. */
static void
expand_closed_rows (MciWindow  *window,
                    const char *endpoint)
{
  g_autoptr(GtkTreeListRow) list_row = get_shown (window, mci_test_find_shown (window, endpoint));
  g_autoptr(MciRow) group = gtk_tree_list_row_get_item (list_row);
  g_autoptr(GListModel) children = NULL;
  g_autofree char *pid = g_strdup_printf ("(%d)", (int) getpid ());

  guint n_received = 0;

  gtk_tree_list_row_set_expanded (list_row, TRUE);
  children = mci_row_dup_children (group);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
  mci_test_wait_for (refreshed_with_closed_rows, children, "the group's closed rows");
  for (guint i = 0; i < 1; i++)
    {
      g_autoptr(MciRow) row = g_list_model_get_item (children, i);
      g_autoptr(GPtrArray) cells = g_ptr_array_new ();
      Wait cells_wait = { window, row };

      const MciTraffic *traffic = mci_row_get_traffic (row);

      g_assert_cmpint (mci_row_get_change (row), ==, MCI_ROW_CHANGE_CLOSED);
      g_assert_cmpint (mci_connection_row_get_lifetime (MCI_CONNECTION_ROW (row)), >, 0);
      /* the one row is the connection's client end (the tree lists a looping
       * connection once): the client reset it, and the kernel zeroes an aborted
       * socket's counters before it announces it, so its 3000 bytes sent come from
       * the sample that saw it */
      n_received += traffic->bytes_sent == 3000;
      g_assert_true (g_str_has_suffix (mci_row_get_owner (row), pid));
      mci_test_wait_for (row_has_cells, &cells_wait, "a closed row's cells");
      collect_cells (GTK_WIDGET (window), row, cells);
      for (guint c = 0; c < cells->len; c++)
        if (MCI_IS_COUNT_CELL (cells->pdata[c]))
          {
            const char *text =
              gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (cells->pdata[c])));

            g_assert_true (g_str_has_prefix (text, "closed at "));
            g_assert_nonnull (strstr (text, " after "));
          }
    }
  g_assert_cmpuint (n_received, ==, 1);
}

/* A group whose connection closed stays in the tree, dimmed, its Connections cell
 * saying what closed in the window beside what is open. */
static void
test_closed_group (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(MciSource) source = mci_source_new_live (MCI_SOURCE_NETLINK, TRUE);
  guint16 port;
  int listener = mci_test_listen ("127.0.0.1", &port);
  int client = mci_test_connect ("127.0.0.1", port);
  int server = mci_test_accept (listener);
  struct linger reset = { .l_onoff = 1, .l_linger = 0 };
  Wait cells_wait;
  ClosedWait wait;
  g_autoptr(MciRow) row = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  MciRow *looping;
  MciHistory *history;
  const char *count = NULL;

  mci_test_transfer (client, server, 3000);
  open_window_recording (f, source, 600);
  wait.window = f->window;
  wait.endpoint = g_strdup_printf ("127.0.0.1 → 127.0.0.1:%u", port);
  /* only this group, so that its row is on screen whatever the machine runs */
  mci_window_set_search (f->window, wait.endpoint);
  wait.n_open = 1;
  wait.n_closed = 0;
  mci_test_wait_for (group_counts, &wait, "the loopback connection");

  /* a reset, so that no end waits in TIME_WAIT, still listed, in the group; the kernel
   * forgets the aborting end's peer, which the sample that saw it gives back */
  g_assert_cmpint (setsockopt (client, SOL_SOCKET, SO_LINGER, &reset, sizeof reset), ==, 0);
  close (client);
  mci_test_wait_for_peer_close (server);
  close (server);
  close (listener);
  /* one close for the connection (both its ends closed), none open */
  wait.n_open = 0;
  wait.n_closed = 1;
  mci_test_wait_for (group_counts, &wait, "the group with its connection closed");
  mci_test_wait_for_frame (GTK_WIDGET (f->window));

  row = get_shown_row (f->window, mci_test_find_shown (f->window, wait.endpoint));
  g_assert_true (mci_row_is_all_closed (row));
  cells_wait.window = f->window;
  cells_wait.row = row;
  mci_test_wait_for (row_has_cells, &cells_wait, "the closed group's cells");
  collect_cells (GTK_WIDGET (f->window), row, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);

      g_assert_true (gtk_widget_has_css_class (cell, "all-closed"));
      if (MCI_IS_COUNT_CELL (cell))
        {
          GtkLabel *label = GTK_LABEL (gtk_widget_get_first_child (cell));

          count = gtk_label_get_text (label);
          /* the column is as wide as the count with its closes, which a window of the
           * default size does not cut */
          g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
        }
    }
  g_assert_cmpstr (count, ==, "0 · 1 closed in 10 min");
  /* Save writes the view's closes too, in CSV as in JSON */
  {
    g_autoptr(MciViewExport) export = mci_view_export_new (mci_window_get_model (f->window),
                                                           NULL, NULL);
    g_autofree char *csv = mci_view_export_format (export, MCI_VIEW_FORMAT_CSV);
    g_autofree char *json = mci_view_export_format (export, MCI_VIEW_FORMAT_JSON);
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
    g_autofree char *port_text = g_strdup_printf (",%u,", port);
    guint n_closed = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      {
        if (g_str_has_prefix (lines[i], "closed,") && strstr (lines[i], port_text) != NULL)
          n_closed++;
      }
    g_assert_cmpuint (n_closed, ==, 1);
    g_assert_nonnull (strstr (json, "\"closed_connections\""));
    g_assert_null (strstr (json, "\"closed_connections\": []"));
    g_assert_null (strstr (json, "\"closed_connections\":[]"));
  }
  expand_closed_rows (f->window, wait.endpoint);
  looping = mci_connection_model_get_section (mci_window_get_model (f->window),
                                              MCI_SECTION_LOOPING);
  g_assert_cmpuint (mci_row_get_n_closed (looping), >=, 1);
  g_assert_null (strstr (mci_window_get_status (f->window), "not recorded"));

  /* the cap follows the setting at once */
  g_settings_set_uint (f->settings, "history-max-records", 1);
  history = mci_recorder_get_history (
    mci_connection_model_get_recorder (mci_window_get_model (f->window)));
  g_assert_cmpuint (mci_history_get_n_records (history), ==, 1);
  g_settings_reset (f->settings, "history-max-records");
  g_free (wait.endpoint);
}

/* Samples again until the latest sample lists the listener on port @n_open. */
static gboolean
listener_sampled (gpointer data)
{
  ClosedWait *wait = data;
  MciSnapshot *snapshot = mci_connection_model_get_snapshot (mci_window_get_model (wait->window));
  const MciSection *listening = mci_snapshot_get_section (snapshot, MCI_SECTION_LISTENING);

  for (guint g = 0; g < listening->n_groups; g++)
    if (listening->groups[g].key.local_port == (int) wait->n_open)
      return TRUE;
  gtk_widget_activate_action (GTK_WIDGET (wait->window), "win.refresh", NULL);
  return FALSE;
}

/* A connection opened and closed between two samples: its group is in the tree all the
 * same, with its close and none open. The client resets, so that it is not listed in
 * TIME_WAIT; the kernel forgets its peer, and only the server's close has a group. */
static void
test_closed_unseen_group (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MciSource) source = mci_source_new_live (MCI_SOURCE_NETLINK, TRUE);
  struct linger reset = { .l_onoff = 1, .l_linger = 0 };
  ClosedWait wait = { 0 };
  guint16 port;
  int listener, client, server;

  open_window_recording (f, source, 600);
  listener = mci_test_listen ("127.0.0.1", &port);
  wait.window = f->window;
  wait.endpoint = g_strdup_printf ("127.0.0.1 → 127.0.0.1:%u", port);
  mci_window_set_search (f->window, wait.endpoint);
  /* a sample with the listener, so that the close is known for the server's */
  wait.n_open = port;
  mci_test_wait_for (listener_sampled, &wait, "a sample with the listener");
  client = mci_test_connect ("127.0.0.1", port);
  server = mci_test_accept (listener);
  g_assert_cmpint (setsockopt (client, SOL_SOCKET, SO_LINGER, &reset, sizeof reset), ==, 0);
  close (client);
  mci_test_wait_for_peer_close (server);
  close (server);
  close (listener);
  wait.n_open = 0;
  wait.n_closed = 1;
  mci_test_wait_for (group_counts, &wait, "the unseen group with its close");
  g_free (wait.endpoint);
}

/* Two thousand connections (as many as the file limit allows) closed at once, faster
 * than any reader: the kernel announces them from a work queue, and on a quiet machine
 * a reader keeps up with a smaller burst into even a 4 KiB queue. */
static void
burst_of_closes (void)
{
  struct linger reset = { .l_onoff = 1, .l_linger = 0 };
  struct rlimit files;
  g_autofree int *fds = NULL;
  guint n_fds = 2 * 2000;
  guint16 port;
  int listener = mci_test_listen ("127.0.0.1", &port);

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &files), ==, 0);
  if (files.rlim_cur != RLIM_INFINITY && files.rlim_cur < n_fds + 256)
    n_fds = 2 * (guint) MAX ((files.rlim_cur - 256) / 2, 100);
  fds = g_new (int, n_fds);
  for (guint i = 0; i < n_fds; i += 2)
    {
      fds[i] = mci_test_connect ("127.0.0.1", port);
      fds[i + 1] = mci_test_accept (listener);
      /* a reset: no TIME_WAIT left for other tests to see */
      g_assert_cmpint (setsockopt (fds[i], SOL_SOCKET, SO_LINGER, &reset, sizeof reset), ==, 0);
    }
  for (guint i = 0; i < n_fds; i++)
    close (fds[i]);
  close (listener);
}

/* Another burst, until the kernel drops some (it announces closes from a work queue,
 * which a busy machine may spread out), then a refresh until the status says so. */
static gboolean
status_says_missed (gpointer data)
{
  MciWindow *window = data;
  MciRecorder *recorder = mci_connection_model_get_recorder (mci_window_get_model (window));

  if (strstr (mci_window_get_status (window), "Some closed connections were missed") != NULL)
    return TRUE;
  if (mci_recorder_get_missed (recorder) == 0)
    burst_of_closes ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
  mci_test_iterate_for (100);
  return FALSE;
}

/* Closes the kernel dropped, here into a queue made too small for a burst, are said in
 * the status line. */
static void
test_closed_missed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(MciSource) source = mci_source_new_live (MCI_SOURCE_NETLINK, TRUE);
  MciRecorder *recorder;

  open_window_recording (f, source, 600);
  recorder = mci_connection_model_get_recorder (mci_window_get_model (f->window));
  mci_recorder_set_queue_size (recorder, 4096);
  g_assert_null (strstr (mci_window_get_status (f->window), "missed"));
  /* each try is a burst of 500 into the 4 KiB queue; on a loaded machine the kernel's
   * work queue may spread a few bursts out before one overflows it */
  if (!mci_test_wait_until (status_says_missed, f->window, 3 * MCI_TEST_WAIT_MS))
    g_error ("no burst of closes made the kernel drop some in %d ms: status %s",
             3 * MCI_TEST_WAIT_MS, mci_window_get_status (f->window));
  g_assert_cmpuint (mci_recorder_get_missed (recorder), >, 0);
}

/* The live machine read as /proc text: the status says closes are not recorded. */
static void
test_closed_not_recorded (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MciSource) source = mci_source_new_live (MCI_SOURCE_PROC, FALSE);

  open_window_recording (f, source, 600);
  g_assert_nonnull (strstr (mci_window_get_status (f->window),
                            "Closed connections are not recorded"));
}

static void
test_error (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *message = NULL;

  open_window (f, "/nonexistent/capture");
  g_assert_cmpstr (mci_window_get_page (f->window), ==, "error");
  g_object_get (mci_window_get_model (f->window), "error-message", &message, NULL);
  g_assert_nonnull (strstr (message, "/nonexistent/capture/tcp"));
  g_assert_nonnull (strstr (message, "No such file or directory"));
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_assert_cmpstr (mci_window_get_page (f->window), ==, "empty");
}

/* The tree's row that has the keyboard focus, as its GtkTreeListRow; NULL if none. */
static GtkTreeListRow *
get_focus_list_row (Fixture *f)
{
  GtkWidget *row = mci_test_get_focus_row (GTK_WIDGET (f->window));
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  if (row == NULL)
    return NULL;
  for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    for (GtkWidget *child = gtk_widget_get_first_child (cell); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (MCI_IS_ROW_CELL (child))
        return mci_row_cell_get_list_row (MCI_ROW_CELL (child));
  return NULL;
}

static gboolean
focus_in_tree (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL
         && gtk_widget_is_ancestor (focus, GTK_WIDGET (mci_window_get_column_view (f->window)));
}

/* With real key presses: the focus starts on the tree's first row; arrows move it with
 * a visible focus ring; Left and Right as in Files, focus and selection together (Left
 * on a connection goes to its group, Right on an open group into it); Tab leaves the
 * tree at once and Shift+Tab comes back to it. */
static void
test_keyboard_focus (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkSingleSelection *selection = mci_window_get_selection (f->window);
  guint group = mci_test_find_shown (f->window, "85.93.216.17:777 ← 78.141.139.10");
  g_autoptr(GtkTreeListRow) first = get_shown (f->window, 0);
  g_autoptr(GtkTreeListRow) group_row = get_shown (f->window, group);
  g_autoptr(GtkTreeListRow) parent = NULL;
  GtkWidget *row;

  mci_test_wait_for_frame (window);
  g_assert_true (focus_in_tree (f));
  g_assert_true (get_focus_list_row (f) == first);

  mci_test_press_key (window, GDK_KEY_Down, 0);
  row = mci_test_get_focus_row (window);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_visible_focus (row));
  g_assert_true (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_FOCUS_VISIBLE);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1);

  /* down to the group, open it, down to its connection, and Left back to the group */
  while (gtk_single_selection_get_selected (selection) < group)
    mci_test_press_key (window, GDK_KEY_Down, 0);
  mci_test_press_key (window, GDK_KEY_Right, 0);
  g_assert_true (gtk_tree_list_row_get_expanded (group_row));
  mci_test_press_key (window, GDK_KEY_Down, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, group + 1);
  mci_test_press_key (window, GDK_KEY_Left, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, group);
  mci_test_wait_for_frame (window);
  g_assert_true (get_focus_list_row (f) == group_row);
  g_assert_true (gtk_widget_has_visible_focus (mci_test_get_focus_row (window)));
  /* Left again closes the group, Right opens it, and Right again goes into it */
  mci_test_press_key (window, GDK_KEY_Left, 0);
  g_assert_false (gtk_tree_list_row_get_expanded (group_row));
  mci_test_press_key (window, GDK_KEY_Right, 0);
  g_assert_true (gtk_tree_list_row_get_expanded (group_row));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, group);
  mci_test_press_key (window, GDK_KEY_Right, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, group + 1);
  mci_test_wait_for_frame (window);
  parent = gtk_tree_list_row_get_parent (get_focus_list_row (f));
  g_assert_true (parent == group_row);

  /* Tab leaves the tree in one press, whatever its length; Shift+Tab comes back */
  mci_test_press_key (window, GDK_KEY_Tab, 0);
  g_assert_false (focus_in_tree (f));
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (f->window)));
  mci_test_press_key (window, GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_true (focus_in_tree (f));
  mci_test_press_key (window, GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_false (focus_in_tree (f));
}

/* Ctrl+? opens the shortcuts window; the primary menu offers it and About. */
static void
test_shortcuts (Fixture       *f,
                gconstpointer  data)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (application,
                                                                 "win.show-help-overlay");
  g_auto(GStrv) refresh = gtk_application_get_accels_for_action (application, "win.refresh");
  GtkShortcutsWindow *overlay;

  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));
  g_assert_true (g_strv_contains ((const char * const *) refresh, "F5"));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay",
                                             NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_close (GTK_WINDOW (overlay));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (application), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (application), "quit"));
}

/* A window opens at the size the settings keep, and leaves its size there when closed.
 * (Xvfb has no window manager to resize it as a person would.) */
static void
test_remembers_size (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *proc_root = mci_test_fixture_path ("empty");
  int width, height;

  g_settings_set_int (f->settings, "window-width", 812);
  g_settings_set_int (f->settings, "window-height", 534);
  open_window (f, proc_root);
  gtk_window_get_default_size (GTK_WINDOW (f->window), &width, &height);
  g_assert_cmpint (width, ==, 812);
  g_assert_cmpint (height, ==, 534);

  g_settings_set_int (f->settings, "window-width", 1);
  g_settings_set_int (f->settings, "window-height", 1);
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_cmpint (g_settings_get_int (f->settings, "window-width"), ==, 812);
  g_assert_cmpint (g_settings_get_int (f->settings, "window-height"), ==, 534);
  g_assert_false (g_settings_get_boolean (f->settings, "window-maximized"));
  g_clear_object (&f->window);
  g_settings_reset (f->settings, "window-width");
  g_settings_reset (f->settings, "window-height");
}

/* Copying */

static gboolean
names_in (gpointer data)
{
  MciWindow *window = data;
  g_autoptr(MciRow) row = get_shown_row (window, mci_test_find_shown (window,
                                                            "192.0.2.10:443 ← 198.51.100.23"));

  return mci_row_get_host_name (row) != NULL;
}

static void
open_window_with_names (Fixture    *f,
                        const char *fixture)
{
  g_autofree char *proc_root = mci_test_fixture_path (fixture);
  g_autoptr(MciSampler) sampler = mci_sampler_new (proc_root);
  g_autoptr(MciResolver) resolver = mci_resolver_new ();
  g_autoptr(MciConnectionModel) model = mci_connection_model_new (sampler, resolver);

  f->window = g_object_ref_sink (mci_window_new (application, model, f->settings));
  gtk_window_present (GTK_WINDOW (f->window));
  mci_test_wait_for (mci_test_page_is_not_loading, f->window, "the first sample");
  mci_test_wait_for (names_in, f->window, "the host names");
}

static void
assert_copies (Fixture    *f,
               const char *row_text,
               const char *action,
               const char *expected)
{
  GtkSingleSelection *selection = mci_window_get_selection (f->window);
  guint position = mci_test_find_shown (f->window, row_text);
  g_autofree char *text = NULL;

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), "(nothing)");
  gtk_single_selection_set_selected (selection, position);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
  text = mci_test_read_clipboard (GTK_WIDGET (f->window));
  g_assert_cmpstr (text, ==, expected);
}

static const char *
find_label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_label_text (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The text of the toast on show in @widget's window, or NULL. */
static const char *
find_toast_text (GtkWidget *widget)
{
  if (g_str_equal (gtk_widget_get_css_name (widget), "toast"))
    return find_label_text (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_toast_text (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every copy action, for IPv4 and IPv6 rows of every section and for a connection. */
static void
test_copy (Fixture       *f,
           gconstpointer  data)
{
  static const char * const cases[][3] = {
    { "192.0.2.10:443 ← 198.51.100.23", "win.copy-address", "198.51.100.23" },
    /* Copy Endpoint copies the distant end, as Copy Address: here it has many ports */
    { "192.0.2.10:443 ← 198.51.100.23", "win.copy-endpoint", "(nothing)" },
    { "192.0.2.10:443 ← 198.51.100.23", "win.copy-host-name", "proxy-1.example.net" },
    { "192.0.2.10:443 ← 198.51.100.23", "win.copy-row",
      "192.0.2.10:443                 <-- 198.51.100.23       :    9   proxy-1.example.net   "
      "6 x ESTABLISHED, 3 x TIME_WAIT" },
    { "[2001:db8::10]:443 ← 2001:db8:42::7", "win.copy-address", "2001:db8:42::7" },
    { "[2001:db8::10]:443 ← 2001:db8:42::7", "win.copy-endpoint", "(nothing)" },
    { "[2001:db8::10]:443 ← 2001:db8:42::7", "win.copy-host-name", "v6-client.example.net" },
    { "192.0.2.10 → 203.0.113.50:443", "win.copy-address", "203.0.113.50" },
    { "192.0.2.10 → 203.0.113.50:443", "win.copy-endpoint", "203.0.113.50:443" },
    { "192.0.2.10 → 203.0.113.53:53", "win.copy-row",
      "192.0.2.10                     --> 203.0.113.53:53     :    1      1 x TIME_WAIT" },
    /* no name: nothing is copied */
    { "192.0.2.10 → 203.0.113.53:53", "win.copy-host-name", "(nothing)" },
    { "127.0.0.1 → 127.0.0.1:5432", "win.copy-address", "127.0.0.1" },
    { "127.0.0.1 → 127.0.0.1:5432", "win.copy-endpoint", "127.0.0.1:5432" },
    { "[::]:443", "win.copy-address", "::" },
    { "[::]:443", "win.copy-listening-endpoint", "[::]:443" },
    { "0.0.0.0:22", "win.copy-row", "0.0.0.0:22                                             :    1      1 x LISTEN" },
    { "192.0.2.10:443 ← 198.51.100.23:50001", "win.copy-address", "198.51.100.23" },
    { "192.0.2.10:443 ← 198.51.100.23:50001", "win.copy-endpoint", "198.51.100.23:50001" },
  };
  g_autoptr(GtkTreeListRow) group = NULL, listening = NULL;

  open_window_with_names (f, "showcase");
  group = get_shown (f->window, mci_test_find_shown (f->window, "192.0.2.10:443 ← 198.51.100.23"));
  gtk_tree_list_row_set_expanded (group, TRUE);
  listening = get_shown (f->window, mci_test_find_shown (f->window, "Listening"));
  gtk_tree_list_row_set_expanded (listening, TRUE);
  mci_test_wait_for_frame (GTK_WIDGET (f->window));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_copies (f, cases[i][0], cases[i][1], cases[i][2]);

  /* a short word says what was copied, an AdwToast: one, however many copies */
  assert_copies (f, "192.0.2.10 → 203.0.113.50:443", "win.copy-address", "203.0.113.50");
  mci_test_wait_for_frame (GTK_WIDGET (f->window));
  g_assert_cmpstr (find_toast_text (GTK_WIDGET (f->window)), ==, "Address copied");
}

static gboolean
is_open_menu (GtkWidget *widget,
              gpointer   data)
{
  return GTK_IS_POPOVER_MENU (widget) && gtk_widget_get_visible (widget);
}

/* A menu item shown with the label @data (its mnemonic's underscore left out). */
static gboolean
is_shown_item (GtkWidget *widget,
               gpointer   data)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) plain = NULL;

  if (!g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton")
      || !gtk_widget_get_visible (widget))
    return FALSE;
  g_object_get (widget, "text", &text, NULL);
  plain = g_string_new (text);
  g_string_replace (plain, "_", "", 1);
  return g_str_equal (plain->str, data);
}

static gboolean
menu_shows (GtkWidget  *menu,
            const char *label)
{
  return mci_test_find_widget (menu, is_shown_item, (gpointer) label) != NULL;
}

/* Opens the selected row's menu from the keyboard, and returns it. */
static GtkWidget *
open_menu_on (Fixture    *f,
              const char *row_text)
{
  GtkWidget *menu;

  gtk_single_selection_set_selected (mci_window_get_selection (f->window),
                                     mci_test_find_shown (f->window, row_text));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-row-menu", NULL));
  mci_test_wait_for_frame (GTK_WIDGET (f->window));
  menu = mci_test_find_widget (GTK_WIDGET (mci_window_get_column_view (f->window)),
                               is_open_menu, NULL);
  g_assert_nonnull (menu);
  return menu;
}

/* Copy Endpoint is one rule, the distant end, and its label says so; a listening
 * socket's says it is its own; a section's menu copies the section as text. */
static void
test_row_menus (Fixture       *f,
                gconstpointer  data)
{
  static const struct
  {
    const char *row;
    const char *shown;
    const char *hidden;
  } cases[] = {
    { "192.0.2.10 → 203.0.113.50:443", "Copy Distant Endpoint", "Copy Listening Endpoint" },
    /* an inbound group's distant end has many ports: only the address is one */
    { "192.0.2.10:443 ← 198.51.100.23", "Copy Address", "Copy Distant Endpoint" },
    { "0.0.0.0:22", "Copy Listening Endpoint", "Copy Distant Endpoint" },
    { "Distant outbound", "Copy Section as Text", "Copy Address" },
  };
  g_autoptr(GtkTreeListRow) listening = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GtkWidget *menu;

  open_window_with_names (f, "showcase");
  listening = get_shown (f->window, mci_test_find_shown (f->window, "Listening"));
  gtk_tree_list_row_set_expanded (listening, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      menu = open_menu_on (f, cases[i].row);

      g_assert_true (menu_shows (menu, cases[i].shown));
      g_assert_false (menu_shows (menu, cases[i].hidden));
      gtk_popover_popdown (GTK_POPOVER (menu));
    }

  /* the section, as the text report prints it, with the names the tree shows */
  menu = open_menu_on (f, "Distant outbound");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), "(nothing)");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-section", NULL));
  /* an open menu holds the keyboard, past its window's end */
  gtk_popover_popdown (GTK_POPOVER (menu));
  text = mci_test_read_clipboard (GTK_WIDGET (f->window));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, "Distant outbound connections: 4");
  g_assert_nonnull (strstr (lines[1], "203.0.113.50:443"));
  g_assert_nonnull (strstr (lines[1], "api.example.com"));
  g_assert_cmpstr (lines[4], ==, "");
}

/* A lone listening socket is one row: nothing to expand, and its state, not "1 ×". */
static void
test_lone_listening_socket (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GtkTreeListRow) listening = NULL, socket = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  g_autoptr(MciRow) row = NULL;
  gboolean found = FALSE;

  open_window_with_names (f, "showcase");
  listening = get_shown (f->window, mci_test_find_shown (f->window, "Listening"));
  gtk_tree_list_row_set_expanded (listening, TRUE);
  mci_test_wait_for_frame (GTK_WIDGET (f->window));
  socket = get_shown (f->window, mci_test_find_shown (f->window, "0.0.0.0:22"));
  g_assert_false (gtk_tree_list_row_is_expandable (socket));
  row = gtk_tree_list_row_get_item (socket);
  collect_cells (GTK_WIDGET (f->window), row, cells);
  for (guint i = 0; i < cells->len; i++)
    if (MCI_IS_STATES_CELL (cells->pdata[i]))
      {
        /* the strip's first child is the first state's badge in its full form */
        GtkWidget *strip = gtk_widget_get_first_child (cells->pdata[i]);
        GtkWidget *badge = gtk_widget_get_first_child (strip);

        g_assert_true (MCI_IS_BADGE_STRIP (strip));
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "LISTEN");
        found = TRUE;
      }
  g_assert_true (found);
}

static gboolean
window_gone (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

/* Ctrl+W, pressed, closes the window. */
static void
test_close_key (Fixture       *f,
                gconstpointer  data)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (application, "window.close");

  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>w"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  mci_test_press_key (GTK_WIDGET (f->window), GDK_KEY_w, GDK_CONTROL_MASK);
  mci_test_wait_for (window_gone, f->window, "Ctrl+W to close the window");
}

static GtkWidget *
find_toggle (GtkWidget  *widget,
             const char *target)
{
  GVariant *value;

  if (GTK_IS_TOGGLE_BUTTON (widget)
      && (value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget))) != NULL
      && g_str_equal (g_variant_get_string (value, NULL), target))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toggle (child, target);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
grouped_by_address (gpointer data)
{
  return mci_connection_model_get_grouping (mci_window_get_model (data)) == MCI_GROUPING_ADDRESS;
}

static gboolean
grouped_by_endpoint (gpointer data)
{
  return !grouped_by_address (data);
}

/* Issue #14: the header bar's "Addresses" shows the address that five endpoint groups
 * split, first, with their sum; search, the copy actions and the row menu's target work
 * there as in the tree by endpoint; the setting remembers the choice. */
static void
test_by_address (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *by_address = find_toggle (GTK_WIDGET (f->window), "address");
  GtkWidget *by_endpoint = find_toggle (GTK_WIDGET (f->window), "endpoint");
  SearchWait wait = { f->window, "203.0.113.77" };
  g_autofree char *before = describe_rows (f->window);
  g_autofree char *after = NULL, *searched = NULL, *back = NULL;
  g_autofree char *group_by = NULL;

  g_assert_nonnull (by_address);
  g_assert_nonnull (by_endpoint);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (by_endpoint)));
  g_assert_true (g_str_has_prefix (before, "Distant inbound : 15\n"
                                           "  192.0.2.10:443 ← 198.51.100.9 : 6\n"));

  gtk_widget_activate (by_address);
  mci_test_wait_for (grouped_by_address, f->window, "the sample grouped by address");
  group_by = g_settings_get_string (f->settings, "group-by");
  g_assert_cmpstr (group_by, ==, "address");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (by_address)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (by_endpoint)));
  after = describe_rows (f->window);
  g_assert_cmpstr (after, ==,
                   "Distant, by address : 26\n"
                   "  203.0.113.77 : 15\n"
                   "  198.51.100.9 : 6\n"
                   "  198.51.100.10 : 5\n"
                   "Looping : 2\n"
                   "  127.0.0.1 : 2\n"
                   "Listening : 5\n");

  assert_copies (f, "203.0.113.77", "win.copy-address", "203.0.113.77");
  assert_copies (f, "203.0.113.77", "win.copy-endpoint", "203.0.113.77");
  assert_copies (f, "203.0.113.77", "win.copy-row",
                 "203.0.113.77                                           :   15      "
                 "12 x ESTABLISHED, 3 x TIME_WAIT");

  mci_window_set_search (f->window, "203.0.113.77");
  mci_test_wait_for (search_applied, &wait, "the search to apply");
  searched = describe_rows (f->window);
  g_assert_cmpstr (searched, ==,
                   "Distant, by address : 26 (15 shown)\n"
                   "  203.0.113.77 : 15\n"
                   "Looping : 2 (0 shown)\n"
                   "Listening : 5 (0 shown)\n");
  assert_copies (f, "203.0.113.77", "win.copy-address", "203.0.113.77");

  /* and back, through the setting */
  mci_window_set_search (f->window, "");
  g_settings_set_string (f->settings, "group-by", "endpoint");
  mci_test_wait_for (grouped_by_endpoint, f->window, "the sample grouped by endpoint");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (by_endpoint)));
  back = describe_rows (f->window);
  g_assert_cmpstr (back, ==, before);
}

/* Every section and group open, so that the rows shown are the whole view. */
static void
expand_all (MciWindow *window)
{
  GListModel *rows = G_LIST_MODEL (mci_window_get_selection (window));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);

      if (gtk_tree_list_row_is_expandable (row))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
}

static void
append_endpoint (GString          *out,
                 const MciAddress *address,
                 int               port)
{
  char buffer[MCI_ADDRESS_STRLEN];

  g_string_append_printf (out, " %s:%d", mci_address_to_string (address, buffer), port);
}

/* The view as the saved files must read back: "section KIND TOTAL", "group ADDRESS
 * COUNT", "conn LOCAL REMOTE STATE", in the order shown. */
static char *
describe_view (MciWindow *window,
               gboolean   sections)
{
  GListModel *rows = G_LIST_MODEL (mci_window_get_selection (window));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) list_row = g_list_model_get_item (rows, i);
      g_autoptr(MciRow) row = gtk_tree_list_row_get_item (list_row);
      const MciEndpointKey *key = mci_row_get_key (row);
      char buffer[MCI_ADDRESS_STRLEN];

      switch (mci_row_get_kind (row))
        {
        case MCI_ROW_SECTION:
          if (sections)
            g_string_append_printf (out, "section %s %u\n",
                                    mci_section_kind_to_string (key->section),
                                    mci_row_get_n_connections (row));
          break;
        case MCI_ROW_GROUP:
          g_string_append_printf (out, "group %s %u\n",
                                  mci_address_to_string (mci_row_get_address (row), buffer),
                                  mci_row_get_n_connections (row));
          break;
        case MCI_ROW_CONNECTION:
          g_string_append (out, "conn");
          append_endpoint (out, &key->local_address, key->local_port);
          append_endpoint (out, &key->remote_address, key->remote_port);
          g_string_append_printf (out, " %s\n",
                                  mci_tcp_state_to_string (mci_connection_row_get_state (
                                    MCI_CONNECTION_ROW (row))));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return g_string_free (out, FALSE);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* @text's "conn" lines sorted under each group, and none under a group that @view shows
 * without any (a listening socket alone does not open): a saved group lists all its
 * connections, in the engine's order, where the window sorts those it shows. */
static char *
normalize (const char *text,
           const char *view)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_auto(GStrv) view_lines = g_strsplit (view, "\n", -1);
  g_autoptr(GPtrArray) block = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  gboolean shown = FALSE;
  guint v = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean conn = g_str_has_prefix (lines[i], "conn ");

      if (!conn)
        {
          g_ptr_array_sort (block, compare_lines);
          for (guint j = 0; shown && j < block->len; j++)
            g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (block, j));
          g_ptr_array_set_size (block, 0);
          if (*lines[i] != '\0')
            g_string_append_printf (out, "%s\n", lines[i]);
          /* whether the view shows connections under this group */
          while (view_lines[v] != NULL && !g_str_equal (view_lines[v], lines[i]))
            v++;
          shown = view_lines[v] != NULL && view_lines[v + 1] != NULL
                  && g_str_has_prefix (view_lines[v + 1], "conn ");
          if (view_lines[v] != NULL)
            v++;
          continue;
        }
      g_ptr_array_add (block, lines[i]);
    }
  return g_string_free (out, FALSE);
}

/* Reads a saved view back with Python's own csv and json modules, into describe_view ()'s
 * lines. */
static const char read_back[] =
  "import csv, json, sys\n"
  "path = sys.argv[1]\n"
  "def conn(c):\n"
  "    return 'conn %s:%d %s:%d %s' % (c['local_address'], int(c['local_port']),\n"
  "                                   c['remote_address'], int(c['remote_port']), c['state'])\n"
  "def address(g):\n"
  "    return g['local_address'] if g['remote_address'] in (None, '') else g['remote_address']\n"
  "if path.endswith('.csv'):\n"
  "    with open(path, newline='') as f:\n"
  "        rows = list(csv.DictReader(f))\n"
  "    last = None\n"
  "    for r in rows:\n"
  "        assert r['status'] == 'open', r\n"
  "        key = tuple(r[k] for k in ('section', 'group_local_address', 'group_local_port',\n"
  "                                   'group_remote_address', 'group_remote_port'))\n"
  "        if key != last:\n"
  "            g = {'local_address': r['group_local_address'],\n"
  "                 'remote_address': r['group_remote_address']}\n"
  "            print('group %s %s' % (address(g), r['group_count']))\n"
  "            last = key\n"
  "        print(conn(r))\n"
  "else:\n"
  "    d = json.load(open(path))\n"
  "    assert d['closed_connections'] == []\n"
  "    print('grouping %s search %s' % (d['grouping'], d['search']))\n"
  "    for s in d['sections']:\n"
  "        print('section %s %d' % (s['kind'], s['connections']))\n"
  "        for g in s['groups']:\n"
  "            print('group %s %d' % (address(g), g['count']))\n"
  "            for c in g['connections']:\n"
  "                print(conn(c))\n";

static gboolean
task_done (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static char *
save_and_read_back (MciWindow  *window,
                    const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(MciTestRun) run = { 0 };

  mci_window_save_view_async (window, file, NULL, on_done, &result);
  mci_test_wait_for (task_done, &result, "the view to be saved");
  g_assert_true (mci_window_save_view_finish (window, result, &error));
  g_assert_no_error (error);
  mci_test_run (&run, NULL, "python3", "-c", read_back, path, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

/* Save: the CSV and the JSON, read back by Python, are the view: its grouping, its
 * search, its order, every section, group and connection it shows. */
static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *directory = g_dir_make_tmp ("mci-views-save-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (directory, "view.csv", NULL);
  g_autofree char *json_path = g_build_filename (directory, "view.json", NULL);
  const char * const searches[] = { "", ":8080", "198.51" };

  g_settings_set_string (f->settings, "group-by", "address");
  mci_test_wait_for (grouped_by_address, f->window, "the sample grouped by address");
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      SearchWait wait = { f->window, searches[i] };
      g_autofree char *shown = NULL, *shown_groups = NULL, *csv = NULL, *json = NULL;
      g_autofree char *json_head = NULL;

      mci_window_set_search (f->window, searches[i]);
      mci_test_wait_for (search_applied, &wait, "the search to apply");
      expand_all (f->window);
      shown = describe_view (f->window, TRUE);
      shown_groups = describe_view (f->window, FALSE);
      g_test_message ("search “%s”:\n%s", searches[i], shown);
      if (i == 0)
        g_assert_nonnull (strstr (shown, "group 203.0.113.77 15\n"));

      csv = save_and_read_back (f->window, csv_path);
      {
        g_autofree char *a = normalize (csv, shown_groups), *b = normalize (shown_groups, shown_groups);

        g_assert_cmpstr (a, ==, b);
      }
      json = save_and_read_back (f->window, json_path);
      json_head = g_strdup_printf ("grouping address search %s\n",
                                   *searches[i] != '\0' ? searches[i] : "None");
      g_assert_true (g_str_has_prefix (json, json_head));
      {
        g_autofree char *a = normalize (json + strlen (json_head), shown);
        g_autofree char *b = normalize (shown, shown);

        g_assert_cmpstr (a, ==, b);
      }
    }
  g_unlink (csv_path);
  g_unlink (json_path);
  g_rmdir (directory);
}

static GtkWidget *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_file_chooser () != NULL;
}

static gboolean
chooser_names_path (gpointer data)
{
  gpointer *wanted = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (wanted[0]);

  return file != NULL && g_strcmp0 (g_file_peek_path (file), wanted[1]) == 0;
}

static gboolean
note_says (gpointer data)
{
  gpointer *wanted = data;

  return strstr (mci_window_get_note (wanted[0]), wanted[1]) != NULL;
}

/* Ctrl+S's action: the file chooser, a name, and the file written off the main thread;
 * Save Capture refuses a saved capture in words. */
static void
test_save_actions (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *directory = g_dir_make_tmp ("mci-views-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "shown.csv", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (directory);
  g_autoptr(GFile) capture = g_file_get_child (folder, "capture");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *chooser;
  gpointer saved[] = { f->window, "Saved to shown.csv" };
  gpointer refused[] = { f->window, "Only the live machine’s tables" };
  g_autofree char *contents = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL));
  mci_test_wait_for (chooser_shown, NULL, "the file chooser");
  chooser = find_file_chooser ();
  /* typed whole into the name, as a person may */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), path);
  {
    gpointer named[] = { chooser, path };

    mci_test_wait_for (chooser_names_path, named, "the chooser's file");
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  mci_test_wait_for (note_says, saved, "the note that it was saved");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "status,section,"));
  g_assert_nonnull (strstr (contents, "\r\nopen,looping,"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-capture", NULL));
  g_assert_true (note_says (refused));
  g_assert_null (find_file_chooser ());
  mci_window_save_capture_async (f->window, capture, NULL, on_done, &result);
  mci_test_wait_for (task_done, &result, "the refusal");
  g_assert_false (mci_window_save_capture_finish (f->window, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_false (g_file_query_exists (capture, NULL));
  g_unlink (path);
  g_rmdir (directory);
}

/* The alpha of the pixel at @x, @y of @texture (BGRA or RGBA: alpha is last either way). */
static guint
alpha_at (guchar *pixels,
          gsize   stride,
          int     x,
          int     y)
{
  return pixels[y * stride + x * 4 + 3];
}

/* A sparkline draws: a series flat at 0 that jumps to its highest value at the end is
 * a line along the bottom, and up at the right edge; nothing above the flat part. */
static void
test_sparkline_draws (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *sparkline = mci_sparkline_new ();
  g_autoptr(MciSeries) series = mci_series_new (10);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  const int width = 100, height = 20;
  gsize stride = width * 4;

  for (guint i = 0; i < 9; i++)
    mci_series_push (series, 0);
  mci_series_push (series, 10);
  mci_sparkline_set_series (MCI_SPARKLINE (sparkline), series);
  gtk_widget_set_size_request (sparkline, width, height);
  gtk_window_set_child (GTK_WINDOW (window), sparkline);
  gtk_window_present (GTK_WINDOW (window));
  mci_test_wait_for_frame (sparkline);
  g_assert_cmpint (gtk_widget_get_width (sparkline), ==, width);
  g_assert_cmpint (gtk_widget_get_height (sparkline), ==, height);

  paintable = gtk_widget_paintable_new (sparkline);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc0 (stride * height);
  gdk_texture_download (texture, pixels, stride);

  /* the flat part: drawn along the bottom, nothing above it */
  g_assert_cmpuint (alpha_at (pixels, stride, 20, height - 1), >, 128);
  g_assert_cmpuint (alpha_at (pixels, stride, 20, 2), ==, 0);
  g_assert_cmpuint (alpha_at (pixels, stride, 50, height / 2), ==, 0);
  /* the jump: up at the right edge, and filled faintly below it */
  g_assert_cmpuint (alpha_at (pixels, stride, width - 1, 1), >, 128);
  g_assert_cmpuint (alpha_at (pixels, stride, width - 4, height / 2), >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static MciRow *
find_group_row (MciWindow  *window,
                const char *endpoint)
{
  guint position = mci_test_find_shown (window, endpoint);

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  return get_shown_row (window, position);
}

/* The History column: each group's cell draws the row's count at each sample. */
static void
test_history_column (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(MciRow) inbound = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  MciSparkline *sparkline = NULL;
  MciSeries *series;

  refresh_with (f, "refresh-2");
  refresh_with (f, "refresh-3");
  inbound = find_group_row (f->window, "192.0.2.10:22 ← 198.51.100.7");
  collect_cells (GTK_WIDGET (f->window), inbound, cells);
  for (guint i = 0; i < cells->len; i++)
    if (MCI_IS_HISTORY_CELL (g_ptr_array_index (cells, i)))
      sparkline = MCI_SPARKLINE (gtk_widget_get_first_child (g_ptr_array_index (cells, i)));
  g_assert_nonnull (sparkline);
  series = mci_sparkline_get_series (sparkline);
  g_assert_true (series == mci_row_get_history (inbound));
  g_assert_cmpuint (mci_series_get_length (series), ==, 3);
  g_assert_cmpfloat (mci_series_get (series, 0), ==, 1);
  g_assert_cmpfloat (mci_series_get (series, 2), ==, 3);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (sparkline)), >, 20);
}

/* The graphs pane: a graph a section and the traffic's, with the figures now, drawing
 * the sections' series; win.show-graphs (the setting) hides it. */
static void
test_graphs_pane (Fixture       *f,
                  gconstpointer  data)
{
  MciSectionGraphs *graphs = mci_window_get_graphs (f->window);
  MciConnectionModel *model = mci_window_get_model (f->window);
  MciRow *inbound = mci_connection_model_get_section (model, MCI_SECTION_INBOUND);
  GtkWidget *revealer = gtk_widget_get_parent (GTK_WIDGET (graphs));
  MciSeries *series;

  refresh_with (f, "refresh-2");
  refresh_with (f, "refresh-3");
  g_assert_cmpuint (mci_section_graphs_get_n_graphs (graphs), ==, 5);
  g_assert_cmpstr (mci_section_graphs_get_title (graphs, 0), ==, "Distant inbound: 3");
  g_assert_cmpstr (mci_section_graphs_get_title (graphs, 4), ==, "Traffic: 0 bytes/s");
  series = mci_sparkline_get_series (MCI_SPARKLINE (mci_section_graphs_get_graph (graphs, 0)));
  g_assert_true (series == mci_row_get_history (inbound));
  g_assert_cmpuint (mci_series_get_length (series), ==, 3);
  g_assert_true (mci_sparkline_get_series (MCI_SPARKLINE (mci_section_graphs_get_graph (graphs, 4)))
                 == mci_connection_model_get_traffic_history (model));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  /* by address: the sections of that grouping */
  g_settings_set_string (f->settings, "group-by", "address");
  mci_test_wait_for (grouped_by_address, f->window, "the sample grouped by address");
  g_assert_cmpuint (mci_section_graphs_get_n_graphs (graphs), ==, 4);
  g_assert_true (g_str_has_prefix (mci_section_graphs_get_title (graphs, 0),
                                   "Distant, by address: "));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-graphs", NULL));
  g_assert_false (g_settings_get_boolean (f->settings, "show-graphs"));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_settings_reset (f->settings, "show-graphs");
}

static gboolean
chooser_in_folder (gpointer data)
{
  gpointer *wanted = data;
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (wanted[0]);

  return folder != NULL && g_file_equal (folder, wanted[1]);
}

static char *
find_capture (const char *parent)
{
  g_autoptr(GDir) dir = g_dir_open (parent, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "capture-"))
      return g_build_filename (parent, name, NULL);
  return NULL;
}

/* Save Capture on the live machine: a folder chosen, a new capture made in it off the
 * main thread, which --proc reads (the same tables: its sections as the live ones). */
static void
test_save_capture (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *parent = g_dir_make_tmp ("mci-views-capture-XXXXXX", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (parent);
  g_autofree char *capture = NULL;
  g_autofree char *tcp = NULL;
  gpointer saved[] = { NULL, "Capture saved to capture-" };
  GtkWidget *chooser;
  g_auto(MciTestRun) run = { 0 };

  open_window (f, MCI_LIVE_PROC_ROOT);
  saved[0] = f->window;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-capture", NULL));
  mci_test_wait_for (chooser_shown, NULL, "the folder chooser");
  chooser = find_file_chooser ();
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  {
    gpointer in_folder[] = { chooser, folder };

    mci_test_wait_for (chooser_in_folder, in_folder, "the chooser to be in the folder");
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  mci_test_wait_for (note_says, saved, "the note that the capture was saved");
  capture = find_capture (parent);
  g_assert_nonnull (capture);
  tcp = g_build_filename (capture, "tcp", NULL);
  g_assert_true (g_file_test (tcp, G_FILE_TEST_IS_REGULAR));
  mci_test_run (&run, NULL, mci_test_binary (), "--json", "-n", "--proc", capture, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"kind\": \"looping\""));
  {
    const char * const names[] = { "tcp", "tcp6", "fib_trie", "if_inet6", "ip_local_port_range" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (capture, names[i], NULL);
        g_unlink (path);
      }
  }
  g_rmdir (capture);
  g_rmdir (parent);
}

/* Look Up on a looping row of a saved capture: 127.0.0.1, named and confirmed by the
 * (mock) resolver, the capture's connections to it, and no route: one from here would
 * be about this machine, not the capture's. */
static void
test_look_up (Fixture       *f,
              gconstpointer  data)
{
  GtkSingleSelection *selection = mci_window_get_selection (f->window);
  MciLookupWindow *window;
  MciLookup *lookup;

  gtk_single_selection_set_selected (selection,
                                     mci_test_find_shown (f->window, "127.0.0.1 → 127.0.0.1:9355"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.look-up", NULL));
  window = mci_test_find_lookup_window ();
  g_assert_nonnull (window);
  lookup = mci_lookup_window_get_lookup (window);
  mci_test_wait_for_lookup (lookup);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Look Up 127.0.0.1");
  g_assert_cmpstr (mci_lookup_get_reverse_name (lookup), ==, "localhost");
  g_assert_true (mci_lookup_get_confirmed (lookup));
  g_assert_cmpstr (mci_lookup_get_address_class (lookup), ==, "Loopback: this machine");
  g_assert_true (g_str_has_prefix (mci_lookup_get_connections (lookup), "57 connections: "));
  g_assert_true (mci_lookup_get_capture (lookup));
  g_assert_cmpint (mci_lookup_get_state (lookup, MCI_LOOKUP_PART_TRACE), ==,
                   MCI_LOOKUP_PART_SKIPPED);
  g_assert_cmpstr (mci_lookup_get_trace (lookup), ==, "");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Look Up on a listening socket: its wildcard is any address of this machine, neither
 * named nor traced. */
static void
test_look_up_wildcard (Fixture       *f,
                       gconstpointer  data)
{
  const char * const rows[] = { "0.0.0.0:22", "[::]:443" };
  g_autoptr(GtkTreeListRow) listening = NULL;

  open_window_with_names (f, "showcase");
  listening = get_shown (f->window, mci_test_find_shown (f->window, "Listening"));
  gtk_tree_list_row_set_expanded (listening, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      guint calls = mci_mock_resolver_get_calls (mock);
      MciLookupWindow *window;
      MciLookup *lookup;

      gtk_single_selection_set_selected (mci_window_get_selection (f->window),
                                         mci_test_find_shown (f->window, rows[i]));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.look-up", NULL));
      window = mci_test_find_lookup_window ();
      g_assert_nonnull (window);
      lookup = mci_lookup_window_get_lookup (window);
      g_assert_cmpstr (mci_lookup_get_address_class (lookup), ==,
                       "Any address of this machine (a wildcard)");
      g_assert_false (mci_lookup_get_busy (lookup));
      g_assert_cmpint (mci_lookup_get_state (lookup, MCI_LOOKUP_PART_REVERSE), ==,
                       MCI_LOOKUP_PART_SKIPPED);
      g_assert_cmpint (mci_lookup_get_state (lookup, MCI_LOOKUP_PART_TRACE), ==,
                       MCI_LOOKUP_PART_SKIPPED);
      g_assert_cmpstr (mci_lookup_get_trace (lookup), ==, "");
      mci_test_iterate_for (50);
      g_assert_cmpuint (mci_mock_resolver_get_calls (mock), ==, calls);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  /* names come from a stand-in: only loopback and our own namespaces are ever asked */
  mock = mci_mock_resolver_new (MCI_MOCK_ANSWER, 1);
  for (guint i = 0; i < G_N_ELEMENTS (mock_names); i++)
    mci_mock_resolver_set_name (mock, mock_names[i][0], mock_names[i][1]);
  mci_mock_resolver_set_addresses (mock, "localhost", "127.0.0.1,::1");
  g_resolver_set_default (G_RESOLVER (mock));
  application = GTK_APPLICATION (mci_application_new ("/nonexistent", TRUE));
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  /* The file chooser's tests run in a process of their own (test-window-file-chooser in
   * tests/meson.build): GTK 4.8's chooser dialog itself leaks 256 bytes, which a 20-line
   * program that only opens and cancels one shows as well, and LeakSanitizer cannot tell
   * that from ours (its stack ends at g_realloc). Every other test here runs with leak
   * checks. */
  if (g_getenv ("MCI_TEST_FILE_CHOOSER") != NULL)
    {
      g_test_add ("/window/save-actions", Fixture, "split-address", fixture_set_up,
                  test_save_actions, fixture_tear_down);
      g_test_add ("/window/save-capture", Fixture, NULL, fixture_set_up, test_save_capture,
                  fixture_tear_down);
      status = g_test_run ();
      g_clear_object (&application);
      return status;
    }

  g_test_add ("/window/fixture", Fixture, "original-sample",
              fixture_set_up, test_fixture, fixture_tear_down);
  g_test_add ("/window/refresh", Fixture, "refresh-1",
              fixture_set_up, test_refresh, fixture_tear_down);
  g_test_add ("/window/search", Fixture, "original-sample",
              fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/window/search-counts", Fixture, "original-sample",
              fixture_set_up, test_search_counts, fixture_tear_down);
  g_test_add ("/window/search-empty-section", Fixture, "refresh-1",
              fixture_set_up, test_search_empty_section, fixture_tear_down);
  g_test_add ("/window/column-widths", Fixture, NULL,
              fixture_set_up, test_column_widths, fixture_tear_down);
  g_test_add ("/window/sort", Fixture, "original-sample",
              fixture_set_up, test_sort, fixture_tear_down);
  g_test_add ("/window/sort-keeps-state", Fixture, "refresh-1",
              fixture_set_up, test_sort_keeps_state, fixture_tear_down);
  g_test_add ("/window/sort-keeps-state-searching", Fixture, "refresh-1",
              fixture_set_up, test_sort_keeps_state_searching, fixture_tear_down);
  g_test_add ("/window/sort-moves-few", Fixture, "refresh-1",
              fixture_set_up, test_sort_moves_few, fixture_tear_down);
  g_test_add ("/window/sort-header", Fixture, "original-sample",
              fixture_set_up, test_sort_header, fixture_tear_down);
  g_test_add ("/window/sort-every-column", Fixture, "original-sample",
              fixture_set_up, test_sort_every_column, fixture_tear_down);
  g_test_add ("/window/interval", Fixture, NULL, fixture_set_up, test_interval, fixture_tear_down);
  g_test_add ("/window/capture-read-once", Fixture, "refresh-1",
              fixture_set_up, test_capture_read_once, fixture_tear_down);
  g_test_add ("/window/at-rest", Fixture, "original-sample",
              fixture_set_up, test_at_rest, fixture_tear_down);
  g_test_add ("/window/keyboard-focus", Fixture, "original-sample",
              fixture_set_up, test_keyboard_focus, fixture_tear_down);
  g_test_add ("/window/shortcuts", Fixture, "empty",
              fixture_set_up, test_shortcuts, fixture_tear_down);
  g_test_add ("/window/remembers-size", Fixture, NULL,
              fixture_set_up, test_remembers_size, fixture_tear_down);
  g_test_add ("/window/copy", Fixture, NULL, fixture_set_up, test_copy, fixture_tear_down);
  g_test_add ("/window/by-address", Fixture, "split-address", fixture_set_up, test_by_address,
              fixture_tear_down);
  g_test_add ("/window/sparkline-draws", Fixture, NULL, fixture_set_up, test_sparkline_draws,
              fixture_tear_down);
  g_test_add ("/window/history-column", Fixture, "refresh-1", fixture_set_up,
              test_history_column, fixture_tear_down);
  g_test_add ("/window/graphs-pane", Fixture, "refresh-1", fixture_set_up, test_graphs_pane,
              fixture_tear_down);
  g_test_add ("/window/save", Fixture, "split-address", fixture_set_up, test_save,
              fixture_tear_down);
  g_test_add ("/window/look-up", Fixture, "original-sample",
              fixture_set_up, test_look_up, fixture_tear_down);
  g_test_add ("/window/row-menus", Fixture, NULL, fixture_set_up, test_row_menus,
              fixture_tear_down);
  g_test_add ("/window/lone-listening-socket", Fixture, NULL, fixture_set_up,
              test_lone_listening_socket, fixture_tear_down);
  g_test_add ("/window/close-key", Fixture, "empty", fixture_set_up, test_close_key,
              fixture_tear_down);
  g_test_add ("/window/look-up-wildcard", Fixture, NULL,
              fixture_set_up, test_look_up_wildcard, fixture_tear_down);
  g_test_add ("/window/live", Fixture, NULL, fixture_set_up, test_live, fixture_tear_down);
  g_test_add ("/window/live-traffic", Fixture, NULL,
              fixture_set_up, test_live_traffic, fixture_tear_down);
  g_test_add ("/window/closed-group", Fixture, NULL,
              fixture_set_up, test_closed_group, fixture_tear_down);
  g_test_add ("/window/closed-unseen-group", Fixture, NULL,
              fixture_set_up, test_closed_unseen_group, fixture_tear_down);
  g_test_add ("/window/closed-missed", Fixture, NULL,
              fixture_set_up, test_closed_missed, fixture_tear_down);
  g_test_add ("/window/closed-not-recorded", Fixture, NULL,
              fixture_set_up, test_closed_not_recorded, fixture_tear_down);
  g_test_add ("/window/note", Fixture, "original-sample",
              fixture_set_up, test_note, fixture_tear_down);
  g_test_add ("/window/error", Fixture, NULL, fixture_set_up, test_error, fixture_tear_down);
  g_test_add ("/window/empty", Fixture, "empty", fixture_set_up, test_empty, fixture_tear_down);

  status = g_test_run ();
  g_object_unref (application);
  return status;
}
