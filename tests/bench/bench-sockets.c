/* bench-sockets.c: real loopback connections, held by helper processes for a benchmark
 *
 * One process may hold only so many descriptors (20,000 here, even for root), so the
 * connections are spread over helpers of PER_HELPER each: a listener and the two ends of
 * every connection. Each connection goes to another 127.0.x.y, so that ephemeral ports
 * never run out and every connection is a looping group of its own.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-sockets.h"

#define PER_HELPER 9000

void
bench_die (const char *what)
{
  perror (what);
  _exit (1);
}

static int
connect_abortive (guint index,
                  guint16 port)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons (port) };
  struct linger linger = { 1, 0 };
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  /* spread over 127.0.x.y so that ephemeral ports do not run out */
  address.sin_addr.s_addr = htonl (0x7f000000 | ((index / 250 % 250) << 8) | (index % 250 + 1));
  if (fd < 0 || connect (fd, (struct sockaddr *) &address, sizeof address) < 0)
    bench_die ("connect");
  /* closed with a reset at exit: no TIME_WAIT left to weigh on the next size */
  setsockopt (fd, SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
  return fd;
}

/* In the helper: a listener, @n connections to it, both ends held until told. */
static void
hold_connections (guint n,
                  int   ready,
                  int   control)
{
  struct sockaddr_in address = { .sin_family = AF_INET };
  socklen_t length = sizeof address;
  struct rlimit limit;
  int listener = socket (AF_INET, SOCK_STREAM, 0);
  char byte = 0;

  getrlimit (RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit (RLIMIT_NOFILE, &limit);

  if (listener < 0 || bind (listener, (struct sockaddr *) &address, sizeof address) < 0 ||
      listen (listener, 4096) < 0 || getsockname (listener, (struct sockaddr *) &address, &length) < 0)
    bench_die ("listen");

  for (guint i = 0; i < n; i++)
    {
      connect_abortive (i, ntohs (address.sin_port));
      if (accept (listener, NULL, NULL) < 0)
        bench_die ("accept");
    }

  if (write (ready, &byte, 1) != 1)
    bench_die ("write");
  while (read (control, &byte, 1) > 0)
    ;
  _exit (0);
}

/* What a helper process runs: @first and @second are its figures; it writes a byte to
 * @ready once set up, and ends when @control closes. */
typedef void (*HelperRun) (guint first,
                           guint second,
                           int   ready,
                           int   control);

static void
hold_run (guint n,
          guint unused,
          int   ready,
          int   control)
{
  hold_connections (n, ready, control);
}

/* Forks a helper, waits until it is set up, and adds it to @helpers. */
static void
start_helper (GArray     *helpers,
              HelperRun   run,
              guint       first,
              guint       second,
              const char *what)
{
  int ready[2], control[2];
  Helper helper;
  char byte;

  if (pipe (ready) < 0 || pipe (control) < 0)
    bench_die ("pipe");
  helper.pid = fork ();
  if (helper.pid < 0)
    bench_die ("fork");
  if (helper.pid == 0)
    {
      close (ready[0]);
      close (control[1]);
      run (first, second, ready[1], control[0]);
    }
  close (ready[1]);
  close (control[0]);
  if (read (ready[0], &byte, 1) != 1)
    bench_die (what);
  close (ready[0]);
  helper.control = control[1];
  g_array_append_val (helpers, helper);
}

GArray *
bench_sockets_start (guint n_connections)
{
  return bench_sockets_start_spread (n_connections, (n_connections + PER_HELPER - 1) / PER_HELPER);
}

/* @n_connections spread evenly over @n_processes helpers. */
GArray *
bench_sockets_start_spread (guint n_connections,
                            guint n_processes)
{
  guint per_helper = MAX (1, (n_connections + n_processes - 1) / n_processes);

  GArray *helpers = g_array_new (FALSE, FALSE, sizeof (Helper));

  g_assert (per_helper <= PER_HELPER);
  for (guint done = 0; done < n_connections; done += per_helper)
    start_helper (helpers, hold_run, MIN (per_helper, n_connections - done), 0,
                  "a helper could not open its connections");
  return helpers;
}

/* In the helper: @n_open connections at a time, spread over 127.1.x.y; every tick the
 * oldest is closed (with a reset: no TIME_WAIT piles up) and a new one opened, to a
 * random address, until told to stop. */
static void
churn_connections (guint per_second,
                   guint n_open,
                   int   ready,
                   int   control)
{
  struct sockaddr_in address = { .sin_family = AF_INET };
  socklen_t length = sizeof address;
  struct pollfd stop = { .fd = control, .events = POLLIN };
  struct linger linger = { 1, 0 };
  int listener = socket (AF_INET, SOCK_STREAM, 0);
  g_autofree int *ends = g_new0 (int, 2 * n_open);
  guint oldest = 0;
  char byte = 0;

  if (listener < 0 || bind (listener, (struct sockaddr *) &address, sizeof address) < 0 ||
      listen (listener, 4096) < 0 || getsockname (listener, (struct sockaddr *) &address, &length) < 0)
    bench_die ("listen");
  if (write (ready, &byte, 1) != 1)
    bench_die ("write");
  while (poll (&stop, 1, MAX (1, 1000 / per_second)) == 0)
    {
      guint index = g_random_int_range (0, 2000);

      if (ends[2 * oldest] > 0)
        {
          setsockopt (ends[2 * oldest], SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
          close (ends[2 * oldest]);
          close (ends[2 * oldest + 1]);
        }
      address.sin_addr.s_addr = htonl (0x7f010000 | ((index / 250 + 1) << 8) | (index % 250 + 1));
      ends[2 * oldest] = socket (AF_INET, SOCK_STREAM, 0);
      if (ends[2 * oldest] < 0
          || connect (ends[2 * oldest], (struct sockaddr *) &address, sizeof address) < 0
          || (ends[2 * oldest + 1] = accept (listener, NULL, NULL)) < 0)
        bench_die ("churn");
      oldest = (oldest + 1) % n_open;
    }
  _exit (0);
}

/* A helper that keeps opening and closing loopback connections, @per_second a second,
 * @n_open of them open at a time: groups appear, grow, shrink and vanish on every
 * refresh. bench_sockets_stop() stops it. */
GArray *
bench_sockets_churn (guint per_second,
                     guint n_open)
{
  GArray *helpers = g_array_new (FALSE, FALSE, sizeof (Helper));

  start_helper (helpers, churn_connections, per_second, n_open,
                "the churning helper did not start");
  return helpers;
}

void
bench_sockets_stop (GArray *helpers)
{
  for (guint i = 0; i < helpers->len; i++)
    close (g_array_index (helpers, Helper, i).control);
  for (guint i = 0; i < helpers->len; i++)
    waitpid (g_array_index (helpers, Helper, i).pid, NULL, 0);
  g_array_unref (helpers);
}


static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @values. */
double
bench_median (double *values,
              guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* How long running @argv takes, its output thrown away: what the benchmarks compare with. */
double
bench_time_command (const char * const *argv)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}
