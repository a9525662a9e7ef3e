/* test-source.c: where connections come from: the live machine over netlink or /proc,
 * a saved capture, and the fallback when netlink is refused
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mci-netlink-source.h"
#include "mci-proc-source.h"
#include "mci-test-util.h"

static const MciConnection *
find_connection (MciSnapshot *snapshot,
                 guint16      local_port,
                 guint16      remote_port)
{
  guint n;
  const MciConnection *rows = mci_snapshot_get_connections (snapshot, &n);

  for (guint i = 0; i < n; i++)
    if (rows[i].local_port == local_port && rows[i].remote_port == remote_port)
      return &rows[i];
  return NULL;
}

/* Both live sources see this test's own connection in the same group; only netlink
 * knows its traffic. */
static void
test_live_sources (void)
{
  guint16 port;
  int listener = mci_test_listen ("127.0.0.1", &port);
  int client = mci_test_connect ("127.0.0.1", port);
  int server = mci_test_accept (listener);
  g_autoptr(MciSource) netlink = mci_source_new_live (MCI_SOURCE_NETLINK, TRUE);
  g_autoptr(MciSource) proc = mci_source_new_live (MCI_SOURCE_PROC, TRUE);
  g_autoptr(MciSnapshot) by_netlink = NULL;
  g_autoptr(MciSnapshot) by_proc = NULL;
  const MciEndpointGroup *group;
  const MciConnection *row;

  g_assert_true (MCI_IS_NETLINK_SOURCE (netlink));
  g_assert_true (MCI_IS_PROC_SOURCE (proc));
  g_assert_true (mci_source_is_live (netlink));
  g_assert_true (mci_source_is_live (proc));
  g_assert_cmpint (send (client, "hello", 5, 0), ==, 5);

  by_netlink = mci_test_read_source (netlink);
  by_proc = mci_test_read_source (proc);
  g_assert_null (mci_snapshot_get_note (by_netlink));
  g_assert_null (mci_snapshot_get_note (by_proc));
  for (guint i = 0; i < 2; i++)
    {
      MciSnapshot *snapshot = i == 0 ? by_netlink : by_proc;

      group = mci_test_find_group (snapshot, MCI_SECTION_LOOPING, "127.0.0.1", -1,
                                   "127.0.0.1", port);
      g_assert_nonnull (group);
      g_assert_cmpuint (group->states[MCI_TCP_STATE_ESTABLISHED], ==, 1);
    }

  row = find_connection (by_netlink, port, 0);
  g_assert_nonnull (row);
  g_assert_cmpint (row->state, ==, MCI_TCP_STATE_LISTEN);
  row = find_connection (by_proc, port, 0);
  g_assert_nonnull (row);
  g_assert_false (row->has_tcp_info);

  close (client);
  close (server);
  close (listener);
}

typedef struct
{
  guint16 client_port, server_port;
} Ends;

static const MciEndpointGroup *
find_own_group (MciSnapshot *snapshot,
                const Ends  *ends)
{
  return mci_test_find_group (snapshot, MCI_SECTION_LOOPING, "127.0.0.1", -1, "127.0.0.1",
                              ends->server_port);
}

/* Two samples a second apart with a known transfer between them: the rate is the
 * transfer over the time, within 10%, in the connection and in its group. */
