/* bench-ssh.c: what reading servers over ssh costs, against real sshd in namespaces
 *
 * Part one: a fleet of servers refreshed once a second, the wall time of each refresh
 * and this side's CPU (this process and its ssh clients) per server per sample.
 * Part two: the fleet as the window reads it (MciFleetSource), one server blackholed
 * once all have answered: the wall time of each sample, which the patience bounds
 * rather than the hung server's timeout.
 * Part three: one server with many sockets, the time from request to snapshot on an
 * open connection, beside `ssh HOST cat /proc/net/tcp /proc/net/tcp6`, the floor.
 *
 * As root: _build/tests/bench/bench-ssh [SERVERS] [SAMPLES] [CONNECTIONS]
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench-sockets.h"
#include "mci-fleet.h"
#include "mci-fleet-source.h"
#include "mci-ssh-source.h"
#include "mci-test-sshd.h"

/* utime + stime of one process, in seconds */
static double
process_cpu (const char *stat_path)
{
  g_autofree char *text = NULL;
  const char *after;
  unsigned long utime, stime;

  if (!g_file_get_contents (stat_path, &text, NULL, NULL)
      || (after = strrchr (text, ')')) == NULL
      || sscanf (after + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
                 &utime, &stime) != 2)
    return 0;
  return (double) (utime + stime) / sysconf (_SC_CLK_TCK);
}

static pid_t
parent_of (const char *stat_path)
{
  g_autofree char *text = NULL;
  const char *after;
  int ppid;

  if (!g_file_get_contents (stat_path, &text, NULL, NULL)
      || (after = strrchr (text, ')')) == NULL || sscanf (after + 2, "%*c %d", &ppid) != 1)
    return -1;
  return ppid;
}

/* This side's CPU: this process and its children, the ssh clients. */
static double
this_side_cpu (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  double total = process_cpu ("/proc/self/stat");
  const char *name;

  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *stat_path = g_strdup_printf ("/proc/%s/stat", name);

      if (g_ascii_isdigit (name[0]) && parent_of (stat_path) == getpid ())
        total += process_cpu (stat_path);
    }
  return total;
}

static void
bench_fleet (guint n_servers,
             guint n_samples)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree double *walls = g_new (double, n_samples);
  MciTestSshd **servers = g_new (MciTestSshd *, n_servers);
  g_autoptr(MciFleet) fleet = NULL;
  double cpu_before, first;
  gint64 start;

  for (guint i = 0; i < n_servers; i++)
    {
      servers[i] = mci_test_sshd_start (i, MCI_TEST_SSHD_NONE, 5);
      g_ptr_array_add (sources, mci_ssh_source_new (servers[i]->address, NULL));
    }
  fleet = mci_fleet_new ((MciSource * const *) sources->pdata, n_servers);
  start = g_get_monotonic_time ();
  mci_fleet_read (fleet, NULL);
  first = (g_get_monotonic_time () - start) / 1000.0;
  for (guint i = 0; i < n_servers; i++)
    if (mci_fleet_get_snapshot (fleet, i) == NULL)
      g_error ("%s: %s", servers[i]->address, mci_fleet_get_error (fleet, i)->message);

  cpu_before = this_side_cpu ();
  for (guint s = 0; s < n_samples; s++)
    {
      gint64 tick = g_get_monotonic_time ();

      mci_fleet_read (fleet, NULL);
      walls[s] = (g_get_monotonic_time () - tick) / 1000.0;
      g_usleep (MAX (0, G_USEC_PER_SEC - (g_get_monotonic_time () - tick)));
    }
  printf ("%u servers, 1 s refresh, %u samples:\n", n_servers, n_samples);
  printf ("  first read, connecting (%u at once at most): %.0f ms\n", MCI_FLEET_MAX_CONNECTING,
          first);
  printf ("  refresh wall time, median: %.1f ms\n", bench_median (walls, n_samples));
  printf ("  this side's CPU per server per sample: %.2f ms\n",
          (this_side_cpu () - cpu_before) * 1000.0 / (n_servers * n_samples));
  g_clear_pointer (&fleet, mci_fleet_free);
  g_ptr_array_set_size (sources, 0);
  for (guint i = 0; i < n_servers; i++)
    mci_test_sshd_stop (servers[i]);
  g_free (servers);
}

static gboolean
all_answered (MciFleetSource *fleet)
{
  for (guint i = 0; i < mci_fleet_source_get_n_servers (fleet); i++)
    if (mci_fleet_source_get_server_state (fleet, i, NULL, NULL) != MCI_SERVER_ANSWERED)
      return FALSE;
  return TRUE;
}

