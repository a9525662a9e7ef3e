/* test-reports.c: the text and JSON reports against the expected files
 *
 * Each fixture directory holds expected.txt (the text report with --listening) and
 * expected.json (with "sampled_at" at the epoch). MCI_TEST_UPDATE_EXPECTED=1 rewrites
 * them after a deliberate change; read the diff before committing it.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "mci-classifier.h"
#include "mci-report.h"
#include "mci-decimal.h"
#include "mci-test-util.h"

static const char * const fixtures[] = {
  "empty", "every-state", "ipv6-and-mapped", "malformed", "no-tcp6", "original-sample",
  "repeated-rows",
};

static char *
normalize_time (const char *json)
{
  g_autoptr(GRegex) regex = g_regex_new ("\"sampled_at\": \"[^\"]*\"", 0, 0, NULL);

  return g_regex_replace_literal (regex, json, -1, 0, "\"sampled_at\": \"1970-01-01T00:00:00Z\"",
                                  0, NULL);
}

static void
compare_with_file (const char *fixture,
                   const char *name,
                   const char *actual)
{
  g_autofree char *directory = mci_test_fixture_path (fixture);
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("MCI_TEST_UPDATE_EXPECTED") != NULL)
    {
      g_file_set_contents (path, actual, -1, &error);
      g_assert_no_error (error);
    }

  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (actual, ==, expected);
}

static void
test_expected (gconstpointer data)
{
  const char *fixture = data;
  g_autoptr(MciSnapshot) snapshot = mci_test_load_fixture (fixture);
  g_autofree char *text = mci_report_format_text (snapshot, MCI_REPORT_LISTENING, NULL, NULL);
  g_autofree char *json = mci_report_format_json (snapshot, NULL, NULL);
  g_autofree char *normalized = normalize_time (json);

  compare_with_file (fixture, "expected.txt", text);
  compare_with_file (fixture, "expected.json", normalized);
}

static const char *
column_of (const char *line,
           const char *needle)
{
  const char *found = strstr (line, needle);

  g_assert_nonnull (found);
  return found;
}

/* The arrows and the colons stand in one column, whatever the address widths. */
static void
test_text_columns_align (void)
{
  g_autoptr(MciSnapshot) snapshot = mci_test_load_fixture ("ipv6-and-mapped");
  g_autofree char *text = mci_report_format_text (snapshot, MCI_REPORT_FLAGS_NONE, NULL, NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  glong arrow_column = -1, colon_column = -1;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (!g_str_has_prefix (lines[i], "    "))
        continue;
      if (arrow_column < 0)
        {
          arrow_column = column_of (lines[i], "-") - lines[i] - 1;
          colon_column = column_of (lines[i], " : ") - lines[i];
        }
      g_assert_true (lines[i][arrow_column] == '<' || lines[i][arrow_column] == '-');
      g_assert_cmpint (column_of (lines[i], " : ") - lines[i], ==, colon_column);
    }
  g_assert_cmpint (colon_column, >, 0);
  /* the listening section only when asked */
  g_assert_null (strstr (text, "Listening"));
}

static const char *
hostile_name (const MciAddress *address,
              gpointer          user_data)
{
  return user_data;
}

/* Whatever a name holds, the JSON stays JSON: quotes, backslashes and control
 * characters escaped, invalid UTF-8 replaced. */
static void
test_json_escapes_names (void)
{
  g_autoptr(MciSnapshot) snapshot = mci_test_load_fixture ("every-state");
  g_autofree char *json = mci_report_format_json (snapshot, hostile_name,
                                                  "a\"b\\c\x1b[31m\n\x7f<b>\xff\xfe");

  g_assert_nonnull (strstr (json, "\"hostname\": \"a\\\"b\\\\c\\u001b[31m\\u000a\\u007f<b>\xef\xbf\xbd\xef\xbf\xbd\""));
  g_assert_true (g_utf8_validate (json, -1, NULL));
  for (const char *p = json; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
}

/* Host names go to the distant sections only, as in the original. */
static void
test_names_only_for_distant_peers (void)
{
  g_autoptr(MciSnapshot) snapshot = mci_test_load_fixture ("original-sample");
  g_autofree char *text = mci_report_format_text (snapshot, MCI_REPORT_FLAGS_NONE, hostile_name,
                                                  "peer.example");
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint named = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "peer.example") != NULL)
      {
        named++;
        g_assert_null (strstr (lines[i], "127.0.0.1"));
      }
  g_assert_cmpuint (named, ==, 4);
}

/* --traffic: a column of totals, and rates where there are, after the states; "-"
 * for a group that nothing measured. */
static void
test_text_traffic (void)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (MciConnection));
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();
  g_autoptr(MciSnapshot) snapshot = NULL;
  g_autofree char *text = NULL;
  MciConnection row = { 0 };
  MciAddress here;

  g_assert_true (mci_address_parse (&here, "192.0.2.1"));
  mci_local_machine_add_address (machine, &here);
  row.local_address = here;
  g_assert_true (mci_address_parse (&row.remote_address, "198.51.100.7"));
  row.local_port = 40000;
  row.remote_port = 443;
  row.state = MCI_TCP_STATE_ESTABLISHED;
  row.has_tcp_info = TRUE;
  row.bytes_sent = 40000;
  row.bytes_received = 1200000;
  row.has_rates = TRUE;
  row.received_per_second = 1200000;
  row.sent_per_second = 40000;
  g_array_append_val (rows, row);
  row.remote_port = 25;
  row.has_tcp_info = row.has_rates = FALSE;
  g_array_append_val (rows, row);
  snapshot = mci_snapshot_new (g_steal_pointer (&rows), machine, 0, NULL);

  text = mci_report_format_text (snapshot, MCI_REPORT_TRAFFIC, NULL, NULL);
  g_assert_cmpstr (text, ==,
                   "Distant inbound connections: 0\n"
                   "Distant outbound connections: 2\n"
                   "    192.0.2.1                      --> 198.51.100.7:25     :    1      "
                   "1 x ESTABLISHED   -\n"
                   "    192.0.2.1                      --> 198.51.100.7:443    :    1      "
                   "1 x ESTABLISHED   ↓ 1.2\u00a0MB ↑ 40.0\u00a0kB · ↓ 1.2\u00a0MB/s ↑ 40.0\u00a0kB/s\n"
                   "Looping connections: 0\n");
}

