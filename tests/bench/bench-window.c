/* bench-window.c: what the window costs the main thread, and how much memory it holds
 *
 *   tests/gui-wrapper.sh _build/tests/bench/bench-window [--seconds 30] [--stall-only]
 *
 * 1. Reconcile: synthetic snapshots of 1k, 10k and 50k outbound groups; the main-thread
 *    time of applying the next one (1% of groups grow, 0.5% vanish, 0.5% appear), in the
 *    model alone and with the window's tree and filter models attached; and of a header
 *    click, every list ordered by another column.
 * 2. Stall: the window on the live /proc with 20k real loopback sockets, refreshing
 *    every second; a 1 ms heartbeat timer records the longest gap in the main loop.
 *    Once on a quiet set, once with churn: a helper keeps opening and closing
 *    connections (200 a second, 1,000 open at a time, to 2,000 addresses), so that
 *    groups appear, grow, shrink and vanish on every refresh.
 * 3. Memory: resident set size with the window showing 50k live sockets.
 * 4. Rest: the process's CPU time over 10 s with nothing to do: Paused on ~600 live
 *    sockets, and on an empty saved capture at the default interval.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "bench-sockets.h"
#include "mci-application.h"
#include "mci-test-util.h"
#include "mci-window.h"

static GtkApplication *application;
static GSettings *settings;

static MciSnapshot *
synthetic_snapshot (MciLocalMachine *machine,
                    guint            n_groups,
                    gboolean         next)
{
  GArray *connections = g_array_new (FALSE, TRUE, sizeof (MciConnection));
  guint n = next ? n_groups + n_groups / 200 : n_groups;

  for (guint i = 0; i < n; i++)
    {
      MciConnection connection = { 0 };
      guint8 local[4] = { 192, 0, 2, 10 };
      guint8 remote[4] = { 10, i >> 16, i >> 8, i };

      /* the next sample: 0.5% gone (and as many new ones past the end), 1% grown */
      if (next && i % 200 == 7)
        continue;
      mci_address_init_ipv4 (&connection.local_address, local);
      mci_address_init_ipv4 (&connection.remote_address, remote);
      connection.local_port = 32768 + i % 28000;
      connection.remote_port = 443;
      connection.state = MCI_TCP_STATE_ESTABLISHED;
      connection.inode = i + 1;
      g_array_append_val (connections, connection);
      if (next && i % 100 == 3)
        {
          connection.local_port = 32768 + (i + 14000) % 28000;
          connection.state = MCI_TCP_STATE_TIME_WAIT;
          g_array_append_val (connections, connection);
        }
    }
  return mci_snapshot_new (connections, machine, 0, NULL);
}

/* Median of @runs applies of the next snapshot, each after resetting to the first. */
static double
time_reconcile (guint    n_groups,
                gboolean with_window,
                guint    runs)
{
  g_autoptr(MciSampler) sampler = mci_sampler_new ("/nonexistent");
  g_autoptr(MciConnectionModel) model = mci_connection_model_new (sampler, NULL);
  MciLocalMachine *machine = mci_local_machine_new ();
  guint8 me[4] = { 192, 0, 2, 10 };
  MciAddress address;
  g_autoptr(MciSnapshot) first = NULL, next = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  MciWindow *window = NULL;

  mci_address_init_ipv4 (&address, me);
  mci_local_machine_add_address (machine, &address);
  first = synthetic_snapshot (machine, n_groups, FALSE);
  next = synthetic_snapshot (machine, n_groups, TRUE);
  if (with_window)
    {
      window = mci_window_new (application, model, settings);
      gtk_window_present (GTK_WINDOW (window));
      /* no sampler runs: the window would sample /nonexistent otherwise */
      mci_connection_model_set_active (model, FALSE);
    }
  for (guint i = 0; i < runs; i++)
    {
      gint64 start;
      double ms;

      mci_connection_model_apply (model, first);
      mci_connection_model_apply (model, first); /* the vanished ones go for good */
      mci_test_iterate_for (30);
      start = g_get_monotonic_time ();
      mci_connection_model_apply (model, next);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      mci_test_iterate_for (30);
    }
  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  mci_local_machine_free (machine);
  return bench_median ((double *) times->data, times->len);
}

/* A header click: the window showing @n_groups, the time of ordering every list by
 * endpoint instead, on the main thread (the model's part and GTK's). The setting is
 * put back, for the next window. */
