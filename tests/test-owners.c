/* test-owners.c: the process and user that own each connection, on real sockets
 *
 * The sockets are held by real child processes (mci-test-peer), so that each has a
 * known PID and name. As root it also checks what an unprivileged program and a program
 * in its own PID namespace (as in a Flatpak sandbox) can see.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mci-test-util.h"
#include "mci-untrusted.h"

/* What any local user may call a process: clear the screen, retitle the terminal, and
 * turn the rest of the line around (U+202E); 15 bytes, all that a comm holds. */
#define HOSTILE_NAME "\x1b[2J\x1b]0;pwn\x07\xe2\x80\xae"
/* and its command line: an OSC, U+061C and a zero-width space */
#define HOSTILE_ARGUMENT "\x1b]0;pwn\x07\xd8\x9c\xe2\x80\x8b"

typedef struct
{
  GSubprocess *process;
  GOutputStream *input;
  char *first_line;
  int pid;
} Child;

static void
child_start (Child      *child,
             const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) output = NULL;

  child->process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE
                                      | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  child->input = g_object_ref (g_subprocess_get_stdin_pipe (child->process));
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child->process));
  child->first_line = g_data_input_stream_read_line (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (child->first_line);
  child->pid = atoi (g_subprocess_get_identifier (child->process));
}

/* Closing its stdin tells a peer to exit. */
static void
child_stop (Child *child)
{
  g_output_stream_close (child->input, NULL, NULL);
  g_subprocess_wait (child->process, NULL, NULL);
  g_clear_object (&child->input);
  g_clear_object (&child->process);
  g_clear_pointer (&child->first_line, g_free);
}

static MciSnapshot *
sample (MciOwnerMap *map)
{
  g_autoptr(GError) error = NULL;
  MciSnapshot *snapshot = mci_snapshot_new_from_proc (MCI_LIVE_PROC_ROOT, NULL, &error);

  g_assert_no_error (error);
  mci_snapshot_add_owners (snapshot, map);
  return snapshot;
}

/* Every socket whose process is @pid is one of the ones @pid holds, and the other way. */
static void
assert_claims (MciSnapshot *snapshot,
               int          pid,
               guint16      port,
               gboolean     server,
               guint        expected)
{
  guint n_connections, claimed = 0;
  const MciConnection *connections = mci_snapshot_get_connections (snapshot, &n_connections);

  for (guint i = 0; i < n_connections; i++)
    {
      const MciConnection *connection = &connections[i];
      gboolean ours = server ? connection->local_port == port
                             : connection->remote_port == port && connection->local_port != port;
      MciOwner owner;

      if (connection->state == MCI_TCP_STATE_TIME_WAIT)
        continue;
      mci_snapshot_get_owner (snapshot, connection, &owner);
      /* (once the process is gone, its ends are orphans that nobody owns) */
      if (ours && expected > 0)
        {
          g_assert_cmpint (owner.pid, ==, pid);
          g_assert_cmpstr (owner.process, ==, "mci-test-peer");
          g_assert_true (owner.has_user);
          g_assert_cmpuint (owner.uid, ==, geteuid ());
        }
      else if (!ours)
        g_assert_cmpint (owner.pid, !=, pid);
      claimed += owner.pid == pid;
    }
  g_assert_cmpuint (claimed, ==, expected);
}

/* The server has accepted both connections to @data's port: until then they wait in
 * the listener's queue without a socket, so without an inode and an owner. */
static gboolean
both_accepted (MciSnapshot *snapshot,
               gpointer     data)
{
  guint16 port = GPOINTER_TO_UINT (data);
  guint n_connections, accepted = 0;
  const MciConnection *connections = mci_snapshot_get_connections (snapshot, &n_connections);

  for (guint i = 0; i < n_connections; i++)
    accepted += connections[i].local_port == port && connections[i].remote_port != 0
                && connections[i].inode != 0;
  return accepted == 2;
}

/* The client's ends, once its process is gone, are closed: none is still established. */
static gboolean
client_ends_closed (MciSnapshot *snapshot,
                    gpointer     data)
{
  guint16 port = GPOINTER_TO_UINT (data);
  guint n_connections;
  const MciConnection *connections = mci_snapshot_get_connections (snapshot, &n_connections);

  for (guint i = 0; i < n_connections; i++)
    if (connections[i].remote_port == port && connections[i].local_port != port
        && connections[i].state == MCI_TCP_STATE_ESTABLISHED)
      return FALSE;
  return TRUE;
}

