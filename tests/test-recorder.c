/* test-recorder.c: the live machine's closed connections, filed per group for a window
 *
 * The burst runs in network namespaces of its own: its closes are then the only ones
 * the listener hears, and what it read plus what the kernel dropped must be exactly
 * the burst. The rest runs on this machine's loopback, among other programs' sockets,
 * and looks at this test's own by four-tuple.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mci-proc-source.h"
#include "mci-recorder.h"
#include "mci-source.h"
#include "mci-test-util.h"

#define BURST      5000
#define TO_SERVER  100
#define TO_CLIENT  50

/* One sample through the sampler, as a view takes it: it feeds the recorder's memory. */
static MciSnapshot *
sample (MciSampler  *sampler,
        MciRecorder *recorder)
{
  MciSnapshot *snapshot = mci_test_sampler_sample (sampler);

  mci_recorder_update (recorder, snapshot);
  return snapshot;
}

static MciSampler *
live_sampler (void)
{
  g_autoptr(MciSource) source = mci_source_new_live (MCI_SOURCE_NETLINK, TRUE);
  MciSampler *sampler = mci_sampler_new_for_source (source);

  mci_sampler_set_owners (sampler, TRUE);
  return sampler;
}

/* A capture has no closes to hear: the recorder says so, in words. */
static void
test_not_recorded (void)
{
  g_autofree char *capture = mci_test_fixture_path ("showcase");
  g_autoptr(MciSampler) sampler = mci_sampler_new (capture);
  g_autoptr(MciRecorder) recorder = mci_recorder_new (sampler, MCI_HISTORY_DEFAULT_WINDOW,
                                                      MCI_HISTORY_DEFAULT_MAX_RECORDS);
  g_autoptr(MciSource) proc = mci_source_new_live (MCI_SOURCE_PROC, FALSE);
  g_autoptr(MciSampler) proc_sampler = mci_sampler_new_for_source (proc);
  g_autoptr(MciRecorder) proc_recorder = mci_recorder_new (proc_sampler, G_TIME_SPAN_MINUTE, 10);

  g_assert_false (mci_recorder_is_recording (recorder));
  g_assert_nonnull (strstr (mci_recorder_get_note (recorder),
                            "Closed connections are not recorded"));
  g_assert_false (mci_recorder_is_recording (proc_recorder));
  g_assert_nonnull (mci_recorder_get_note (proc_recorder));
  g_assert_cmpuint (mci_recorder_get_missed (proc_recorder), ==, 0);
}

typedef struct
{
  MciRecorder    *recorder;
  MciEndpointKey  key;
  guint           n;
} GroupWait;

static gboolean
group_has (gpointer data)
{
  GroupWait *wait = data;

  return mci_history_count_closed (mci_recorder_get_history (wait->recorder), &wait->key)
         >= wait->n;
}

/* Closes both ends, then waits until the connection's close is in the looping group
 * (one record for both ends, its client's, as the tree lists it): client
 * 127.0.0.1 → server 127.0.0.1:@port. */
static void
close_pair (GroupWait *wait,
            int        listener,
            int        client,
            int        server,
            guint16    port)
{
  close (client);
  mci_test_wait_for_peer_close (server);
  close (server);
  close (listener);
  wait->key.section = MCI_SECTION_LOOPING;
  g_assert_true (mci_address_parse (&wait->key.local_address, "127.0.0.1"));
  g_assert_true (mci_address_parse (&wait->key.remote_address, "127.0.0.1"));
  wait->key.local_port = -1;
  wait->key.remote_port = port;
  mci_test_wait_for (group_has, wait, "the connection's close in its group");
}

/* A connection a sample saw, then closed (both ends): its one record, its client end's,
 * has the sample's time as its first-seen time, and this process as its owner. */
