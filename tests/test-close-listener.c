/* test-close-listener.c: closes of real loopback connections, as the kernel announces
 * them, joined to what a sample saw of the same sockets
 *
 * Other programs hold and close sockets too: the assertions look at this test's own,
 * found by their four-tuple.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <grp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mci-close-listener.h"
#include "mci-sampler.h"
#include "mci-source.h"
#include "mci-test-util.h"

#define NOBODY 65534
#define BURST 2000

/* Every close the listener handed out, copied. */
typedef struct
{
  GArray *closed;
  guint   n_batches;
} Heard;

static void
heard_clear (Heard *heard)
{
  g_clear_pointer (&heard->closed, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Heard, heard_clear)

static void
on_closed (MciCloseListener *listener,
           GArray           *batch,
           Heard            *heard)
{
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  heard->n_batches++;
  for (guint i = 0; i < batch->len; i++)
    {
      MciClosedConnection copy = g_array_index (batch, MciClosedConnection, i);

      copy.owner = g_strdup (copy.owner);
      copy.unit = g_strdup (copy.unit);
      g_array_append_val (heard->closed, copy);
    }
}

static MciCloseListener *
listen_for_closes (MciSocketMemory *memory,
                   Heard           *heard)
{
  g_autoptr(GError) error = NULL;
  MciCloseListener *listener = mci_close_listener_new (memory, &error);

  g_assert_no_error (error);
  g_assert_nonnull (listener);
  heard->closed = g_array_new (FALSE, FALSE, sizeof (MciClosedConnection));
  g_array_set_clear_func (heard->closed, (GDestroyNotify) mci_closed_connection_clear);
  g_signal_connect (listener, "closed", G_CALLBACK (on_closed), heard);
  return listener;
}

static void
read_sockaddr (const struct sockaddr_storage *storage,
               MciAddress                    *address,
               guint16                       *port)
{
  if (storage->ss_family == AF_INET)
    {
      const struct sockaddr_in *in4 = (const struct sockaddr_in *) storage;

      mci_address_init_ipv4 (address, (const guint8 *) &in4->sin_addr);
      *port = g_ntohs (in4->sin_port);
    }
  else
    {
      const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *) storage;

      mci_address_init_ipv6 (address, (const guint8 *) &in6->sin6_addr);
      *port = g_ntohs (in6->sin6_port);
    }
}

static void
fd_four_tuple (int            fd,
               MciConnection *row)
{
  struct sockaddr_storage storage;
  socklen_t length = sizeof storage;

  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &storage, &length), ==, 0);
  read_sockaddr (&storage, &row->local_address, &row->local_port);
  length = sizeof storage;
  g_assert_cmpint (getpeername (fd, (struct sockaddr *) &storage, &length), ==, 0);
  read_sockaddr (&storage, &row->remote_address, &row->remote_port);
}

static gboolean
same_four_tuple (const MciConnection *a,
                 const MciConnection *b)
{
  return a->local_port == b->local_port && a->remote_port == b->remote_port
         && mci_address_equal (&a->local_address, &b->local_address)
         && mci_address_equal (&a->remote_address, &b->remote_address);
}

static const MciClosedConnection *
find_closed (Heard               *heard,
             const MciConnection *socket)
{
  for (guint i = 0; i < heard->closed->len; i++)
    {
      const MciClosedConnection *closed = &g_array_index (heard->closed, MciClosedConnection, i);

      if (same_four_tuple (&closed->connection, socket))
        return closed;
    }
  return NULL;
}

/* The client's and the server's socket of one connection, as a sample lists them. */
typedef struct
{
  MciConnection client;
  MciConnection server;
  Heard        *heard;
} Pair;

static const MciConnection *
find_row (MciSnapshot         *snapshot,
          const MciConnection *socket)
{
  guint n_rows;
  const MciConnection *rows = mci_snapshot_get_connections (snapshot, &n_rows);

  for (guint i = 0; i < n_rows; i++)
    if (same_four_tuple (&rows[i], socket))
      return &rows[i];
  return NULL;
}

