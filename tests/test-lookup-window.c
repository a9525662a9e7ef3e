/* test-lookup-window.c: Look Up's copy buttons put a value on the clipboard, or nothing
 *
 * Where a field has no value, its label shows a placeholder ("None", "…"); a copy
 * button must not paste that as if it were the answer. Names come from a mock resolver.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "mci-mock-resolver.h"
#include "mci-test-util.h"
#include "mci-test-window-util.h"

/* Sets the clipboard to a mark, presses the copy button of @field, and returns what the
 * clipboard holds then. */
static char *
copy (GtkWidget  *window,
      const char *field)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (window), "(untouched)");
  g_assert_true (gtk_widget_activate_action (window, "lookup.copy", "s", field));
  return mci_test_read_clipboard (window);
}

static void
test_copy_only_values (void)
{
  g_autoptr(GtkWindow) parent = NULL;
  MciLookupWindow *window;
  MciLookup *lookup;
  MciAddress address;
  g_autofree char *reverse = NULL, *connections = NULL, *copied_address = NULL;

  /* no name for 127.0.0.5, and no snapshot: no connections either */
  g_assert_true (mci_address_parse (&address, "127.0.0.5"));
  parent = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  window = mci_lookup_window_new (parent, &address, NULL);
  gtk_window_present (GTK_WINDOW (window));
  lookup = mci_lookup_window_get_lookup (window);
  mci_test_wait_for_lookup (lookup);
  g_assert_null (mci_lookup_get_reverse_name (lookup));

  reverse = copy (GTK_WIDGET (window), "reverse");
  g_assert_cmpstr (reverse, ==, "(untouched)");
  connections = copy (GTK_WIDGET (window), "connections");
  g_assert_cmpstr (connections, ==, "(untouched)");
  copied_address = copy (GTK_WIDGET (window), "address");
  g_assert_cmpstr (copied_address, ==, "127.0.0.5");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MciMockResolver) mock = NULL;

  gtk_test_init (&argc, &argv, NULL);
  mock = mci_mock_resolver_new (MCI_MOCK_ANSWER, 1);
  g_resolver_set_default (G_RESOLVER (mock));

  g_test_add_func ("/lookup-window/copy-only-values", test_copy_only_values);

  return g_test_run ();
}