static void
test_first_seen_and_owner (void)
{
  g_autoptr(MciSampler) sampler = live_sampler ();
  g_autoptr(MciRecorder) recorder = mci_recorder_new (sampler, MCI_HISTORY_DEFAULT_WINDOW,
                                                      MCI_HISTORY_DEFAULT_MAX_RECORDS);
  g_autoptr(MciSnapshot) seen = NULL;
  g_autoptr(MciSnapshot) after = NULL;
  g_autofree char *pid = g_strdup_printf ("(%d)", (int) getpid ());
  GroupWait wait = { recorder, { 0 }, 1 };
  guint16 port, client_port;
  int listener = mci_test_listen ("127.0.0.1", &port);
  int client = mci_test_connect ("127.0.0.1", port);
  int server = mci_test_accept (listener);
  const GList *records;
  gint64 first_seen;

  g_assert_true (mci_recorder_is_recording (recorder));
  g_assert_null (mci_recorder_get_note (recorder));
  client_port = mci_test_local_port (client);
  mci_test_transfer (client, server, 3000);
  mci_test_transfer (server, client, 700);
  seen = sample (sampler, recorder);
  first_seen = g_date_time_to_unix (mci_snapshot_get_sampled_at (seen)) * G_USEC_PER_SEC
               + g_date_time_get_microsecond (mci_snapshot_get_sampled_at (seen));

  close_pair (&wait, listener, client, server, port);
  after = sample (sampler, recorder);

  records = mci_history_get_closed (mci_recorder_get_history (recorder), &wait.key);
  g_assert_cmpuint (g_list_length ((GList *) records), ==, 1);
  for (const GList *l = records; l != NULL; l = l->next)
    {
      const MciClosedConnection *closed = mci_history_closed_of (l);
      gboolean client_end = closed->connection.local_port == client_port;

      g_assert_true (client_end);
      g_assert_cmpint (closed->first_seen, ==, first_seen);
      g_assert_cmpint (closed->closed_at, >, first_seen);
      g_assert_nonnull (closed->owner);
      g_assert_true (g_str_has_suffix (closed->owner, pid));
      g_assert_cmpuint (closed->connection.bytes_sent, ==, client_end ? 3000 : 700);
      g_assert_cmpuint (closed->connection.bytes_received, ==, client_end ? 700 : 3000);
    }
  g_assert_cmpuint (mci_history_count_section (mci_recorder_get_history (recorder),
                                               MCI_SECTION_LOOPING), >=, 1);
}

/* A connection its client aborts (SO_LINGER 0): the kernel announces the client's close
 * without its addresses and with its counters zeroed; the sample that saw it gives
 * back its addresses, and its bytes as that sample measured them. */
static void
test_aborted (void)
{
  g_autoptr(MciSampler) sampler = live_sampler ();
  g_autoptr(MciRecorder) recorder = mci_recorder_new (sampler, MCI_HISTORY_DEFAULT_WINDOW,
                                                      MCI_HISTORY_DEFAULT_MAX_RECORDS);
  g_autoptr(MciSnapshot) seen = NULL;
  struct linger reset = { .l_onoff = 1, .l_linger = 0 };
  GroupWait wait = { recorder, { 0 }, 1 };
  guint16 port, client_port;
  int listener = mci_test_listen ("127.0.0.1", &port);
  int client = mci_test_connect ("127.0.0.1", port);
  int server = mci_test_accept (listener);
  gboolean client_seen = FALSE;

  client_port = mci_test_local_port (client);
  mci_test_transfer (client, server, 5000);
  seen = sample (sampler, recorder);
  g_assert_cmpint (setsockopt (client, SOL_SOCKET, SO_LINGER, &reset, sizeof reset), ==, 0);
  close_pair (&wait, listener, client, server, port);
  for (const GList *l = mci_history_get_closed (mci_recorder_get_history (recorder), &wait.key);
       l != NULL; l = l->next)
    {
      const MciClosedConnection *closed = mci_history_closed_of (l);

      if (closed->connection.local_port != client_port)
        continue;
      client_seen = TRUE;
      g_assert_true (mci_address_is_loopback (&closed->connection.local_address));
      g_assert_cmpuint (closed->connection.remote_port, ==, port);
      g_assert_cmpuint (closed->connection.bytes_sent, ==, 5000);
    }
  g_assert_true (client_seen);
}

/* The burst: this process in a namespace of its own (the client's), the servers in a
 * peer namespace behind a veth, so that each connection closes once here. */
static char *peer_namespace;