static void
wait_for_sockets (gboolean  (*done) (MciSnapshot *snapshot,
                                     gpointer     data),
                  guint16     port,
                  const char *what)
{
  g_autoptr(MciSnapshot) snapshot = mci_test_sample_until (done, GUINT_TO_POINTER (port));

  if (!done (snapshot, GUINT_TO_POINTER (port)))
    g_error ("timed out waiting for %s", what);
}

/* A listener and two connections to it, each end held by another process. */
static void
test_children (void)
{
  g_autofree char *peer = g_strdup (g_getenv ("MCI_TEST_PEER"));
  const char *server_argv[] = { peer, "listen", "127.0.0.1", NULL };
  Child server = { 0 }, client = { 0 };
  g_autofree char *port_text = NULL, *looping_owner = NULL, *listening_owner = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(MciOwnerMap) map = mci_owner_map_new ("/proc");
  g_autoptr(MciSnapshot) first = NULL, second = NULL, third = NULL;
  const MciEndpointGroup *looping, *listening;
  guint16 port;
  guint n_scans;

  child_start (&server, server_argv);
  port = (guint16) atoi (server.first_line);
  port_text = g_strdup_printf ("%u", port);
  {
    const char *client_argv[] = { peer, "connect", "127.0.0.1", port_text, "2", NULL };
    child_start (&client, client_argv);
  }
  wait_for_sockets (both_accepted, port, "the server to accept both connections");

  first = sample (map);
  looping = mci_test_find_group (first, MCI_SECTION_LOOPING, "127.0.0.1", -1, "127.0.0.1", port);
  listening = mci_test_find_group (first, MCI_SECTION_LISTENING, "127.0.0.1", port, NULL, -1);
  g_assert_nonnull (looping);
  g_assert_nonnull (listening);
  assert_claims (first, server.pid, port, TRUE, 3);   /* the listener and two accepted */
  assert_claims (first, client.pid, port, FALSE, 2);
  /* a looping group lists each connection once, from its client's end */
  looping_owner = g_strdup (mci_snapshot_get_group_owner (first, looping, NULL, NULL));
  expected = g_strdup_printf ("mci-test-peer (%d)", client.pid);
  g_assert_cmpstr (looping_owner, ==, expected);
  listening_owner = g_strdup (mci_snapshot_get_group_owner (first, listening, NULL, NULL));
  g_free (expected);
  expected = g_strdup_printf ("mci-test-peer (%d)", server.pid);
  g_assert_cmpstr (listening_owner, ==, expected);

  /* nothing new: no process is scanned again. Other programs (tests run side by side)
   * may open sockets between two samples, which rightly costs a scan: a quiet pair of
   * samples must come within a few tries, and then it must cost none. */
  for (guint try = 0; ; try++)
    {
      g_clear_object (&second);
      n_scans = mci_owner_map_get_n_scans (map);
      second = sample (map);
      if (mci_owner_map_get_n_scans (map) == n_scans)
        break;
      g_assert_cmpuint (try, <, 20);
      g_usleep (50 * 1000);
    }
  assert_claims (second, client.pid, port, FALSE, 2);

  /* the client exits: its sockets and its pid go from the owners */
  child_stop (&client);
  wait_for_sockets (client_ends_closed, port, "the client's ends to close");
  third = sample (map);
  assert_claims (third, client.pid, port, FALSE, 0);
  assert_claims (third, server.pid, port, TRUE, 3);
  child_stop (&server);
}

static void
drop_to (gpointer data)
{
  uid_t uid = GPOINTER_TO_UINT (data);

  if (setgroups (0, NULL) != 0 || setgid (uid) != 0 || setuid (uid) != 0)
    _exit (99);
}

static char *
run_report (const char *const *argv,
            uid_t              uid)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_SEARCH_PATH,
                uid != 0 ? drop_to : NULL, GUINT_TO_POINTER (uid), &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
