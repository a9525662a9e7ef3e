/* test-cli-traffic.c: traffic, rates and units in the reports, on real loopback
 * connections, as root and as nobody, and with netlink refused
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mci-sock-diag.h"
#include "mci-test-util.h"
#include "mci-unit-map.h"

#define MiB (1024 * 1024)
#define KiB 1024

/* Checks one connection of the JSON report on stdin, found by its local port between
 * 127.0.0.1 and 127.0.0.1 (other programs on a busy machine use the same port with other
 * loopback addresses at either end): the
 * checks are Python expressions over c (the connection) and g (its group). */
static const char check_connection[] =
  "import json, sys\n"
  "d = json.load(sys.stdin)\n"
  "port = int(sys.argv[1])\n"
  "found = [(g, c) for s in d['sections'] for g in s['groups'] for c in g['connections']\n"
  "         if c['local_address'] == c['remote_address'] == '127.0.0.1'\n"
  "         and c['local_port'] == port\n"
  "         and c['state'] == 'ESTABLISHED']\n"
  "assert len(found) == 1, found\n"
  "g, c = found[0]\n"
  "for check in sys.argv[2:]:\n"
  "    assert eval(check), (check, c, g)\n"
  "print('ok')\n";

static void
assert_json (const char  *json,
             guint16      port,
             const char  *first_check,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  va_list checks;

  g_ptr_array_add (argv, g_strdup ("python3"));
  g_ptr_array_add (argv, g_strdup ("-c"));
  g_ptr_array_add (argv, g_strdup (check_connection));
  g_ptr_array_add (argv, g_strdup_printf ("%u", port));
  va_start (checks, first_check);
  for (const char *check = first_check; check != NULL; check = va_arg (checks, const char *))
    g_ptr_array_add (argv, g_strdup (check));
  va_end (checks);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, json, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, "ok\n");
}

typedef struct
{
  guint16 port;
  guint64 sent;
} Acked;

/* The peer's acknowledgement of the last bytes comes a moment after they were read. */
static gboolean
all_acked (MciSnapshot *snapshot,
           gpointer     data)
{
  static const guint8 localhost[4] = { 127, 0, 0, 1 };
  const Acked *acked = data;
  MciAddress local;
  guint n;
  const MciConnection *rows = mci_snapshot_get_connections (snapshot, &n);

  mci_address_init_ipv4 (&local, localhost);
  for (guint i = 0; i < n; i++)
    if (rows[i].local_port == acked->port && rows[i].state == MCI_TCP_STATE_ESTABLISHED
        && mci_address_equal (&rows[i].local_address, &local)
        && mci_address_equal (&rows[i].remote_address, &local))
      return rows[i].bytes_sent == acked->sent;
  return FALSE;
}

static void
wait_acked (guint16 port,
            guint64 sent)
{
  Acked acked = { port, sent };
  g_autoptr(MciSnapshot) snapshot = mci_test_sample_until (all_acked, &acked);

  g_assert_nonnull (snapshot);
}

/* Exactly 1 MiB one way and 64 KiB the other read back exactly from --json. */
static void
test_json_exact_bytes (void)
{
  guint16 port;
  int listener = mci_test_listen ("127.0.0.1", &port);
  int client = mci_test_connect ("127.0.0.1", port);
  int server = mci_test_accept (listener);
  g_auto(MciTestRun) run = { 0 };

  mci_test_transfer (client, server, 1 * MiB);
  mci_test_transfer (server, client, 64 * KiB);
  wait_acked (mci_test_local_port (client), 1 * MiB);
  wait_acked (port, 64 * KiB);

  mci_test_run (&run, NULL, mci_test_binary (), "--json", "-n", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_json (run.out, mci_test_local_port (client),
               "c['bytes_sent'] == 1024 * 1024", "c['bytes_received'] == 64 * 1024",
               "c['cookie'] is not None", "c['rtt_ms'] is not None and c['rtt_ms'] > 0",
               "c['retransmits'] == 0", "c['sent_per_second'] is None",
               "g['traffic']['bytes_sent'] == 1024 * 1024", NULL);
  close (client);
  close (server);
  close (listener);
}

typedef struct
{
  GSubprocess *process;
  char        *out;
  char        *err;
  gboolean     done;
} Pending;

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Pending *pending = data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &pending->out,
                                        &pending->err, &error);
  g_assert_no_error (error);
  pending->done = TRUE;
}

/* --rates takes two samples; data that moves between them gives the group a rate, which
 * the text report's --traffic column shows. */
