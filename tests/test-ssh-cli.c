/* test-ssh-cli.c: --host in --text and --json, against real sshd servers
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mci-ssh-source.h"
#include "mci-test-sshd.h"
#include "mci-test-util.h"

#define FLEET_SIZE 20

/* The report's lines that the ssh session carrying it cannot touch: every group but
 * sshd's port 22, and the sections' headings but for the two the session is counted in.
 * The first line loses its time and host; a group loses the brackets that close its
 * section, since the last group may be sshd's. */
static char *
lines_beside_ssh (const char *json)
{
  g_auto(GStrv) lines = g_strsplit (json, "\n", -1);
  g_autoptr(GString) kept = g_string_new (NULL);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "\"local_port\": 22,") != NULL
          || strstr (lines[i], "\"remote_port\": 22,") != NULL
          || strstr (lines[i], "\"kind\": \"inbound\"") != NULL
          || strstr (lines[i], "\"kind\": \"looping\"") != NULL)
        continue;
      g_strchomp (lines[i]);
      if (strstr (lines[i], "\"connections\": [{") != NULL)
        while (g_str_has_suffix (lines[i], "]}") || g_str_has_suffix (lines[i], ","))
          lines[i][strlen (lines[i]) - (lines[i][strlen (lines[i]) - 1] == ',' ? 1 : 2)] = '\0';
      g_string_append_printf (kept, "%s\n", lines[i]);
    }
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

