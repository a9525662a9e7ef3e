/* test-resolver.c: the reverse-DNS cache, against a mock resolver and the real one
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <stdlib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mci-mock-resolver.h"
#include "mci-report-command.h"
#include "mci-resolver.h"
#include "mci-test-util.h"

/* the system's own, kept before any test installs a mock */
static GResolver *real_resolver;

typedef struct
{
  MciMockResolver *mock;
  MciResolver     *resolver;
  guint            resolved;
  char            *last_name;
} Fixture;

static void
on_resolved (MciResolver      *resolver,
             const MciAddress *address,
             const char       *name,
             Fixture          *f)
{
  f->resolved++;
  g_free (f->last_name);
  f->last_name = g_strdup (name);
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  f->mock = mci_mock_resolver_new (MCI_MOCK_ANSWER, GPOINTER_TO_UINT (data));
  g_resolver_set_default (G_RESOLVER (f->mock));
  f->resolver = mci_resolver_new ();
  g_signal_connect (f->resolver, "resolved", G_CALLBACK (on_resolved), f);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_object (&f->resolver);
  /* let cancelled look-ups come back before the mock goes */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->mock);
  g_free (f->last_name);
}

static MciAddress
address_of (const char *text)
{
  MciAddress address;

  g_assert_true (mci_address_parse (&address, text));
  return address;
}

typedef struct
{
  Fixture *fixture;
  guint    count;
} ResolvedWait;

static gboolean
has_resolved (gpointer data)
{
  ResolvedWait *wait = data;

  return wait->fixture->resolved >= wait->count;
}

static void
wait_for_resolved (Fixture *f,
                   guint    count)
{
  ResolvedWait wait = { f, count };

  mci_test_wait_for (has_resolved, &wait, "the look-ups to be resolved");
}

static MciLookupState
lookup (Fixture     *f,
        const char  *text,
        gboolean     visible,
        const char **name)
{
  MciAddress address = address_of (text);

  return mci_resolver_lookup (f->resolver, &address, visible, name);
}

/* 100 requests for one address, one look-up; then the cache answers at once. */
static void
test_one_lookup_per_address (Fixture       *f,
                             gconstpointer  data)
{
  const char *name = NULL;

  mci_mock_resolver_set_name (f->mock, "198.51.100.7", "peer.example.");
  for (guint i = 0; i < 100; i++)
    g_assert_cmpint (lookup (f, "198.51.100.7", i % 2, NULL), ==, MCI_LOOKUP_PENDING);
  wait_for_resolved (f, 1);
  g_assert_cmpstr (f->last_name, ==, "peer.example");
  g_assert_cmpint (lookup (f, "198.51.100.7", TRUE, &name), ==, MCI_LOOKUP_NAMED);
  g_assert_cmpstr (name, ==, "peer.example");
  g_assert_cmpuint (mci_mock_resolver_get_calls (f->mock), ==, 1);
  g_assert_cmpuint (f->resolved, ==, 1);
}

static void
test_concurrency_cap (Fixture       *f,
                      gconstpointer  data)
{
  for (guint i = 1; i <= 50; i++)
    {
      g_autofree char *text = g_strdup_printf ("198.51.100.%u", i);

      lookup (f, text, FALSE, NULL);
      g_assert_cmpuint (mci_resolver_get_n_in_flight (f->resolver), <=, 8);
    }
  g_assert_cmpuint (mci_resolver_get_n_pending (f->resolver), ==, 50);
  wait_for_resolved (f, 50);
  g_assert_cmpuint (mci_mock_resolver_get_max_in_flight (f->mock), ==, 8);
  g_assert_cmpuint (mci_mock_resolver_get_calls (f->mock), ==, 50);
  g_assert_cmpuint (mci_resolver_get_n_pending (f->resolver), ==, 0);
}

/* "No name" is an answer too, and cached, until its shorter time runs out. */
static void
test_negative_answers_cached (Fixture       *f,
                              gconstpointer  data)
{
  g_assert_cmpint (lookup (f, "203.0.113.9", TRUE, NULL), ==, MCI_LOOKUP_PENDING);
  wait_for_resolved (f, 1);
  g_assert_null (f->last_name);
  g_assert_cmpint (lookup (f, "203.0.113.9", TRUE, NULL), ==, MCI_LOOKUP_NO_NAME);
  g_assert_cmpuint (mci_mock_resolver_get_calls (f->mock), ==, 1);
}