static void
test_text_rates (void)
{
  guint16 port;
  int listener = mci_test_listen ("127.0.0.1", &port);
  int client = mci_test_connect ("127.0.0.1", port);
  int server = mci_test_accept (listener);
  Pending pending = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *endpoint = g_strdup_printf ("127.0.0.1:%u ", port);
  const char *line;

  pending.process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                      | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                      mci_test_binary (), "--text", "-n", "--traffic", "--rates",
                                      "--interval", "0.5", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (pending.process, NULL, NULL, on_communicated, &pending);
  gint64 deadline = g_get_monotonic_time () + MCI_TEST_WAIT_MS * G_TIME_SPAN_MILLISECOND;

  /* data moves all the while the report samples */
  while (!pending.done)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the report with --rates did not end within %d ms", MCI_TEST_WAIT_MS);
      mci_test_transfer (client, server, 64 * KiB);
      g_main_context_iteration (NULL, FALSE);
      /* a pace, not a wait: the rate needs data, not all the bandwidth there is */
      g_usleep (1000);
    }
  g_assert_true (g_subprocess_get_successful (pending.process));
  g_assert_cmpstr (pending.err, ==, "");
  line = strstr (pending.out, endpoint);
  g_assert_nonnull (line);
  line = g_strndup (line, strcspn (line, "\n"));
  g_test_message ("%s", line);
  g_assert_nonnull (strstr (line, "1 x ESTABLISHED   ↓ "));
  g_assert_nonnull (strstr (line, "/s ↑ "));
  g_assert_true (g_str_has_suffix (line, "B/s"));
  g_assert_null (strstr (line, "↑ 0 bytes/s"));
  g_free ((char *) line);

  g_clear_object (&pending.process);
  g_free (pending.out);
  g_free (pending.err);
  close (client);
  close (server);
  close (listener);
}

/* Where netlink is refused the report still comes, from /proc, and says why once,
 * even over the two samples of --rates. */
static void
test_fallback_said_once (void)
{
  g_auto(MciTestRun) run = { 0 };

  mci_test_run (&run, NULL, g_getenv ("MCI_DENY_NETLINK"), mci_test_binary (), "--text", "-n",
                "--rates", "--interval", "0.1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Distant inbound connections: "));
  g_assert_true (g_str_has_prefix (run.err, "most-connected-ip: Reading /proc/net, "));
  g_assert_nonnull (strstr (run.err, g_strerror (EPERM)));
  g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, (int) strlen (run.err) - 1);
}

static char *
copy_for_anyone (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("mci-nobody-XXXXXX", &error);
  g_autoptr(GFile) from = g_file_new_for_path (path);
  char *copy = NULL;
  g_autoptr(GFile) to = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (chmod (directory, 0755), ==, 0);
  copy = g_build_filename (directory, "most-connected-ip", NULL);
  to = g_file_new_for_path (copy);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chmod (copy, 0755), ==, 0);
  return copy;
}

/* A child of root's, moved into a cgroup of the test's, holds a connection that moved
 * known bytes. nobody sees its traffic and its unit, but not its process. */
/* A connection that moved 256 KiB; returns its client's port. */
static guint16
connect_and_send (void)
{
  guint16 port;
  int listener = mci_test_listen ("127.0.0.1", &port);
  int client = mci_test_connect ("127.0.0.1", port);
  int server = mci_test_accept (listener);

  mci_test_transfer (client, server, 256 * KiB);
  return mci_test_local_port (client);
}

static void
test_as_nobody (void)
{
  MciTestCgroupChild child = { 0 };
  g_autofree char *unit_check = NULL, *binary = NULL;
  g_auto(MciTestRun) run = { 0 };
  guint16 port;

  mci_test_cgroup_child_start (&child, "mci-cli", connect_and_send, &port);
  wait_acked (port, 256 * KiB);

  /* a copy that nobody may run wherever the build is (a checkout under /root, say) */
  binary = copy_for_anyone (mci_test_binary ());
  mci_test_run (&run, NULL, "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                "--", binary, "--json", "-n", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  unit_check = g_strdup_printf ("c['unit'] == '%s'", child.unit);
  assert_json (run.out, port, "c['bytes_sent'] == 256 * 1024", unit_check,
               "c['process'] is None and c['pid'] is None", "c['user'] == 'root'", NULL);

  mci_test_cgroup_child_stop (&child);
  g_assert_cmpint (unlink (binary), ==, 0);
  {
    g_autofree char *directory_of_copy = g_path_get_dirname (binary);

    g_assert_cmpint (rmdir (directory_of_copy), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-traffic/json-exact-bytes", test_json_exact_bytes);
  g_test_add_func ("/cli-traffic/text-rates", test_text_rates);
  g_test_add_func ("/cli-traffic/fallback-said-once", test_fallback_said_once);
  g_test_add_func ("/cli-traffic/as-nobody", test_as_nobody);
  return g_test_run ();
}
