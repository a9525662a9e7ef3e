/* test-ssh-source.c: MciSshSource against real sshd servers in network namespaces
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "mci-fleet.h"
#include "mci-fleet-source.h"
#include "mci-report.h"
#include "mci-ssh-source.h"
#include "mci-test-sshd.h"
#include "mci-test-util.h"

/* The report without its first line's time: two samples differ in nothing else when
 * nothing moved between them. */
static char *
report_without_time (const char *json)
{
  const char *sampled = strstr (json, "\"sampled_at\"");
  const char *after;

  g_assert_nonnull (sampled);
  after = strchr (sampled, ',');
  g_assert_nonnull (after);
  return g_strconcat ("{", after + 1, NULL);
}

static void
test_destinations (void)
{
  struct { const char *text, *user, *host; guint port; } good[] = {
    { "server", NULL, "server", 0 },
    { "admin@server", "admin", "server", 0 },
    { "admin@server:2222", "admin", "server", 2222 },
    { "198.51.100.7:22", NULL, "198.51.100.7", 22 },
    { "[2001:db8::7]:2222", NULL, "2001:db8::7", 2222 },
    { "2001:db8::7", NULL, "2001:db8::7", 0 },
    { "a@b@server", "a@b", "server", 0 },
  };
  const char *bad[] = { "", "-oProxyCommand=touch /tmp/x", "admin@-server", "@server",
                        "server:", "server:0", "server:65536", "ser ver", "server\n",
                        "[2001:db8::7", "[]:22", "server:22x" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *user = NULL, *host = NULL;
      guint port = 1;

      g_assert_true (mci_ssh_parse_destination (good[i].text, &user, &host, &port, NULL));
      g_assert_cmpstr (user, ==, good[i].user);
      g_assert_cmpstr (host, ==, good[i].host);
      g_assert_cmpuint (port, ==, good[i].port);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MciSource) source = mci_ssh_source_new (bad[i], &error);

      g_assert_null (source);
      g_assert_error (error, MCI_SSH_ERROR, MCI_SSH_ERROR_REFUSED_NAME);
      g_assert_null (strchr (error->message, '\n'));
    }
}

static MciSnapshot *
parse_response (const char  *text,
                GError     **error)
{
  g_autofree char *response = g_strconcat ("\n", text, NULL);

  return mci_ssh_parse_response ("server.example", "0123456789abcdef", response,
                                 strlen (response), NULL, error);
}

/* A response read from the fuzzer's seed, the original sample framed as the script
 * frames it, reads as the capture does; a frame cut short, or ended by a marker with
 * another token, is refused. */
static void
test_parse_response (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus",
                                                 "fuzz-ssh-response", "original-sample", NULL);
  g_autofree char *framed = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *forged = NULL;
  g_autoptr(MciSnapshot) capture = mci_test_load_fixture ("original-sample");
  g_autoptr(MciSnapshot) snapshot = NULL;
  g_autoptr(MciSnapshot) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) forged_error = NULL;
  g_autofree char *expected = NULL, *got = NULL;

  g_assert_true (g_file_get_contents (path, &framed, NULL, NULL));
  snapshot = parse_response (framed, &error);
  g_assert_no_error (error);
  expected = mci_test_describe (capture);
  got = mci_test_describe (snapshot);
  g_assert_cmpstr (got, ==, expected);

  cut = g_strndup (framed, strlen (framed) / 2);
  refused = parse_response (cut, &error);
  g_assert_null (refused);
  g_assert_error (error, MCI_SSH_ERROR, MCI_SSH_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "server.example"));

  forged = g_strdup ("@mci-0123456789abcdef tcp\n\n@mci-fedcba9876543210 end 0\n"
                     "@mci-0123456789abcdef done\n");
  g_assert_null (parse_response (forged, &forged_error));
  g_assert_error (forged_error, MCI_SSH_ERROR, MCI_SSH_ERROR_PROTOCOL);
}

