/* mci-screenshot.c: renders the real window to a PNG, for the README and the metainfo
 *
 *   mci-screenshot [--dark] [--search TEXT] [--expand ENDPOINT] [--width PIXELS] PROC_ROOT OUTPUT.png
 *
 * The window is drawn through GtkSnapshot and the window's own GskRenderer, then read
 * back from the file to check that it holds a picture and not a blank. Host names come
 * from a mock resolver (documentation addresses have none), never from the network.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <gtk/gtk.h>
#include <locale.h>
#include <stdlib.h>

#include "mci-application.h"
#include "mci-test-util.h"
#include "mci-test-window-util.h"
#include "mci-mock-resolver.h"
#include "mci-window.h"

static const char * const names[][2] = {
  { "198.51.100.23", "proxy-1.example.net" },
  { "198.51.100.47", "office.example.org" },
  { "198.51.100.5", "admin-laptop.example.com" },
  { "2001:db8:42::7", "v6-client.example.net" },
  { "203.0.113.50", "api.example.com" },
  { "198.51.100.200", "mail.example.org" },
};

static gboolean
save_png (GtkWidget  *window,
          const char *path)
{
  g_autoptr(GdkTexture) texture = mci_test_render_window (window);

  return gdk_texture_save_to_png (texture, path);
}

/* A picture, not a blank: the right size and more than a handful of colours. */
static gboolean
check_png (const char *path,
           int         width,
           int         height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  g_autofree guchar *pixels = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  gsize stride;

  if (texture == NULL)
    {
      g_printerr ("mci-screenshot: %s\n", error->message);
      return FALSE;
    }
  if (gdk_texture_get_width (texture) != width || gdk_texture_get_height (texture) != height)
    return FALSE;
  stride = width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);
  for (gsize i = 0; i < stride * height; i += 4)
    g_hash_table_add (colours, GUINT_TO_POINTER (*(guint32 *) (pixels + i)));
  return g_hash_table_size (colours) > 50;
}

static void
expand_group (MciWindow  *window,
              const char *endpoint)
{
  guint position = mci_test_find_shown (window, endpoint);
  g_autoptr(GtkTreeListRow) row = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    {
      g_printerr ("mci-screenshot: no group %s\n", endpoint);
      exit (1);
    }
  row = g_list_model_get_item (G_LIST_MODEL (mci_window_get_selection (window)), position);
  gtk_tree_list_row_set_expanded (row, TRUE);
  gtk_single_selection_set_selected (mci_window_get_selection (window), position);
}

static gboolean
all_named (gpointer data)
{
  return mci_resolver_get_n_pending (data) == 0;
}


int
main (int   argc,
      char *argv[])
{
  gboolean dark = FALSE, by_address = FALSE;
  int width = 1000;
  g_autofree char *search = NULL, *expand = NULL, *look_up = NULL;
  const GOptionEntry entries[] = {
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "expand", 0, 0, G_OPTION_ARG_STRING, &expand, "Expand the group ENDPOINT", "ENDPOINT" },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, "Search for TEXT", "TEXT" },
    { "by-address", 0, 0, G_OPTION_ARG_NONE, &by_address, "Group by distant address", NULL },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "The window's width (default: 1000)", "PIXELS" },
    { "look-up", 0, 0, G_OPTION_ARG_STRING, &look_up, "Picture Look Up on the group ENDPOINT",
      "ENDPOINT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PROC_ROOT OUTPUT.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(MciMockResolver) mock = mci_mock_resolver_new (MCI_MOCK_ANSWER, 0);
  g_autoptr(MciResolver) resolver = NULL;
  g_autoptr(MciSampler) sampler = NULL;
  g_autoptr(MciConnectionModel) model = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(MciApplication) application = NULL;
  MciWindow *window;
  GtkWidget *target;
  gboolean ok;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3)
    {
      g_printerr ("usage: mci-screenshot [--dark] [--expand ENDPOINT] [--search TEXT] [--by-address] [--width PIXELS] PROC_ROOT OUTPUT.png\n");
      return 2;
    }
  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    mci_mock_resolver_set_name (mock, names[i][0], names[i][1]);
  mci_mock_resolver_set_name (mock, "127.0.0.1", "localhost");
  mci_mock_resolver_set_addresses (mock, "localhost", "127.0.0.1,::1");
  g_resolver_set_default (G_RESOLVER (mock));

  application = mci_application_new (argv[1], FALSE);
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    g_error ("%s", error->message);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  resolver = mci_resolver_new ();
  sampler = mci_sampler_new (argv[1]);
  model = mci_connection_model_new (sampler, resolver);
  settings = g_settings_new (APP_ID);
  g_settings_set_uint (settings, "refresh-interval", 2000);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", 660);
  g_settings_set_string (settings, "group-by", by_address ? "address" : "endpoint");
  window = mci_window_new (GTK_APPLICATION (application), model, settings);
  gtk_window_present (GTK_WINDOW (window));
  mci_test_wait_for_samples (model, 1);
  mci_test_wait_for (all_named, resolver, "the host names");
  if (expand != NULL)
    expand_group (window, expand);
  if (search != NULL)
    mci_window_set_search (window, search);
  /* a pause, not a condition: the pictures show the window as it stands after it, the
   * search applied, as they always have; only the tests' windows are waited for */
  mci_test_iterate_for (600);
  /* the Look Up window instead of the main one; the route to a loopback address is one
   * hop, so the picture holds a finished look-up */
  target = GTK_WIDGET (window);
  if (look_up != NULL)
    {
      MciLookupWindow *lookup_window;

      expand_group (window, look_up);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.look-up", NULL);
      lookup_window = mci_test_find_lookup_window ();
      if (lookup_window == NULL)
        g_error ("no Look Up window");
      mci_test_wait_for_lookup (mci_lookup_window_get_lookup (lookup_window));
      mci_test_iterate_for (600);
      target = GTK_WIDGET (lookup_window);
    }

  ok = save_png (target, argv[2])
       && check_png (argv[2], gtk_widget_get_width (target), gtk_widget_get_height (target));
  if (!ok)
    g_printerr ("mci-screenshot: %s is not a picture of the window\n", argv[2]);
  gtk_window_destroy (GTK_WINDOW (window));
  return ok ? 0 : 1;
}
