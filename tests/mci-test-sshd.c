/* mci-test-sshd.c: real OpenSSH servers, each in a network namespace of its own
 *
 * The test process moves into a network namespace of its own first, so the bridge
 * and 198.51.100.1 are nobody else's. Each server is a namespace held by a sleeping
 * process (anonymous: it goes when the test does), joined to that bridge by a veth,
 * with sshd on a throwaway host key and a service on port 7000 that keeps what
 * connects to it. The client's ssh configuration is the test's own, passed through
 * MCI_SSH_CONFIG: root's ~/.ssh is never read.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-test-sshd"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mci-test-sshd.h"
#include "mci-test-util.h"

static char *directory;

static void
run_argv (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s failed: %s", argv[0], argv[1], err);
}

static void
run_shell (const char *command_line)
{
  const char *argv[] = { "sh", "-c", command_line, NULL };

  run_argv (argv);
}

const char *
mci_test_ssh_directory (void)
{
  return directory;
}

/* An ssh_config of the test's own: its known hosts, its key, nothing of root's. */
char *
mci_test_ssh_write_config (const char *identity)
{
  g_autofree char *path = g_strdup_printf ("%s/ssh_config-%s", directory,
                                           strrchr (identity, '/') + 1);
  g_autofree char *text = NULL;

  text = g_strdup_printf ("Host *\n"
                          "  User root\n"
                          "  IdentityFile %s\n"
                          "  IdentitiesOnly yes\n"
                          "  IdentityAgent none\n"
                          "  UserKnownHostsFile %s/known_hosts\n"
                          "  GlobalKnownHostsFile /dev/null\n"
                          "  StrictHostKeyChecking yes\n"
                          "  ConnectTimeout 5\n",
                          identity, directory);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_steal_pointer (&path);
}

const char *
mci_test_ssh_wrong_key (void)
{
  static char *path;

  if (path == NULL)
    path = g_build_filename (directory, "wrong_key", NULL);
  return path;
}

static void
make_keys (void)
{
  g_autofree char *keys = g_strdup_printf (
    "cd %s && ssh-keygen -q -t ed25519 -N '' -C mci-host -f host_key"
    " && ssh-keygen -q -t ed25519 -N '' -C mci-user -f user_key"
    " && ssh-keygen -q -t ed25519 -N '' -C mci-wrong -f wrong_key"
    " && cp user_key.pub authorized_keys"
    " && printf '198.51.100.* %%s\\n' \"$(cut -d' ' -f1,2 host_key.pub)\" > known_hosts"
    " && mkdir busybox-bin && busybox --install -s busybox-bin", directory);
  g_autofree char *no_proc = g_build_filename (directory, "no-proc.sh", NULL);

  run_shell (keys);
  g_assert_true (g_file_set_contents (no_proc,
                                      "#!/bin/sh\n"
                                      "exec unshare -m sh -c 'mount -t tmpfs mci /proc && "
                                      "exec sh -c \"$SSH_ORIGINAL_COMMAND\"'\n", -1, NULL));
  g_assert_cmpint (g_chmod (no_proc, 0755), ==, 0);
}

/* Root, a namespace of the test's own with a bridge at 198.51.100.1, keys, a client
 * configuration in MCI_SSH_CONFIG. */
void
mci_test_ssh_setup (void)
{
  g_autofree char *user_key = NULL;
  g_autofree char *config = NULL;
  g_autofree char *ssh = g_find_program_in_path ("ssh");

  mci_test_require_root ("it starts sshd in network namespaces");
  if (!g_file_test ("/usr/sbin/sshd", G_FILE_TEST_IS_EXECUTABLE) || ssh == NULL)
    {
      if (g_getenv ("MCI_TEST_REQUIRE_ALL") != NULL)
        g_error ("openssh-server and openssh-client are needed, and MCI_TEST_REQUIRE_ALL "
                 "forbids skipping");
      g_print ("1..0 # SKIP openssh-server or openssh-client is not installed\n");
      exit (77);
    }
  g_assert_cmpint (unshare (CLONE_NEWNET), ==, 0);
  run_shell ("ip link set lo up && ip link add mci-ssh-br type bridge"
             " && ip addr add 198.51.100.1/24 dev mci-ssh-br && ip link set mci-ssh-br up");
  directory = g_dir_make_tmp ("mci-ssh-test-XXXXXX", NULL);
  g_assert_nonnull (directory);
  make_keys ();
  /* sshd refuses to start without its privilege separation directory */
  g_mkdir_with_parents ("/run/sshd", 0755);
  user_key = g_build_filename (directory, "user_key", NULL);
  config = mci_test_ssh_write_config (user_key);
  g_setenv ("MCI_SSH_CONFIG", config, TRUE);
}

/* unshare () moved this thread only: threads that were there before (GTK's, GDBus',
 * GLib's pool spawner) stay behind, and an ssh they start would look for the servers in
 * the machine's namespace. This ssh always joins the test's. */
