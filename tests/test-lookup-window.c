/* test-lookup-window.c: Look Up's fields, parts and copy buttons
 *
 * Where a field has no value, its label shows a placeholder ("None", "…"); a copy
 * button must not paste that as if it were the answer. Names come from a mock resolver.
 * Each part ends on its own and Stop ends them all; a wildcard is not traced, nor a
 * saved capture's address. The test runs in a network namespace of its own, where
 * 203.0.113.0/24 goes to a gateway that is not there: a route on which nothing answers.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <sched.h>
#include <stdlib.h>

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
  window = mci_lookup_window_new (parent, &address, NULL, FALSE);
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

static MciMockResolver *mock;

static GtkWidget *
get_part (MciLookupWindow *window,
          const char      *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), MCI_TYPE_LOOKUP_WINDOW,
                                                  name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static const char *
field_text (MciLookupWindow *window,
            const char      *field)
{
  g_autofree char *name = g_strconcat (field, "_label", NULL);

  return gtk_label_get_text (GTK_LABEL (get_part (window, name)));
}

static gboolean
field_shown (MciLookupWindow *window,
             const char      *field)
{
  g_autofree char *name = g_strconcat (field, "_label", NULL);

  return gtk_widget_get_visible (get_part (window, name));
}

static MciLookupWindow *
open_on (GtkWindow  *parent,
         const char *text,
         gboolean    capture)
{
  MciLookupWindow *window;
  MciAddress address;

  g_assert_true (mci_address_parse (&address, text));
  window = mci_lookup_window_new (parent, &address, NULL, capture);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
first_hop_in (gpointer data)
{
  return g_str_has_prefix (field_text (data, "trace"), " 1  *");
}

static gboolean
reverse_done (gpointer data)
{
  return mci_lookup_get_state (mci_lookup_window_get_lookup (data), MCI_LOOKUP_PART_REVERSE)
         == MCI_LOOKUP_PART_DONE;
}

static gboolean
spins (MciLookupWindow *window)
{
  GtkWidget *spinner = get_part (window, "spinner");

  return gtk_widget_get_visible (spinner) && gtk_spinner_get_spinning (GTK_SPINNER (spinner));
}

/* The name fails at once while the trace goes on: the name says so, the route does not
 * wait for it, nor it for the route. */
