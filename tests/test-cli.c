/* test-cli.c: the most-connected-ip command as a script or a person runs it
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "mci-test-util.h"

static void
test_bad_options (void)
{
  g_auto(MciTestRun) unknown = { 0 };
  g_auto(MciTestRun) both = { 0 };
  g_auto(MciTestRun) extra = { 0 };
  g_auto(MciTestRun) timeout = { 0 };
  g_auto(MciTestRun) not_a_number = { 0 };
  g_auto(MciTestRun) no_hops = { 0 };

  mci_test_run (&unknown, NULL, mci_test_binary (), "--bogus", NULL);
  mci_test_assert_one_line_error (&unknown, 2, "--bogus");
  mci_test_run (&both, NULL, mci_test_binary (), "--text", "--json", NULL);
  mci_test_assert_one_line_error (&both, 2, "--json");
  mci_test_run (&extra, NULL, mci_test_binary (), "--text", "stray", NULL);
  mci_test_assert_one_line_error (&extra, 2, "stray");
  mci_test_run (&timeout, NULL, mci_test_binary (), "--text", "--resolve-timeout", "-1", NULL);
  mci_test_assert_one_line_error (&timeout, 2, "--resolve-timeout");
  /* NaN passes a comparison with any bound; it must still be refused */
  mci_test_run (&not_a_number, NULL, mci_test_binary (), "--text", "--resolve-timeout", "nan", NULL);
  mci_test_assert_one_line_error (&not_a_number, 2, "--resolve-timeout");
  /* 0 is a value given, not a value left out */
  mci_test_run (&no_hops, NULL, mci_test_binary (), "--trace", "127.0.0.1", "--max-hops", "0", NULL);
  mci_test_assert_one_line_error (&no_hops, 2, "--max-hops");
}

/* Options that conflict, or would do nothing where they are given, are said, never
 * ignored: each case with the words the message must hold. */