static gboolean
pair_listed (MciSnapshot *snapshot,
             gpointer     data)
{
  Pair *pair = data;

  return find_row (snapshot, &pair->client) != NULL && find_row (snapshot, &pair->server) != NULL;
}

static gboolean
pair_closed (gpointer data)
{
  Pair *pair = data;

  return find_closed (pair->heard, &pair->client) != NULL
         && find_closed (pair->heard, &pair->server) != NULL;
}

/* Opens a connection on @address, sends @to_server one way and @to_client the other,
 * and fills @pair with its sockets' four-tuples and cookies from a sample. */
static MciSnapshot *
open_pair (const char *address,
           gsize       to_server,
           gsize       to_client,
           int        *client,
           int        *server,
           Pair       *pair)
{
  guint16 port;
  int listener = mci_test_listen (address, &port);
  MciSnapshot *snapshot;

  *client = mci_test_connect (address, port);
  *server = mci_test_accept (listener);
  close (listener);
  mci_test_transfer (*client, *server, to_server);
  mci_test_transfer (*server, *client, to_client);
  fd_four_tuple (*client, &pair->client);
  fd_four_tuple (*server, &pair->server);
  snapshot = mci_test_sample_until (pair_listed, pair);
  pair->client.cookie = find_row (snapshot, &pair->client)->cookie;
  pair->server.cookie = find_row (snapshot, &pair->server)->cookie;
  g_assert_cmpuint (pair->client.cookie, !=, 0);
  return snapshot;
}

static void
assert_closed (const MciClosedConnection *closed,
               const MciConnection       *socket,
               guint64                    sent,
               guint64                    received,
               gint64                     since)
{
  g_assert_nonnull (closed);
  g_assert_cmpuint (closed->connection.cookie, ==, socket->cookie);
  g_assert_true (closed->connection.has_tcp_info);
  g_assert_cmpuint (closed->connection.bytes_sent, ==, sent);
  g_assert_cmpuint (closed->connection.bytes_received, ==, received);
  g_assert_cmpuint (closed->connection.rtt_us, >, 0);
  g_assert_cmpint (closed->closed_at, >=, since);
  g_assert_cmpint (closed->closed_at, <=, g_get_real_time ());
}

/* Each end's close, with its four-tuple, cookie and final bytes; no sample was
 * remembered, so no first-seen time and no owner. */
static void
test_closes (gconstpointer address)
{
  g_auto(Heard) heard = { 0 };
  g_autoptr(MciCloseListener) listener = listen_for_closes (NULL, &heard);
  Pair pair = { .heard = &heard };
  int client, server;
  g_autoptr(MciSnapshot) snapshot = open_pair (address, 12345, 4321, &client, &server, &pair);
  gint64 before_close = g_get_real_time ();
  const MciClosedConnection *closed;

  close (client);
  mci_test_wait_for_peer_close (server);
  close (server);
  mci_test_wait_for (pair_closed, &pair, "both ends' closes");

  closed = find_closed (&heard, &pair.client);
  assert_closed (closed, &pair.client, 12345, 4321, before_close);
  g_assert_cmpint (closed->first_seen, ==, 0);
  g_assert_null (closed->owner);
  assert_closed (find_closed (&heard, &pair.server), &pair.server, 4321, 12345, before_close);
  g_assert_cmpuint (mci_close_listener_get_received (listener), >=, 2);
}