static void
test_parts_end_on_their_own (void)
{
  g_autoptr(GtkWindow) parent = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  MciLookupWindow *window = open_on (parent, "203.0.113.7", FALSE);

  mci_test_wait_for (reverse_done, window, "the reverse name to fail");
  g_assert_cmpstr (field_text (window, "reverse"), ==, "None");
  g_assert_cmpstr (field_text (window, "forward"), ==, "No reverse name: nothing to confirm");
  g_assert_cmpstr (field_text (window, "trace"), ==, "Tracing…");
  g_assert_true (spins (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Stop ends every part: no spinner, no Stop, and each field says what it knows. */
static void
test_stop (void)
{
  g_autoptr(MciMockResolver) silent = mci_mock_resolver_new (MCI_MOCK_NEVER, 0);
  g_autoptr(GtkWindow) parent = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  MciLookupWindow *window;
  g_autofree char *route = NULL;

  g_resolver_set_default (G_RESOLVER (silent));
  window = open_on (parent, "203.0.113.7", FALSE);
  g_resolver_set_default (G_RESOLVER (mock));
  g_assert_cmpstr (field_text (window, "reverse"), ==, "Looking up…");
  g_assert_cmpstr (field_text (window, "last_hop"), ==, "Tracing…");
  g_assert_true (gtk_widget_get_sensitive (get_part (window, "stop_button")));
  mci_test_wait_for (first_hop_in, window, "the first (silent) hop");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "lookup.stop", NULL));
  route = g_strdup (field_text (window, "trace"));
  g_assert_false (mci_lookup_get_busy (mci_lookup_window_get_lookup (window)));
  g_assert_false (spins (window));
  g_assert_false (gtk_widget_get_sensitive (get_part (window, "stop_button")));
  g_assert_cmpstr (field_text (window, "reverse"), ==, "Stopped before an answer");
  g_assert_cmpstr (field_text (window, "forward"), ==, "Stopped before the reverse name came");
  g_assert_cmpstr (field_text (window, "last_hop"), ==, "Stopped before a named hop");
  g_assert_true (g_str_has_prefix (route, " 1  *\n"));
  /* nothing comes after Stop: a probe waits a second */
  mci_test_iterate_for (1500);
  g_assert_cmpstr (field_text (window, "trace"), ==, route);
  g_assert_cmpstr (field_text (window, "reverse"), ==, "Stopped before an answer");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A listening socket's wildcard is any address of this machine: no name, no route. */
static void
test_wildcard (void)
{
  const char * const wildcards[] = { "0.0.0.0", "::" };
  g_autoptr(GtkWindow) parent = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));

  for (guint i = 0; i < G_N_ELEMENTS (wildcards); i++)
    {
      guint calls = mci_mock_resolver_get_calls (mock);
      MciLookupWindow *window = open_on (parent, wildcards[i], FALSE);
      MciLookup *lookup = mci_lookup_window_get_lookup (window);

      g_assert_cmpstr (field_text (window, "class"), ==,
                       "Any address of this machine (a wildcard)");
      g_assert_false (mci_lookup_get_busy (lookup));
      g_assert_cmpint (mci_lookup_get_state (lookup, MCI_LOOKUP_PART_TRACE), ==,
                       MCI_LOOKUP_PART_SKIPPED);
      g_assert_false (spins (window));
      g_assert_false (gtk_widget_get_visible (get_part (window, "stop_button")));
      for (guint k = 0; k < 5; k++)
        g_assert_false (field_shown (window, (const char *[]) { "reverse", "forward",
                                                                "connections", "last_hop",
                                                                "trace" }[k]));
      mci_test_iterate_for (100);
      g_assert_cmpuint (mci_mock_resolver_get_calls (mock), ==, calls);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* A saved capture's address: its name is asked, no route traced from here. */
static void
test_capture (void)
{
  g_autoptr(GtkWindow) parent = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  MciLookupWindow *window = open_on (parent, "203.0.113.7", TRUE);
  MciLookup *lookup = mci_lookup_window_get_lookup (window);

  mci_test_wait_for_lookup (lookup);
  g_assert_cmpint (mci_lookup_get_state (lookup, MCI_LOOKUP_PART_TRACE), ==,
                   MCI_LOOKUP_PART_SKIPPED);
  g_assert_cmpstr (mci_lookup_get_trace (lookup), ==, "");
  g_assert_false (field_shown (window, "trace"));
  g_assert_false (field_shown (window, "last_hop"));
  g_assert_true (field_shown (window, "reverse"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (get_part (window, "connections_title"))), ==,
                   "Connections in the capture");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A namespace of the test's own: loopback, and a route on which nothing answers. */
static void
enter_namespace (void)
{
  const char * const commands[] = {
    "ip link set lo up",
    "ip link add mci-keys0 type veth peer name mci-keys1",
    "ip link set mci-keys0 up",
    "ip link set mci-keys1 up",
    "ip addr add 192.0.2.1/24 dev mci-keys0",
    /* a gateway known by a made-up hardware address: the other end drops it all */
    "ip neigh add 192.0.2.2 lladdr 02:00:00:00:00:02 dev mci-keys0 nud permanent",
    "ip route add 203.0.113.0/24 via 192.0.2.2",
  };

  mci_test_require_root ("it makes a network namespace");
  g_assert_cmpint (unshare (CLONE_NEWNET), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_cmpint (system (commands[i]), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* before any thread: each thread started later is in the namespace too */
  enter_namespace ();
  gtk_test_init (&argc, &argv, NULL);
  mock = mci_mock_resolver_new (MCI_MOCK_ANSWER, 1);
  g_resolver_set_default (G_RESOLVER (mock));

  g_test_add_func ("/lookup-window/copy-only-values", test_copy_only_values);
  g_test_add_func ("/lookup-window/parts-end-on-their-own", test_parts_end_on_their_own);
  g_test_add_func ("/lookup-window/stop", test_stop);
  g_test_add_func ("/lookup-window/wildcard", test_wildcard);
  g_test_add_func ("/lookup-window/capture", test_capture);

  return g_test_run ();
}