static void
test_conflicting_options (void)
{
  static const struct { const char *argv[7]; const char *message; } cases[] = {
    { { "--text", "--trace", "192.0.2.1" }, "--trace and --text cannot be used together" },
    { { "--trace", "192.0.2.1", "--proc", "/tmp" }, "--trace and --proc" },
    { { "--trace", "192.0.2.1", "--listening" }, "--trace and --listening" },
    { { "--text", "--max-hops", "3" }, "--max-hops goes with --trace only" },
    { { "--probe-timeout", "500" }, "--probe-timeout goes with --trace only" },
    { { "--json", "--listening" }, "--listening goes with --text or --watch only" },
    { { "--processes" }, "--processes goes with --text or --watch only" },
    { { "--text", "--no-processes" }, "--no-processes goes with --json or --events only" },
    { { "--by-address" }, "--by-address goes with --text or --json only" },
    { { "--text", "--interval", "2" }, "--interval goes with --rates only" },
    { { "--rates" }, "--rates goes with --text or --json only" },
    { { "--text", "--rates", "--proc", "/tmp" }, "--rates and --proc" },
    { { "--text", "--source", "proc", "--proc", "/tmp" }, "--source and --proc" },
    { { "--text", "--source", "proc", "--traffic" }, "--source proc has no traffic" },
    { { "--text", "--source", "ssh" }, "--source takes netlink or proc" },
    { { "--text", "--rates", "--interval", "0" }, "--interval takes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(MciTestRun) run = { 0 };
      const char * const *a = cases[i].argv;

      mci_test_run (&run, NULL, mci_test_binary (), a[0], a[1], a[2], a[3], a[4], a[5], NULL);
      g_test_message ("%s …: %s", a[0], run.err);
      mci_test_assert_one_line_error (&run, 2, cases[i].message);
    }
}

static void
test_version (void)
{
  g_auto(MciTestRun) run = { 0 };

  mci_test_run (&run, NULL, mci_test_binary (), "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (run.out, ==, "most-connected-ip " PACKAGE_VERSION "\n");
}

static void
test_unreadable_input (void)
{
  g_auto(MciTestRun) missing = { 0 };

  mci_test_run (&missing, NULL, mci_test_binary (), "--text", "--proc", "/nonexistent/net", NULL);
  mci_test_assert_one_line_error (&missing, 1, "/nonexistent/net/tcp");
}

static void
test_text_from_fixture (void)
{
  g_autofree char *fixture = mci_test_fixture_path ("original-sample");
  g_autofree char *expected_path = g_build_filename (fixture, "expected.txt", NULL);
  g_autofree char *expected = NULL;
  g_auto(MciTestRun) run = { 0 };

  mci_test_run (&run, NULL, mci_test_binary (), "--text", "--numeric", "--listening", "--proc", fixture, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_file_get_contents (expected_path, &expected, NULL, NULL));
  g_assert_cmpstr (run.out, ==, expected);
}

/* Skipped lines are said on stderr; the report itself still goes out. */
static void
test_skipped_lines_reported (void)
{
  g_autofree char *fixture = mci_test_fixture_path ("malformed");
  g_auto(MciTestRun) run = { 0 };

  mci_test_run (&run, NULL, mci_test_binary (), "--text", "-n", "--proc", fixture, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "7 lines"));
  g_assert_true (g_str_has_prefix (run.out, "Distant inbound connections: 2\n"));
}

/* The JSON is checked by a parser that is not ours, against the schema's shape. */
static const char check_schema[] =
  "import json, sys\n"
  "d = json.load(sys.stdin)\n"
  "assert d['schema'] == 1 and d['skipped_lines'] == 0\n"
  "assert d['sampled_at'].endswith('Z') and d['sampled_at'][4] == '-'\n"
  "assert [s['kind'] for s in d['sections']] == ['inbound', 'outbound', 'looping', 'listening']\n"
  "loop = d['sections'][2]\n"
  "assert loop['connections'] == 57 and loop['duplicates'] == 10\n"
  "g = loop['groups'][0]\n"
  "assert g['local_port'] is None and g['remote_port'] == 9355 and g['hostname'] is None\n"
  "assert g['states'] == {'ESTABLISHED': 1, 'TIME_WAIT': 8, 'CLOSE_WAIT': 11}\n"
  "assert g['count'] == len(g['connections']) == 20\n"
  "c = g['connections'][0]\n"
  "assert set(c) == {'local_address', 'local_port', 'remote_address', 'remote_port', 'state', 'uid',\n"
  "                  'inode', 'user', 'pid', 'process', 'cookie', 'bytes_sent', 'bytes_received',\n"
  "                  'sent_per_second', 'received_per_second', 'rtt_ms', 'retransmits', 'unit'}\n"
  "assert all(c[k] is None for k in ('cookie', 'bytes_sent', 'bytes_received', 'rtt_ms'))\n"
  "assert g['traffic'] is None and d['note'] is None\n"
  "assert c['user'] is None and c['pid'] is None and c['process'] is None and g['owner'] is None\n"
  "l = d['sections'][3]['groups'][0]\n"
  "assert l['remote_address'] is None and l['remote_port'] is None\n"
  "for s in d['sections']:\n"
  "    assert s['connections'] == sum(g['count'] for g in s['groups'])\n"
  "print('ok')\n";

static void
test_json_parses (void)
{
  g_autofree char *fixture = mci_test_fixture_path ("original-sample");
  g_auto(MciTestRun) run = { 0 };
  g_auto(MciTestRun) check = { 0 };

  mci_test_run (&run, NULL, mci_test_binary (), "--json", "-n", "--proc", fixture, NULL);
  g_assert_cmpint (run.status, ==, 0);
  mci_test_run (&check, run.out, "python3", "-c", check_schema, NULL);
  g_assert_cmpstr (check.err, ==, "");
  g_assert_cmpstr (check.out, ==, "ok\n");
}

/* --by-address: the split address first, with the sum of its five endpoint groups, in
 * both reports; the JSON read by Python's parser. */
static const char check_by_address[] =
  "import json, sys\n"
  "d = json.load(sys.stdin)\n"
  "assert [s['kind'] for s in d['sections']] == ['distant', 'looping', 'listening']\n"
  "g = d['sections'][0]['groups'][0]\n"
  "assert g['remote_address'] == '203.0.113.77' and g['count'] == 15, g\n"
  "assert g['local_address'] is None and g['local_port'] is None and g['remote_port'] is None\n"
  "assert g['states'] == {'ESTABLISHED': 12, 'TIME_WAIT': 3}\n"
  "assert {c['local_port'] for c in g['connections']} >= {22, 80, 443}\n"
  "assert {c['remote_port'] for c in g['connections']} >= {25, 8080}\n"
  "assert d['sections'][0]['connections'] == 26\n"
  "print('ok')\n";

static void
test_by_address (void)
{
  g_autofree char *fixture = mci_test_fixture_path ("split-address");
  g_auto(MciTestRun) run = { 0 };
  g_auto(MciTestRun) text = { 0 };
  g_auto(MciTestRun) check = { 0 };

  mci_test_run (&run, NULL, mci_test_binary (), "--json", "-n", "--by-address", "--proc", fixture,
                NULL);
  g_assert_cmpint (run.status, ==, 0);
  mci_test_run (&check, run.out, "python3", "-c", check_by_address, NULL);
  g_assert_cmpstr (check.err, ==, "");
  g_assert_cmpstr (check.out, ==, "ok\n");

  mci_test_run (&text, NULL, mci_test_binary (), "--text", "-n", "--by-address", "--proc", fixture,
                NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_true (g_str_has_prefix (text.out, "Distant connections, by address: 26\n"
                                             "    203.0.113.77     "));
  g_assert_nonnull (strstr (text.out, ":   15      12 x ESTABLISHED, 3 x TIME_WAIT\n"));
  g_assert_null (strstr (text.out, "Listening"));
}

/* The live machine, as `watch -n 1 most-connected-ip --text` would run it. */
static void
test_live_machine (void)
{
  g_auto(MciTestRun) text = { 0 };
  g_auto(MciTestRun) json = { 0 };
  g_auto(MciTestRun) check = { 0 };

  mci_test_run (&text, NULL, mci_test_binary (), "--text", "-n", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_true (g_str_has_prefix (text.out, "Distant inbound connections: "));
  g_assert_nonnull (strstr (text.out, "\nLooping connections: "));

  mci_test_run (&json, NULL, mci_test_binary (), "--json", "-n", NULL);
  g_assert_cmpint (json.status, ==, 0);
  mci_test_run (&check, json.out, "python3", "-c",
               "import json, sys; d = json.load(sys.stdin); print(len(d['sections']))", NULL);
  g_assert_cmpstr (check.out, ==, "4\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/bad-options", test_bad_options);
  g_test_add_func ("/cli/conflicting-options", test_conflicting_options);
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/unreadable-input", test_unreadable_input);
  g_test_add_func ("/cli/text-from-fixture", test_text_from_fixture);
  g_test_add_func ("/cli/skipped-lines-reported", test_skipped_lines_reported);
  g_test_add_func ("/cli/json-parses", test_json_parses);
  g_test_add_func ("/cli/by-address", test_by_address);
  g_test_add_func ("/cli/live-machine", test_live_machine);

  return g_test_run ();
}