static gint64
real_time_of (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

/* A socket a sample saw gets its first-seen time and owner from the memory, which
 * forgets it once its close is read. */
static void
test_joined_to_sample (void)
{
  g_autoptr(MciSocketMemory) memory = mci_socket_memory_new ();
  g_auto(Heard) heard = { 0 };
  g_autoptr(MciCloseListener) listener = listen_for_closes (memory, &heard);
  g_autoptr(MciOwnerMap) owners = mci_owner_map_new ("/proc");
  Pair pair = { .heard = &heard };
  int client, server;
  g_autoptr(MciSnapshot) snapshot = open_pair ("::1", 100, 200, &client, &server, &pair);
  g_autofree char *pid = g_strdup_printf ("(%d)", getpid ());
  const MciClosedConnection *closed;

  mci_snapshot_add_owners (snapshot, owners);
  mci_socket_memory_remember (memory, snapshot);
  g_assert_cmpuint (mci_socket_memory_get_size (memory), >=, 2);

  close (client);
  mci_test_wait_for_peer_close (server);
  close (server);
  mci_test_wait_for (pair_closed, &pair, "both ends' closes");

  closed = find_closed (&heard, &pair.client);
  assert_closed (closed, &pair.client, 100, 200, real_time_of (mci_snapshot_get_sampled_at (snapshot)));
  g_assert_cmpint (closed->first_seen, ==, real_time_of (mci_snapshot_get_sampled_at (snapshot)));
  g_assert_nonnull (closed->owner);
  g_assert_true (g_str_has_suffix (closed->owner, pid));
  closed = find_closed (&heard, &pair.server);
  g_assert_cmpint (closed->first_seen, ==, real_time_of (mci_snapshot_get_sampled_at (snapshot)));
}

/* The sampler's worker feeds the memory after each sample. */
static void
test_sampler_feeds_memory (void)
{
  g_autoptr(MciSocketMemory) memory = mci_socket_memory_new ();
  g_autoptr(MciSource) source = mci_source_new_live (MCI_SOURCE_NETLINK, TRUE);
  g_autoptr(MciSampler) sampler = mci_sampler_new_for_source (source);
  g_autoptr(MciSnapshot) snapshot = NULL;
  g_autoptr(MciSnapshot) sampled = NULL;
  Pair pair = { 0 };
  int client, server;
  MciClosedConnection closed = { 0 };

  snapshot = open_pair ("127.0.0.1", 1, 1, &client, &server, &pair);
  mci_sampler_set_socket_memory (sampler, memory);
  sampled = mci_test_sampler_sample (sampler);
  closed.connection = pair.client;
  g_assert_true (mci_socket_memory_recall (memory, &closed));
  g_assert_cmpint (closed.first_seen, ==, real_time_of (mci_snapshot_get_sampled_at (sampled)));
  close (client);
  close (server);
}

/* Sockets the last two samples and ten seconds did not list are forgotten: the memory's
 * bound. */
static void
test_memory_bound (void)
{
  g_autoptr(MciSocketMemory) memory = mci_socket_memory_new ();
  Pair pair = { 0 };
  int client, server;
  g_autoptr(MciSnapshot) first = open_pair ("127.0.0.1", 1, 1, &client, &server, &pair);
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();
  g_autoptr(MciSnapshot) empty = NULL;
  g_autoptr(MciSnapshot) later = NULL;
  g_autoptr(GDateTime) eleven_seconds_on = g_date_time_add_seconds (
    mci_snapshot_get_sampled_at (first), 11);
  MciClosedConnection closed = { .connection = pair.client };

  close (client);
  close (server);
  mci_socket_memory_remember (memory, first);
  g_assert_cmpuint (mci_socket_memory_get_size (memory), >=, 2);

  /* a close may still be on its way after samples that no longer list it: two of them,
   * and ten seconds */
  empty = mci_snapshot_new (g_array_new (FALSE, FALSE, sizeof (MciConnection)), machine, 0, NULL);
  mci_socket_memory_remember (memory, empty);
  g_assert_cmpuint (mci_socket_memory_get_size (memory), >=, 2);
  mci_socket_memory_remember (memory, empty);
  g_assert_cmpuint (mci_socket_memory_get_size (memory), >=, 2);
  later = mci_snapshot_new (g_array_new (FALSE, FALSE, sizeof (MciConnection)), machine, 0,
                            eleven_seconds_on);
  mci_socket_memory_remember (memory, later);
  g_assert_cmpuint (mci_socket_memory_get_size (memory), ==, 0);
  g_assert_false (mci_socket_memory_recall (memory, &closed));
  g_assert_cmpint (closed.first_seen, ==, 0);
}

typedef struct
{
  Heard            *heard;
  GHashTable       *cookies;  /* the burst's sockets */
  guint             n_own;
  MciCloseListener *listener;
} Burst;

static gboolean
burst_heard (gpointer data)
{
  Burst *burst = data;

  burst->n_own = 0;
  for (guint i = 0; i < burst->heard->closed->len; i++)
    if (g_hash_table_contains (burst->cookies,
                               &g_array_index (burst->heard->closed, MciClosedConnection,
                                               i).connection.cookie))
      burst->n_own++;
  return burst->n_own == 2 * BURST;
}

static gboolean
burst_accounted (gpointer data)
{
  Burst *burst = data;

  burst_heard (burst);
  return burst->n_own + mci_close_listener_get_missed (burst->listener) >= 2 * BURST;
}

/* The kernel's cookie of @fd's socket, the one sock_diag reports: the closes of the
 * burst are known by it, since a client's port may serve another test's socket once
 * the client is gone, and an aborted client is announced without its peer. */
static void
add_cookie (GHashTable *cookies,
            int         fd)
{
  guint64 cookie = 0;
  socklen_t length = sizeof cookie;

  g_assert_cmpint (getsockopt (fd, SOL_SOCKET, SO_COOKIE, &cookie, &length), ==, 0);
  g_assert_cmpuint (cookie, !=, 0);
  g_hash_table_add (cookies, g_memdup2 (&cookie, sizeof cookie));
}

/* @together: all the connections are opened first and closed in one go, so that their
 * closes come faster than any reader; else each is closed as soon as it is open. */
static void
burst_of_connections (Burst    *burst,
                      gboolean  together)
{
  guint16 port;
  int listening = mci_test_listen ("127.0.0.1", &port);
  struct linger reset = { .l_onoff = 1, .l_linger = 0 };
  g_autofree int *fds = g_new (int, 2 * BURST);

  burst->cookies = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < BURST; i++)
    {
      int client = mci_test_connect ("127.0.0.1", port);
      int server = mci_test_accept (listening);

      add_cookie (burst->cookies, client);
      add_cookie (burst->cookies, server);
      /* a reset, not a FIN: thousands of TIME_WAITs would widen other live tests'
       * reports for a minute */
      g_assert_cmpint (setsockopt (client, SOL_SOCKET, SO_LINGER, &reset, sizeof reset), ==, 0);
      fds[2 * i] = client;
      fds[2 * i + 1] = server;
      if (!together)
        {
          close (client);
          close (server);
        }
    }
  for (guint i = 0; together && i < 2 * BURST; i++)
    close (fds[i]);
  close (listening);
  g_assert_cmpuint (g_hash_table_size (burst->cookies), ==, 2 * BURST);
}

