/* test-lookup.c: Look Up, against a mock resolver: names that point back, names that do
 * not, hostile names, no name; the address's class; the machine's connections to it.
 * The traces go to loopback addresses only: this machine answers them itself.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "mci-lookup.h"
#include "mci-mock-resolver.h"
#include "mci-test-util.h"

static MciMockResolver *mock;

static MciLookup *
look_up (const char *text)
{
  MciAddress address;
  MciLookup *lookup;

  g_assert_true (mci_address_parse (&address, text));
  lookup = mci_lookup_new (&address);
  mci_lookup_start (lookup, 4, 300);
  mci_test_wait_for_lookup (lookup);
  return lookup;
}

static void
test_confirmed (void)
{
  g_autoptr(MciLookup) lookup = NULL;

  mci_mock_resolver_set_name (mock, "127.0.0.2", "host.example.");
  mci_mock_resolver_set_addresses (mock, "host.example.", "127.0.0.9,127.0.0.2");
  lookup = look_up ("127.0.0.2");
  g_assert_cmpstr (mci_lookup_get_reverse_name (lookup), ==, "host.example");
  g_assert_true (mci_lookup_get_confirmed (lookup));
  g_assert_cmpstr (mci_lookup_get_forward (lookup), ==,
                   "Forward-confirmed: host.example points back to 127.0.0.2");
  g_assert_cmpstr (mci_lookup_get_address_class (lookup), ==, "Loopback: this machine");
  /* this machine answers for itself: one hop, the target, named */
  g_assert_cmpstr (mci_lookup_get_trace (lookup), ==, " 1  127.0.0.2  host.example  (the target)\n");
  g_assert_cmpstr (mci_lookup_get_last_named_hop (lookup), ==, "No hop before it has a name");
}

static void
test_not_confirmed (void)
{
  g_autoptr(MciLookup) lookup = NULL;
  g_autoptr(MciLookup) nowhere = NULL;

  mci_mock_resolver_set_name (mock, "127.0.0.3", "liar.example");
  mci_mock_resolver_set_addresses (mock, "liar.example", "127.0.0.9");
  lookup = look_up ("127.0.0.3");
  g_assert_false (mci_lookup_get_confirmed (lookup));
  g_assert_cmpstr (mci_lookup_get_forward (lookup), ==,
                   "Not confirmed: liar.example points to 127.0.0.9, not to 127.0.0.3");

  mci_mock_resolver_set_name (mock, "127.0.0.6", "dangling.example");
  nowhere = look_up ("127.0.0.6");
  g_assert_cmpstr (mci_lookup_get_forward (nowhere), ==,
                   "Not confirmed: dangling.example has no address");
}

/* Shown verbatim where harmless, never as escape sequences or markup. */
static void
test_hostile (void)
{
  g_autoptr(MciLookup) lookup = NULL;
  const char *name;

  mci_mock_resolver_set_name (mock, "127.0.0.4", "evil\033[31m<b>bold</b>.example");
  lookup = look_up ("127.0.0.4");
  name = mci_lookup_get_reverse_name (lookup);
  g_assert_nonnull (name);
  g_assert_null (strchr (name, '\033'));
  g_assert_cmpstr (name, ==, "evil\xef\xbf\xbd[31m<b>bold</b>.example");
  g_assert_false (mci_lookup_get_confirmed (lookup));
  g_assert_null (strchr (mci_lookup_get_trace (lookup), '\033'));
}

static void
test_no_name (void)
{
  g_autoptr(MciLookup) lookup = look_up ("127.0.0.5");

  g_assert_null (mci_lookup_get_reverse_name (lookup));
  g_assert_cmpstr (mci_lookup_get_forward (lookup), ==, "No reverse name: nothing to confirm");
}

/* A PTR record of "." is no name: nothing to confirm, and no "(null)" said of it. */
static void
test_empty_name (void)
{
  g_autoptr(MciLookup) lookup = NULL;

  mci_mock_resolver_set_name (mock, "127.0.0.8", ".");
  mci_mock_resolver_set_addresses (mock, ".", "127.0.0.8");
  lookup = look_up ("127.0.0.8");
  g_assert_null (mci_lookup_get_reverse_name (lookup));
  g_assert_false (mci_lookup_get_confirmed (lookup));
  g_assert_cmpstr (mci_lookup_get_forward (lookup), ==, "No reverse name: nothing to confirm");
  g_assert_null (strstr (mci_lookup_get_trace (lookup), "(null)"));
}

