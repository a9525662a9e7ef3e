/* mci-test-util.c: what several test programs need
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mci-report.h"
#include "mci-source.h"
#include "mci-unit-map.h"
#include "mci-test-util.h"

char *
mci_test_fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

MciSnapshot *
mci_test_load_fixture (const char *name)
{
  g_autofree char *path = mci_test_fixture_path (name);
  g_autoptr(GError) error = NULL;
  MciSnapshot *snapshot = mci_snapshot_new_from_proc (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  return snapshot;
}

static gboolean
address_matches (const MciAddress *address,
                 const char       *text)
{
  MciAddress expected = { 0 };

  if (text == NULL)
    return !mci_address_is_set (address);
  g_assert_true (mci_address_parse (&expected, text));
  return mci_address_equal (address, &expected);
}

/* NULL addresses and -1 ports match the parts that are not in the group's key. */
const MciEndpointGroup *
mci_test_find_group (MciSnapshot    *snapshot,
                     MciSectionKind  kind,
                     const char     *local_address,
                     int             local_port,
                     const char     *remote_address,
                     int             remote_port)
{
  const MciSection *section = mci_snapshot_get_section (snapshot, kind);

  for (guint i = 0; i < section->n_groups; i++)
    {
      const MciEndpointGroup *group = &section->groups[i];

      if (address_matches (&group->key.local_address, local_address) &&
          address_matches (&group->key.remote_address, remote_address) &&
          group->key.local_port == local_port && group->key.remote_port == remote_port)
        return group;
    }
  return NULL;
}

/* One sample of @source, which must not fail. */
MciSnapshot *
mci_test_read_source (MciSource *source)
{
  g_autoptr(GError) error = NULL;
  MciSnapshot *snapshot = mci_source_read (source, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  return snapshot;
}

/* For failure messages: the whole snapshot as the text report prints it. */
char *
mci_test_describe (MciSnapshot *snapshot)
{
  return mci_report_format_text (snapshot, MCI_REPORT_LISTENING, NULL, NULL);
}

/* Skips (exit code 77 through TAP's skip) unless root; CI runs as root, where it
 * must never skip, so MCI_TEST_REQUIRE_ALL turns the skip into a failure. */
void
mci_test_require_root (const char *why)
{
  if (geteuid () == 0)
    return;
  if (g_getenv ("MCI_TEST_REQUIRE_ALL") != NULL)
    g_error ("This test needs root (%s), and MCI_TEST_REQUIRE_ALL forbids skipping", why);
  g_print ("1..0 # SKIP needs root: %s\n", why);
  exit (77);
}

/* Runs @command_line (ip, say), and fails the test with its stderr if it fails. */
void
mci_test_run_command (const char *command_line)
{
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_command_line_sync (command_line, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("“%s” failed: %s", command_line, err);
}

/* This process's resident memory, for tests and benchmarks of a bound. */
long
mci_test_resident_kib (void)
{
  g_autofree char *statm = NULL;
  long size, resident;

  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  g_assert_cmpint (sscanf (statm, "%ld %ld", &size, &resident), ==, 2);
  return resident * (sysconf (_SC_PAGESIZE) / 1024);
}

static socklen_t
make_sockaddr (const char              *text,
               guint16                  port,
               struct sockaddr_storage *storage)
{
  struct sockaddr_in *in4 = (struct sockaddr_in *) storage;
  struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) storage;

  memset (storage, 0, sizeof *storage);
  if (inet_pton (AF_INET, text, &in4->sin_addr) == 1)
    {
      in4->sin_family = AF_INET;
      in4->sin_port = htons (port);
      return sizeof *in4;
    }
  g_assert_cmpint (inet_pton (AF_INET6, text, &in6->sin6_addr), ==, 1);
  in6->sin6_family = AF_INET6;
  in6->sin6_port = htons (port);
  return sizeof *in6;
}

/* A real listening socket on @address, on a port the kernel picks. */
int
mci_test_listen (const char *address,
                 guint16    *port)
{
  struct sockaddr_storage storage;
  socklen_t length = make_sockaddr (address, 0, &storage);
  int fd = socket (storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &storage, length), ==, 0);
  g_assert_cmpint (listen (fd, 64), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &storage, &length), ==, 0);
  *port = ntohs (storage.ss_family == AF_INET ? ((struct sockaddr_in *) &storage)->sin_port
                                              : ((struct sockaddr_in6 *) &storage)->sin6_port);
  return fd;
}