/* What comes over ssh is what the program reads inside the namespace, field by field:
 * the session that carries it is there in both. */
static void
test_same_as_inside (void)
{
  MciTestSshd *server = mci_test_sshd_start (0, MCI_TEST_SSHD_NONE, 3);
  g_autoptr(MciSource) source = mci_ssh_source_new (server->address, NULL);
  g_autoptr(MciSnapshot) snapshot = mci_test_read_source (source);
  g_autofree char *inside = NULL, *inside_json = NULL, *remote_json = NULL;
  g_autofree char *remote = NULL;
  const MciEndpointGroup *group;

  group = mci_test_find_group (snapshot, MCI_SECTION_INBOUND, server->address,
                               MCI_TEST_SSHD_SERVICE_PORT, "198.51.100.1", -1);
  g_assert_nonnull (group);
  g_assert_cmpuint (group->n_connections, ==, 3);
  g_clear_object (&snapshot);

  /* twice over: the second sample is taken on the connection the first made */
  snapshot = mci_test_read_source (source);
  inside = mci_test_sshd_run_inside (server, mci_test_binary (), "--json", "--numeric",
                                     "--source", "proc", "--no-processes", NULL);
  remote = mci_report_format_json (snapshot, NULL, NULL);
  inside_json = report_without_time (inside);
  remote_json = report_without_time (remote);
  g_assert_cmpstr (remote_json, ==, inside_json);
  g_assert_true (mci_ssh_source_is_connected (MCI_SSH_SOURCE (source)));
  g_assert_cmpstr (mci_ssh_source_get_user_name (MCI_SSH_SOURCE (source), 0), ==, "root");
  g_assert_false (mci_source_is_this_machine (source));
  mci_test_sshd_stop (server);
}

static void
assert_read_fails (const char  *destination,
                   int          code,
                   const char  *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSource) source = mci_ssh_source_new (destination, NULL);
  g_autoptr(MciSnapshot) snapshot = NULL;

  mci_ssh_source_set_timeout (MCI_SSH_SOURCE (source), 5);
  snapshot = mci_source_read (source, NULL, &error);
  g_assert_null (snapshot);
  g_test_message ("%s: %s", destination, error->message);
  g_assert_error (error, MCI_SSH_ERROR, code);
  g_assert_nonnull (strstr (error->message, needle));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_wrong_key (void)
{
  MciTestSshd *server = mci_test_sshd_start (1, MCI_TEST_SSHD_NONE, 0);
  g_autofree char *right = g_strdup (g_getenv ("MCI_SSH_CONFIG"));
  g_autofree char *wrong = mci_test_ssh_write_config (mci_test_ssh_wrong_key ());

  g_setenv ("MCI_SSH_CONFIG", wrong, TRUE);
  assert_read_fails (server->address, MCI_SSH_ERROR_AUTHENTICATION, "add your key to the agent");
  g_setenv ("MCI_SSH_CONFIG", right, TRUE);
  mci_test_sshd_stop (server);
}

static void
test_unknown_host (void)
{
  assert_read_fails ("mci-ssh-no-such-host.invalid", MCI_SSH_ERROR_UNKNOWN_HOST, "Unknown host");
}

static void
test_connection_refused (void)
{
  MciTestSshd *server = mci_test_sshd_start (2, MCI_TEST_SSHD_NO_SSHD, 0);

  assert_read_fails (server->address, MCI_SSH_ERROR_CONNECTION_REFUSED, "refused");
  mci_test_sshd_stop (server);
}

static void
test_proc_unreadable (void)
{
  MciTestSshd *server = mci_test_sshd_start (3, MCI_TEST_SSHD_NO_PROC, 0);

  assert_read_fails (server->address, MCI_SSH_ERROR_PROC_UNREADABLE, "/proc/net/tcp");
  mci_test_sshd_stop (server);
}

