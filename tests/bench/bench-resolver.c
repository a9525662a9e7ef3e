/* bench-resolver.c: 10,000 distinct addresses through MciResolver
 *
 *   bench-resolver [ADDRESSES] [LATENCY_MS] [MAX_IN_FLIGHT]   (default: 10000 1 8)
 *
 * The mock resolver answers each look-up after LATENCY_MS. Prints the time to
 * resolve them all, the peak number of look-ups in flight, and the main thread's
 * CPU time per completed look-up (the mock's own timers included: an upper bound).
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "mci-mock-resolver.h"
#include "mci-resolver.h"

static void
on_resolved (MciResolver      *resolver,
             const MciAddress *address,
             const char       *name,
             guint            *resolved)
{
  (*resolved)++;
}

static double
thread_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return usage.ru_utime.tv_sec * 1e3 + usage.ru_utime.tv_usec / 1e3 +
         usage.ru_stime.tv_sec * 1e3 + usage.ru_stime.tv_usec / 1e3;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  guint latency = argc > 2 ? (guint) atoi (argv[2]) : 1;
  guint cap = argc > 3 ? (guint) atoi (argv[3]) : 8;
  g_autoptr(MciMockResolver) mock = mci_mock_resolver_new (MCI_MOCK_ANSWER, latency);
  g_autoptr(MciResolver) resolver = NULL;
  guint resolved = 0;
  gint64 start;
  double cpu_start, elapsed_ms, cpu_ms;

  g_resolver_set_default (G_RESOLVER (mock));
  resolver = g_object_new (MCI_TYPE_RESOLVER, "max-in-flight", cap, NULL);
  g_signal_connect (resolver, "resolved", G_CALLBACK (on_resolved), &resolved);

  start = g_get_monotonic_time ();
  cpu_start = thread_cpu_ms ();
  for (guint i = 0; i < n; i++)
    {
      MciAddress address = { 0 };
      guint8 bytes[4] = { 198, 18 + (i >> 16) % 2, (i >> 8) & 0xff, i & 0xff };

      mci_address_init_ipv4 (&address, bytes);
      mci_resolver_lookup (resolver, &address, i % 10 == 0, NULL);
    }
  while (resolved < n)
    g_main_context_iteration (NULL, TRUE);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000.0;
  cpu_ms = thread_cpu_ms () - cpu_start;

  printf ("| addresses | latency | cap | time to resolve all | floor (n × latency / cap) | peak in flight | main-thread CPU per look-up |\n");
  printf ("|---:|---:|---:|---:|---:|---:|---:|\n");
  printf ("| %u | %u ms | %u | %.0f ms | %.0f ms | %u | %.1f µs |\n", n, latency, cap, elapsed_ms,
          (double) n * latency / cap, mci_mock_resolver_get_max_in_flight (mock),
          cpu_ms * 1000 / n);
  return 0;
}
