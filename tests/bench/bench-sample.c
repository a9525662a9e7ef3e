/* bench-sample.c: what one sample costs, beside the kernel's floor, ss and netstat
 *
 *   bench-sample [--runs N] [CONNECTIONS...]     (default: 1000 10000 50000)
 *
 * Opens CONNECTIONS real loopback connections (both ends on this machine, so twice
 * as many sockets), spread over 127.0.x.y addresses and over helper processes (one
 * process may hold only so many descriptors), then times, interleaved and as the
 * median of --runs:
 *   floor        cat /proc/net/tcp /proc/net/tcp6 > /dev/null: the kernel's own cost
 *   sample       mci_snapshot_new_from_proc (): read, parse, classify, group
 *   ss, netstat  ss -tan, ss -tin and netstat -tan, output to /dev/null
 *   read: /proc  the two /proc tables read and parsed, nothing more
 *   read: netlink the same rows from the sock_diag dump, with tcp_info
 * and the parser alone on a 100,000-line table held in memory.
 * Prints a table; it is a measurement, not a test with a time limit.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-sockets.h"
#include "mci-proc-table.h"
#include "mci-snapshot.h"
#include "mci-sock-diag.h"

static guint n_rows_seen;

static double
time_sample (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSnapshot) snapshot = mci_snapshot_new_from_proc (MCI_LIVE_PROC_ROOT, NULL, &error);
  double elapsed = (g_get_monotonic_time () - start) / 1000.0;

  g_assert_no_error (error);
  mci_snapshot_get_connections (snapshot, &n_rows_seen);
  return elapsed;
}

static double
time_proc_read (void)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(MciProcTable) table = mci_proc_table_new ();
  g_autoptr(GError) error = NULL;

  mci_proc_table_load (table, "/proc/net/tcp", AF_INET, &error);
  mci_proc_table_load (table, "/proc/net/tcp6", AF_INET6, &error);
  g_assert_no_error (error);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_netlink_read (MciSockDiag *diag)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  g_autoptr(GError) error = NULL;

  mci_sock_diag_dump (diag, rows, NULL, NULL, &error);
  g_assert_no_error (error);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
measure (guint n_connections,
         guint runs)
{
  static const char * const cat[] = { "cat", "/proc/net/tcp", "/proc/net/tcp6", NULL };
  static const char * const ss[] = { "ss", "-tan", NULL };
  static const char * const netstat[] = { "netstat", "-tan", NULL };
  static const char * const ss_info[] = { "ss", "-tin", NULL };
  g_autoptr(MciSockDiag) diag = mci_sock_diag_new (NULL);
  g_autofree double *t_proc = g_new (double, runs), *t_netlink = g_new (double, runs);
  g_autofree double *t_ss_info = g_new (double, runs);
  g_autofree double *t_cat = g_new (double, runs), *t_sample = g_new (double, runs);
  g_autofree double *t_ss = g_new (double, runs), *t_netstat = g_new (double, runs);
  GArray *helpers = bench_sockets_start (n_connections);
  double floor_ms, sample_ms;

  time_sample (); /* warm the page cache and the allocator */
  for (guint r = 0; r < runs; r++)
    {
      t_cat[r] = bench_time_command (cat);
      t_sample[r] = time_sample ();
      t_ss[r] = bench_time_command (ss);
      t_netstat[r] = bench_time_command (netstat);
      t_ss_info[r] = bench_time_command (ss_info);
      t_proc[r] = time_proc_read ();
      t_netlink[r] = time_netlink_read (diag);
    }
  floor_ms = bench_median (t_cat, runs);
  sample_ms = bench_median (t_sample, runs);
  printf ("| %7u | %7u | %8.2f | %8.2f (%.2f×) | %8.2f (%.2f×) | %8.2f (%.2f×) "
          "| %8.2f | %8.2f | %8.2f (%.2f×) |\n",
          n_connections, n_rows_seen, floor_ms, sample_ms, sample_ms / floor_ms,
          bench_median (t_ss, runs), bench_median (t_ss, runs) / floor_ms,
          bench_median (t_netstat, runs), bench_median (t_netstat, runs) / floor_ms,
          bench_median (t_ss_info, runs), bench_median (t_proc, runs),
          bench_median (t_netlink, runs),
          bench_median (t_netlink, runs) / bench_median (t_proc, runs));
  fflush (stdout);
  bench_sockets_stop (helpers);
}

/* The parser alone: 100,000 distinct rows, already in memory. */
static void
measure_parser (guint runs)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree double *times = g_new (double, runs);
  double ms;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (text, "%6u: 0100007F:%04X 0%03X007F:%04X 01 00000000:00000000 00:00000000 "
                            "00000000  1000        0 %u 1 0000000000000000 20 4 30 10 -1\n",
                            i, 1024 + i % 60000, i % 250 + 1, 8000 + i / 60000, 500000 + i);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(MciProcTable) table = mci_proc_table_new ();
      gint64 start = g_get_monotonic_time ();
      guint n;

      mci_proc_table_parse (table, text->str, text->len, AF_INET);
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
      mci_proc_table_get_connections (table, &n);
      g_assert_cmpuint (n, ==, 100000);
    }
  ms = bench_median (times, runs);
  printf ("\nParser alone, 100,000 lines (%.1f MB) in memory: %.2f ms, %.1f million lines/s, %.0f MB/s\n",
          text->len / 1e6, ms, 100000 / ms / 1000, text->len / 1e6 / (ms / 1000));
}

int
main (int   argc,
      char *argv[])
{
  guint runs = 7;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (int i = 1; i < argc; i++)
    {
      guint n;

      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        runs = (guint) atoi (argv[++i]);
      else if ((n = (guint) atoi (argv[i])) > 0)
        g_array_append_val (sizes, n);
      else
        {
          fprintf (stderr, "usage: bench-sample [--runs N] [CONNECTIONS...]\n");
          return 2;
        }
    }
  if (sizes->len == 0)
    {
      guint defaults[] = { 1000, 10000, 50000 };
      g_array_append_vals (sizes, defaults, G_N_ELEMENTS (defaults));
    }
  if (runs < 1)
    runs = 1;

  signal (SIGPIPE, SIG_IGN);
  printf ("Median of %u runs, milliseconds; ratios to the floor.\n\n", runs);
  printf ("| connections | rows | floor: cat | full sample | ss -tan | netstat -tan | ss -tin "
          "| read: /proc | read: netlink (to /proc) |\n");
  printf ("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (guint i = 0; i < sizes->len; i++)
    measure (g_array_index (sizes, guint, i), runs);
  measure_parser (runs);
  return 0;
}