find_line (const char *report,
           const char *start)
{
  g_auto(GStrv) lines = g_strsplit (report, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (g_strstrip (lines[i]), start))
      return g_strdup (lines[i]);
  return NULL;
}

/* A socket of `nobody`, seen by a program of yet another user: the user, not the process. */
static void
test_other_user (void)
{
  g_autofree char *peer = g_strdup (g_getenv ("MCI_TEST_PEER"));
  const char *report_argv[] = { g_getenv ("MCI_BINARY"), "--text", "--processes", "--listening",
                                "-n", NULL };
  g_autofree char *listening = NULL, *line = NULL, *report = NULL, *as_root = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autofree char *port = NULL;

  mci_test_require_root ("to hold a socket as nobody and to look as another user");
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, drop_to, GUINT_TO_POINTER (65534), NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, peer, "listen", "127.0.0.1", NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  port = g_data_input_stream_read_line (output, NULL, NULL, &error);
  g_assert_nonnull (port);
  listening = g_strdup_printf ("127.0.0.1:%s ", port);

  /* uid 12345: not root, not nobody */
  report = run_report (report_argv, 12345);
  line = find_line (report, listening);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_suffix (line, "   nobody"));

  /* root sees the process */
  as_root = run_report (report_argv, 0);
  g_clear_pointer (&line, g_free);
  line = find_line (as_root, listening);
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "mci-test-peer ("));

  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, NULL);
  g_subprocess_wait (process, NULL, NULL);
  g_object_unref (process);
}

/* In a PID namespace of its own, as in a Flatpak sandbox: processes outside are not
 * claimed, and their user still shows. */
static void
test_pid_namespace (void)
{
  const char *report_argv[] = { "unshare", "--pid", "--fork", "--mount-proc",
                                g_getenv ("MCI_BINARY"), "--text", "--processes", "--listening",
                                "-n", NULL };
  guint16 port;
  int listener;
  g_autofree char *listening = NULL, *report = NULL, *line = NULL;

  mci_test_require_root ("to make a PID namespace");
  listener = mci_test_listen ("127.0.0.1", &port);
  listening = g_strdup_printf ("127.0.0.1:%u ", port);
  report = run_report (report_argv, 0);
  line = find_line (report, listening);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_suffix (line, "   root"));
  g_assert_null (strstr (line, "test-owners"));
  close (listener);
}

/* The child of test_hostile_names: names itself HOSTILE_NAME, holds a connection to
 * itself on loopback, prints the listener's port, and waits for stdin to close. */
static int
hold_socket_as_hostile (void)
{
  guint16 port;
  int listener, client, server;
  char buffer[16];

  if (prctl (PR_SET_NAME, HOSTILE_NAME, 0, 0, 0) != 0)
    return 1;
  listener = mci_test_listen ("127.0.0.1", &port);
  client = mci_test_connect ("127.0.0.1", port);
  server = mci_test_accept (listener);
  printf ("%u\n", port);
  fflush (stdout);
  while (read (0, buffer, sizeof buffer) > 0)
    ;
  close (server);
  close (client);
  close (listener);
  return 0;
}

/* Every character of @text may reach a terminal: no control (but the newlines that end
 * lines), format (bidi, zero-width) or separator character, and no escaped control in
 * JSON either. */
static void
assert_safe (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (*p != '\n')
      g_assert_true (mci_untrusted_is_safe (g_utf8_get_char (p)));
  g_assert_null (strstr (text, "\\u001b"));
  g_assert_null (strstr (text, "\\u001B"));
  g_assert_null (strstr (text, "\\u0007"));
}

/* A process named and started with escape sequences and bidi controls: its name and
 * command line reach the reports and the tree sanitised, yet recognisable. */