static void
test_blackholed (void)
{
  MciTestSshd *server = mci_test_sshd_start (4, MCI_TEST_SSHD_NONE, 0);

  mci_test_sshd_blackhole (server);
  assert_read_fails (server->address, MCI_SSH_ERROR_TIMED_OUT, "did not answer");
  mci_test_sshd_stop (server);
}

/* The whole loop under BusyBox's sh and tools, as on a small appliance. */
static void
test_busybox (void)
{
  MciTestSshd *server = mci_test_sshd_start (5, MCI_TEST_SSHD_BUSYBOX, 2);
  g_autoptr(MciSource) source = mci_ssh_source_new (server->address, NULL);
  g_autoptr(MciSnapshot) snapshot = mci_test_read_source (source);
  g_autofree char *shell = mci_test_sshd_run_inside (server, "sh", "-c", "true", NULL);

  g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_INBOUND, server->address,
                                         MCI_TEST_SSHD_SERVICE_PORT, "198.51.100.1", -1));
  g_clear_object (&snapshot);
  snapshot = mci_test_read_source (source);
  g_assert_cmpuint (mci_test_find_group (snapshot, MCI_SECTION_INBOUND, server->address,
                                         MCI_TEST_SSHD_SERVICE_PORT, "198.51.100.1",
                                         -1)->n_connections, ==, 2);
  /* BusyBox has no getent: the names come from /etc/passwd itself */
  g_assert_cmpstr (mci_ssh_source_get_user_name (MCI_SSH_SOURCE (source), 0), ==, "root");
  mci_test_sshd_stop (server);
}

typedef struct
{
  MciSource   *source;
  MciSnapshot *snapshot;
} Reader;

static gboolean
reads_again (gpointer data)
{
  Reader *reader = data;

  reader->snapshot = mci_source_read (reader->source, NULL, NULL);
  if (reader->snapshot == NULL)
    g_usleep (200 * 1000);
  return reader->snapshot != NULL;
}

/* sshd dies mid-session: the reads say so, wait their back-off, and carry on once it is
 * back. */
static void
test_reconnect (void)
{
  MciTestSshd *server = mci_test_sshd_start (6, MCI_TEST_SSHD_NONE, 1);
  g_autoptr(MciSource) source = mci_ssh_source_new (server->address, NULL);
  g_autoptr(MciSnapshot) snapshot = mci_test_read_source (source);
  g_autoptr(GError) dropped = NULL;
  g_autoptr(GError) waiting = NULL;
  Reader reader = { source, NULL };

  mci_test_sshd_kill_sshd (server);
  /* ssh is gone by the time the request is written: the failed write is said as a drop */
  mci_test_iterate_for (1000);
  g_assert_null (mci_source_read (source, NULL, &dropped));
  g_assert_error (dropped, MCI_SSH_ERROR, MCI_SSH_ERROR_DROPPED);
  g_assert_nonnull (strstr (dropped->message, "dropped"));
  g_assert_false (mci_ssh_source_is_connected (MCI_SSH_SOURCE (source)));
  g_assert_null (mci_source_read (source, NULL, &waiting));
  g_assert_error (waiting, MCI_SSH_ERROR, MCI_SSH_ERROR_DROPPED);
  g_assert_nonnull (strstr (waiting->message, "trying again in"));

  mci_test_sshd_start_sshd (server);
  g_assert_true (mci_test_ssh_poll_until (reads_again, &reader, MCI_TEST_SSH_RECONNECT_MS));
  g_assert_nonnull (mci_test_find_group (reader.snapshot, MCI_SECTION_INBOUND, server->address,
                                         MCI_TEST_SSHD_SERVICE_PORT, "198.51.100.1", -1));
  g_assert_true (mci_ssh_source_is_connected (MCI_SSH_SOURCE (source)));
  g_object_unref (reader.snapshot);
  mci_test_sshd_stop (server);
}

/* The fleet as one snapshot: each server's service group stays its own, with its server,
 * and 198.51.100.1, this side, is the peer of two connections on every one of them (the
 * service's and the ssh session's): what a by-address view adds up. */
