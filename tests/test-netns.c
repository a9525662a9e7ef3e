/* test-netns.c: distant peers, for real, in network namespaces
 *
 * The test moves itself into a new network namespace, so that it sees only its own
 * sockets and can count whole sections, and builds a peer namespace joined to it by
 * a veth pair: 198.51.100.1 and 2001:db8::1 here, .2 and ::2 there (documentation
 * addresses, RFC 5737 and RFC 3849). Needs root; CI runs it as root.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <arpa/inet.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mci-source.h"
#include "mci-test-util.h"

static char *peer_namespace;

static void
run_ip (const char *command_line)
{
  g_autofree char *full = g_strdup_printf ("ip %s", command_line);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_command_line_sync (full, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("“%s” failed: %s", full, err);
}

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

  peer_namespace = g_strdup_printf ("mci-peer-%d", (int) getpid ());
  add = g_strdup_printf ("netns add %s", peer_namespace);
  run_ip (add);
  atexit (remove_peer_namespace);

  /* from here on this process, and what it spawns, live in namespaces of their own:
   * a network, and mounts, so that /etc/resolv.conf can point at a test's server */
  g_assert_cmpint (unshare (CLONE_NEWNET | CLONE_NEWNS), ==, 0);
  g_assert_cmpint (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), ==, 0);
  run_ip ("link set lo up");
  {
    g_autofree char *veth = g_strdup_printf ("link add mci-here type veth peer name mci-there netns %s",
                                             peer_namespace);
    g_autofree char *there = g_strdup_printf (
      "-n %s addr add 198.51.100.2/24 dev mci-there", peer_namespace);
    g_autofree char *there6 = g_strdup_printf (
      "-n %s addr add 2001:db8::2/64 dev mci-there nodad", peer_namespace);
    g_autofree char *up = g_strdup_printf ("-n %s link set mci-there up", peer_namespace);
    g_autofree char *lo = g_strdup_printf ("-n %s link set lo up", peer_namespace);

    run_ip (veth);
    run_ip ("addr add 198.51.100.1/24 dev mci-here");
    run_ip ("addr add 2001:db8::1/64 dev mci-here nodad");
    run_ip ("link set mci-here up");
    run_ip (there);
    run_ip (there6);
    run_ip (up);
    run_ip (lo);
  }
}

typedef struct
{
  GSubprocess *process;
  char        *first_line;
} Peer;

static void
peer_stop (Peer *peer)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_close (g_subprocess_get_stdin_pipe (peer->process), NULL, NULL);
  g_subprocess_wait_check (peer->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&peer->process);
  g_clear_pointer (&peer->first_line, g_free);
}

/* Runs mci-test-peer in the peer namespace and waits for its first line. */
static void
peer_start (Peer       *peer,
            const char *mode,
            const char *address,
            const char *port,
            const char *count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;

  peer->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                    &error, "ip", "netns", "exec", peer_namespace,
                                    g_getenv ("MCI_TEST_PEER"), mode, address, port, count, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (peer->process));
  peer->first_line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (peer->first_line);
}

typedef struct
{
  guint16 inbound4, inbound6, outbound4, outbound6;
} Ports;