int
mci_test_connect (const char *address,
                  guint16     port)
{
  struct sockaddr_storage storage;
  socklen_t length = make_sockaddr (address, port, &storage);
  int fd = socket (storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (connect (fd, (struct sockaddr *) &storage, length), ==, 0);
  return fd;
}

int
mci_test_accept (int listener)
{
  int fd = accept4 (listener, NULL, NULL, SOCK_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  return fd;
}

/* Waits until the other end's close has reached @fd: its FIN has arrived, and reading
 * would give end of file. */
void
mci_test_wait_for_peer_close (int fd)
{
  struct pollfd ready = { fd, POLLRDHUP, 0 };

  if (poll (&ready, 1, MCI_TEST_WAIT_MS) != 1)
    g_error ("timed out after %u ms waiting for the other end to close", MCI_TEST_WAIT_MS);
  g_assert_true (ready.revents & POLLRDHUP);
}

static void
on_sampled (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  MciSnapshot **snapshot = user_data;
  g_autoptr(GError) error = NULL;

  *snapshot = mci_sampler_sample_finish (MCI_SAMPLER (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer pointer)
{
  return *(gpointer *) pointer != NULL;
}

/* One sample through @sampler, as a view takes it (its worker feeds a socket memory). */
MciSnapshot *
mci_test_sampler_sample (MciSampler *sampler)
{
  MciSnapshot *snapshot = NULL;

  mci_sampler_sample_async (sampler, NULL, on_sampled, &snapshot);
  mci_test_wait_for (is_set, &snapshot, "a sample");
  return snapshot;
}

/* TCP state changes take a moment (a FIN to cross, an ACK to return): samples the
 * live machine as the application does (netlink, with traffic) until @done holds, and
 * returns that snapshot; fails the test after MCI_TEST_WAIT_MS. */
MciSnapshot *
mci_test_sample_until (gboolean (*done) (MciSnapshot *snapshot,
                                         gpointer     data),
                       gpointer   data)
{
  g_autoptr(MciSource) source = mci_source_new_live (MCI_SOURCE_NETLINK, TRUE);
  gint64 deadline = g_get_monotonic_time () + MCI_TEST_WAIT_MS * G_TIME_SPAN_MILLISECOND;

  /* the kernel's state, not the main loop's: polled, as a person would look again */
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MciSnapshot) snapshot = mci_source_read (source, NULL, &error);

      g_assert_no_error (error);
      if (done (snapshot, data))
        return g_steal_pointer (&snapshot);
      g_usleep (20 * G_TIME_SPAN_MILLISECOND);
    }
  g_error ("the live machine did not come to the state awaited within %d ms",
           MCI_TEST_WAIT_MS);
}

/* Runs the main context for @ms, handling whatever comes: for a test whose point is
 * that nothing happens meanwhile (and for the benchmarks); all else waits for its
 * condition with mci_test_wait_for(). */
void
mci_test_iterate_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* Sends @size bytes on @from and reads them all on @to, in turns, so that neither
 * waits for the other however small the socket buffers are. */
void
mci_test_transfer (int   from,
                   int   to,
                   gsize size)
{
  g_autofree char *data = g_malloc (size);
  gsize sent = 0, received = 0;

  memset (data, 'x', size);
  while (received < size)
    {
      if (sent < size)
        {
          ssize_t n = send (from, data + sent, MIN (size - sent, 65536), MSG_DONTWAIT);

          g_assert_true (n > 0 || errno == EAGAIN);
          sent += MAX (n, 0);
        }
      ssize_t n = recv (to, data, size - received, sent < size ? MSG_DONTWAIT : 0);
      g_assert_true (n > 0 || (n < 0 && errno == EAGAIN));
      received += MAX (n, 0);
    }
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context until @done holds or @timeout_ms have passed, and says whether
 * it held. Between events the context sleeps: a timer wakes it at the deadline. */
gboolean
mci_test_wait_until (MciTestCondition done,
                     gpointer         data,
                     guint            timeout_ms)
{
  gboolean timed_out = FALSE;
  guint deadline = g_timeout_add (timeout_ms, set_flag, &timed_out);
  gboolean held;

  while (!(held = done (data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (deadline);
  return held;
}

void
mci_test_wait_for_at (MciTestCondition  done,
                      gpointer          data,
                      const char       *what,
                      const char       *file,
                      int               line,
                      const char       *func)
{
  g_autofree char *message = NULL;

  if (mci_test_wait_until (done, data, MCI_TEST_WAIT_MS))
    return;
  message = g_strdup_printf ("timed out after %u ms waiting for %s", MCI_TEST_WAIT_MS, what);
  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
}

/* A condition: the pointer at @pointer is NULL, as a weak pointer is once its object
 * has been freed. */
gboolean
mci_test_cleared (gpointer pointer)
{
  return *(gpointer *) pointer == NULL;
}

static gboolean
lookup_done (gpointer data)
{
  return !mci_lookup_get_busy (data);
}

/* Waits for every part of @lookup to have come in. */
void
mci_test_wait_for_lookup (MciLookup *lookup)
{
  mci_test_wait_for (lookup_done, lookup, "the look-up");
}

typedef struct
{
  MciConnectionModel *model;
  guint               n_samples;
} SamplesWait;

static gboolean
has_samples (gpointer data)
{
  SamplesWait *wait = data;

  return mci_connection_model_get_n_samples (wait->model) >= wait->n_samples;
}

/* Waits until @model has taken @n_samples samples since it was made. */
void
mci_test_wait_for_samples (MciConnectionModel *model,
                           guint               n_samples)
{
  SamplesWait wait = { model, n_samples };
  g_autofree char *what = g_strdup_printf ("the model's sample number %u", n_samples);

  mci_test_wait_for (has_samples, &wait, what);
}

static gboolean
not_sampling (gpointer data)
{
  return !mci_connection_model_get_sampling (data);
}

void
mci_test_wait_for_sample_to_end (MciConnectionModel *model)
{
  mci_test_wait_for (not_sampling, model, "the model's sample in flight to end");
}

void
mci_test_run_clear (MciTestRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

/* Runs a command to its end, with @input on its standard input. */
void
mci_test_run (MciTestRun  *run,
              const char  *input,
              const char  *first,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

/* The most-connected-ip under test. */
const char *
mci_test_binary (void)
{
  const char *path = g_getenv ("MCI_BINARY");

  g_assert_nonnull (path);
  return path;
}

/* A usage error or a failure: one line on stderr, naming the program, nothing on stdout. */
void
mci_test_assert_one_line_error (const MciTestRun *run,
                                int               status,
                                const char       *needle)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "most-connected-ip: "));
  g_assert_nonnull (strstr (run->err, needle));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_cmpint (strchr (run->err, '\n') - run->err, ==, (int) strlen (run->err) - 1);
}

/* The port the kernel gave @fd's own end. */
guint16
mci_test_local_port (int fd)
{
  struct sockaddr_storage address;
  socklen_t length = sizeof address;

  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &address, &length), ==, 0);
  return g_ntohs (address.ss_family == AF_INET6
                  ? ((struct sockaddr_in6 *) &address)->sin6_port
                  : ((struct sockaddr_in *) &address)->sin_port);
}

/* Makes a cgroup of the test's own and forks a child that moves itself into it, runs
 * @body there (which makes the sockets the test looks at and returns a port to report)
 * and waits to be stopped. The child dies with the test, should the test fail. */
void
mci_test_cgroup_child_start (MciTestCgroupChild *child,
                             const char         *prefix,
                             MciTestCgroupBody   body,
                             guint16            *port)
{
  g_autoptr(MciUnitMap) map = mci_unit_map_new ("/proc/self/mountinfo");
  g_autofree char *procs = NULL;
  int ready[2];

  mci_test_require_root ("it makes a cgroup");
  g_assert_no_error ((GError *) mci_unit_map_get_error (map));
  child->unit = g_strdup_printf ("%s-%d.scope", prefix, (int) getpid ());
  child->directory = g_build_filename (mci_unit_map_get_root (map), child->unit, NULL);
  procs = g_build_filename (child->directory, "cgroup.procs", NULL);
  if (mkdir (child->directory, 0755) < 0)
    g_error ("cannot make the cgroup %s: %s", child->directory, g_strerror (errno));
  g_assert_cmpint (pipe (ready), ==, 0);
  child->pid = fork ();
  g_assert_cmpint (child->pid, >=, 0);
  if (child->pid == 0)
    {
      g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
      int fd = open (procs, O_WRONLY | O_CLOEXEC);
      guint16 reported;

      prctl (PR_SET_PDEATHSIG, SIGKILL);
      /* cgroup files take a write (2), not a file put in place by rename */
      if (fd < 0 || write (fd, pid, strlen (pid)) < 0)
        _exit (1);
      close (fd);
      reported = body ();
      if (write (ready[1], &reported, sizeof reported) != sizeof reported)
        _exit (1);
      pause ();
      _exit (0);
    }
  close (ready[1]);
  g_assert_cmpint (read (ready[0], port, sizeof *port), ==, sizeof *port);
  close (ready[0]);
}

/* Ends the child, and removes its cgroup. */
void
mci_test_cgroup_child_stop (MciTestCgroupChild *child)
{
  kill (child->pid, SIGTERM);
  waitpid (child->pid, NULL, 0);
  g_assert_cmpint (rmdir (child->directory), ==, 0);
  g_clear_pointer (&child->directory, g_free);
  g_clear_pointer (&child->unit, g_free);
}

void
mci_test_count_items_changed (GListModel          *model,
                              guint                position,
                              guint                removed,
                              guint                added,
                              MciTestItemsChanged *changes)
{
  changes->n_changes++;
  changes->removed += removed;
  changes->added += added;
}
