/* mci-test-window-util.c: what the window tests and the screenshot helper share
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include "mci-application.h"
#include "mci-test-util.h"
#include "mci-test-window-util.h"

/* The application, registered (after gtk_test_init ()), its windows refreshing every
 * @refresh_ms: what the tests that open windows through it share. */
GtkApplication *
mci_test_register_application (guint refresh_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkApplication *application = GTK_APPLICATION (mci_application_new (NULL, TRUE));

  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  g_settings_set_uint (settings, "refresh-interval", refresh_ms);
  return application;
}

/* A window on @source as the application opens one (owners read), shown, after its
 * first sample; @cue_ms: how long a change stays lit; @recorder_seconds: 0, or the
 * seconds of closes a recorder keeps for it. Returns a reference. */
MciWindow *
mci_test_open_window (GtkApplication *application,
                      GSettings      *settings,
                      MciSource      *source,
                      MciResolver    *resolver,
                      guint           cue_ms,
                      guint           recorder_seconds)
{
  g_autoptr(MciSampler) sampler = mci_sampler_new_for_source (source);
  g_autoptr(MciConnectionModel) model = NULL;
  MciWindow *window;

  mci_sampler_set_owners (sampler, TRUE);
  model = mci_connection_model_new (sampler, resolver);
  if (recorder_seconds > 0)
    {
      g_autoptr(MciRecorder) recorder =
        mci_recorder_new (sampler, recorder_seconds * G_TIME_SPAN_SECOND,
                          MCI_HISTORY_DEFAULT_MAX_RECORDS);

      mci_connection_model_set_recorder (model, recorder);
    }
  g_object_set (model, "cue-duration", cue_ms, NULL);
  window = g_object_ref_sink (mci_window_new (application, model, settings));
  gtk_window_present (GTK_WINDOW (window));
  mci_test_wait_for (mci_test_page_is_not_loading, window, "the first sample");
  return window;
}

/* The Look Up window that is open, or NULL. */
MciLookupWindow *
mci_test_find_lookup_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (MCI_IS_LOOKUP_WINDOW (window))
        return MCI_LOOKUP_WINDOW (window);
    }
  return NULL;
}

/* The position of the shown row whose endpoint (or title) is @endpoint, or
 * GTK_INVALID_LIST_POSITION. */
guint
mci_test_find_shown (MciWindow  *window,
                     const char *endpoint)
{
  GListModel *rows = G_LIST_MODEL (mci_window_get_selection (window));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) list_row = g_list_model_get_item (rows, i);
      g_autoptr(MciRow) row = gtk_tree_list_row_get_item (list_row);

      if (g_str_equal (mci_row_get_endpoint (row), endpoint))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
clipboard_read (gpointer data)
{
  return *(char **) data != NULL;
}

/* The text on @widget's clipboard, "" if it holds none; waits for it. */
char *
mci_test_read_clipboard (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_clipboard_text,
                                 &text);
  mci_test_wait_for (clipboard_read, &text, "the clipboard's text");
  return text;
}


static void
count_frame (GdkFrameClock *clock,
             guint         *n_frames)
{
  (*n_frames)++;
}

static gboolean
painted (gpointer data)
{
  return *(guint *) data > 0;
}

static void
fake_key (Display *display,
          KeySym   keysym,
          gboolean pressed)
{
  XTestFakeKeyEvent (display, XKeysymToKeycode (display, keysym), pressed, CurrentTime);
}

/* Presses and releases @keyval with @modifiers (Shift, Control) through the X server,
 * as a person would on @widget's window, which gets the keyboard first; then waits
 * for GTK to have handled it. */