static void
assert_merged (MciFleet     *fleet,
               MciTestSshd **servers,
               guint         n_servers)
{
  g_autofree MciSnapshot **parts = g_new (MciSnapshot *, n_servers);
  g_autofree const char **hosts = g_new (const char *, n_servers);
  g_autoptr(MciSnapshot) merged = NULL;
  const MciSection *inbound;
  guint from_this_side = 0, services = 0;

  for (guint i = 0; i < n_servers; i++)
    {
      parts[i] = mci_fleet_get_snapshot (fleet, i);
      hosts[i] = servers[i]->address;
    }
  merged = mci_snapshot_new_merged (parts, hosts, n_servers);
  inbound = mci_snapshot_get_section (merged, MCI_SECTION_INBOUND);
  for (guint g = 0; g < inbound->n_groups; g++)
    {
      const MciEndpointGroup *group = &inbound->groups[g];
      char local[MCI_ADDRESS_STRLEN];

      g_assert_cmpstr (mci_address_to_string (&group->key.local_address, local), ==,
                       servers[group->key.host]->address);
      if (group->key.local_port == MCI_TEST_SSHD_SERVICE_PORT)
        services++;
      from_this_side += group->n_connections;
    }
  g_assert_cmpuint (services, ==, n_servers);
  g_assert_cmpuint (from_this_side, ==, 2 * n_servers);
  g_assert_cmpuint (mci_snapshot_get_section (merged, MCI_SECTION_LISTENING)->n_groups, ==,
                    2 * n_servers);
}

/* Twelve servers read at once: all of them, never more than eight connecting together,
 * and more than one at a time; the second read goes on the open connections. */
static void
test_fleet (void)
{
  MciTestSshd *servers[12];
  MciSource *sources[G_N_ELEMENTS (servers)];
  g_autoptr(MciFleet) fleet = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      servers[i] = mci_test_sshd_start (20 + i, MCI_TEST_SSHD_NONE, 1);
      sources[i] = mci_ssh_source_new (servers[i]->address, NULL);
    }
  fleet = mci_fleet_new (sources, G_N_ELEMENTS (sources));
  for (guint read = 0; read < 2; read++)
    {
      mci_fleet_read (fleet, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
        {
          g_assert_no_error ((GError *) mci_fleet_get_error (fleet, i));
          g_assert_nonnull (mci_test_find_group (mci_fleet_get_snapshot (fleet, i),
                                                 MCI_SECTION_INBOUND, servers[i]->address,
                                                 MCI_TEST_SSHD_SERVICE_PORT, "198.51.100.1",
                                                 -1));
          g_assert_true (mci_ssh_source_is_connected (MCI_SSH_SOURCE (sources[i])));
        }
    }
  assert_merged (fleet, servers, G_N_ELEMENTS (servers));
  g_test_message ("at most %u connecting at once", mci_fleet_get_peak_connecting (fleet));
  g_assert_cmpuint (mci_fleet_get_peak_connecting (fleet), <=, MCI_FLEET_MAX_CONNECTING);
  g_assert_cmpuint (mci_fleet_get_peak_connecting (fleet), >, 1);
  g_clear_pointer (&fleet, mci_fleet_free);
  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      g_object_unref (sources[i]);
      mci_test_sshd_stop (servers[i]);
    }
}

/* The servers' group of this side's connections to @server's service, in a merged
 * snapshot, or NULL. */
static const MciEndpointGroup *
find_service_group (MciSnapshot *snapshot,
                    MciTestSshd *server)
{
  return mci_test_find_group (snapshot, MCI_SECTION_INBOUND, server->address,
                              MCI_TEST_SSHD_SERVICE_PORT, "198.51.100.1", -1);
}

/* The fleet as one source: once a server hangs, a read comes back with the others' news
 * while that server's read still hangs (long before its timeout), its last data kept
 * and said to be late; a blocking read would come back only with its failure. */