static void
remove_peer_namespace (void)
{
  g_autofree char *command = g_strdup_printf ("ip netns del %s", peer_namespace);

  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

static void
set_up_namespaces (void)
{
  g_autofree char *add = NULL;
  g_autofree char *veth = NULL;
  g_autofree char *there = NULL;

  /* the parent's pid: the parent removes it, even after a failed child's abort () */
  peer_namespace = g_strdup_printf ("mci-history-%d", (int) getppid ());
  add = g_strdup_printf ("ip netns add %s", peer_namespace);
  mci_test_run_command (add);
  g_assert_cmpint (unshare (CLONE_NEWNET), ==, 0);
  mci_test_run_command ("ip link set lo up");
  veth = g_strdup_printf ("ip link add mci-hist-a type veth peer name mci-hist-b netns %s",
                          peer_namespace);
  mci_test_run_command (veth);
  mci_test_run_command ("ip addr add 198.51.100.1/24 dev mci-hist-a");
  mci_test_run_command ("ip link set mci-hist-a up");
  there = g_strdup_printf ("ip -n %s addr add 198.51.100.2/24 dev mci-hist-b", peer_namespace);
  mci_test_run_command (there);
  g_clear_pointer (&there, g_free);
  there = g_strdup_printf ("ip -n %s link set mci-hist-b up", peer_namespace);
  mci_test_run_command (there);
}

/* A listening socket in the peer namespace: its connections' server ends are there. */
static int
listen_there (guint16 *port)
{
  g_autofree char *path = g_strdup_printf ("/run/netns/%s", peer_namespace);
  int here = open ("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  int there = open (path, O_RDONLY | O_CLOEXEC);
  int listener;

  g_assert_cmpint (here, >=, 0);
  g_assert_cmpint (there, >=, 0);
  g_assert_cmpint (setns (there, CLONE_NEWNET), ==, 0);
  listener = mci_test_listen ("198.51.100.2", port);
  g_assert_cmpint (setns (here, CLONE_NEWNET), ==, 0);
  close (here);
  close (there);
  return listener;
}

/* Each connection: the client sends, the server answers and closes, then the client:
 * the TIME_WAITs stay in the peer namespace, and the client's close, here, is an
 * orderly one (after a reset the kernel's byte count is one short). @round connections
 * are open at a time and their clients closed at once: with 1, each connection lives a
 * few milliseconds; with more, their closes come faster than any reader. */
static gint64
burst_of_connections (int     listener,
                      guint16 port,
                      guint   round)
{
  char to_server[TO_SERVER] = { 0 }, to_client[TO_CLIENT] = { 0 };
  g_autofree int *clients = g_new (int, round);
  g_autofree gint64 *opened = g_new (gint64, round);
  gint64 longest = 0;

  g_assert_cmpuint (BURST % round, ==, 0);
  for (guint i = 0; i < BURST; i += round)
    {
      for (guint j = 0; j < round; j++)
        {
          int client;
          int server;

          opened[j] = g_get_monotonic_time ();
          client = mci_test_connect ("198.51.100.2", port);
          server = mci_test_accept (listener);
          g_assert_cmpint (send (client, to_server, sizeof to_server, 0), ==, sizeof to_server);
          g_assert_cmpint (recv (server, to_server, sizeof to_server, MSG_WAITALL), ==,
                           sizeof to_server);
          g_assert_cmpint (send (server, to_client, sizeof to_client, 0), ==, sizeof to_client);
          close (server);
          g_assert_cmpint (recv (client, to_client, sizeof to_client, MSG_WAITALL), ==,
                           sizeof to_client);
          mci_test_wait_for_peer_close (client);
          clients[j] = client;
        }
      for (guint j = 0; j < round; j++)
        {
          close (clients[j]);
          longest = MAX (longest, g_get_monotonic_time () - opened[j]);
        }
    }
  return longest;
}

typedef struct
{
  MciRecorder    *recorder;
  MciEndpointKey  key;
} Burst;

static guint
burst_counted (Burst *burst)
{
  return mci_history_count_closed (mci_recorder_get_history (burst->recorder), &burst->key)
         + mci_recorder_get_missed (burst->recorder);
}

static gboolean
burst_all_counted (gpointer data)
{
  return burst_counted (data) >= BURST;
}

/* Every connection of the burst is in its group's closed count, with its bytes, or in
 * the missed count: exactly the burst, with a queue large enough or too small. */
static void
run_burst (int   queue_size,
           guint round)
{
  g_autoptr(MciSampler) sampler = NULL;
  g_autoptr(MciRecorder) recorder = NULL;
  g_autoptr(MciSnapshot) before = NULL;
  g_autoptr(MciSnapshot) after = NULL;
  Burst burst = { 0 };
  guint16 port;
  int listener;
  guint n_closed;
  gint64 start, elapsed, longest;

  set_up_namespaces ();
  listener = listen_there (&port);
  sampler = live_sampler ();
  recorder = mci_recorder_new (sampler, MCI_HISTORY_DEFAULT_WINDOW,
                               MCI_HISTORY_DEFAULT_MAX_RECORDS);
  g_assert_true (mci_recorder_is_recording (recorder));
  if (queue_size > 0)
    mci_recorder_set_queue_size (recorder, queue_size);
  burst.recorder = recorder;
  burst.key.section = MCI_SECTION_OUTBOUND;
  g_assert_true (mci_address_parse (&burst.key.local_address, "198.51.100.1"));
  g_assert_true (mci_address_parse (&burst.key.remote_address, "198.51.100.2"));
  burst.key.local_port = -1;
  burst.key.remote_port = port;

  before = sample (sampler, recorder);
  start = g_get_monotonic_time ();
  longest = burst_of_connections (listener, port, round);
  elapsed = g_get_monotonic_time () - start;
  /* the next sample a second after the one before, where the burst took less */
  mci_test_iterate_for (elapsed < G_USEC_PER_SEC ? (G_USEC_PER_SEC - elapsed) / 1000 : 0);
  after = sample (sampler, recorder);
  mci_test_wait_for (burst_all_counted, &burst, "the burst's closes, read or missed");
  /* nothing more comes: a close counted twice would show now */
  mci_test_iterate_for (200);

  n_closed = mci_history_count_closed (mci_recorder_get_history (recorder), &burst.key);
  /* the child's stdout is the trap's: on stderr, which it inherits */
  g_printerr ("# a burst of %u connections in %.0f ms, each open %.1f ms at most: %u in their "
              "group's closed count, %u missed\n", BURST, elapsed / 1000.0, longest / 1000.0,
              n_closed, mci_recorder_get_missed (recorder));
  g_assert_cmpuint (burst_counted (&burst), ==, BURST);
  if (queue_size > 0)
    g_assert_cmpuint (mci_recorder_get_missed (recorder), >, 0);
  for (const GList *l = mci_history_get_closed (mci_recorder_get_history (recorder), &burst.key);
       l != NULL; l = l->next)
    {
      const MciClosedConnection *closed = mci_history_closed_of (l);

      g_assert_cmpuint (closed->connection.bytes_sent, ==, TO_SERVER);
      g_assert_cmpuint (closed->connection.bytes_received, ==, TO_CLIENT);
      /* opened and closed between two samples: none saw it */
      g_assert_cmpint (closed->first_seen, ==, 0);
    }
  close (listener);
  g_clear_pointer (&peer_namespace, g_free);
}

typedef struct
{
  int   queue_size;  /* 0: the listener's own */
  guint round;       /* connections closed at once */
} BurstCase;

/* One by one, each within milliseconds, into the listener's large queue; or five
 * hundred closed at once into a small one, where the kernel drops some and the missed
 * count says exactly how many. */
static void
test_burst (gconstpointer data)
{
  const BurstCase *burst = data;

  if (g_test_subprocess ())
    {
      run_burst (burst->queue_size, burst->round);
      return;
    }
  mci_test_require_root ("to make network namespaces for the burst");
  peer_namespace = g_strdup_printf ("mci-history-%d", (int) getpid ());
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  remove_peer_namespace ();
  g_clear_pointer (&peer_namespace, g_free);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recorder/not-recorded", test_not_recorded);
  g_test_add_func ("/recorder/first-seen-and-owner", test_first_seen_and_owner);
  g_test_add_func ("/recorder/aborted", test_aborted);
  g_test_add_data_func ("/recorder/burst/read", &(BurstCase) { 0, 1 }, test_burst);
  g_test_add_data_func ("/recorder/burst/overflows", &(BurstCase) { 4096, 500 }, test_burst);
  return g_test_run ();
}
