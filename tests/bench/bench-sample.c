/* bench-sample.c: what one sample costs, beside cat, ss and netstat
 *
 *   bench-sample [--runs N] [CONNECTIONS...]     (default: 500 5000 18000 25000)
 *
 * Opens CONNECTIONS real loopback connections (both ends on this machine, so twice
 * as many sockets: the defaults make 1k, 10k, 36k and 50k), spread over 127.0.x.y
 * addresses and over helper processes (one process may hold only so many
 * descriptors), then times, interleaved and as the median of --runs:
 *   cat          cat /proc/net/tcp /proc/net/tcp6 > /dev/null: the old floor
 *   ss, netstat  ss -tan, ss -tin (with tcp_info) and netstat -tan, to /dev/null
 *   --text -n    the whole most-connected-ip process, netlink (the default) and
 *                --source proc; and --json -n --no-processes, with traffic
 *   sample       one whole sample in-process (read, parse, classify, group) from
 *                the /proc source and from the netlink source
 * and the parser alone on a 100,000-line table held in memory. MCI_BINARY names
 * the program (default: the build's, beside this benchmark).
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
#include "mci-source.h"

static guint n_rows_seen;

/* One whole sample in-process, as the window's sampler takes it: read, parse, classify,
 * group; traffic and rates too for netlink. */
static double
time_sample (MciSource *source)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSnapshot) snapshot = mci_source_read (source, NULL, &error);
  double elapsed = (g_get_monotonic_time () - start) / 1000.0;

  g_assert_no_error (error);
  mci_snapshot_get_connections (snapshot, &n_rows_seen);
  return elapsed;
}

typedef struct
{
  const char *name;
  const char *argv[8];   /* NULL in argv[0]: an in-process sample of source */
  MciSource  *source;
  double     *times;
} Column;

static const char *binary;

/* Each column timed once per run, interleaved, so that the machine's load falls on all
 * alike; then the medians. */
static void
measure (guint n_connections,
         guint runs)
{
  g_autoptr(MciSource) netlink = mci_source_new_live (MCI_SOURCE_NETLINK, TRUE);
  g_autoptr(MciSource) proc = mci_source_new_live (MCI_SOURCE_PROC, TRUE);
  Column columns[] = {
    { "cat", { "cat", "/proc/net/tcp", "/proc/net/tcp6" } },
    { "ss -tan", { "ss", "-tan" } },
    { "ss -tin", { "ss", "-tin" } },
    { "netstat -tan", { "netstat", "-tan" } },
    { "--text -n", { binary, "--text", "-n" } },
    { "--text -n --source proc", { binary, "--text", "-n", "--source", "proc" } },
    { "--json -n --no-processes", { binary, "--json", "-n", "--no-processes" } },
    { "sample: proc", { NULL }, proc },
    { "sample: netlink", { NULL }, netlink },
  };
  enum { CAT, SS, SS_INFO, NETSTAT, TEXT, TEXT_PROC, JSON, SAMPLE_PROC, SAMPLE_NETLINK };
  GArray *helpers = bench_sockets_start (n_connections);
  double m[G_N_ELEMENTS (columns)];

  time_sample (netlink); /* warm the page cache, the allocator and the rate meter */
  time_sample (proc);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    columns[c].times = g_new (double, runs);
  for (guint r = 0; r < runs; r++)
    for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
      columns[c].times[r] = columns[c].argv[0] != NULL ? bench_time_command (columns[c].argv)
                                                         : time_sample (columns[c].source);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      m[c] = bench_median (columns[c].times, runs);
      g_free (columns[c].times);
    }
  printf ("| %6u | %8.1f | %8.1f | %8.1f | %8.1f | %8.1f (%.2f× ss, %.2f× cat) | %8.1f "
          "| %8.1f (%.2f× ss -tin) | %8.1f | %8.1f (%.2f×) |\n",
          n_rows_seen, m[CAT], m[SS], m[SS_INFO], m[NETSTAT],
          m[TEXT], m[TEXT] / m[SS], m[TEXT] / m[CAT], m[TEXT_PROC],
          m[JSON], m[JSON] / m[SS_INFO], m[SAMPLE_PROC], m[SAMPLE_NETLINK],
          m[SAMPLE_NETLINK] / m[SAMPLE_PROC]);
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
      guint defaults[] = { 500, 5000, 18000, 25000 };
      g_array_append_vals (sizes, defaults, G_N_ELEMENTS (defaults));
    }
  if (runs < 1)
    runs = 1;

  signal (SIGPIPE, SIG_IGN);
  printf ("Median of %u runs, milliseconds; ratios to the floor.\n\n", runs);
  binary = g_getenv ("MCI_BINARY");
  if (binary == NULL)
    binary = g_build_filename (g_path_get_dirname (argv[0]), "..", "..", "src",
                               "most-connected-ip", NULL);
  printf ("| sockets | cat | ss -tan | ss -tin | netstat -tan | --text -n | "
          "--text -n --source proc | --json -n --no-processes | sample: proc | "
          "sample: netlink |\n");
  printf ("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (guint i = 0; i < sizes->len; i++)
    measure (g_array_index (sizes, guint, i), runs);
  measure_parser (runs);
  return 0;
}
