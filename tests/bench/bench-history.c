/* bench-history.c: how many closes a second the recorder keeps up with, what they cost
 * the main thread, and what a full history weighs
 *
 *   _build/tests/bench/bench-history [--seconds N]     # as root: a namespace of its own
 *
 * 1. A thread opens and closes loopback connections at a set rate (two closes each),
 *    doubling it step by step up to as fast as it goes, while the main thread runs the
 *    recorder; per step: closes a second read, closes missed (the kernel's count), and
 *    the main thread's CPU time per 1,000 closes (getrusage of that thread: the batch
 *    hand-over, the grouping, the history). In a network namespace of its own, so the
 *    closes are the bench's only.
 * 2. The resident memory of a history at the default cap after an hour of closes at
 *    200 a second (720,000 added, 200,000 kept), each with an owner and a unit.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mci-recorder.h"
#include "mci-source.h"
#include "mci-test-util.h"

typedef struct
{
  int           listener;
  guint16       port;
  guint         rate;       /* connections a second; 0: as fast as it goes */
  gint          n_opened;   /* atomic */
  gint          stop;       /* atomic */
} Churn;

/* Connections opened and closed at once: the server resets, so neither end waits in
 * TIME_WAIT and ports never run out. */
static gpointer
churn_in_thread (gpointer data)
{
  Churn *churn = data;
  struct linger reset = { .l_onoff = 1, .l_linger = 0 };
  gint64 start = g_get_monotonic_time ();

  while (!g_atomic_int_get (&churn->stop))
    {
      int client = mci_test_connect ("127.0.0.1", churn->port);
      int server = mci_test_accept (churn->listener);
      guint n;

      setsockopt (server, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
      close (server);
      close (client);
      n = g_atomic_int_add (&churn->n_opened, 1) + 1;
      /* ahead of the rate: wait for it */
      if (churn->rate > 0)
        {
          gint64 due = start + (gint64) n * G_USEC_PER_SEC / churn->rate;
          gint64 now = g_get_monotonic_time ();

          if (due > now)
            g_usleep (due - now);
        }
    }
  return NULL;
}

static double
thread_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return usage.ru_utime.tv_sec * 1e3 + usage.ru_utime.tv_usec / 1e3
         + usage.ru_stime.tv_sec * 1e3 + usage.ru_stime.tv_usec / 1e3;
}

typedef struct
{
  guint closes;  /* handed to the main thread */
} Heard;

static void
on_closed (MciRecorder *recorder,
           GArray      *batch,
           Heard       *heard)
{
  heard->closes += batch->len;
}

static void
run_step (MciRecorder *recorder,
          Churn       *churn,
          guint        rate,
          guint        seconds)
{
  Heard heard = { 0 };
  gulong handler = g_signal_connect (recorder, "closed", G_CALLBACK (on_closed), &heard);
  guint missed = mci_recorder_get_missed (recorder);
  double cpu = thread_cpu_ms ();
  gint64 start = g_get_monotonic_time ();
  GThread *thread;
  double elapsed;

  churn->rate = rate;
  churn->n_opened = 0;
  churn->stop = 0;
  thread = g_thread_new ("churn", churn_in_thread, churn);
  mci_test_iterate_for (seconds * 1000);
  g_atomic_int_set (&churn->stop, 1);
  g_thread_join (thread);
  elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  /* the last closes on their way */
  mci_test_iterate_for (300);
  cpu = thread_cpu_ms () - cpu;
  missed = mci_recorder_get_missed (recorder) - missed;
  g_signal_handler_disconnect (recorder, handler);

  char asked[32] = "as fast";

  if (rate > 0)
    g_snprintf (asked, sizeof asked, "%u", 2 * rate);
  printf ("| %9s | %11.0f | %10.0f | %8u | %17.2f |\n", asked,
          2 * churn->n_opened / elapsed, heard.closes / elapsed, missed,
          heard.closes > 0 ? cpu * 1000 / heard.closes : 0.0);
}

static void
bench_listener (guint seconds)
{
  g_autoptr(MciSource) source = NULL;
  g_autoptr(MciSampler) sampler = NULL;
  g_autoptr(MciRecorder) recorder = NULL;
  Churn churn = { 0 };

  if (unshare (CLONE_NEWNET) != 0)
    g_error ("run it as root: it needs a network namespace of its own");
  mci_test_run_command ("ip link set lo up");
  source = mci_source_new_live (MCI_SOURCE_NETLINK, TRUE);
  sampler = mci_sampler_new_for_source (source);
  recorder = mci_recorder_new (sampler, MCI_HISTORY_DEFAULT_WINDOW,
                               MCI_HISTORY_DEFAULT_MAX_RECORDS);
  g_assert_true (mci_recorder_is_recording (recorder));
  churn.listener = mci_test_listen ("127.0.0.1", &churn.port);

  printf ("| closes/s asked | closes/s made | closes/s read | missed | main thread ms / 1,000 |\n"
          "|---|---|---|---|---|\n");
  for (guint rate = 2500; rate <= 40000; rate *= 2)
    run_step (recorder, &churn, rate, seconds);
  run_step (recorder, &churn, 0, seconds);
  close (churn.listener);
}

/* An hour at 200 closes a second into a history of the default cap, from 5,000
 * clients to 50 servers. */
static void
bench_memory (void)
{
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();
  g_autoptr(MciClassifier) classifier = mci_classifier_new (machine, NULL, 0);
  g_autoptr(MciHistory) history = mci_history_new (G_TIME_SPAN_HOUR,
                                                   MCI_HISTORY_DEFAULT_MAX_RECORDS);
  gint64 start = g_get_real_time () - G_TIME_SPAN_HOUR;
  long before = mci_test_resident_kib ();
  const guint n = 3600 * 200;

  for (guint i = 0; i < n; i++)
    {
      MciClosedConnection closed = { 0 };
      char address[32];

      g_snprintf (address, sizeof address, "198.51.100.%u", 1 + i % 50);
      mci_address_parse (&closed.connection.local_address, "192.0.2.1");
      mci_address_parse (&closed.connection.remote_address, address);
      closed.connection.local_port = 32768 + i % 5000;
      closed.connection.remote_port = 443;
      closed.connection.has_tcp_info = TRUE;
      closed.closed_at = start + (gint64) i * G_USEC_PER_SEC / 200;
      closed.first_seen = closed.closed_at - 2 * G_USEC_PER_SEC;
      closed.owner = g_strdup_printf ("curl (%u)", 1000 + i % 5000);
      closed.unit = g_strdup ("session-2.scope");
      mci_history_add (history, &closed, 1, classifier);
      mci_closed_connection_clear (&closed);
    }
  printf ("\n%u closes added, %u kept: resident memory %+ld KiB (%.0f bytes a record)\n", n,
          mci_history_get_n_records (history), mci_test_resident_kib () - before,
          (mci_test_resident_kib () - before) * 1024.0 / mci_history_get_n_records (history));
}

int
main (int   argc,
      char *argv[])
{
  int seconds = 3;
  GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Seconds per rate (default: 3)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || seconds < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--seconds takes 1 or more");
      return 2;
    }
  bench_memory ();
  printf ("\n");
  bench_listener (seconds);
  return 0;
}
