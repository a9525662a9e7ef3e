/* test-history.c: closed connections kept for a window, capped, counted per group
 *
 * Time is passed in, never waited for.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <malloc.h>

#include "mci-classifier.h"
#include "mci-history.h"
#include "mci-snapshot.h"

#define T0 (G_GINT64_CONSTANT (1700000000) * G_USEC_PER_SEC)

/* This machine is 10.0.0.1 and listens on 443. */
typedef struct
{
  MciLocalMachine *machine;
  GArray          *current;   /* the latest sample's sockets */
  MciClassifier   *classifier;
} Machine;

static MciConnection
make_row (const char *local,
          guint16     local_port,
          const char *remote,
          guint16     remote_port,
          MciTcpState state)
{
  MciConnection row = { 0 };

  g_assert_true (mci_address_parse (&row.local_address, local));
  g_assert_true (mci_address_parse (&row.remote_address, remote != NULL ? remote : "0.0.0.0"));
  row.local_port = local_port;
  row.remote_port = remote_port;
  row.state = state;
  return row;
}

static void
machine_init (Machine *m)
{
  MciAddress address;
  MciConnection listener = make_row ("10.0.0.1", 443, NULL, 0, MCI_TCP_STATE_LISTEN);

  m->machine = mci_local_machine_new ();
  g_assert_true (mci_address_parse (&address, "10.0.0.1"));
  mci_local_machine_add_address (m->machine, &address);
  m->current = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  g_array_append_val (m->current, listener);
  m->classifier = mci_classifier_new (m->machine, (const MciConnection *) m->current->data,
                                      m->current->len);
}