/* Every close of a burst is read, or the kernel's drops are counted. Other programs'
 * closes share the queue: the exact sum is test-recorder's, in a namespace of its own. */
static void
test_burst (void)
{
  g_auto(Heard) heard = { 0 };
  g_autoptr(MciCloseListener) listener = listen_for_closes (NULL, &heard);
  Burst burst = { &heard };
  gboolean all;

  burst_of_connections (&burst, FALSE);
  all = mci_test_wait_until (burst_heard, &burst, MCI_TEST_WAIT_MS);
  g_test_message ("a burst of %u connections: %u of their %u closes read in %u batches, "
                  "the kernel dropped some %u times", BURST, burst.n_own, 2 * BURST,
                  heard.n_batches, mci_close_listener_get_missed (listener));
  if (!all)
    g_assert_cmpuint (mci_close_listener_get_missed (listener), >, 0);
  g_hash_table_unref (burst.cookies);
}

/* A queue too small for the burst: the kernel drops closes, that is counted, and the
 * listener goes on to read the closes after. */
static void
test_burst_overflows (void)
{
  g_auto(Heard) heard = { 0 };
  g_autoptr(MciCloseListener) listener = listen_for_closes (NULL, &heard);
  Burst burst = { &heard };
  Pair pair = { .heard = &heard };
  int client, server;
  g_autoptr(MciSnapshot) snapshot = NULL;

  mci_close_listener_set_queue_size (listener, 4096);
  burst.listener = listener;
  /* the kernel announces closes from a work queue, which may pace them slowly enough
   * for the reader: bursts until one overflows, a few at most. Each close is read or
   * dropped (other programs' drops count too, so a wait may end early, never late). */
  for (guint round = 0; round < 10 && mci_close_listener_get_missed (listener) == 0; round++)
    {
      g_clear_pointer (&burst.cookies, g_hash_table_unref);
      burst_of_connections (&burst, TRUE);
      mci_test_wait_for (burst_accounted, &burst, "the burst's closes, read or dropped");
    }
  /* room again: the closes after are not dropped for want of it */
  mci_close_listener_set_queue_size (listener, 1024 * 1024);
  snapshot = open_pair ("127.0.0.1", 1, 1, &client, &server, &pair);
  close (client);
  close (server);
  mci_test_wait_for (pair_closed, &pair, "the closes after the burst");
  burst_heard (&burst);
  g_test_message ("a burst of %u connections into a small queue: %u of their %u closes "
                  "read, the kernel dropped %u", BURST, burst.n_own, 2 * BURST,
                  mci_close_listener_get_missed (listener));
  g_assert_cmpuint (mci_close_listener_get_missed (listener), >, 0);
  /* one per dropped close, so at least what the last burst lost */
  g_assert_cmpuint (mci_close_listener_get_missed (listener), >=, 2 * BURST - burst.n_own);
  g_hash_table_unref (burst.cookies);
}