void
mci_test_ssh_client_in_namespace (void)
{
  g_autofree char *wrapper = g_build_filename (directory, "ssh-in-namespace", NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\n"
                                             "exec nsenter --net=/proc/%d/ns/net ssh \"$@\"\n",
                                             (int) getpid ());

  g_assert_true (g_file_set_contents (wrapper, script, -1, NULL));
  g_assert_cmpint (g_chmod (wrapper, 0755), ==, 0);
  g_setenv ("MCI_SSH", wrapper, TRUE);
}

void
mci_test_ssh_teardown (void)
{
  g_autofree char *command = g_strdup_printf ("rm -rf %s", directory);

  run_shell (command);
  g_clear_pointer (&directory, g_free);
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* mci_test_wait_until () for what no event of the main context announces: a namespace,
 * a port, a server coming back. */
gboolean
mci_test_ssh_poll_until (MciTestCondition done,
                         gpointer         data,
                         guint            timeout_ms)
{
  guint ticker = g_timeout_add (50, tick, NULL);
  gboolean held = mci_test_wait_until (done, data, timeout_ms);

  g_source_remove (ticker);
  return held;
}

static gboolean
has_own_namespace (gpointer data)
{
  GPid pid = GPOINTER_TO_INT (data);
  g_autofree char *path = g_strdup_printf ("/proc/%d/ns/net", pid);
  g_autofree char *theirs = g_file_read_link (path, NULL);
  g_autofree char *ours = g_file_read_link ("/proc/self/ns/net", NULL);

  return theirs != NULL && ours != NULL && !g_str_equal (theirs, ours);
}

/* nsenter's command line for @first… in the server's namespace */
static GPtrArray *
argv_inside (MciTestSshd *server,
             const char  *first,
             va_list      args)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup ("nsenter"));
  g_ptr_array_add (argv, g_strdup_printf ("--net=/proc/%d/ns/net", server->holder_pid));
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  g_ptr_array_add (argv, NULL);
  return argv;
}

static GSubprocess *
spawn_inside (MciTestSshd     *server,
              GSubprocessFlags flags,
              const char      *first,
              ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  va_list args;

  va_start (args, first);
  argv = argv_inside (server, first, args);
  va_end (args);
  /* nothing outlives a test that crashed */
  g_ptr_array_insert (argv, 0, g_strdup ("--pdeathsig=KILL"));
  g_ptr_array_insert (argv, 0, g_strdup ("setpriv"));
  process = g_subprocess_newv ((const char * const *) argv->pdata, flags, &error);
  g_assert_no_error (error);
  return process;
}

/* Runs a command in the server's namespace and returns its standard output. */
char *
mci_test_sshd_run_inside (MciTestSshd *server,
                          const char  *first,
                          ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;
  va_list args;

  va_start (args, first);
  argv = argv_inside (server, first, args);
  va_end (args);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s inside failed: %s", first, err);
  return out;
}

typedef struct
{
  const char *address;
  guint16     port;
} Endpoint;

static gboolean
accepts (gpointer data)
{
  const Endpoint *endpoint = data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  g_socket_client_set_timeout (client, 1);
  connection = g_socket_client_connect_to_host (client, endpoint->address, endpoint->port, NULL,
                                                NULL);
  return connection != NULL;
}

static void
wait_for_port (MciTestSshd *server,
               guint16      port)
{
  Endpoint endpoint = { server->address, port };

  if (!mci_test_ssh_poll_until (accepts, &endpoint, MCI_TEST_WAIT_MS))
    g_error ("%s does not listen on %u", server->address, port);
}

static void
write_sshd_config (MciTestSshd      *server,
                   MciTestSshdFlags  flags)
{
  g_autofree char *force = NULL;
  g_autofree char *text = NULL;

  /* BusyBox's sh runs the session, with only BusyBox's tools on its PATH */
  if (flags & MCI_TEST_SSHD_BUSYBOX)
    force = g_strdup_printf ("ForceCommand PATH=%s/busybox-bin exec /bin/busybox sh -c "
                             "\"$SSH_ORIGINAL_COMMAND\"\n", directory);
  /* the session's own mount namespace, with a tmpfs over /proc */
  if (flags & MCI_TEST_SSHD_NO_PROC)
    force = g_strdup_printf ("ForceCommand %s/no-proc.sh\n", directory);
  server->config = g_strdup_printf ("%s/sshd_config-%u", directory, server->index);
  text = g_strdup_printf ("ListenAddress %s\n"
                          "HostKey %s/host_key\n"
                          "AuthorizedKeysFile %s/authorized_keys\n"
                          "PermitRootLogin prohibit-password\n"
                          "PasswordAuthentication no\n"
                          "KbdInteractiveAuthentication no\n"
                          "UsePAM no\n"
                          "StrictModes no\n"
                          "PidFile none\n"
                          "%s",
                          server->address, directory, directory, force != NULL ? force : "");
  g_assert_true (g_file_set_contents (server->config, text, -1, NULL));
}

void
mci_test_sshd_start_sshd (MciTestSshd *server)
{
  g_assert_null (server->sshd);
  server->sshd = spawn_inside (server, G_SUBPROCESS_FLAGS_NONE, "/usr/sbin/sshd", "-D", "-e", "-f", server->config, NULL);
  wait_for_port (server, 22);
}