static void
test_expired_answers_asked_again (Fixture       *f,
                                  gconstpointer  data)
{
  g_object_set (f->resolver, "name-ttl", 0, "failure-ttl", 0, NULL);
  mci_mock_resolver_set_name (f->mock, "198.51.100.7", "peer.example");
  lookup (f, "198.51.100.7", TRUE, NULL);
  lookup (f, "203.0.113.9", TRUE, NULL);
  wait_for_resolved (f, 2);
  g_assert_cmpint (lookup (f, "198.51.100.7", TRUE, NULL), ==, MCI_LOOKUP_PENDING);
  g_assert_cmpint (lookup (f, "203.0.113.9", TRUE, NULL), ==, MCI_LOOKUP_PENDING);
  wait_for_resolved (f, 4);
  g_assert_cmpuint (mci_mock_resolver_get_calls (f->mock), ==, 4);
}

/* A server that never answers: the look-up times out, and that is cached as "no name". */
static void
test_timeout (void)
{
  g_autoptr(MciMockResolver) mock = mci_mock_resolver_new (MCI_MOCK_NEVER, 0);
  g_autoptr(MciResolver) resolver = NULL;
  MciAddress address = address_of ("198.51.100.99");
  Fixture f = { mock };
  gint64 start;

  g_resolver_set_default (G_RESOLVER (mock));
  resolver = g_object_new (MCI_TYPE_RESOLVER, "timeout-ms", 100, NULL);
  f.resolver = resolver;
  g_signal_connect (resolver, "resolved", G_CALLBACK (on_resolved), &f);

  start = g_get_monotonic_time ();
  g_assert_cmpint (mci_resolver_lookup (resolver, &address, TRUE, NULL), ==, MCI_LOOKUP_PENDING);
  wait_for_resolved (&f, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 100 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_null (f.last_name);
  g_assert_cmpuint (mci_mock_resolver_get_cancelled (mock), ==, 1);
  g_assert_cmpint (mci_resolver_lookup (resolver, &address, TRUE, NULL), ==, MCI_LOOKUP_NO_NAME);
  g_clear_object (&f.resolver);
  resolver = NULL;
  g_free (f.last_name);
}

/* With one look-up at a time: what is on screen goes before what was asked earlier. */
static void
test_visible_first (Fixture       *f,
                    gconstpointer  data)
{
  GPtrArray *order = mci_mock_resolver_get_order (f->mock);

  g_object_set (f->resolver, "max-in-flight", 1, NULL);
  lookup (f, "203.0.113.1", FALSE, NULL);
  lookup (f, "203.0.113.2", FALSE, NULL);
  lookup (f, "203.0.113.3", FALSE, NULL);
  lookup (f, "203.0.113.4", TRUE, NULL);
  lookup (f, "203.0.113.3", TRUE, NULL);
  wait_for_resolved (f, 4);
  g_assert_cmpuint (order->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (order, 0), ==, "203.0.113.1");
  g_assert_cmpstr (g_ptr_array_index (order, 1), ==, "203.0.113.4");
  g_assert_cmpstr (g_ptr_array_index (order, 2), ==, "203.0.113.3");
  g_assert_cmpstr (g_ptr_array_index (order, 3), ==, "203.0.113.2");
}

/* What nobody shows any more is not looked up. */
static void
test_retain_drops_queued (Fixture       *f,
                          gconstpointer  data)
{
  MciAddress keep[] = { address_of ("203.0.113.1"), address_of ("203.0.113.3") };

  g_object_set (f->resolver, "max-in-flight", 1, NULL);
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *text = g_strdup_printf ("203.0.113.%u", i);
      lookup (f, text, FALSE, NULL);
    }
  mci_resolver_retain (f->resolver, keep, G_N_ELEMENTS (keep));
  g_assert_cmpuint (mci_resolver_get_n_pending (f->resolver), ==, 2);
  wait_for_resolved (f, 2);
  /* nothing more may be asked: the loop gets the chance to start a look-up still queued */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (mci_mock_resolver_get_calls (f->mock), ==, 2);
}

static void
test_force_and_clear (Fixture       *f,
                      gconstpointer  data)
{
  MciAddress address = address_of ("2001:db8::7");
  const char *name;

  mci_mock_resolver_set_name (f->mock, "2001:db8::7", "six.example");
  lookup (f, "2001:db8::7", TRUE, NULL);
  wait_for_resolved (f, 1);
  mci_mock_resolver_set_name (f->mock, "2001:db8::7", "renamed.example");
  g_assert_cmpint (lookup (f, "2001:db8::7", TRUE, &name), ==, MCI_LOOKUP_NAMED);
  g_assert_cmpstr (name, ==, "six.example");

  mci_resolver_force (f->resolver, &address);
  wait_for_resolved (f, 2);
  g_assert_cmpint (lookup (f, "2001:db8::7", TRUE, &name), ==, MCI_LOOKUP_NAMED);
  g_assert_cmpstr (name, ==, "renamed.example");

  mci_resolver_clear (f->resolver);
  g_assert_cmpint (lookup (f, "2001:db8::7", TRUE, NULL), ==, MCI_LOOKUP_PENDING);
  wait_for_resolved (f, 3);
  g_assert_cmpuint (mci_mock_resolver_get_calls (f->mock), ==, 3);
}