/* An unprivileged process hears the close of root's connection. */
static void
test_as_nobody (void)
{
  if (g_test_subprocess ())
    {
      g_auto(Heard) heard = { 0 };
      g_autoptr(MciCloseListener) listener = NULL;
      Pair pair = { .heard = &heard };
      int client, server;
      g_autoptr(MciSnapshot) snapshot = open_pair ("127.0.0.1", 10, 20, &client, &server, &pair);

      g_assert_cmpint (setgroups (0, NULL), ==, 0);
      g_assert_cmpint (setgid (NOBODY), ==, 0);
      g_assert_cmpint (setuid (NOBODY), ==, 0);
      g_assert_cmpint (geteuid (), ==, NOBODY);
      listener = listen_for_closes (NULL, &heard);
      close (client);
      mci_test_wait_for_peer_close (server);
      close (server);
      mci_test_wait_for (pair_closed, &pair, "root's connection's closes");
      assert_closed (find_closed (&heard, &pair.client), &pair.client, 10, 20, 0);
      return;
    }
  mci_test_require_root ("to become nobody and hear a root-owned connection close");
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/close-listener/closes/ipv4", "127.0.0.1", test_closes);
  g_test_add_data_func ("/close-listener/closes/ipv6", "::1", test_closes);
  g_test_add_func ("/close-listener/joined-to-sample", test_joined_to_sample);
  g_test_add_func ("/close-listener/memory-bound", test_memory_bound);
  g_test_add_func ("/close-listener/sampler-feeds-memory", test_sampler_feeds_memory);
  g_test_add_func ("/close-listener/burst/read", test_burst);
  g_test_add_func ("/close-listener/burst/overflows", test_burst_overflows);
  g_test_add_func ("/close-listener/as-nobody", test_as_nobody);
  return g_test_run ();
}