static void
test_fleet_source (void)
{
  MciTestSshd *servers[3];
  const char *destinations[G_N_ELEMENTS (servers) + 1] = { NULL };
  g_autoptr(MciSource) source = NULL;
  g_autoptr(MciSnapshot) snapshot = NULL;
  g_autoptr(GDateTime) data_from = NULL;
  MciFleetSource *fleet;
  const MciEndpointGroup *group;
  gboolean answered = FALSE;
  int fd;

  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      servers[i] = mci_test_sshd_start (40 + i, MCI_TEST_SSHD_NONE, 1);
      destinations[i] = servers[i]->address;
    }
  source = mci_fleet_source_new (destinations, NULL);
  fleet = MCI_FLEET_SOURCE (source);
  /* a timeout no test waits for: the hung read outlives every read of the fleet below */
  mci_fleet_source_set_timeout (fleet, 600);
  mci_fleet_source_set_patience (fleet, 200);
  g_assert_cmpuint (mci_fleet_source_get_n_servers (fleet), ==, 3);
  g_assert_cmpstr (mci_fleet_source_get_server (fleet, 2), ==, servers[2]->address);
  for (guint attempt = 0; attempt < 100 && !answered; attempt++)
    {
      g_clear_object (&snapshot);
      snapshot = mci_test_read_source (source);
      answered = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
        answered = answered && mci_fleet_source_get_server_state (fleet, i, NULL, NULL)
                               == MCI_SERVER_ANSWERED;
    }
  g_assert_true (answered);
  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      group = find_service_group (snapshot, servers[i]);
      g_assert_nonnull (group);
      g_assert_cmpuint (group->key.host, ==, i);
      g_assert_cmpstr (mci_snapshot_get_host (snapshot, i), ==, servers[i]->address);
    }

  mci_test_sshd_blackhole (servers[2]);
  fd = mci_test_connect (servers[0]->address, MCI_TEST_SSHD_SERVICE_PORT);
  g_array_append_val (servers[0]->clients, fd);
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_clear_object (&snapshot);
      snapshot = mci_test_read_source (source);
      if (find_service_group (snapshot, servers[0])->n_connections == 2)
        break;
    }
  g_assert_cmpuint (find_service_group (snapshot, servers[0])->n_connections, ==, 2);
  g_assert_cmpint (mci_fleet_source_get_server_state (fleet, 2, &data_from, NULL), ==,
                   MCI_SERVER_LATE);
  g_assert_nonnull (data_from);
  g_assert_nonnull (find_service_group (snapshot, servers[2]));
  g_assert_cmpint (mci_fleet_source_get_server_state (fleet, 0, NULL, NULL), ==,
                   MCI_SERVER_ANSWERED);

  /* the fleet's end cancels the hung read rather than wait for its timeout */
  g_clear_object (&source);
  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    mci_test_sshd_stop (servers[i]);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ssh/destinations", test_destinations);
  g_test_add_func ("/ssh/parse-response", test_parse_response);
  g_test_add_func ("/ssh/same-as-inside", test_same_as_inside);
  g_test_add_func ("/ssh/wrong-key", test_wrong_key);
  g_test_add_func ("/ssh/unknown-host", test_unknown_host);
  g_test_add_func ("/ssh/connection-refused", test_connection_refused);
  g_test_add_func ("/ssh/proc-unreadable", test_proc_unreadable);
  g_test_add_func ("/ssh/blackholed", test_blackholed);
  g_test_add_func ("/ssh/busybox", test_busybox);
  g_test_add_func ("/ssh/reconnect", test_reconnect);
  g_test_add_func ("/ssh/fleet", test_fleet);
  g_test_add_func ("/ssh/fleet-source", test_fleet_source);
  mci_test_ssh_setup ();
  status = g_test_run ();
  mci_test_ssh_teardown ();
  return status;
}