static void
bench_fleet_source (guint n_servers,
                    guint n_samples)
{
  g_autofree double *walls = g_new (double, n_samples);
  MciTestSshd **servers = g_new (MciTestSshd *, n_servers);
  g_autofree const char **destinations = g_new0 (const char *, n_servers + 1);
  g_autoptr(MciSource) source = NULL;
  g_autoptr(GError) error = NULL;
  double longest = 0;
  guint late = 0;

  for (guint i = 0; i < n_servers; i++)
    {
      servers[i] = mci_test_sshd_start (100 + i, MCI_TEST_SSHD_NONE, 5);
      destinations[i] = servers[i]->address;
    }
  source = mci_fleet_source_new (destinations, NULL);
  do
    {
      g_autoptr(MciSnapshot) snapshot = mci_source_read (source, NULL, &error);

      g_assert_no_error (error);
    }
  while (!all_answered (MCI_FLEET_SOURCE (source)));
  mci_test_sshd_blackhole (servers[0]);
  for (guint s = 0; s < n_samples; s++)
    {
      gint64 tick = g_get_monotonic_time ();
      g_autoptr(MciSnapshot) snapshot = mci_source_read (source, NULL, &error);

      g_assert_no_error (error);
      walls[s] = (g_get_monotonic_time () - tick) / 1000.0;
      longest = MAX (longest, walls[s]);
      late += mci_fleet_source_get_server_state (MCI_FLEET_SOURCE (source), 0, NULL, NULL)
              != MCI_SERVER_ANSWERED;
      g_usleep (MAX (0, G_USEC_PER_SEC / 2 - (g_get_monotonic_time () - tick)));
    }
  printf ("%u servers as one source, one blackholed, patience %u ms, timeout %.0f s:\n",
          n_servers, MCI_FLEET_SOURCE_DEFAULT_PATIENCE_MS, MCI_SSH_DEFAULT_TIMEOUT);
  printf ("  sample wall time, median: %.0f ms, longest: %.0f ms (%u of %u samples without "
          "the hung server)\n", bench_median (walls, n_samples),
          longest, late, n_samples);
  g_clear_object (&source);
  for (guint i = 0; i < n_servers; i++)
    mci_test_sshd_stop (servers[i]);
  g_free (servers);
}

/* Connections held by helpers forked inside the server's namespace. */
static GArray *
sockets_inside (MciTestSshd *server,
                guint        n_connections)
{
  g_autofree char *theirs = g_strdup_printf ("/proc/%d/ns/net", server->holder_pid);
  int ours_fd = open ("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  int theirs_fd = open (theirs, O_RDONLY | O_CLOEXEC);
  GArray *helpers;

  if (ours_fd < 0 || theirs_fd < 0 || setns (theirs_fd, CLONE_NEWNET) < 0)
    bench_die ("setns");
  helpers = bench_sockets_start (n_connections);
  if (setns (ours_fd, CLONE_NEWNET) < 0)
    bench_die ("setns back");
  close (ours_fd);
  close (theirs_fd);
  return helpers;
}

static void
bench_big_server (guint n_connections)
{
  MciTestSshd *server = mci_test_sshd_start (100, MCI_TEST_SSHD_NONE, 0);
  GArray *helpers = sockets_inside (server, n_connections);
  g_autoptr(MciSource) source = mci_ssh_source_new (server->address, NULL);
  const char *floor_argv[] = { "ssh", "-F", g_getenv ("MCI_SSH_CONFIG"), "--",
                               server->address, "cat /proc/net/tcp /proc/net/tcp6", NULL };
  double reads[7], floors[7], first;
  guint n_sockets = 0;
  gint64 start;

  mci_ssh_source_set_timeout (MCI_SSH_SOURCE (source), 60);
  start = g_get_monotonic_time ();
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MciSnapshot) snapshot = mci_source_read (source, NULL, &error);

    if (snapshot == NULL)
      g_error ("%s", error->message);
    mci_snapshot_get_connections (snapshot, &n_sockets);
  }
  first = (g_get_monotonic_time () - start) / 1000.0;
  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      g_autoptr(MciSnapshot) snapshot = NULL;

      start = g_get_monotonic_time ();
      snapshot = mci_source_read (source, NULL, NULL);
      reads[i] = (g_get_monotonic_time () - start) / 1000.0;
      floors[i] = bench_time_command (floor_argv);
    }
  printf ("one server, %u sockets:\n", n_sockets);
  printf ("  first read, connecting: %.0f ms\n", first);
  printf ("  request to snapshot on the open connection, median: %.0f ms\n",
          bench_median (reads, G_N_ELEMENTS (reads)));
  printf ("  ssh HOST cat /proc/net/tcp /proc/net/tcp6 (new connection each), median: %.0f ms\n",
          bench_median (floors, G_N_ELEMENTS (floors)));
  bench_sockets_stop (helpers);
  mci_test_sshd_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  guint n_servers = argc > 1 ? (guint) atoi (argv[1]) : 20;
  guint n_samples = argc > 2 ? (guint) atoi (argv[2]) : 10;
  guint n_connections = argc > 3 ? (guint) atoi (argv[3]) : 18000;

  mci_test_ssh_setup ();
  bench_fleet (n_servers, n_samples);
  bench_fleet_source (n_servers, n_samples);
  bench_big_server (n_connections);
  mci_test_ssh_teardown ();
  return 0;
}