static void
test_classes (void)
{
  static const char * const cases[][2] = {
    { "127.0.0.1", "Loopback: this machine" }, { "::1", "Loopback: this machine" },
    { "10.1.2.3", "Private (RFC 1918)" }, { "172.31.0.1", "Private (RFC 1918)" },
    { "172.32.0.1", "Public" }, { "192.168.1.1", "Private (RFC 1918)" },
    { "100.64.0.1", "Shared address space (RFC 6598), as carriers use for NAT" },
    { "100.128.0.1", "Public" }, { "169.254.1.1", "Link-local" }, { "fe80::1", "Link-local" },
    { "fd12::1", "Unique local (RFC 4193)" }, { "198.51.100.7", "Documentation (RFC 5737)" },
    { "2001:db8::1", "Documentation (RFC 3849)" }, { "224.0.0.251", "Multicast" },
    { "ff02::fb", "Multicast" }, { "8.8.8.8", "Public" }, { "2a00:1450::1", "Public" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MciAddress address;

      g_assert_true (mci_address_parse (&address, cases[i][0]));
      g_assert_cmpstr (mci_address_describe_class (&address), ==, cases[i][1]);
    }
}

static void
test_connections (void)
{
  g_autoptr(MciSnapshot) snapshot = mci_test_load_fixture ("original-sample");
  MciAddress address;
  g_autoptr(MciLookup) lookup = NULL, none = NULL;

  g_assert_true (mci_address_parse (&address, "78.141.139.10"));
  lookup = mci_lookup_new (&address);
  mci_lookup_set_snapshot (lookup, snapshot);
  g_assert_cmpstr (mci_lookup_get_connections (lookup), ==,
                   "2 connections: 2 × ESTABLISHED; to its ports 51000, 51001");
  g_assert_true (mci_address_parse (&address, "192.0.2.1"));
  none = mci_lookup_new (&address);
  mci_lookup_set_snapshot (none, snapshot);
  g_assert_cmpstr (mci_lookup_get_connections (none), ==, "None right now");
}

/* Grouped by address, the connections are in the "distant" section: counted the same. */
static void
test_connections_by_address (void)
{
  g_autoptr(MciSnapshot) snapshot = mci_test_load_fixture ("split-address");
  g_autoptr(MciLookup) by_endpoint = NULL, by_address = NULL;
  g_autofree char *expected = NULL;
  MciAddress address;

  g_assert_true (mci_address_parse (&address, "203.0.113.77"));
  by_endpoint = mci_lookup_new (&address);
  mci_lookup_set_snapshot (by_endpoint, snapshot);
  expected = g_strdup (mci_lookup_get_connections (by_endpoint));
  g_assert_true (g_str_has_prefix (expected, "15 connections: 12 × ESTABLISHED, 3 × TIME_WAIT"));
  mci_snapshot_set_grouping (snapshot, MCI_GROUPING_ADDRESS);
  by_address = mci_lookup_new (&address);
  mci_lookup_set_snapshot (by_address, snapshot);
  g_assert_cmpstr (mci_lookup_get_connections (by_address), ==, expected);
}

static void
fail_on_notify (GObject    *object,
                GParamSpec *pspec,
                gpointer    data)
{
  g_test_fail_printf ("the cancelled look-up notified %s", pspec->name);
}

static gboolean
answered_cancelled (gpointer data)
{
  return mci_mock_resolver_get_cancelled (data) == 1;
}

/* Cancelled half-way: every part ends then; the reverse look-up in flight comes back
 * cancelled, and nothing comes after it (no notification, no further question); nothing
 * is kept. A resolver
 * that never answers keeps the look-up in flight until it is cancelled. */
static void
test_cancel (void)
{
  g_autoptr(MciMockResolver) silent = mci_mock_resolver_new (MCI_MOCK_NEVER, 0);
  MciAddress address;
  MciLookup *lookup;

  g_resolver_set_default (G_RESOLVER (silent));
  g_assert_true (mci_address_parse (&address, "127.0.0.7"));
  lookup = mci_lookup_new (&address);
  g_object_add_weak_pointer (G_OBJECT (lookup), (gpointer *) &lookup);
  mci_lookup_start (lookup, 4, 300);
  mci_lookup_cancel (lookup);
  /* Stop ends every part at once, each saying what it knows */
  g_assert_false (mci_lookup_get_busy (lookup));
  for (guint i = 0; i < MCI_LOOKUP_N_PARTS; i++)
    g_assert_cmpint (mci_lookup_get_state (lookup, i), ==, MCI_LOOKUP_PART_STOPPED);
  g_assert_cmpstr (mci_lookup_get_forward (lookup), ==, "Stopped before the reverse name came");
  g_signal_connect (lookup, "notify", G_CALLBACK (fail_on_notify), NULL);

  mci_test_wait_for (answered_cancelled, silent, "the reverse look-up to come back cancelled");
  /* a trace's probe waits up to 300 ms: anything still to come would come within it,
   * so that whole time is watched */
  mci_test_iterate_for (300);
  g_assert_cmpuint (mci_mock_resolver_get_calls (silent), ==, 1);
  g_assert_cmpuint (mci_mock_resolver_get_in_flight (silent), ==, 0);
  g_object_unref (lookup);
  mci_test_wait_for (mci_test_cleared, &lookup, "the cancelled look-up to be freed");
  g_resolver_set_default (G_RESOLVER (mock));
}

/* Dropped half-way: what is in flight holds it until it ends; then it is freed. */
static void
test_dropped (void)
{
  MciAddress address;
  MciLookup *lookup;

  g_assert_true (mci_address_parse (&address, "127.0.0.7"));
  lookup = mci_lookup_new (&address);
  g_object_add_weak_pointer (G_OBJECT (lookup), (gpointer *) &lookup);
  mci_lookup_start (lookup, 4, 300);
  g_object_unref (lookup);
  mci_test_wait_for (mci_test_cleared, &lookup, "the dropped look-up to be freed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  mock = mci_mock_resolver_new (MCI_MOCK_ANSWER, 5);
  g_resolver_set_default (G_RESOLVER (mock));

  g_test_add_func ("/lookup/confirmed", test_confirmed);
  g_test_add_func ("/lookup/not-confirmed", test_not_confirmed);
  g_test_add_func ("/lookup/hostile", test_hostile);
  g_test_add_func ("/lookup/no-name", test_no_name);
  g_test_add_func ("/lookup/empty-name", test_empty_name);
  g_test_add_func ("/lookup/classes", test_classes);
  g_test_add_func ("/lookup/connections", test_connections);
  g_test_add_func ("/lookup/connections-by-address", test_connections_by_address);
  g_test_add_func ("/lookup/cancel", test_cancel);
  g_test_add_func ("/lookup/dropped", test_dropped);

  return g_test_run ();
}