static double
time_header_click (guint n_groups)
{
  g_autoptr(MciSampler) sampler = mci_sampler_new ("/nonexistent");
  g_autoptr(MciConnectionModel) model = mci_connection_model_new (sampler, NULL);
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();
  guint8 me[4] = { 192, 0, 2, 10 };
  g_autoptr(MciSnapshot) snapshot = NULL;
  g_autoptr(GtkColumnViewColumn) endpoint = NULL;
  GtkColumnView *view;
  MciWindow *window;
  MciAddress address;
  gint64 start;
  double ms;

  mci_address_init_ipv4 (&address, me);
  mci_local_machine_add_address (machine, &address);
  snapshot = synthetic_snapshot (machine, n_groups, TRUE);
  window = mci_window_new (application, model, settings);
  gtk_window_present (GTK_WINDOW (window));
  mci_connection_model_set_active (model, FALSE);
  mci_connection_model_apply (model, snapshot);
  mci_test_iterate_for (100);
  view = mci_window_get_column_view (window);
  endpoint = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
  start = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (view, endpoint, GTK_SORT_ASCENDING);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "sort-column");
  g_settings_reset (settings, "sort-descending");
  return ms;
}

typedef struct
{
  gint64 last;
  gint64 longest;
  gint64 refresh_start;
  gint64 longest_refresh;  /* a sample's result applied, on the main thread */
  gint64 frame_start;
  gint64 longest_frame;    /* GTK's layout and drawing of one frame */
} Heartbeat;

static void
on_frame_start (GdkFrameClock *clock,
                Heartbeat     *heartbeat)
{
  heartbeat->frame_start = g_get_monotonic_time ();
}

static void
on_frame_end (GdkFrameClock *clock,
              Heartbeat     *heartbeat)
{
  if (heartbeat->frame_start != 0)
    heartbeat->longest_frame = MAX (heartbeat->longest_frame,
                                    g_get_monotonic_time () - heartbeat->frame_start);
  heartbeat->frame_start = 0;
}

/* "sampling" turns FALSE just before the result is applied; "n-samples" is notified at
 * the end of applying it. */
static void
on_sampling (MciConnectionModel *model,
             GParamSpec         *pspec,
             Heartbeat          *heartbeat)
{
  if (!mci_connection_model_get_sampling (model))
    heartbeat->refresh_start = g_get_monotonic_time ();
}

static void
on_sampled (MciConnectionModel *model,
            GParamSpec         *pspec,
            Heartbeat          *heartbeat)
{
  if (heartbeat->refresh_start != 0)
    heartbeat->longest_refresh = MAX (heartbeat->longest_refresh,
                                      g_get_monotonic_time () - heartbeat->refresh_start);
}

static gboolean
beat (gpointer data)
{
  Heartbeat *heartbeat = data;
  gint64 now = g_get_monotonic_time ();

  if (heartbeat->last != 0)
    heartbeat->longest = MAX (heartbeat->longest, now - heartbeat->last);
  heartbeat->last = now;
  return G_SOURCE_CONTINUE;
}

static long
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + 6, NULL, 10);
}

static guint
count_rows (MciConnectionModel *model)
{
  guint total = 0;

  for (guint i = 0; i < MCI_N_SECTIONS; i++)
    total += mci_row_get_n_connections (mci_connection_model_get_section (model, i));
  return total;
}

static MciWindow *
open_window (const char *proc_root,
             guint       interval_ms)
{
  g_autoptr(MciSampler) sampler = mci_sampler_new (proc_root);
  g_autoptr(MciConnectionModel) model = mci_connection_model_new (sampler, NULL);
  MciWindow *window;

  g_settings_set_uint (settings, "refresh-interval", interval_ms);
  window = mci_window_new (application, model, settings);
  gtk_window_present (GTK_WINDOW (window));
  while (mci_connection_model_get_n_samples (model) == 0)
    g_main_context_iteration (NULL, TRUE);
  return window;
}

static MciWindow *
open_live_window (guint interval_ms)
{
  return open_window (MCI_LIVE_PROC_ROOT, interval_ms);
}

#define CHURN_PER_SECOND 200
#define CHURN_OPEN       1000

static void
measure_stall (guint    n_sockets,
               guint    seconds,
               gboolean churn)
{
  GArray *helpers = bench_sockets_start (n_sockets / 2);
  GArray *churning = churn ? bench_sockets_churn (CHURN_PER_SECOND, CHURN_OPEN) : NULL;
  Heartbeat heartbeat = { 0 };
  MciWindow *window = open_live_window (1000);
  MciConnectionModel *model = mci_window_get_model (window);
  guint first = mci_connection_model_get_n_samples (model), id;

  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  g_signal_connect (clock, "update", G_CALLBACK (on_frame_start), &heartbeat);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_frame_end), &heartbeat);
  g_signal_connect (model, "notify::sampling", G_CALLBACK (on_sampling), &heartbeat);
  g_signal_connect (model, "notify::n-samples", G_CALLBACK (on_sampled), &heartbeat);
  id = g_timeout_add (1, beat, &heartbeat);
  mci_test_iterate_for (seconds * 1000);
  g_source_remove (id);
  g_signal_handlers_disconnect_by_data (model, &heartbeat);
  g_signal_handlers_disconnect_by_data (clock, &heartbeat);
  printf ("| %u live sockets (%u shown)%s, refresh every 1 s for %u s | %u refreshes | "
          "longest main-loop gap %.1f ms | longest refresh applied %.1f ms | "
          "longest frame drawn %.1f ms |\n",
          n_sockets, count_rows (model), churn ? ", with churn" : "", seconds,
          mci_connection_model_get_n_samples (model) - first, heartbeat.longest / 1000.0,
          heartbeat.longest_refresh / 1000.0, heartbeat.longest_frame / 1000.0);
  gtk_window_destroy (GTK_WINDOW (window));
  if (churning != NULL)
    bench_sockets_stop (churning);
  bench_sockets_stop (helpers);
}