/* Kills sshd, and with it every session it serves: the namespace's processes but its
 * holder and its service. */
void
mci_test_sshd_kill_sshd (MciTestSshd *server)
{
  g_autofree char *ours = g_strdup_printf ("/proc/%d/ns/net", server->holder_pid);
  g_autofree char *namespace = g_file_read_link (ours, NULL);
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  GPid service = atoi (g_subprocess_get_identifier (server->service));
  const char *name;

  g_assert_nonnull (namespace);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      GPid pid = atoi (name);
      g_autofree char *path = g_strdup_printf ("/proc/%d/ns/net", pid);
      g_autofree char *theirs = NULL;

      if (pid <= 0 || pid == server->holder_pid || pid == service)
        continue;
      theirs = g_file_read_link (path, NULL);
      if (theirs != NULL && g_str_equal (theirs, namespace))
        kill (pid, SIGKILL);
    }
  if (server->sshd != NULL)
    g_subprocess_wait (server->sshd, NULL, NULL);
  g_clear_object (&server->sshd);
}

/* From now on the server never answers: every packet to it is dropped. */
void
mci_test_sshd_blackhole (MciTestSshd *server)
{
  g_autofree char *out = mci_test_sshd_run_inside (server, "iptables", "-I", "INPUT", "-j",
                                                   "DROP", NULL);
}

static void
start_service (MciTestSshd *server)
{
  g_autofree char *script = g_strdup_printf (
    "import socket, time\n"
    "s = socket.socket()\n"
    "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
    "s.bind(('0.0.0.0', %d))\n"
    "s.listen(64)\n"
    "print('listening', flush=True)\n"
    "kept = []\n"
    "while True:\n"
    "    kept.append(s.accept()[0])\n", MCI_TEST_SSHD_SERVICE_PORT);

  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  /* a probe connection would stay in its count: it says when it listens */
  server->service = spawn_inside (server, G_SUBPROCESS_FLAGS_STDOUT_PIPE, "python3", "-c", script,
                                  NULL);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->service));
  line = g_data_input_stream_read_line (out, NULL, NULL, NULL);
  g_assert_cmpstr (line, ==, "listening");
}

static void
connect_clients (MciTestSshd *server,
                 guint        n_clients)
{
  for (guint i = 0; i < n_clients; i++)
    {
      int fd = mci_test_connect (server->address, MCI_TEST_SSHD_SERVICE_PORT);

      g_array_append_val (server->clients, fd);
    }
}

/* Server @index (0–199) at 198.51.100.(10 + @index), with @n_clients connections of
 * this side's kept open to its service. */
MciTestSshd *
mci_test_sshd_start (guint            index,
                     MciTestSshdFlags flags,
                     guint            n_clients)
{
  MciTestSshd *server = g_new0 (MciTestSshd, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *veth = NULL;

  g_assert_cmpuint (index, <, 200);
  server->index = index;
  server->address = g_strdup_printf ("198.51.100.%u", 10 + index);
  server->clients = g_array_new (FALSE, FALSE, sizeof (int));
  server->holder = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "setpriv", "--pdeathsig=KILL",
                                     "unshare", "-n", "--",
                                     "sleep", "100000", NULL);
  g_assert_no_error (error);
  server->holder_pid = atoi (g_subprocess_get_identifier (server->holder));
  if (!mci_test_ssh_poll_until (has_own_namespace, GINT_TO_POINTER (server->holder_pid),
                                MCI_TEST_WAIT_MS))
    g_error ("the server's namespace did not appear");
  veth = g_strdup_printf ("ip link add mci-ssh-v%u type veth peer name eth0 netns %d"
                          " && ip link set mci-ssh-v%u master mci-ssh-br up"
                          " && nsenter --net=/proc/%d/ns/net sh -c 'ip link set lo up"
                          " && ip addr add %s/24 dev eth0 && ip link set eth0 up'",
                          index, server->holder_pid, index, server->holder_pid, server->address);
  run_shell (veth);
  write_sshd_config (server, flags);
  start_service (server);
  if (!(flags & MCI_TEST_SSHD_NO_SSHD))
    mci_test_sshd_start_sshd (server);
  connect_clients (server, n_clients);
  return server;
}

void
mci_test_sshd_stop (MciTestSshd *server)
{
  g_autofree char *link = g_strdup_printf ("ip link del mci-ssh-v%u 2>/dev/null || true",
                                           server->index);

  for (guint i = 0; i < server->clients->len; i++)
    close (g_array_index (server->clients, int, i));
  mci_test_sshd_kill_sshd (server);
  g_subprocess_force_exit (server->service);
  g_subprocess_wait (server->service, NULL, NULL);
  g_subprocess_force_exit (server->holder);
  g_subprocess_wait (server->holder, NULL, NULL);
  run_shell (link);
  g_object_unref (server->service);
  g_object_unref (server->holder);
  g_array_unref (server->clients);
  g_free (server->address);
  g_free (server->config);
  g_free (server);
}
