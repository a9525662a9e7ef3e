/* test-capture-cli.c: --proc with a capture that is not a set of files
 *
 * What the engine refuses (tests/test-proc-table.c) reaches the person at the terminal
 * as words and a failing exit status, promptly.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Runs --text --proc @directory and expects it to fail with @message on stderr. */
static void
assert_refused (const char *directory,
                const char *message)
{
  const char *argv[] = { g_getenv ("MCI_BINARY"), "--text", "-n", "--proc", directory, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status;

  /* a CLI that blocks on a FIFO ends the test here */
  alarm (20);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  alarm (0);
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "");
  if (strstr (err, message) == NULL)
    g_error ("expected “%s” in: %s", message, err);
}

static void
test_not_regular_files (void)
{
  g_autofree char *directory = g_dir_make_tmp ("mci-test-XXXXXX", NULL);
  g_autofree char *tcp = g_build_filename (directory, "tcp", NULL);
  g_autofree char *message = g_strdup_printf ("“%s”: it is not a regular file", tcp);

  g_assert_cmpint (symlink ("/dev/zero", tcp), ==, 0);
  assert_refused (directory, message);
  g_unlink (tcp);

  g_assert_cmpint (mkfifo (tcp, 0600), ==, 0);
  assert_refused (directory, message);
  g_unlink (tcp);
  g_rmdir (directory);
}

static void
test_empty_root (void)
{
  assert_refused ("", "The capture directory’s name is empty");
}

/* A capture of which no line reads is not an empty machine: it says so, and how many
 * lines it skipped. */
static void
test_all_garbage (void)
{
  g_autofree char *directory = g_dir_make_tmp ("mci-test-XXXXXX", NULL);
  g_autofree char *tcp = g_build_filename (directory, "tcp", NULL);
  g_autofree char *message = g_strdup_printf ("None of the connection tables in %s could be "
                                              "read: their 3 lines are not TCP connections",
                                              directory);

  g_assert_true (g_file_set_contents (tcp, "<html>\nnot a table\n</html>\n", -1, NULL));
  assert_refused (directory, message);
  g_unlink (tcp);
  g_rmdir (directory);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/capture-cli/not-regular-files", test_not_regular_files);
  g_test_add_func ("/capture-cli/empty-root", test_empty_root);
  g_test_add_func ("/capture-cli/all-garbage", test_all_garbage);

  return g_test_run ();
}
