/* bench-owners.c: what finding each connection's process costs, beside `ss -tanp`
 *
 *   _build/tests/bench/bench-owners [--runs N]
 *
 * Real loopback connections held by helper processes (both ends in the helper, so two
 * sockets per connection), for 1k, 10k and 20k sockets over 50 and 300 processes. For
 * each: one sample without owners, the first sample with owners (every process scanned),
 * a following sample with owners (the map kept: what the window pays every refresh),
 * and `ss -tanp`, interleaved; medians in milliseconds. Run it as root, as `ss -p` would
 * otherwise not see the helpers' sockets either... it sees them: they are ours.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench-sockets.h"
#include "mci-snapshot.h"

static double
time_sample (MciOwnerMap *map,
             guint       *n_owned)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSnapshot) snapshot = mci_snapshot_new_from_proc (MCI_LIVE_PROC_ROOT, NULL, &error);
  double elapsed;
  guint n;
  const MciConnection *connections;
  MciOwner owner;

  g_assert_no_error (error);
  if (map != NULL)
    mci_snapshot_add_owners (snapshot, map);
  elapsed = (g_get_monotonic_time () - start) / 1000.0;
  connections = mci_snapshot_get_connections (snapshot, &n);
  if (n_owned != NULL)
    {
      *n_owned = 0;
      for (guint i = 0; i < n; i++)
        *n_owned += mci_snapshot_get_owner (snapshot, &connections[i], &owner) && owner.pid != 0;
    }
  return elapsed;
}

static void
measure (guint n_sockets,
         guint n_processes,
         guint runs)
{
  static const char * const ss_argv[] = { "ss", "-tanp", NULL };
  GArray *helpers = bench_sockets_start_spread (n_sockets / 2, n_processes);
  g_autofree double *plain = g_new (double, runs), *cold = g_new (double, runs);
  g_autofree double *warm = g_new (double, runs), *ss = g_new (double, runs);
  guint n_owned = 0;
  double w;

  time_sample (NULL, NULL); /* warm the page cache */
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(MciOwnerMap) map = mci_owner_map_new ("/proc");

      plain[r] = time_sample (NULL, NULL);
      cold[r] = time_sample (map, NULL);
      warm[r] = time_sample (map, &n_owned);
      ss[r] = bench_time_command (ss_argv);
    }
  w = bench_median (warm, runs);
  printf ("| %6u | %4u | %8.2f | %8.2f | %8.2f | %8.2f | %5.2f× | %u |\n", n_sockets, n_processes,
          bench_median (plain, runs), bench_median (cold, runs), w, bench_median (ss, runs),
          w / bench_median (ss, runs), n_owned);
  fflush (stdout);
  bench_sockets_stop (helpers);
}

int
main (int   argc,
      char *argv[])
{
  static const guint sockets[] = { 1000, 10000, 20000 };
  static const guint processes[] = { 50, 300 };
  int runs = 7;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per size (median)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  printf ("| sockets | processes | no owners | owners, first | owners, next | ss -tanp | next / ss | sockets with a process |\n");
  printf ("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (guint s = 0; s < G_N_ELEMENTS (sockets); s++)
    for (guint p = 0; p < G_N_ELEMENTS (processes); p++)
      measure (sockets[s], processes[p], runs);
  return 0;
}