static void
machine_clear (Machine *m)
{
  g_clear_pointer (&m->classifier, mci_classifier_free);
  g_clear_pointer (&m->current, g_array_unref);
  g_clear_pointer (&m->machine, mci_local_machine_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Machine, machine_clear)

static MciClosedConnection
make_closed (const char *local,
             guint16     local_port,
             const char *remote,
             guint16     remote_port,
             gint64      closed_at)
{
  MciClosedConnection closed = { 0 };

  closed.connection = make_row (local, local_port, remote, remote_port, MCI_TCP_STATE_CLOSE);
  closed.closed_at = closed_at;
  return closed;
}

/* The group a snapshot puts @row in, the row open: the history must key its close so. */
static MciEndpointKey
snapshot_key (Machine       *m,
              MciConnection  row)
{
  g_autoptr(GArray) rows = g_array_copy (m->current);
  g_autoptr(MciSnapshot) snapshot = NULL;
  MciEndpointKey key = { 0 };

  row.state = MCI_TCP_STATE_ESTABLISHED;
  g_array_append_val (rows, row);
  snapshot = mci_snapshot_new (g_steal_pointer (&rows), m->machine, 0, NULL);
  for (guint k = 0; k < MCI_N_SECTIONS; k++)
    {
      const MciSection *section = mci_snapshot_get_section (snapshot, k);

      for (guint g = 0; g < section->n_groups; g++)
        if (section->groups[g].key.section != MCI_SECTION_LISTENING)
          key = section->groups[g].key;
    }
  g_assert_cmpint (key.local_port | key.remote_port, !=, 0);
  return key;
}

/* Closes are counted in the group a snapshot would show their connection in. */
static void
test_groups (void)
{
  g_auto(Machine) m = { 0 };
  g_autoptr(MciHistory) history = mci_history_new (MCI_HISTORY_DEFAULT_WINDOW,
                                                   MCI_HISTORY_DEFAULT_MAX_RECORDS);
  MciClosedConnection closed[] = {
    make_closed ("10.0.0.1", 443, "203.0.113.5", 50001, T0),      /* inbound */
    make_closed ("10.0.0.1", 443, "203.0.113.5", 50002, T0),
    make_closed ("10.0.0.1", 40001, "198.51.100.7", 80, T0),      /* outbound */
    make_closed ("10.0.0.1", 40002, "198.51.100.7", 80, T0),
    make_closed ("10.0.0.1", 40003, "198.51.100.7", 80, T0),
    make_closed ("10.0.0.1", 40004, "10.0.0.1", 443, T0),         /* looping: client */
    make_closed ("10.0.0.1", 443, "10.0.0.1", 40004, T0),         /* and server */
  };
  MciEndpointKey key;

  machine_init (&m);
  mci_history_add (history, closed, G_N_ELEMENTS (closed), m.classifier);
  g_assert_cmpuint (mci_history_get_n_records (history), ==, 6);

  key = snapshot_key (&m, closed[0].connection);
  g_assert_cmpint (key.section, ==, MCI_SECTION_INBOUND);
  g_assert_cmpuint (mci_history_count_closed (history, &key), ==, 2);
  key = snapshot_key (&m, closed[2].connection);
  g_assert_cmpint (key.section, ==, MCI_SECTION_OUTBOUND);
  g_assert_cmpuint (mci_history_count_closed (history, &key), ==, 3);
  /* both ends of a looping connection close: one connection, one record, in its one
   * group, as its client end saw it */
  key = snapshot_key (&m, closed[6].connection);
  g_assert_cmpint (key.section, ==, MCI_SECTION_LOOPING);
  g_assert_cmpuint (mci_history_count_closed (history, &key), ==, 1);
  g_assert_cmpuint (mci_history_closed_of (mci_history_get_closed (history, &key))
                      ->connection.local_port, ==, 40004);
}

/* Each group lists its own records, oldest first; each section counts its groups'. */
static void
test_group_records (void)
{
  g_auto(Machine) m = { 0 };
  g_autoptr(MciHistory) history = mci_history_new (60 * G_USEC_PER_SEC, 3);
  MciClosedConnection closed[] = {
    make_closed ("10.0.0.1", 443, "203.0.113.5", 50001, T0),      /* inbound */
    make_closed ("10.0.0.1", 40001, "198.51.100.7", 80, T0 + 1),  /* outbound */
    make_closed ("10.0.0.1", 443, "203.0.113.5", 50002, T0 + 2),
    make_closed ("10.0.0.1", 40002, "198.51.100.7", 80, T0 + 3),
  };
  MciEndpointKey inbound, outbound;
  const GList *records;
  g_autoptr(GPtrArray) groups = NULL;

  machine_init (&m);
  mci_history_add (history, closed, G_N_ELEMENTS (closed), m.classifier);
  inbound = snapshot_key (&m, closed[0].connection);
  outbound = snapshot_key (&m, closed[1].connection);
  /* the cap dropped the oldest, an inbound close */
  records = mci_history_get_closed (history, &inbound);
  g_assert_cmpuint (g_list_length ((GList *) records), ==, 1);
  g_assert_cmpuint (mci_history_closed_of (records)->connection.remote_port, ==, 50002);
  records = mci_history_get_closed (history, &outbound);
  g_assert_cmpuint (g_list_length ((GList *) records), ==, 2);
  g_assert_cmpuint (mci_history_closed_of (records)->connection.local_port, ==, 40001);
  g_assert_cmpuint (mci_history_closed_of (records->next)->connection.local_port, ==, 40002);
  g_assert_cmpuint (mci_history_count_section (history, MCI_SECTION_INBOUND), ==, 1);
  g_assert_cmpuint (mci_history_count_section (history, MCI_SECTION_OUTBOUND), ==, 2);
  groups = mci_history_get_groups (history, MCI_SECTION_OUTBOUND);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_true (mci_endpoint_key_equal (groups->pdata[0], &outbound));
  g_clear_pointer (&groups, g_ptr_array_unref);
  {
    /* another outbound group: the cap drops the oldest outbound close, and of two
     * groups with one close each, the one that closed last comes first */
    MciClosedConnection other = make_closed ("10.0.0.1", 40009, "198.51.100.9", 80, T0 + 4);
    MciEndpointKey other_key = snapshot_key (&m, other.connection);

    mci_history_add (history, &other, 1, m.classifier);
    g_clear_pointer (&groups, g_ptr_array_unref);
    groups = mci_history_get_groups (history, MCI_SECTION_OUTBOUND);
    g_assert_cmpuint (groups->len, ==, 2);
    g_assert_true (mci_endpoint_key_equal (groups->pdata[0], &other_key));
    g_assert_true (mci_endpoint_key_equal (groups->pdata[1], &outbound));
  }

  /* the window drops the inbound close of T0 + 2 */
  mci_history_expire (history, T0 + 60 * G_USEC_PER_SEC + 3);
  g_assert_cmpuint (mci_history_count_section (history, MCI_SECTION_INBOUND), ==, 0);
  g_assert_null (mci_history_get_closed (history, &inbound));
  g_assert_cmpuint (mci_history_count_section (history, MCI_SECTION_OUTBOUND), ==, 2);
}

/* Closes older than the window go, oldest first, and their groups' counts with them. */
static void
test_window (void)
{
  g_auto(Machine) m = { 0 };
  g_autoptr(MciHistory) history = mci_history_new (60 * G_USEC_PER_SEC, 1000);
  MciClosedConnection closed[] = {
    make_closed ("10.0.0.1", 40001, "198.51.100.7", 80, T0),
    make_closed ("10.0.0.1", 40002, "198.51.100.7", 80, T0 + 10 * G_USEC_PER_SEC),
    make_closed ("10.0.0.1", 40003, "198.51.100.7", 80, T0 + 70 * G_USEC_PER_SEC),
  };
  MciEndpointKey key;

  machine_init (&m);
  mci_history_add (history, closed, G_N_ELEMENTS (closed), m.classifier);
  key = snapshot_key (&m, closed[0].connection);
  mci_history_expire (history, T0 + 60 * G_USEC_PER_SEC);
  g_assert_cmpuint (mci_history_get_n_records (history), ==, 3);
  mci_history_expire (history, T0 + 75 * G_USEC_PER_SEC);
  g_assert_cmpuint (mci_history_get_n_records (history), ==, 1);
  g_assert_cmpint (mci_history_get_oldest (history)->closed_at, ==, closed[2].closed_at);
  g_assert_cmpuint (mci_history_count_closed (history, &key), ==, 1);
  mci_history_expire (history, T0 + 131 * G_USEC_PER_SEC);
  g_assert_cmpuint (mci_history_get_n_records (history), ==, 0);
  g_assert_null (mci_history_get_oldest (history));
  g_assert_cmpuint (mci_history_count_closed (history, &key), ==, 0);
}

/* Past the cap the oldest records go first. */
static void
test_cap (void)
{
  g_auto(Machine) m = { 0 };
  g_autoptr(MciHistory) history = mci_history_new (MCI_HISTORY_DEFAULT_WINDOW, 3);
  MciEndpointKey key;

  machine_init (&m);
  for (guint i = 0; i < 5; i++)
    {
      MciClosedConnection closed = make_closed ("10.0.0.1", 40000 + i, "198.51.100.7", 80,
                                                T0 + i);

      closed.owner = g_strdup ("curl (1)");
      mci_history_add (history, &closed, 1, m.classifier);
      mci_closed_connection_clear (&closed);
      key = snapshot_key (&m, closed.connection);
    }
  g_assert_cmpuint (mci_history_get_n_records (history), ==, 3);
  g_assert_cmpint (mci_history_get_oldest (history)->closed_at, ==, T0 + 2);
  g_assert_cmpuint (mci_history_get_oldest (history)->connection.local_port, ==, 40002);
  g_assert_cmpstr (mci_history_get_oldest (history)->owner, ==, "curl (1)");
  g_assert_cmpuint (mci_history_count_closed (history, &key), ==, 3);

  /* a smaller cap from the settings drops the oldest at once */
  mci_history_set_limits (history, MCI_HISTORY_DEFAULT_WINDOW, 2);
  g_assert_cmpuint (mci_history_get_n_records (history), ==, 2);
  g_assert_cmpint (mci_history_get_oldest (history)->closed_at, ==, T0 + 3);
  g_assert_cmpuint (mci_history_count_closed (history, &key), ==, 2);
}

/* What a record costs, measured with the allocator's own figures. */
static void
test_record_size (void)
{
  g_auto(Machine) m = { 0 };
  g_autoptr(MciHistory) history = mci_history_new (MCI_HISTORY_DEFAULT_WINDOW,
                                                   MCI_HISTORY_DEFAULT_MAX_RECORDS);
  const guint n = 100000;
  struct mallinfo2 before, after;
  double per_record;

  machine_init (&m);
  before = mallinfo2 ();
  for (guint i = 0; i < n; i++)
    {
      /* a thousand groups of a hundred closes */
      MciClosedConnection closed = make_closed ("10.0.0.1", 1024 + i % 60000, "198.51.100.7",
                                                1 + i % 1000, T0 + i);

      mci_history_add (history, &closed, 1, m.classifier);
    }
  after = mallinfo2 ();
  per_record = (double) (after.uordblks + after.hblkhd - before.uordblks - before.hblkhd) / n;
  g_test_message ("a record takes %.0f bytes (sizeof %" G_GSIZE_FORMAT "); the default cap "
                  "of %u records %.0f MiB", per_record, mci_history_get_record_size (),
                  MCI_HISTORY_DEFAULT_MAX_RECORDS,
                  per_record * MCI_HISTORY_DEFAULT_MAX_RECORDS / (1024 * 1024));
  g_assert_cmpuint (mci_history_get_n_records (history), ==, n);
  /* a sanitizer's allocator does not report to mallinfo2 */
  if (per_record > 0)
    g_assert_cmpfloat (per_record, <, 400);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/groups", test_groups);
  g_test_add_func ("/history/group-records", test_group_records);
  g_test_add_func ("/history/window", test_window);
  g_test_add_func ("/history/cap", test_cap);
  g_test_add_func ("/history/record-size", test_record_size);
  return g_test_run ();
}