static void
test_json_same_as_inside (void)
{
  MciTestSshd *server = mci_test_sshd_start (0, MCI_TEST_SSHD_NONE, 3);
  g_auto(MciTestRun) run = { 0 };
  g_autofree char *inside = NULL, *expected = NULL, *got = NULL;
  g_autofree char *host = NULL;

  mci_test_run (&run, NULL, mci_test_binary (), "--json", "--numeric", "--host", server->address,
                NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  inside = mci_test_sshd_run_inside (server, mci_test_binary (), "--json", "--numeric",
                                     "--source", "proc", "--no-processes", NULL);
  host = g_strdup_printf ("{\"host\": \"%s\", \"schema\": 1, ", server->address);
  g_assert_true (g_str_has_prefix (run.out, host));
  expected = lines_beside_ssh (inside);
  got = lines_beside_ssh (run.out);
  g_assert_cmpstr (got, ==, expected);
  /* the service's group is there, with its three connections from this side */
  g_assert_nonnull (strstr (run.out, "\"local_port\": 7000, \"remote_address\": \"198.51.100.1\", "
                                     "\"remote_port\": null, \"count\": 3,"));
  mci_test_sshd_stop (server);
}

static void
test_several_hosts (void)
{
  MciTestSshd *first = mci_test_sshd_start (1, MCI_TEST_SSHD_NONE, 1);
  MciTestSshd *second = mci_test_sshd_start (2, MCI_TEST_SSHD_BUSYBOX, 2);
  g_auto(MciTestRun) text = { 0 };
  g_auto(MciTestRun) json = { 0 };
  g_autofree char *heading1 = g_strdup_printf ("== %s ==\n", first->address);
  g_autofree char *heading2 = g_strdup_printf ("== %s ==\n", second->address);
  g_autofree char *object1 = g_strdup_printf ("[\n{\"host\": \"%s\"", first->address);
  g_autofree char *object2 = g_strdup_printf ("\n,\n{\"host\": \"%s\"", second->address);
  const char *block1, *block2;

  mci_test_run (&text, NULL, mci_test_binary (), "--text", "--numeric", "--host", first->address,
                "--host", second->address, NULL);
  g_assert_cmpint (text.status, ==, 0);
  block1 = strstr (text.out, heading1);
  block2 = strstr (text.out, heading2);
  g_assert_true (block1 == text.out);
  g_assert_nonnull (block2);
  g_assert_nonnull (strstr (block1, ":7000"));
  g_assert_nonnull (strstr (block2, ":7000"));

  mci_test_run (&json, NULL, mci_test_binary (), "--json", "--numeric", "--host", first->address,
                "--host", second->address, NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (g_str_has_prefix (json.out, object1));
  g_assert_nonnull (strstr (json.out, object2));
  g_assert_true (g_str_has_suffix (json.out, "]}\n]\n"));
  mci_test_sshd_stop (first);
  mci_test_sshd_stop (second);
}

/* A name that ssh would take for an option is refused before any process starts: the
 * ssh here only leaves a mark. */
static void
test_dash_host (void)
{
  g_autofree char *mark = g_build_filename (mci_test_ssh_directory (), "ssh-ran", NULL);
  g_autofree char *fake = g_build_filename (mci_test_ssh_directory (), "fake-ssh", NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\ntouch %s\n", mark);
  g_auto(MciTestRun) report = { 0 };
  g_auto(MciTestRun) window = { 0 };

  g_assert_true (g_file_set_contents (fake, script, -1, NULL));
  g_assert_cmpint (g_chmod (fake, 0755), ==, 0);
  g_setenv ("MCI_SSH", fake, TRUE);
  mci_test_run (&report, NULL, mci_test_binary (), "--json", "--host", "198.51.100.10",
                "--host", "-oProxyCommand=touch /tmp/mci-ssh-pwned", NULL);
  mci_test_assert_one_line_error (&report, 2, "starts with “-”");
  mci_test_run (&window, NULL, mci_test_binary (), "--host", "-oProxyCommand=x", NULL);
  mci_test_assert_one_line_error (&window, 2, "starts with “-”");
  g_assert_false (g_file_test (mark, G_FILE_TEST_EXISTS));
  g_unsetenv ("MCI_SSH");
}

static void
test_bad_servers (void)
{
  MciTestSshd *server = mci_test_sshd_start (3, MCI_TEST_SSHD_NONE, 0);
  g_autofree char *right = g_strdup (g_getenv ("MCI_SSH_CONFIG"));
  g_autofree char *wrong = mci_test_ssh_write_config (mci_test_ssh_wrong_key ());
  g_auto(MciTestRun) refused_key = { 0 };
  g_auto(MciTestRun) unknown = { 0 };
  g_auto(MciTestRun) combined = { 0 };

  g_setenv ("MCI_SSH_CONFIG", wrong, TRUE);
  mci_test_run (&refused_key, NULL, mci_test_binary (), "--text", "--host", server->address,
                NULL);
  mci_test_assert_one_line_error (&refused_key, 1, "add your key to the agent");
  g_setenv ("MCI_SSH_CONFIG", right, TRUE);
  mci_test_run (&unknown, NULL, mci_test_binary (), "--json", "--host",
                "mci-ssh-no-such-host.invalid", NULL);
  mci_test_assert_one_line_error (&unknown, 1, "Unknown host");
  mci_test_run (&combined, NULL, mci_test_binary (), "--text", "--processes", "--host",
                server->address, NULL);
  mci_test_assert_one_line_error (&combined, 2, "--host and --processes cannot be used together");
  mci_test_sshd_stop (server);
}

/* Twenty servers, one of which never answers: the nineteen others are read all the
 * same, and the one is said, in its place. */
static void
test_fleet (void)
{
  MciTestSshd *servers[FLEET_SIZE];
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GTimer) timer = NULL;
  guint n_read = 0;

  g_ptr_array_add (argv, (char *) mci_test_binary ());
  g_ptr_array_add (argv, "--json");
  g_ptr_array_add (argv, "--numeric");
  for (guint i = 0; i < FLEET_SIZE; i++)
    {
      servers[i] = mci_test_sshd_start (10 + i, MCI_TEST_SSHD_NONE, 2);
      g_ptr_array_add (argv, "--host");
      g_ptr_array_add (argv, servers[i]->address);
    }
  g_ptr_array_add (argv, NULL);
  mci_test_sshd_blackhole (servers[7]);

  timer = g_timer_new ();
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("20 servers, one blackholed: %.1f s", g_timer_elapsed (timer, NULL));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  for (guint i = 0; i < FLEET_SIZE; i++)
    {
      g_autofree char *object = g_strdup_printf ("{\"host\": \"%s\", \"schema\": 1, \"%s",
                                                 servers[i]->address,
                                                 i == 7 ? "error\": " : "sampled_at");
      g_autofree char *said = g_strdup_printf ("%s did not answer", servers[i]->address);

      g_assert_nonnull (strstr (out, object));
      g_assert_true ((strstr (err, said) != NULL) == (i == 7));
      n_read += i != 7;
    }
  g_assert_cmpuint (n_read, ==, FLEET_SIZE - 1);
  /* each service's two connections from this side, on every server that answered */
  {
    guint n_groups = 0;

    for (const char *p = out; (p = strstr (p, "\"local_port\": 7000, \"remote_address\": "
                                              "\"198.51.100.1\", \"remote_port\": null, "
                                              "\"count\": 2,")) != NULL; p++)
      n_groups++;
    g_assert_cmpuint (n_groups, ==, FLEET_SIZE - 1);
  }
  /* the servers were read side by side: one that hangs costs its own timeout only */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 3 * MCI_SSH_DEFAULT_TIMEOUT);
  for (guint i = 0; i < FLEET_SIZE; i++)
    mci_test_sshd_stop (servers[i]);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ssh-cli/json-same-as-inside", test_json_same_as_inside);
  g_test_add_func ("/ssh-cli/several-hosts", test_several_hosts);
  g_test_add_func ("/ssh-cli/dash-host", test_dash_host);
  g_test_add_func ("/ssh-cli/bad-servers", test_bad_servers);
  g_test_add_func ("/ssh-cli/fleet", test_fleet);
  mci_test_ssh_setup ();
  status = g_test_run ();
  mci_test_ssh_teardown ();
  return status;
}