static void
test_least_recently_used_goes (Fixture       *f,
                               gconstpointer  data)
{
  g_object_set (f->resolver, "cache-size", 2, NULL);
  lookup (f, "203.0.113.1", TRUE, NULL);
  lookup (f, "203.0.113.2", TRUE, NULL);
  wait_for_resolved (f, 2);
  lookup (f, "203.0.113.1", TRUE, NULL);  /* used: .2 is now the oldest */
  lookup (f, "203.0.113.3", TRUE, NULL);
  wait_for_resolved (f, 3);
  g_assert_cmpint (lookup (f, "203.0.113.1", TRUE, NULL), ==, MCI_LOOKUP_NO_NAME);
  g_assert_cmpint (lookup (f, "203.0.113.2", TRUE, NULL), ==, MCI_LOOKUP_PENDING);
  g_assert_cmpuint (mci_mock_resolver_get_calls (f->mock), ==, 4);
}

static gboolean
none_in_flight (gpointer data)
{
  return mci_mock_resolver_get_in_flight (data) == 0;
}

/* Disposed with look-ups in flight: they are cancelled, and no callback runs after. */
static void
test_dispose_in_flight (Fixture       *f,
                        gconstpointer  data)
{
  for (guint i = 1; i <= 20; i++)
    {
      g_autofree char *text = g_strdup_printf ("198.51.100.%u", i);
      lookup (f, text, TRUE, NULL);
    }
  g_assert_cmpuint (mci_mock_resolver_get_in_flight (f->mock), ==, 8);
  g_clear_object (&f->resolver);
  mci_test_wait_for (none_in_flight, f->mock, "the look-ups in flight to be answered");
  /* nothing may come now: twice the mock's answer time is watched */
  mci_test_iterate_for (60);
  g_assert_cmpuint (f->resolved, ==, 0);
  g_assert_cmpuint (mci_mock_resolver_get_in_flight (f->mock), ==, 0);
  g_assert_cmpuint (mci_mock_resolver_get_calls (f->mock), ==, 8);
}

static void
test_sanitize (void)
{
  g_autofree char *long_name = g_strnfill (300, 'a');
  g_autofree char *cut = mci_resolver_sanitize_name (long_name);
  g_autofree char *escape = mci_resolver_sanitize_name ("evil\x1b[2J\x1b]0;title\x07.example\n");
  g_autofree char *markup = mci_resolver_sanitize_name ("<b>bold</b>&amp;.example.");
  g_autofree char *invalid = mci_resolver_sanitize_name ("bad\xff\xfe.example");
  g_autofree char *bidi = mci_resolver_sanitize_name ("abc\xe2\x80\xae" "example");
  g_autofree char *empty = mci_resolver_sanitize_name (".");

  g_assert_cmpuint (g_utf8_strlen (cut, -1), ==, MCI_HOSTNAME_MAX_CHARS);
  g_assert_cmpstr (escape, ==, "evil\xef\xbf\xbd[2J\xef\xbf\xbd]0;title\xef\xbf\xbd.example\xef\xbf\xbd");
  g_assert_cmpstr (markup, ==, "<b>bold</b>&amp;.example");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_null (strchr (invalid, '\xff'));
  g_assert_cmpstr (bidi, ==, "abc\xef\xbf\xbd" "example");
  g_assert_null (empty);
}

/* The real resolver: 127.0.0.1 is "localhost" in /etc/hosts, no DNS asked. */
static void
test_real_resolver_localhost (void)
{
  g_autoptr(MciResolver) resolver = NULL;
  MciAddress address = address_of ("127.0.0.1");
  Fixture f = { 0 };
  const char *name = NULL;

  g_resolver_set_default (real_resolver);
  resolver = mci_resolver_new ();
  f.resolver = resolver;
  g_signal_connect (resolver, "resolved", G_CALLBACK (on_resolved), &f);
  mci_resolver_lookup (resolver, &address, TRUE, NULL);
  wait_for_resolved (&f, 1);
  g_assert_cmpint (mci_resolver_lookup (resolver, &address, TRUE, &name), ==, MCI_LOOKUP_NAMED);
  g_assert_cmpstr (name, ==, "localhost");
  g_free (f.last_name);
}

