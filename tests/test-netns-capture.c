/* test-netns-capture.c: Save Capture, read back with --proc
 *
 * A capture is only right if --proc on it reports what the live tables did. Compared
 * on a fixture (copied the way the live machine is) and on the live tables of a
 * network namespace of the test's own, where nothing else opens or closes a socket
 * between the two reads. Needs root for the namespace; CI runs it as root.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sched.h>
#include <unistd.h>

#include "mci-capture.h"
#include "mci-test-util.h"

static gboolean
task_done (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
save_capture (const char  *proc_root,
              const char  *sysctl_root,
              const char  *directory,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (directory);
  g_autoptr(GAsyncResult) result = NULL;

  mci_capture_save_async (proc_root, sysctl_root, file, NULL, on_saved, &result);
  mci_test_wait_for (task_done, &result, "the capture to be saved");
  return mci_capture_save_finish (result, error);
}

/* The JSON report of @args, without the time it was taken. */
static char *
report (const char *first,
        const char *second)
{
  g_auto(MciTestRun) run = { 0 };
  g_autoptr(GRegex) sampled_at = g_regex_new ("\"sampled_at\": \"[^\"]*\"", 0, 0, NULL);

  mci_test_run (&run, NULL, mci_test_binary (), "--json", "-n", "--no-processes", first, second,
                NULL);
  g_assert_cmpint (run.status, ==, 0);
  return g_regex_replace_literal (sampled_at, run.out, -1, 0, "", 0, NULL);
}

static void
remove_capture (const char *directory)
{
  const char * const names[] = { "tcp", "tcp6", "fib_trie", "if_inet6", "ip_local_port_range" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (directory, names[i], NULL);
      g_unlink (path);
    }
  g_rmdir (directory);
}

/* Every table the fixture has, byte for byte, and the same report; a folder that exists
 * already is refused, in words. */
static void
test_fixture (void)
{
  g_autofree char *fixture = mci_test_fixture_path ("every-state");
  g_autofree char *parent = g_dir_make_tmp ("mci-views-capture-XXXXXX", NULL);
  g_autofree char *directory = g_build_filename (parent, "capture", NULL);
  g_autofree char *expected = NULL, *saved = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (save_capture (fixture, fixture, directory, &error));
  g_assert_no_error (error);
  expected = report ("--proc", fixture);
  saved = report ("--proc", directory);
  g_assert_cmpstr (saved, ==, expected);
  {
    g_autofree char *a = NULL, *b = NULL;
    g_autofree char *from = g_build_filename (fixture, "ip_local_port_range", NULL);
    g_autofree char *to = g_build_filename (directory, "ip_local_port_range", NULL);

    g_assert_true (g_file_get_contents (from, &a, NULL, NULL));
    g_assert_true (g_file_get_contents (to, &b, NULL, NULL));
    g_assert_cmpstr (a, ==, b);
  }

  g_assert_false (save_capture (fixture, fixture, directory, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "Could not make the capture folder"));
  remove_capture (directory);
  g_rmdir (parent);
}

/* The live tables of this namespace: loopback connections over IPv4 and IPv6, and the
 * report --source proc gives equals the one --proc gives on the capture. */
static void
test_live (void)
{
  g_autofree char *parent = g_dir_make_tmp ("mci-views-capture-XXXXXX", NULL);
  g_autofree char *directory = g_build_filename (parent, "capture", NULL);
  g_autofree char *live = NULL, *saved = NULL;
  g_autoptr(GError) error = NULL;
  const char *addresses[] = { "127.0.0.1", "::1" };
  int fds[16];
  guint n_fds = 0;

  for (guint a = 0; a < G_N_ELEMENTS (addresses); a++)
    {
      guint16 port = 0;
      int listener = mci_test_listen (addresses[a], &port);

      fds[n_fds++] = listener;
      for (guint i = 0; i < 3; i++)
        {
          fds[n_fds++] = mci_test_connect (addresses[a], port);
          fds[n_fds++] = mci_test_accept (listener);
        }
    }

  live = report ("--source", "proc");
  g_assert_true (save_capture (MCI_LIVE_PROC_ROOT, MCI_LIVE_SYSCTL_ROOT, directory, &error));
  g_assert_no_error (error);
  saved = report ("--proc", directory);
  g_assert_nonnull (strstr (live, "\"looping\", \"connections\": 6, \"duplicates\": 6"));
  g_assert_cmpstr (saved, ==, live);

  for (guint i = 0; i < n_fds; i++)
    close (fds[i]);
  remove_capture (directory);
  g_rmdir (parent);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_test_init (&argc, &argv, NULL);
  mci_test_require_root ("it makes a network namespace");
  /* before any thread: the workers that read /proc/net must see this namespace */
  g_assert_cmpint (unshare (CLONE_NEWNET), ==, 0);
  g_spawn_command_line_sync ("ip link set lo up", NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_test_add_func ("/capture/fixture", test_fixture);
  g_test_add_func ("/capture/live", test_live);
  return g_test_run ();
}