void
mci_test_press_key (GtkWidget       *widget,
                    guint            keyval,
                    GdkModifierType  modifiers)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  Display *xdisplay;
  GtkNative *native = gtk_widget_get_native (widget);

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  /* the window must be on screen to take the keyboard */
  mci_test_wait_for_frame (widget);
  xdisplay = gdk_x11_display_get_xdisplay (display);
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                  RevertToParent, CurrentTime);
  if (modifiers & GDK_SHIFT_MASK)
    fake_key (xdisplay, XK_Shift_L, TRUE);
  if (modifiers & GDK_CONTROL_MASK)
    fake_key (xdisplay, XK_Control_L, TRUE);
  fake_key (xdisplay, keyval, TRUE);
  fake_key (xdisplay, keyval, FALSE);
  if (modifiers & GDK_CONTROL_MASK)
    fake_key (xdisplay, XK_Control_L, FALSE);
  if (modifiers & GDK_SHIFT_MASK)
    fake_key (xdisplay, XK_Shift_L, FALSE);
  XSync (xdisplay, False);
  /* the events are in our queue once the server has sent them: a round trip later */
  mci_test_iterate_for (100);
}

/* @widget or the first of its descendants, depth first, that @match accepts; or NULL. */
GtkWidget *
mci_test_find_widget (GtkWidget          *widget,
                      MciTestWidgetMatch  match,
                      gpointer            data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mci_test_find_widget (child, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row of the tree that holds the keyboard focus (GTK's "row" widget), or NULL. */
GtkWidget *
mci_test_get_focus_row (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  for (; focus != NULL; focus = gtk_widget_get_parent (focus))
    if (g_str_equal (gtk_widget_get_css_name (focus), "row"))
      return focus;
  return NULL;
}

/* Lays @widget's window out and paints it afresh, and waits for that frame: then the
 * views have made and bound the cells for what their models hold now. */
void
mci_test_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint n_frames = 0;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame), &n_frames);
  gtk_widget_queue_resize (widget);
  mci_test_wait_for (painted, &n_frames, "a frame to be painted");
  g_signal_handler_disconnect (clock, id);
}

/* @window as it stands, drawn by its own renderer: what is on screen, pixel for pixel. */
GdkTexture *
mci_test_render_window (GtkWidget *window)
{
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* For mci_test_wait_for(): @window (an MciWindow) shows its first sample, or why not. */
gboolean
mci_test_page_is_not_loading (gpointer window)
{
  return g_strcmp0 (mci_window_get_page (window), "loading") != 0;
}

/* Copies the files of the fixture @name into @destination, a capture a test may change. */
void
mci_test_copy_fixture (const char *name,
                       const char *destination)
{
  g_autofree char *source = mci_test_fixture_path (name);
  g_autoptr(GDir) dir = g_dir_open (source, 0, NULL);
  const char *file;

  g_assert_nonnull (dir);
  while ((file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (source, file, NULL);
      g_autofree char *to = g_build_filename (destination, file, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (to, contents, length, NULL));
    }
}

/* Removes @path, a directory of files such a copy made. */
void
mci_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *file;

  while (dir != NULL && (file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, file, NULL);
      g_unlink (child);
    }
  g_rmdir (path);
}

/* With MCI_TEST_SSH_PICTURES=DIR, the window as the test sees it, to look at. */
void
mci_test_save_picture (GtkWidget  *window,
                       const char *name)
{
  const char *directory = g_getenv ("MCI_TEST_SSH_PICTURES");
  g_autofree char *path = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (directory == NULL)
    return;
  mci_test_wait_for_frame (window);
  texture = mci_test_render_window (window);
  path = g_build_filename (directory, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* The connections window opened last, or NULL. */
MciWindow *
mci_test_newest_window (GtkApplication *application)
{
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (MCI_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

guint
mci_test_count_windows (GtkApplication *application)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    n += MCI_IS_WINDOW (l->data);
  return n;
}

/* The column titled @title, which must exist: (transfer none). */
GtkColumnViewColumn *
mci_test_get_column (MciWindow  *window,
                     const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (mci_window_get_column_view (window));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
}

gboolean
mci_test_column_visible (MciWindow  *window,
                         const char *title)
{
  return gtk_column_view_column_get_visible (mci_test_get_column (window, title));
}