static void
run_report (MciReportFormat format,
            double          budget)
{
  g_autofree char *fixture = mci_test_fixture_path ("original-sample");
  MciReportCommand command = { format, MCI_REPORT_FLAGS_NONE, fixture, FALSE, budget };

  exit (mci_report_command_run (&command));
}

/* Hostile names through the whole report path: nothing reaches a terminal raw. */
static void
test_hostile_names_in_reports (void)
{
  if (g_test_subprocess ())
    {
      MciMockResolver *mock = mci_mock_resolver_new (MCI_MOCK_ANSWER, 1);
      g_autofree char *long_name = g_strnfill (300, 'x');

      mci_mock_resolver_set_name (mock, "78.141.139.10", "esc\x1b[31mred\nline.example");
      mci_mock_resolver_set_name (mock, "80.90.63.48", "<b>markup</b>\xff.example");
      mci_mock_resolver_set_name (mock, "85.93.216.18", long_name);
      g_resolver_set_default (G_RESOLVER (mock));
      /* GLib 2.74 has no g_test_trap_get_stdout (): the report goes to a file */
      g_assert_nonnull (freopen (g_getenv ("MCI_REPORT_OUT"), "w", stdout));
      run_report (g_str_equal (g_getenv ("MCI_FORMAT"), "json") ? MCI_REPORT_FORMAT_JSON
                                                                  : MCI_REPORT_FORMAT_TEXT, 2.0);
    }

  for (guint format = 0; format < 2; format++)
    {
      g_autofree char *cut = g_strnfill (MCI_HOSTNAME_MAX_CHARS, 'x');
      g_autofree char *too_long = g_strnfill (MCI_HOSTNAME_MAX_CHARS + 1, 'x');
      g_autofree char *path = NULL;
      g_autofree char *out = NULL;
      int fd = g_file_open_tmp ("mci-report-XXXXXX", &path, NULL);

      close (fd);
      g_setenv ("MCI_REPORT_OUT", path, TRUE);
      g_setenv ("MCI_FORMAT", format ? "json" : "text", TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_assert_true (g_file_get_contents (path, &out, NULL, NULL));
      g_unlink (path);
      g_test_message ("%s", out);
      g_assert_null (strchr (out, '\x1b'));
      g_assert_true (g_utf8_validate (out, -1, NULL));
      g_assert_nonnull (strstr (out, "<b>markup</b>"));
      g_assert_nonnull (strstr (out, cut));
      g_assert_null (strstr (out, too_long));
      if (format == 0)
        g_assert_nonnull (strstr (out, "esc\xef\xbf\xbd[31mred\xef\xbf\xbdline.example"));
    }
}

/* A resolver that never answers costs the budget and no more. */
static void
test_report_budget (void)
{
  gint64 start;

  if (g_test_subprocess ())
    {
      g_resolver_set_default (G_RESOLVER (mci_mock_resolver_new (MCI_MOCK_NEVER, 0)));
      run_report (MCI_REPORT_FORMAT_TEXT, 0.5);
    }

  start = g_get_monotonic_time ();
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_assert_cmpint (g_get_monotonic_time () - start, <, (500 + 1500) * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 500 * 1000);
  g_test_trap_assert_stdout ("*78.141.139.10       :    1      1 x ESTABLISHED*");
}

#define ADD(path, func, delay) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (delay), set_up, func, tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  real_resolver = g_resolver_get_default ();

  ADD ("/resolver/one-lookup-per-address", test_one_lookup_per_address, 5);
  ADD ("/resolver/concurrency-cap", test_concurrency_cap, 2);
  ADD ("/resolver/negative-answers-cached", test_negative_answers_cached, 1);
  ADD ("/resolver/expired-answers-asked-again", test_expired_answers_asked_again, 1);
  g_test_add_func ("/resolver/timeout", test_timeout);
  ADD ("/resolver/visible-first", test_visible_first, 5);
  ADD ("/resolver/retain-drops-queued", test_retain_drops_queued, 5);
  ADD ("/resolver/force-and-clear", test_force_and_clear, 1);
  ADD ("/resolver/least-recently-used-goes", test_least_recently_used_goes, 1);
  ADD ("/resolver/dispose-in-flight", test_dispose_in_flight, 30);
  g_test_add_func ("/resolver/sanitize", test_sanitize);
  g_test_add_func ("/resolver/real-resolver-localhost", test_real_resolver_localhost);
  g_test_add_func ("/resolver/hostile-names-in-reports", test_hostile_names_in_reports);
  g_test_add_func ("/resolver/report-budget", test_report_budget);

  return g_test_run ();
}