static void
measure_memory (guint n_sockets)
{
  long before = resident_kb ();
  GArray *helpers = bench_sockets_start (n_sockets / 2);
  MciWindow *window = open_live_window (0);
  MciConnectionModel *model = mci_window_get_model (window);

  for (guint i = 0; i < 3; i++)
    {
      guint n = mci_connection_model_get_n_samples (model);

      mci_connection_model_refresh (model);
      while (mci_connection_model_get_n_samples (model) == n)
        g_main_context_iteration (NULL, TRUE);
      mci_test_iterate_for (200);
    }
  printf ("| %u live sockets (%u shown) | resident %.1f MB (%.1f MB before the window) |\n",
          n_sockets, count_rows (model), resident_kb () / 1024.0, before / 1024.0);
  gtk_window_destroy (GTK_WINDOW (window));
  bench_sockets_stop (helpers);
}

/* User and system time of the whole process, the sampler's threads included. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* A window with nothing new to show should cost nothing: no frames, no timers. The wait
 * sleeps between events, where mci_test_iterate_for () polls every millisecond. */
static void
measure_rest (const char *what,
              const char *proc_root,
              guint       n_sockets,
              guint       interval_ms)
{
  GArray *helpers = n_sockets > 0 ? bench_sockets_start (n_sockets / 2) : NULL;
  MciWindow *window = open_window (proc_root, interval_ms);
  double start;

  mci_test_iterate_for (3000); /* the first frames, and the new rows' cues fading */
  start = cpu_seconds ();
  mci_test_wait_until (never, NULL, 10000);
  printf ("| %s (%u shown) | CPU over 10 s at rest %.3f s (%.2f%% of a core) |\n", what,
          count_rows (mci_window_get_model (window)), cpu_seconds () - start,
          (cpu_seconds () - start) * 10);
  gtk_window_destroy (GTK_WINDOW (window));
  if (helpers != NULL)
    bench_sockets_stop (helpers);
}

int
main (int   argc,
      char *argv[])
{
  static const guint sizes[] = { 1000, 10000, 50000 };
  int seconds = 30, stall_sockets = 20000, memory_sockets = 50000;
  gboolean reconcile_only = FALSE, rest_only = FALSE, stall_only = FALSE;
  const GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "How long to refresh", "N" },
    { "stall-sockets", 0, 0, G_OPTION_ARG_INT, &stall_sockets, "Sockets for the stall", "N" },
    { "memory-sockets", 0, 0, G_OPTION_ARG_INT, &memory_sockets, "Sockets for memory", "N" },
    { "reconcile-only", 0, 0, G_OPTION_ARG_NONE, &reconcile_only, "Only the first table", NULL },
    { "rest-only", 0, 0, G_OPTION_ARG_NONE, &rest_only, "Only the CPU at rest", NULL },
    { "stall-only", 0, 0, G_OPTION_ARG_NONE, &stall_only, "Only the two stall runs", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  gtk_init ();
  application = GTK_APPLICATION (mci_application_new ("/nonexistent", TRUE));
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    g_error ("%s", error->message);
  settings = g_settings_new (APP_ID);

  if (stall_only)
    {
      measure_stall (stall_sockets, seconds, FALSE);
      measure_stall (stall_sockets, seconds, TRUE);
      return 0;
    }
  if (!reconcile_only)
    {
      measure_rest ("600 live sockets, Paused", MCI_LIVE_PROC_ROOT, 600, 0);
      measure_rest ("an empty saved capture, interval 2 s", MCI_BENCH_FIXTURES "/empty", 0, 2000);
      printf ("\n");
    }
  if (rest_only)
    return 0;
  /* memory next, while the process holds little else */
  if (!reconcile_only)
    {
      measure_memory (memory_sockets);
      measure_stall (stall_sockets, seconds, FALSE);
      measure_stall (stall_sockets, seconds, TRUE);
      printf ("\n");
    }
  printf ("| groups | reconcile, model alone | reconcile, with the window |\n|---:|---:|---:|\n");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    printf ("| %u | %.2f ms | %.2f ms |\n", sizes[i], time_reconcile (sizes[i], FALSE, 5),
            time_reconcile (sizes[i], TRUE, 5));
  printf ("\n| groups | a header click: every list ordered again, with the window |\n"
          "|---:|---:|\n");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    printf ("| %u | %.1f ms |\n", sizes[i], time_header_click (sizes[i]));
  return 0;
}