static gboolean
all_present (MciSnapshot *snapshot,
             gpointer     data)
{
  const Ports *p = data;
  const MciEndpointGroup *groups[] = {
    mci_test_find_group (snapshot, MCI_SECTION_INBOUND, "198.51.100.1", p->inbound4, "198.51.100.2", -1),
    mci_test_find_group (snapshot, MCI_SECTION_INBOUND, "2001:db8::1", p->inbound6, "2001:db8::2", -1),
    mci_test_find_group (snapshot, MCI_SECTION_OUTBOUND, "198.51.100.1", -1, "198.51.100.2", p->outbound4),
    mci_test_find_group (snapshot, MCI_SECTION_OUTBOUND, "2001:db8::1", -1, "2001:db8::2", p->outbound6),
  };
  const guint expected[] = { 2, 1, 3, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (groups[i] == NULL || groups[i]->n_connections != expected[i] ||
        groups[i]->states[MCI_TCP_STATE_ESTABLISHED] != expected[i])
      return FALSE;
  return TRUE;
}

static void
assert_report_lines (const Ports *p)
{
  g_autofree char *command = g_strdup_printf ("%s --text -n --listening", g_getenv ("MCI_BINARY"));
  g_autofree char *report = NULL;
  g_autofree char *in4 = g_strdup_printf ("198.51.100.1:%u", p->inbound4);
  g_autofree char *in6 = g_strdup_printf ("[2001:db8::1]:%u", p->inbound6);
  g_autofree char *out4 = g_strdup_printf ("--> 198.51.100.2:%u", p->outbound4);
  g_autofree char *out6 = g_strdup_printf ("--> [2001:db8::2]:%u", p->outbound6);
  g_autoptr(GError) error = NULL;

  g_spawn_command_line_sync (command, &report, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s", report);
  g_assert_true (g_str_has_prefix (report, "Distant inbound connections: 3\n"));
  g_assert_nonnull (strstr (report, "\nDistant outbound connections: 4\n"));
  g_assert_nonnull (strstr (report, "\nLooping connections: 0\n"));
  g_assert_nonnull (strstr (report, in4));
  g_assert_nonnull (strstr (report, in6));
  g_assert_nonnull (strstr (report, out4));
  g_assert_nonnull (strstr (report, out6));
}

/* The netlink sample (@by_netlink) and one from /proc of the same quiet namespace:
 * the same sections and groups, field by field, states included. */
static void
assert_sources_agree (MciSnapshot *by_netlink)
{
  g_autoptr(MciSource) proc = mci_source_new_live (MCI_SOURCE_PROC, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSnapshot) by_proc = mci_source_read (proc, NULL, &error);

  g_assert_no_error (error);
  for (guint k = 0; k < MCI_N_SECTIONS; k++)
    {
      const MciSection *a = mci_snapshot_get_section (by_netlink, k);
      const MciSection *b = mci_snapshot_get_section (by_proc, k);

      g_assert_cmpuint (a->n_connections, ==, b->n_connections);
      g_assert_cmpuint (a->n_duplicates, ==, b->n_duplicates);
      g_assert_cmpuint (a->n_groups, ==, b->n_groups);
      for (guint g = 0; g < a->n_groups; g++)
        {
          g_assert_true (mci_endpoint_key_equal (&a->groups[g].key, &b->groups[g].key));
          g_assert_cmpuint (a->groups[g].n_connections, ==, b->groups[g].n_connections);
          g_assert_cmpmem (a->groups[g].states, sizeof a->groups[g].states,
                           b->groups[g].states, sizeof b->groups[g].states);
        }
    }
}

static void
test_distant_peers (void)
{
  Ports ports = { 0 };
  Peer client4 = { 0 }, client6 = { 0 }, server4 = { 0 }, server6 = { 0 };
  g_autofree char *port4 = NULL, *port6 = NULL;
  g_autoptr(MciSnapshot) snapshot = NULL;
  int listener4 = mci_test_listen ("198.51.100.1", &ports.inbound4);
  int listener6 = mci_test_listen ("2001:db8::1", &ports.inbound6);
  int outgoing[4];

  /* inbound: the peer connects to us */
  port4 = g_strdup_printf ("%u", ports.inbound4);
  port6 = g_strdup_printf ("%u", ports.inbound6);
  peer_start (&client4, "connect", "198.51.100.1", port4, "2");
  peer_start (&client6, "connect", "2001:db8::1", port6, "1");

  /* outbound: we connect to the peer */
  peer_start (&server4, "listen", "198.51.100.2", NULL, NULL);
  peer_start (&server6, "listen", "2001:db8::2", NULL, NULL);
  ports.outbound4 = (guint16) atoi (server4.first_line);
  ports.outbound6 = (guint16) atoi (server6.first_line);
  for (guint i = 0; i < 3; i++)
    outgoing[i] = mci_test_connect ("198.51.100.2", ports.outbound4);
  outgoing[3] = mci_test_connect ("2001:db8::2", ports.outbound6);

  snapshot = mci_test_sample_until (all_present, &ports);
  if (!all_present (snapshot, &ports))
    {
      g_autofree char *text = mci_test_describe (snapshot);
      g_test_message ("%s", text);
    }
  g_assert_true (all_present (snapshot, &ports));
  /* this namespace holds nothing else: the sections are exactly ours */
  g_assert_cmpuint (mci_snapshot_get_section (snapshot, MCI_SECTION_INBOUND)->n_connections, ==, 3);
  g_assert_cmpuint (mci_snapshot_get_section (snapshot, MCI_SECTION_OUTBOUND)->n_connections, ==, 4);
  g_assert_cmpuint (mci_snapshot_get_section (snapshot, MCI_SECTION_LOOPING)->n_connections, ==, 0);
  g_assert_cmpuint (mci_snapshot_get_section (snapshot, MCI_SECTION_LISTENING)->n_connections, ==, 2);
  assert_report_lines (&ports);
  assert_sources_agree (snapshot);

  for (guint i = 0; i < G_N_ELEMENTS (outgoing); i++)
    close (outgoing[i]);
  peer_stop (&client4);
  peer_stop (&client6);
  peer_stop (&server4);
  peer_stop (&server6);
  close (listener4);
  close (listener6);
}

static char *
group_owner (MciSnapshot            *snapshot,
             const MciEndpointGroup *group)
{
  g_assert_nonnull (group);
  return g_strdup (mci_snapshot_get_group_owner (snapshot, group, NULL, NULL));
}

/* Distant peers in every section, each local end held by this process: it is named as
 * the owner of the inbound, outbound and listening groups. */
static void
test_owners (void)
{
  Peer client = { 0 }, server = { 0 };
  g_autofree char *inbound_port = NULL, *expected = NULL;
  g_autofree char *inbound = NULL, *outbound = NULL, *listening = NULL;
  g_autoptr(MciSnapshot) snapshot = NULL;
  g_autoptr(MciOwnerMap) map = mci_owner_map_new ("/proc");
  g_autoptr(GError) error = NULL;
  guint16 port, outbound_port;
  int listener = mci_test_listen ("198.51.100.1", &port);
  int accepted[2], outgoing;

  inbound_port = g_strdup_printf ("%u", port);
  peer_start (&client, "connect", "198.51.100.1", inbound_port, "2");
  /* accepted, the sockets become this process's: before, they belong to no process */
  accepted[0] = mci_test_accept (listener);
  accepted[1] = mci_test_accept (listener);
  peer_start (&server, "listen", "198.51.100.2", NULL, NULL);
  outbound_port = (guint16) atoi (server.first_line);
  outgoing = mci_test_connect ("198.51.100.2", outbound_port);

  snapshot = mci_snapshot_new_from_proc (MCI_LIVE_PROC_ROOT, NULL, &error);
  g_assert_no_error (error);
  mci_snapshot_add_owners (snapshot, map);
  expected = g_strdup_printf ("test-netns (%d)", getpid ());
  inbound = group_owner (snapshot, mci_test_find_group (snapshot, MCI_SECTION_INBOUND,
                                                        "198.51.100.1", port, "198.51.100.2", -1));
  outbound = group_owner (snapshot, mci_test_find_group (snapshot, MCI_SECTION_OUTBOUND,
                                                         "198.51.100.1", -1, "198.51.100.2",
                                                         outbound_port));
  listening = group_owner (snapshot, mci_test_find_group (snapshot, MCI_SECTION_LISTENING,
                                                          "198.51.100.1", port, NULL, -1));
  g_assert_cmpstr (inbound, ==, expected);
  g_assert_cmpstr (outbound, ==, expected);
  g_assert_cmpstr (listening, ==, expected);

  close (outgoing);
  close (accepted[0]);
  close (accepted[1]);
  close (listener);
  peer_stop (&client);
  peer_stop (&server);
}

/* Looping, inside the same isolated namespace: exact duplicate counts. */
static void
test_exact_duplicates (void)
{
  guint16 port;
  int listener = mci_test_listen ("127.0.0.1", &port);
  int pairs[6];
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSnapshot) snapshot = NULL;
  const MciSection *looping;

  for (guint i = 0; i < 3; i++)
    {
      pairs[2 * i] = mci_test_connect ("127.0.0.1", port);
      pairs[2 * i + 1] = mci_test_accept (listener);
    }
  snapshot = mci_snapshot_new_from_proc (MCI_LIVE_PROC_ROOT, NULL, &error);
  g_assert_no_error (error);
  looping = mci_snapshot_get_section (snapshot, MCI_SECTION_LOOPING);
  g_assert_cmpuint (looping->n_connections, ==, 3);
  g_assert_cmpuint (looping->n_duplicates, ==, 3);
  g_assert_cmpuint (looping->n_groups, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    close (pairs[i]);
  close (listener);
}

/* A DNS server on 127.0.0.1:53 that takes every query and answers none. */
static int
start_silent_dns_server (void)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons (53) };
  g_autofree char *resolv_conf = NULL;
  int fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  int file = g_file_open_tmp ("mci-resolv-XXXXXX", &resolv_conf, NULL);

  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (write (file, "nameserver 127.0.0.1\noptions timeout:5 attempts:2\n", 50), ==, 50);
  close (file);
  g_assert_cmpint (mount (resolv_conf, "/etc/resolv.conf", NULL, MS_BIND, NULL), ==, 0);
  return fd;
}

