/* test-live.c: real sockets on loopback, as this machine's kernel lists them
 *
 * Other programs (and other tests) may hold sockets too, so the assertions look at
 * this test's own groups, found by the ports the kernel gave them.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <sys/socket.h>
#include <unistd.h>

#include "mci-test-util.h"

typedef struct
{
  const char *client;
  const char *server;
  guint16     port;
  guint       expected[MCI_TCP_N_STATES];
} Expectation;

static gboolean
group_matches (MciSnapshot *snapshot,
               gpointer     data)
{
  const Expectation *e = data;
  const MciEndpointGroup *group =
    mci_test_find_group (snapshot, MCI_SECTION_LOOPING, e->client, -1, e->server, e->port);

  if (group == NULL)
    return FALSE;
  for (guint s = 0; s < MCI_TCP_N_STATES; s++)
    if (group->states[s] != e->expected[s])
      return FALSE;
  return TRUE;
}

/* Rows of either view of connections to @server:@port: the group's plus its
 * duplicates. The address counts too: other programs' sockets on other addresses may
 * use the same port number. */
static guint
count_rows_on_port (MciSnapshot *snapshot,
                    const char  *server,
                    guint16      port)
{
  const MciConnection *rows;
  guint n, count = 0;
  MciAddress address;

  g_assert_true (mci_address_parse (&address, server));
  rows = mci_snapshot_get_connections (snapshot, &n);
  for (guint i = 0; i < n; i++)
    if (rows[i].state != MCI_TCP_STATE_LISTEN
        && ((rows[i].local_port == port && mci_address_equal (&rows[i].local_address, &address))
            || (rows[i].remote_port == port
                && mci_address_equal (&rows[i].remote_address, &address))))
      count++;
  return count;
}

static void
assert_group (MciSnapshot       *snapshot,
              const Expectation *e,
              guint              n_rows)
{
  const MciEndpointGroup *group =
    mci_test_find_group (snapshot, MCI_SECTION_LOOPING, e->client, -1, e->server, e->port);
  guint total = 0;

  if (!group_matches (snapshot, (gpointer) e))
    {
      g_autofree char *text = mci_test_describe (snapshot);
      g_test_message ("looking for %s → %s:%u in\n%s", e->client, e->server, e->port, text);
    }
  g_assert_true (group_matches (snapshot, (gpointer) e));
  for (guint s = 0; s < MCI_TCP_N_STATES; s++)
    total += e->expected[s];
  g_assert_cmpuint (group->n_connections, ==, total);
  g_assert_cmpuint (count_rows_on_port (snapshot, e->server, e->port), ==, n_rows);
  g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_LISTENING, e->server, e->port,
                                         NULL, -1));
}

/* Three connections to one listener: one stays up; one the client closes
 * (FIN_WAIT2 here, CLOSE_WAIT at the server); one closed by both, the client first
 * (TIME_WAIT at the client, nothing left at the server). */
static void
run_closing_scenario (const char *client_address,
                      const char *address)
{
  Expectation e = { client_address, address };
  g_autoptr(MciSnapshot) snapshot = NULL;
  int listener = mci_test_listen (address, &e.port);
  int established = mci_test_connect (address, e.port);
  int established_peer = mci_test_accept (listener);
  int half_closed = mci_test_connect (address, e.port);
  int half_closed_peer = mci_test_accept (listener);
  int closed = mci_test_connect (address, e.port);
  int closed_peer = mci_test_accept (listener);

  close (half_closed);
  close (closed);
  mci_test_wait_for_peer_close (closed_peer);
  close (closed_peer);

  e.expected[MCI_TCP_STATE_ESTABLISHED] = 1;
  e.expected[MCI_TCP_STATE_FIN_WAIT2] = 1;
  e.expected[MCI_TCP_STATE_TIME_WAIT] = 1;
  snapshot = mci_test_sample_until (group_matches, &e);
  /* rows: 2 for the established one, FIN_WAIT2 + CLOSE_WAIT, one TIME_WAIT;
   * so the group has 3 and the other 2 were counted as duplicates */
  assert_group (snapshot, &e, 5);
  g_assert_cmpuint (mci_snapshot_get_section (snapshot, MCI_SECTION_LOOPING)->n_duplicates, >=, 2);

  close (established);
  close (established_peer);
  close (half_closed_peer);
  close (listener);
}

static void
test_ipv4_states (void)
{
  run_closing_scenario ("127.0.0.1", "127.0.0.1");
}

static void
test_ipv6_states (void)
{
  run_closing_scenario ("::1", "::1");
}

/* Another loopback address than 127.0.0.1: still this machine, still looping. The
 * kernel picks 127.0.0.1 as the source of such a connection. */
static void
test_other_loopback_address (void)
{
  run_closing_scenario ("127.0.0.1", "127.31.7.9");
}

/* The server closes first: TIME_WAIT is then at the server's end, and the group
 * still reads client → server. */
static void
test_server_closes_first (void)
{
  Expectation e = { "127.0.0.1", "127.0.0.1" };
  g_autoptr(MciSnapshot) snapshot = NULL;
  int listener = mci_test_listen ("127.0.0.1", &e.port);
  int client = mci_test_connect ("127.0.0.1", e.port);
  int server = mci_test_accept (listener);

  close (server);
  mci_test_wait_for_peer_close (client);
  close (client);

  e.expected[MCI_TCP_STATE_TIME_WAIT] = 1;
  snapshot = mci_test_sample_until (group_matches, &e);
  assert_group (snapshot, &e, 1);
  close (listener);
}

/* An IPv4 client of a dual-stack listener shows as IPv4 on both ends. */
static void
test_dual_stack_listener (void)
{
  Expectation e = { "127.0.0.1", "127.0.0.1" };
  g_autoptr(MciSnapshot) snapshot = NULL;
  int listener = mci_test_listen ("::", &e.port);
  int client = mci_test_connect ("127.0.0.1", e.port);
  int server = mci_test_accept (listener);

  e.expected[MCI_TCP_STATE_ESTABLISHED] = 1;
  snapshot = mci_test_sample_until (group_matches, &e);
  g_assert_true (group_matches (snapshot, &e));
  g_assert_cmpuint (count_rows_on_port (snapshot, e.server, e.port), ==, 2);
  g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_LISTENING, "::", e.port, NULL, -1));
  close (client);
  close (server);
  close (listener);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/live/ipv4-states", test_ipv4_states);
  g_test_add_func ("/live/ipv6-states", test_ipv6_states);
  g_test_add_func ("/live/other-loopback-address", test_other_loopback_address);
  g_test_add_func ("/live/server-closes-first", test_server_closes_first);
  g_test_add_func ("/live/dual-stack-listener", test_dual_stack_listener);

  return g_test_run ();
}