static void
test_hostile_names (void)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  const char *child_argv[] = { self_path, "--hold-socket-as-hostile", HOSTILE_ARGUMENT, NULL };
  const char *text_argv[] = { g_getenv ("MCI_BINARY"), "--text", "-p", "--listening", "-n", NULL };
  const char *json_argv[] = { g_getenv ("MCI_BINARY"), "--json", "-n", NULL };
  g_autoptr(MciOwnerMap) map = mci_owner_map_new ("/proc");
  g_autoptr(MciSnapshot) snapshot = NULL;
  g_autofree char *text = NULL, *json = NULL, *listening = NULL, *line = NULL;
  const MciEndpointGroup *looping;
  Child child = { 0 };
  MciOwner owner;

  g_assert_nonnull (self_path);
  child_start (&child, child_argv);
  text = run_report (text_argv, 0);
  listening = g_strdup_printf ("127.0.0.1:%s ", child.first_line);
  line = find_line (text, listening);
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "]0;pwn"));
  assert_safe (text);
  json = run_report (json_argv, 0);
  g_assert_nonnull (strstr (json, "]0;pwn"));
  assert_safe (json);

  snapshot = sample (map);
  looping = mci_test_find_group (snapshot, MCI_SECTION_LOOPING, "127.0.0.1", -1, "127.0.0.1",
                                 atoi (child.first_line));
  g_assert_nonnull (looping);
  g_assert_true (mci_snapshot_get_owner (snapshot, looping->connections[0], &owner));
  g_assert_cmpint (owner.pid, ==, child.pid);
  g_assert_cmpstr (owner.process, ==, "\xef\xbf\xbd[2J\xef\xbf\xbd]0;pwn\xef\xbf\xbd\xef\xbf\xbd");
  g_assert_nonnull (strstr (owner.command_line, "--hold-socket-as-hostile"));
  assert_safe (owner.command_line);
  assert_safe (mci_snapshot_get_group_owner (snapshot, looping, NULL, NULL));
  child_stop (&child);
}

/* A process that exits between the reading of its fds and of its name: its socket gets
 * neither a pid nor a name, never a pid without a name. Played on a proc tree of the
 * test's own, where process 4242 has its socket link but no comm, stat or cmdline any
 * more, and process 4343 is whole. */
static void
test_exited_midway (void)
{
  g_autofree char *proc = g_dir_make_tmp ("mci-proc-XXXXXX", NULL);
  g_autoptr(MciOwnerMap) map = NULL;
  g_autoptr(MciOwners) owners = NULL;
  MciConnection rows[2];
  MciOwner owner;
  g_autofree char *fd_gone = g_build_filename (proc, "4242", "fd", NULL);
  g_autofree char *fd_whole = g_build_filename (proc, "4343", "fd", NULL);
  g_autofree char *link_gone = g_build_filename (fd_gone, "3", NULL);
  g_autofree char *link_whole = g_build_filename (fd_whole, "3", NULL);
  g_autofree char *comm = g_build_filename (proc, "4343", "comm", NULL);

  g_assert_cmpint (g_mkdir_with_parents (fd_gone, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (fd_whole, 0755), ==, 0);
  g_assert_cmpint (symlink ("socket:[777]", link_gone), ==, 0);
  g_assert_cmpint (symlink ("socket:[888]", link_whole), ==, 0);
  g_assert_true (g_file_set_contents (comm, "whole\n", -1, NULL));
  memset (rows, 0, sizeof rows);
  rows[0].inode = 777;
  rows[1].inode = 888;

  map = mci_owner_map_new (proc);
  owners = mci_owner_map_lookup (map, rows, G_N_ELEMENTS (rows));
  g_assert_true (mci_owners_get (owners, 0, &owner));
  g_assert_cmpint (owner.pid, ==, 0);
  g_assert_null (owner.process);
  g_assert_true (mci_owners_get (owners, 1, &owner));
  g_assert_cmpint (owner.pid, ==, 4343);
  g_assert_cmpstr (owner.process, ==, "whole");
  /* this proc tree has no mountinfo: why units cannot be named travels with the owner */
  g_assert_nonnull (owner.units_unseen);
  g_assert_nonnull (strstr (owner.units_unseen, "Units cannot be named"));

  {
    g_autofree char *command = g_strdup_printf ("rm -rf %s", proc);
    g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "--hold-socket-as-hostile") == 0)
    return hold_socket_as_hostile ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/owners/children", test_children);
  g_test_add_func ("/owners/other-user", test_other_user);
  g_test_add_func ("/owners/pid-namespace", test_pid_namespace);
  g_test_add_func ("/owners/hostile-names", test_hostile_names);
  g_test_add_func ("/owners/exited-midway", test_exited_midway);

  return g_test_run ();
}