static void
test_rates (void)
{
  Ends ends;
  int listener = mci_test_listen ("127.0.0.1", &ends.server_port);
  int client = mci_test_connect ("127.0.0.1", ends.server_port);
  int server = mci_test_accept (listener);
  g_autoptr(MciSource) source = mci_source_new_live (MCI_SOURCE_NETLINK, TRUE);
  g_autoptr(MciSnapshot) before = NULL, after = NULL;
  const MciConnection *row;
  const MciEndpointGroup *group;
  double bytes = 512 * 1024;
  gint64 before_start, before_end, after_start, after_end;

  before_start = g_get_monotonic_time ();
  before = mci_test_read_source (source);
  before_end = g_get_monotonic_time ();
  row = find_connection (before, 0, ends.server_port);
  g_assert_null (row); /* the client's end is keyed by its own port */
  g_assert_nonnull (find_own_group (before, &ends));
  g_assert_cmpuint (find_own_group (before, &ends)->traffic.n_rated, ==, 0);

  /* the interval under test: the transfer happens within it */
  mci_test_transfer (client, server, 512 * 1024);
  g_usleep (G_USEC_PER_SEC);
  after_start = g_get_monotonic_time ();
  after = mci_test_read_source (source);
  after_end = g_get_monotonic_time ();

  group = find_own_group (after, &ends);
  g_assert_nonnull (group);
  g_assert_cmpuint (group->traffic.n_rated, ==, 1);
  /* the source timed its two reads somewhere within these brackets: the rate is the
   * bytes over that time, within 10%, however late the sleep ended on a busy machine */
  g_assert_cmpfloat (group->traffic.sent_per_second, >,
                     0.9 * bytes / ((after_end - before_start) / (double) G_USEC_PER_SEC));
  g_assert_cmpfloat (group->traffic.sent_per_second, <,
                     1.1 * bytes / ((after_start - before_end) / (double) G_USEC_PER_SEC));
  g_assert_cmpuint (group->traffic.bytes_sent, ==, 512 * 1024);
  g_assert_cmpuint (group->traffic.received_per_second, ==, 0);
  g_assert_cmpuint (mci_snapshot_get_section (after, MCI_SECTION_LOOPING)->traffic.bytes_sent,
                    >=, 512 * 1024);

  close (client);
  close (server);
  close (listener);
}

static void
test_capture (void)
{
  g_autofree char *path = mci_test_fixture_path ("original-sample");
  g_autoptr(MciSource) source = mci_proc_source_new (path);
  g_autoptr(MciSnapshot) snapshot = NULL;
  g_autofree char *description = NULL;

  g_assert_true (MCI_IS_PROC_SOURCE (source));
  g_assert_false (mci_source_is_live (source));
  description = mci_source_describe (source);
  g_assert_cmpstr (description, ==, path);
  snapshot = mci_test_read_source (source);
  g_assert_cmpuint (mci_snapshot_get_section (snapshot, MCI_SECTION_LOOPING)->n_connections,
                    ==, 57);
}

/* /proc/net is live however it is spelled; a copy of it is not. */
static void
test_live_proc_spellings (void)
{
  const char *live[] = { "/proc/net", "/proc/self/net", "/proc/net/", "/proc/../proc/net" };

  for (guint i = 0; i < G_N_ELEMENTS (live); i++)
    {
      g_autoptr(MciSource) source = mci_proc_source_new (live[i]);

      g_assert_true (mci_source_is_live (source));
    }
  {
    g_autoptr(MciSource) source = mci_proc_source_new (g_get_tmp_dir ());
    g_autoptr(MciSource) missing = mci_proc_source_new ("/nonexistent/net");

    g_assert_false (mci_source_is_live (source));
    g_assert_false (mci_source_is_live (missing));
  }
}

static void
test_kind_from_string (void)
{
  MciSourceKind kind = MCI_SOURCE_PROC;

  g_assert_true (mci_source_kind_from_string ("netlink", &kind));
  g_assert_cmpint (kind, ==, MCI_SOURCE_NETLINK);
  g_assert_true (mci_source_kind_from_string ("proc", &kind));
  g_assert_cmpint (kind, ==, MCI_SOURCE_PROC);
  g_assert_false (mci_source_kind_from_string ("ssh", &kind));
  g_assert_false (mci_source_kind_from_string (NULL, &kind));
}

/* In a process that may not open netlink sockets, the live source reads /proc and
 * every snapshot says why. */
static void
test_fallback (void)
{
  if (g_test_subprocess ())
    {
      guint16 port;
      int listener = mci_test_listen ("127.0.0.1", &port);
      g_autoptr(MciSource) source = NULL;

      mci_test_deny_netlink ();
      source = mci_source_new_live (MCI_SOURCE_NETLINK, TRUE);
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(MciSnapshot) snapshot = mci_test_read_source (source);
          const char *note = mci_snapshot_get_note (snapshot);

          g_assert_nonnull (note);
          g_assert_nonnull (strstr (note, "/proc/net"));
          g_assert_nonnull (strstr (note, g_strerror (EPERM)));
          g_assert_nonnull (find_connection (snapshot, port, 0));
        }
      close (listener);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/source/live", test_live_sources);
  g_test_add_func ("/source/rates", test_rates);
  g_test_add_func ("/source/capture", test_capture);
  g_test_add_func ("/source/live-proc-spellings", test_live_proc_spellings);
  g_test_add_func ("/source/kind-from-string", test_kind_from_string);
  g_test_add_func ("/source/fallback", test_fallback);
  return g_test_run ();
}