/* The real program, the real resolver, a DNS server that never answers: the report
 * still comes after the budget, with no names, and the queries went to our server. */
static void
test_dead_dns_server (void)
{
  g_autofree char *fixture = mci_test_fixture_path ("original-sample");
  g_autofree char *command = g_strdup_printf ("%s --text --resolve-timeout 1 --proc %s",
                                              g_getenv ("MCI_BINARY"), fixture);
  g_autofree char *report = NULL;
  g_autoptr(GError) error = NULL;
  int server = start_silent_dns_server ();
  char query[512];
  gint64 start = g_get_monotonic_time ();
  int status;

  g_spawn_command_line_sync (command, &report, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpint (g_get_monotonic_time () - start, <, (1000 + 1500) * 1000);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1000 * 1000);
  g_assert_nonnull (strstr (report, "78.141.139.10       :    1      1 x ESTABLISHED"));
  /* the reverse look-ups were asked, of our server and no other */
  g_assert_cmpint (recv (server, query, sizeof query, MSG_DONTWAIT), >, 12);
  umount ("/etc/resolv.conf");
  close (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  mci_test_require_root ("it creates network namespaces and a veth pair");
  set_up_namespaces ();

  g_test_add_func ("/netns/distant-peers", test_distant_peers);
  g_test_add_func ("/netns/exact-duplicates", test_exact_duplicates);
  g_test_add_func ("/netns/dead-dns-server", test_dead_dns_server);
  g_test_add_func ("/netns/owners", test_owners);

  return g_test_run ();
}
