/* test-history-limits.c: a recorder with a 1-minute window and a 1,000-record cap
 * under constant churn for minutes: older records go, and memory stays flat
 *
 * The churn is real loopback connections in a network namespace of this test's own,
 * so that their closes (and TIME_WAITs) are the only ones, and no other test sees them.
 * It runs three minutes (MCI_TEST_CHURN_SECONDS to change that): first slowly, where
 * the window is what bounds the history, then fast, where the cap is.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mci-recorder.h"
#include "mci-source.h"
#include "mci-test-util.h"

#define WINDOW      G_TIME_SPAN_MINUTE
#define MAX_RECORDS 1000

typedef struct
{
  MciSampler  *sampler;
  MciRecorder *recorder;
  MciSnapshot *snapshot;  /* the latest */
  int          listener;
  guint16      port;
  guint        per_second; /* connections opened and closed */
  guint        tick;       /* tenths of a second churned */
  guint        n_closed;   /* by the churn, both ends */
  guint        max_records; /* the most the history held at a check */
  gboolean     sampling;
} Churn;

static void
on_sampled (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Churn *churn = user_data;
  g_autoptr(GError) error = NULL;
  MciHistory *history = mci_recorder_get_history (churn->recorder);
  const MciClosedConnection *oldest;

  g_clear_object (&churn->snapshot);
  churn->snapshot = mci_sampler_sample_finish (MCI_SAMPLER (object), result, &error);
  g_assert_no_error (error);
  churn->sampling = FALSE;
  mci_recorder_update (churn->recorder, churn->snapshot);
  /* the bounds hold at every sample */
  g_assert_cmpuint (mci_history_get_n_records (history), <=, MAX_RECORDS);
  oldest = mci_history_get_oldest (history);
  if (oldest != NULL)
    g_assert_cmpint (oldest->closed_at, >=, g_get_real_time () - WINDOW);
  churn->max_records = MAX (churn->max_records, mci_history_get_n_records (history));
}

static gboolean
sample (gpointer data)
{
  Churn *churn = data;

  if (!churn->sampling)
    {
      churn->sampling = TRUE;
      mci_sampler_sample_async (churn->sampler, NULL, on_sampled, churn);
    }
  return G_SOURCE_CONTINUE;
}

/* A tenth of a second's connections: opened, a few bytes each way, closed, the server
 * end with a reset, so that no TIME_WAITs pile up in the samples. */
static gboolean
churn_some (gpointer data)
{
  Churn *churn = data;
  struct linger reset = { .l_onoff = 1, .l_linger = 0 };
  /* per_second spread over ten ticks, even when it is not a multiple of ten */
  guint n = (churn->tick % 10 + 1) * churn->per_second / 10
            - (churn->tick % 10) * churn->per_second / 10;

  churn->tick++;
  for (guint i = 0; i < n; i++)
    {
      int client = mci_test_connect ("127.0.0.1", churn->port);
      int server = mci_test_accept (churn->listener);

      mci_test_transfer (client, server, 64);
      mci_test_transfer (server, client, 32);
      g_assert_cmpint (setsockopt (server, SOL_SOCKET, SO_LINGER, &reset, sizeof reset), ==, 0);
      close (server);
      close (client);
      churn->n_closed += 2;
    }
  return G_SOURCE_CONTINUE;
}

static void
run_churn (guint seconds)
{
  g_autoptr(MciSource) source = NULL;
  Churn churn = { 0 };
  guint churner, sampler;
  long start_kib, end_kib;
  MciHistory *history;

  g_assert_cmpint (unshare (CLONE_NEWNET), ==, 0);
  mci_test_run_command ("ip link set lo up");
  source = mci_source_new_live (MCI_SOURCE_NETLINK, TRUE);
  churn.sampler = mci_sampler_new_for_source (source);
  mci_sampler_set_owners (churn.sampler, TRUE);
  churn.recorder = mci_recorder_new (churn.sampler, WINDOW, MAX_RECORDS);
  history = mci_recorder_get_history (churn.recorder);
  churn.listener = mci_test_listen ("127.0.0.1", &churn.port);
  sampler = g_timeout_add (1000, sample, &churn);
  churner = g_timeout_add (100, churn_some, &churn);

  /* slowly: 10 closes a second, 600 in the window, under the cap; the window binds */
  churn.per_second = 5;
  mci_test_iterate_for (seconds / 2 * 1000);
  g_assert_cmpuint (mci_history_get_n_records (history), <, MAX_RECORDS);
  /* past the window the oldest have gone */
  if (seconds / 2 > 70)
    g_assert_cmpuint (mci_history_get_n_records (history), <, churn.n_closed);
  g_printerr ("# after %u s at %u connections/s: %u records of %u closes, RSS %ld KiB\n",
              seconds / 2, churn.per_second, mci_history_get_n_records (history),
              churn.n_closed, mci_test_resident_kib ());

  /* fast: 200 closes a second, the cap binds within seconds; memory from then on */
  churn.per_second = 100;
  mci_test_iterate_for (10 * 1000);
  g_assert_cmpuint (mci_history_get_n_records (history), ==, MAX_RECORDS);
  start_kib = mci_test_resident_kib ();
  g_printerr ("# at the cap: RSS %ld KiB\n", start_kib);
  mci_test_iterate_for ((seconds - seconds / 2 - 10) * 1000);
  end_kib = mci_test_resident_kib ();
  g_printerr ("# after %u s more at %u connections/s: %u records of %u closes, %u missed, "
              "RSS %ld KiB\n", seconds - seconds / 2, churn.per_second,
              mci_history_get_n_records (history), churn.n_closed,
              mci_recorder_get_missed (churn.recorder), end_kib);
  g_assert_cmpuint (mci_history_get_n_records (history), ==, MAX_RECORDS);
  g_assert_cmpuint (churn.max_records, <=, MAX_RECORDS);
  /* flat: what a sample or two of churn weighs, no more; AddressSanitizer keeps freed
   * memory in quarantine, so there RSS grows with any churn at all */
#ifndef __SANITIZE_ADDRESS__
  g_assert_cmpint (end_kib - start_kib, <, 1024);
#endif

  g_source_remove (churner);
  g_source_remove (sampler);
  close (churn.listener);
  g_clear_object (&churn.snapshot);
  g_clear_object (&churn.recorder);
  g_clear_object (&churn.sampler);
}

static void
test_limits (void)
{
  const char *seconds = g_getenv ("MCI_TEST_CHURN_SECONDS");

  if (g_test_subprocess ())
    {
      run_churn (seconds != NULL ? atoi (seconds) : 180);
      return;
    }
  mci_test_require_root ("to churn connections in a network namespace of its own");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history-limits/churn", test_limits);
  return g_test_run ();
}