/* Numbers as the reports write them, without printf, to the largest. */
static void
test_decimal (void)
{
  static const struct { guint64 value; const char *text; } cases[] = {
    { 0, "0" }, { 9, "9" }, { 10, "10" }, { 65535, "65535" },
    { G_MAXUINT64, "18446744073709551615" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new ("x");

      mci_decimal_append (text, cases[i].value);
      g_assert_cmpstr (text->str + 1, ==, cases[i].text);
    }
}

/* Addresses and endpoints as the reports write them, without printf. */
static void
test_address_format (void)
{
  static const struct { const char *address; int port; const char *endpoint; } cases[] = {
    { "0.0.0.0", 0, "0.0.0.0:0" },
    { "255.255.255.255", 65535, "255.255.255.255:65535" },
    { "10.0.2.10", -1, "10.0.2.10" },
    { "192.0.2.1", 443, "192.0.2.1:443" },
    { "2001:db8::1", 80, "[2001:db8::1]:80" },
    { "::", -1, "::" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MciAddress address;
      char text[MCI_ADDRESS_STRLEN];
      g_autofree char *endpoint = NULL;

      g_assert_true (mci_address_parse (&address, cases[i].address));
      g_assert_cmpstr (mci_address_to_string (&address, text), ==, cases[i].address);
      endpoint = mci_address_format_endpoint (&address, cases[i].port);
      g_assert_cmpstr (endpoint, ==, cases[i].endpoint);
    }
}

static MciConnection
outbound_row (guint16     local_port,
              const char *remote,
              guint16     remote_port,
              MciTcpState state)
{
  MciConnection row = { 0 };

  g_assert_true (mci_address_parse (&row.local_address, "10.0.0.1"));
  g_assert_true (mci_address_parse (&row.remote_address, remote));
  row.local_port = local_port;
  row.remote_port = remote_port;
  row.state = state;
  return row;
}

/* With a history: each group line and section header says what closed in the window,
 * and a group whose connections all closed has a line of its own, after the open ones. */
static void
test_text_with_history (void)
{
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  g_autoptr(MciSnapshot) snapshot = NULL;
  g_autoptr(MciClassifier) classifier = NULL;
  g_autoptr(MciHistory) history = mci_history_new (G_TIME_SPAN_MINUTE, 100);
  MciClosedConnection closed[3] = { 0 };
  MciReportHistory with = { history, NULL, 0 };
  g_autofree char *text = NULL;
  MciAddress local;
  MciConnection open = outbound_row (40001, "198.51.100.7", 80, MCI_TCP_STATE_ESTABLISHED);

  g_assert_true (mci_address_parse (&local, "10.0.0.1"));
  mci_local_machine_add_address (machine, &local);
  g_array_append_val (rows, open);
  classifier = mci_classifier_new (machine, (const MciConnection *) rows->data, rows->len);
  snapshot = mci_snapshot_new (g_steal_pointer (&rows), machine, 0, NULL);
  closed[0].connection = outbound_row (40002, "198.51.100.7", 80, MCI_TCP_STATE_CLOSE);
  closed[1].connection = outbound_row (40003, "198.51.100.7", 80, MCI_TCP_STATE_CLOSE);
  closed[2].connection = outbound_row (40004, "198.51.100.9", 25, MCI_TCP_STATE_CLOSE);
  for (guint i = 0; i < G_N_ELEMENTS (closed); i++)
    closed[i].closed_at = g_get_real_time ();
  mci_history_add (history, closed, G_N_ELEMENTS (closed), classifier);

  text = mci_report_format_text_with_history (snapshot, MCI_REPORT_PROCESSES, NULL, NULL, &with);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Distant outbound connections: 1 · 3 closed in 1 min\n"));
  g_assert_nonnull (strstr (text, "Distant inbound connections: 0 · 0 closed in 1 min\n"));
  g_assert_nonnull (strstr (text, "--> 198.51.100.7:80     :    1      1 x ESTABLISHED   "
                                  "1 open · 2 closed in 1 min      -\n"));
  /* all closed: no count, no states, no owner */
  g_assert_nonnull (strstr (text, "--> 198.51.100.9:25     :    0                        "
                                  "0 open · 1 closed in 1 min      -\n"));
  g_assert_true (strstr (text, "198.51.100.7:80") < strstr (text, "198.51.100.9:25"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/reports/expected/%s", fixtures[i]);

      g_test_add_data_func (path, fixtures[i], test_expected);
    }
  g_test_add_func ("/reports/text-columns-align", test_text_columns_align);
  g_test_add_func ("/reports/text-traffic", test_text_traffic);
  g_test_add_func ("/reports/text-with-history", test_text_with_history);
  g_test_add_func ("/reports/address-format", test_address_format);
  g_test_add_func ("/reports/decimal", test_decimal);
  g_test_add_func ("/reports/json-escapes-names", test_json_escapes_names);
  g_test_add_func ("/reports/names-only-for-distant-peers", test_names_only_for_distant_peers);

  return g_test_run ();
}
