/* bench-sockets.h: real loopback connections, held by helper processes for a benchmark;
 * and the median the benchmarks report
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  pid_t pid;
  int   control; /* closing it tells the helper to exit */
} Helper;

void    bench_die           (const char *what) G_GNUC_NORETURN;
GArray *bench_sockets_start (guint       n_connections);
GArray *bench_sockets_start_spread (guint n_connections,
                                    guint n_processes);
GArray *bench_sockets_churn (guint       per_second,
                             guint       n_open);
void    bench_sockets_stop  (GArray     *helpers);

double  bench_time_command  (const char * const *argv);
double  bench_median        (double     *values,
                             guint       n);

G_END_DECLS
