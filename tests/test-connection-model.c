/* test-connection-model.c: reconciling snapshots into rows, cues, search and sampling
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "mci-connection-list.h"
#include "mci-connection-model.h"
#include "mci-mock-resolver.h"
#include "mci-row-owner.h"
#include "mci-test-util.h"

static MciConnectionModel *
model_for_fixture (const char *name)
{
  g_autofree char *path = mci_test_fixture_path (name);
  g_autoptr(MciSampler) sampler = mci_sampler_new (path);

  return mci_connection_model_new (sampler, NULL);
}

static void
apply_fixture (MciConnectionModel *model,
               const char         *name)
{
  g_autoptr(MciSnapshot) snapshot = mci_test_load_fixture (name);

  mci_connection_model_apply (model, snapshot);
}

static MciRow *
find_group (MciConnectionModel *model,
            MciSectionKind      kind,
            const char         *endpoint)
{
  MciRow *section = mci_connection_model_get_section (model, kind);
  GListModel *groups = G_LIST_MODEL (mci_section_row_get_groups (MCI_SECTION_ROW (section)));

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(MciRow) row = g_list_model_get_item (groups, i);

      if (g_str_equal (mci_row_get_endpoint (row), endpoint))
        return row;
    }
  return NULL;
}

static guint
n_groups (MciConnectionModel *model,
          MciSectionKind      kind)
{
  MciRow *section = mci_connection_model_get_section (model, kind);
  GListStore *groups = mci_section_row_get_groups (MCI_SECTION_ROW (section));

  return g_list_model_get_n_items (G_LIST_MODEL (groups));
}

static guint
n_shown (MciConnectionModel *model,
         MciSectionKind      kind)
{
  MciRow *section = mci_connection_model_get_section (model, kind);

  return mci_section_row_get_n_shown (MCI_SECTION_ROW (section));
}

static void
test_sections (void)
{
  g_autoptr(MciConnectionModel) model = model_for_fixture ("original-sample");
  GListModel *sections = mci_connection_model_get_sections (model);
  MciRow *looping = mci_connection_model_get_section (model, MCI_SECTION_LOOPING);
  MciRow *group;

  apply_fixture (model, "original-sample");
  /* by endpoint: inbound, outbound, looping, listening; no "distant" */
  g_assert_cmpuint (g_list_model_get_n_items (sections), ==, 4);
  g_assert_cmpstr (mci_row_get_endpoint (looping), ==, "Looping");
  g_assert_cmpuint (mci_row_get_n_connections (looping), ==, 57);
  g_assert_cmpuint (mci_section_row_get_n_duplicates (MCI_SECTION_ROW (looping)), ==, 10);
  g_assert_cmpuint (n_groups (model, MCI_SECTION_LOOPING), ==, 9);
  g_assert_cmpuint (n_groups (model, MCI_SECTION_INBOUND), ==, 2);
  g_assert_cmpuint (n_groups (model, MCI_SECTION_OUTBOUND), ==, 2);
  g_assert_cmpuint (n_groups (model, MCI_SECTION_LISTENING), ==, 11);

  group = find_group (model, MCI_SECTION_INBOUND, "85.93.216.17:777 ← 78.141.139.10");
  g_assert_nonnull (group);
  group = find_group (model, MCI_SECTION_OUTBOUND, "80.90.63.61 → 80.90.63.48:25");
  g_assert_nonnull (group);
  g_assert_cmpuint (mci_row_get_n_connections (group), ==, 2);
  g_assert_cmpstr (mci_row_get_states_text (group), ==, "2 × TIME_WAIT");
  g_assert_cmpint (mci_row_get_change (group), ==, MCI_ROW_CHANGE_NONE);

  group = find_group (model, MCI_SECTION_LOOPING, "127.0.0.1 → 127.0.0.1:9355");
  g_assert_cmpuint (mci_row_get_n_connections (group), ==, 20);
  g_assert_cmpstr (mci_row_get_states_text (group), ==,
                   "1 × ESTABLISHED, 8 × TIME_WAIT, 11 × CLOSE_WAIT");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

typedef struct
{
  MciRow       *row;
  MciRowChange  change;
} ChangeWait;

static gboolean
has_change (gpointer data)
{
  ChangeWait *wait = data;

  return mci_row_get_change (wait->row) == wait->change;
}

static void
wait_for_change (MciRow       *row,
                 MciRowChange  change)
{
  ChangeWait wait = { row, change };

  mci_test_wait_for (has_change, &wait, "the row's cue to change");
}

/* A group that grows again while its cue is on keeps it for the whole second cue: the
 * first one's end does not clear it. */
static void
test_grows_again (void)
{
  g_autoptr(MciConnectionModel) model = model_for_fixture ("refresh-1");
  MciRow *inbound;
  gint64 second;

  g_object_set (model, "cue-duration", 600, NULL);
  apply_fixture (model, "refresh-1");
  inbound = find_group (model, MCI_SECTION_INBOUND, "192.0.2.10:22 ← 198.51.100.7");
  apply_fixture (model, "refresh-2");
  g_assert_cmpint (mci_row_get_change (inbound), ==, MCI_ROW_CHANGE_GROWN);
  mci_test_iterate_for (400);
  apply_fixture (model, "refresh-1");
  apply_fixture (model, "refresh-2");
  second = g_get_monotonic_time ();
  g_assert_cmpint (mci_row_get_change (inbound), ==, MCI_ROW_CHANGE_GROWN);
  /* past the first cue's end and the check after it, short of the second's end */
  mci_test_iterate_for (500);
  if (g_get_monotonic_time () - second < 600 * 1000)
    g_assert_cmpint (mci_row_get_change (inbound), ==, MCI_ROW_CHANGE_GROWN);
  wait_for_change (inbound, MCI_ROW_CHANGE_NONE);
}

/* A group grows, one appears, one vanishes: same objects, few signals, cues. */
static void
test_reconcile (void)
{
  g_autoptr(MciConnectionModel) model = model_for_fixture ("refresh-1");
  MciRow *outbound_section = mci_connection_model_get_section (model, MCI_SECTION_OUTBOUND);
  GListModel *outbound =
    G_LIST_MODEL (mci_section_row_get_groups (MCI_SECTION_ROW (outbound_section)));
  MciTestItemsChanged changes = { 0 };
  guint n_count_notifies = 0;
  MciRow *inbound, *vanishing, *fresh;

  g_object_set (model, "cue-duration", 200, NULL);
  apply_fixture (model, "refresh-1");
  inbound = find_group (model, MCI_SECTION_INBOUND, "192.0.2.10:22 ← 198.51.100.7");
  vanishing = find_group (model, MCI_SECTION_OUTBOUND, "192.0.2.10 → 203.0.113.9:80");
  g_assert_nonnull (inbound);
  g_assert_nonnull (vanishing);
  g_signal_connect (inbound, "notify::n-connections", G_CALLBACK (count_notify),
                    &n_count_notifies);
  g_signal_connect (outbound, "items-changed", G_CALLBACK (mci_test_count_items_changed),
                    &changes);

  apply_fixture (model, "refresh-2");
  g_assert_true (find_group (model, MCI_SECTION_INBOUND, "192.0.2.10:22 ← 198.51.100.7")
                 == inbound);
  g_assert_cmpuint (mci_row_get_n_connections (inbound), ==, 3);
  g_assert_cmpuint (n_count_notifies, ==, 1);
  /* it grew 1 → 3: a change to see, as a new group is */
  g_assert_cmpint (mci_row_get_change (inbound), ==, MCI_ROW_CHANGE_GROWN);
  /* the vanished group stays one refresh, closed; the new one is appended */
  g_assert_true (find_group (model, MCI_SECTION_OUTBOUND, "192.0.2.10 → 203.0.113.9:80")
                 == vanishing);
  g_assert_cmpint (mci_row_get_change (vanishing), ==, MCI_ROW_CHANGE_CLOSED);
  fresh = find_group (model, MCI_SECTION_OUTBOUND, "192.0.2.10 → 203.0.113.20:25");
  g_assert_nonnull (fresh);
  g_assert_cmpint (mci_row_get_change (fresh), ==, MCI_ROW_CHANGE_NEW);
  g_assert_cmpuint (changes.n_changes, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (mci_row_get_n_connections (outbound_section), ==, 3);

  apply_fixture (model, "refresh-3");
  g_assert_null (find_group (model, MCI_SECTION_OUTBOUND, "192.0.2.10 → 203.0.113.9:80"));
  g_assert_cmpuint (g_list_model_get_n_items (outbound), ==, 3);
  g_assert_cmpuint (changes.n_changes, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_true (find_group (model, MCI_SECTION_OUTBOUND, "192.0.2.10 → 203.0.113.20:25")
                 == fresh);
  /* the new and grown cues clear by themselves, without a refresh */
  wait_for_change (fresh, MCI_ROW_CHANGE_NONE);
  wait_for_change (inbound, MCI_ROW_CHANGE_NONE);
  g_assert_cmpuint (mci_connection_model_get_n_samples (model), ==, 3);
}

/* One outbound connection that sock_diag measured: @received in all, and at
 * @received_per_second when @rated. */
static MciSnapshot *
measured_snapshot (guint64  received,
                   gboolean rated,
                   guint64  received_per_second)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (MciConnection));
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();
  MciConnection row = { 0 };

  g_assert_true (mci_address_parse (&row.local_address, "192.0.2.10"));
  g_assert_true (mci_address_parse (&row.remote_address, "203.0.113.9"));
  row.local_port = 50000;
  row.remote_port = 443;
  row.state = MCI_TCP_STATE_ESTABLISHED;
  row.inode = row.cookie = 1;
  row.has_tcp_info = TRUE;
  row.bytes_sent = 100;
  row.bytes_received = received;
  row.rtt_us = 2500;
  row.has_rates = rated;
  row.received_per_second = received_per_second;
  g_array_append_val (rows, row);
  mci_local_machine_add_address (machine, &row.local_address);
  /* the kernel measures a listening socket too */
  row = (MciConnection) { .local_address = row.local_address, .local_port = 22,
                          .remote_address = row.local_address, .state = MCI_TCP_STATE_LISTEN,
                          .inode = 2, .cookie = 2, .has_tcp_info = TRUE };
  g_assert_true (mci_address_parse (&row.remote_address, "0.0.0.0"));
  g_array_append_val (rows, row);
  return mci_snapshot_new (g_steal_pointer (&rows), machine, 0, NULL);
}

static void
apply_measured (MciConnectionModel *model,
                guint64             received,
                gboolean            rated,
                guint64             received_per_second)
{
  g_autoptr(MciSnapshot) snapshot = measured_snapshot (received, rated, received_per_second);

  mci_connection_model_apply (model, snapshot);
}

/* A group's traffic changes in place, notifies once per change and has the view sort
 * again, as a changed count does. */
static void
test_traffic (void)
{
  g_autoptr(MciConnectionModel) model = model_for_fixture ("empty");
  guint n_traffic_notifies = 0;
  g_autofree char *totals_text = NULL, *rates_text = NULL, *tooltip = NULL;
  g_autofree char *listening_text = NULL;
  gboolean totals;
  MciRow *group, *listening;

  apply_measured (model, 2000, FALSE, 0);
  group = find_group (model, MCI_SECTION_OUTBOUND, "192.0.2.10 → 203.0.113.9:443");
  g_assert_nonnull (group);
  g_assert_cmpuint (mci_row_get_traffic (group)->n_measured, ==, 1);
  totals_text = mci_row_format_traffic (group, &totals);
  g_assert_cmpstr (totals_text, ==, "↓ 2.0\u00a0kB ↑ 100 bytes");
  g_assert_true (totals);
  g_signal_connect (group, "notify::traffic", G_CALLBACK (count_notify), &n_traffic_notifies);

  apply_measured (model, 4000, TRUE, 2000);
  g_assert_true (find_group (model, MCI_SECTION_OUTBOUND, "192.0.2.10 → 203.0.113.9:443")
                 == group);
  g_assert_cmpuint (n_traffic_notifies, ==, 1);
  g_assert_cmpuint (mci_row_get_traffic (group)->received_per_second, ==, 2000);
  rates_text = mci_row_format_traffic (group, &totals);
  g_assert_cmpstr (rates_text, ==, "↓ 2.0\u00a0kB/s ↑ 0 bytes/s");
  g_assert_false (totals);
  tooltip = mci_row_describe_traffic (group);
  g_assert_cmpstr (tooltip, ==, "Largest smoothed round-trip time: 2.5 ms\n"
                                "In all: ↓ 4.0\u00a0kB ↑ 100 bytes");
  /* the section sums its groups */
  g_assert_cmpuint (mci_row_get_traffic (mci_connection_model_get_section (
                      model, MCI_SECTION_OUTBOUND))->bytes_received, ==, 4000);

  /* what a listening socket moves is nothing to show */
  listening = mci_connection_model_get_section (model, MCI_SECTION_LISTENING);
  g_assert_cmpuint (mci_row_get_traffic (listening)->n_measured, ==, 1);
  listening_text = mci_row_format_traffic (listening, &totals);
  g_assert_null (listening_text);
  g_assert_null (mci_row_describe_traffic (listening));

  /* the same figures again: nothing to notify */
  apply_measured (model, 4000, TRUE, 2000);
  g_assert_cmpuint (n_traffic_notifies, ==, 1);
}

/* The endpoints of a section's groups, in the model's order, one a line. */
static char *
describe_order (MciConnectionModel *model,
                MciSectionKind      kind)
{
  MciRow *section = mci_connection_model_get_section (model, kind);
  GListModel *groups = G_LIST_MODEL (mci_section_row_get_groups (MCI_SECTION_ROW (section)));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(MciRow) row = g_list_model_get_item (groups, i);

      g_string_append_printf (out, "%s : %u\n", mci_row_get_endpoint (row),
                              mci_row_get_n_connections (row));
    }
  return g_string_free (out, FALSE);
}

/* The model keeps its lists in the order asked for, ties by endpoint; a new order moves
 * the rows themselves, and a group's connections follow it. */
static void
test_order (void)
{
  g_autoptr(MciConnectionModel) model = model_for_fixture ("original-sample");
  g_autofree char *by_count = NULL, *by_endpoint = NULL, *connections = NULL;
  g_autoptr(GListModel) children = NULL;
  g_autoptr(MciRow) first = NULL, last = NULL;
  MciRow *group;
  guint n;

  apply_fixture (model, "original-sample");
  by_count = describe_order (model, MCI_SECTION_LOOPING);
  g_assert_true (g_str_has_prefix (by_count, "127.0.0.1 → 127.0.0.1:9355 : 20\n"
                                             "127.0.0.1 → 127.0.0.1:4713 : 10\n"));
  g_assert_true (g_str_has_suffix (by_count, "127.0.0.1 → 127.0.0.1:3351 : 1\n"
                                             "127.0.0.1 → 127.0.0.1:7998 : 1\n"
                                             "127.0.0.1 → 127.0.0.1:32000 : 1\n"));
  group = find_group (model, MCI_SECTION_LOOPING, "127.0.0.1 → 127.0.0.1:9355");
  children = mci_row_dup_children (group);
  n = g_list_model_get_n_items (children);
  g_assert_cmpuint (n, ==, 20);

  mci_connection_model_set_sort (model, MCI_SORT_ENDPOINT, FALSE);
  by_endpoint = describe_order (model, MCI_SECTION_LOOPING);
  /* by address and port as numbers: 9355 before 32000 */
  g_assert_true (g_str_has_prefix (by_endpoint, "127.0.0.1 → 127.0.0.1:3306 : 8\n"
                                                "127.0.0.1 → 127.0.0.1:3351 : 1\n"));
  g_assert_true (g_str_has_suffix (by_endpoint, "127.0.0.1 → 127.0.0.1:9355 : 20\n"
                                                "127.0.0.1 → 127.0.0.1:32000 : 1\n"));
  g_assert_true (find_group (model, MCI_SECTION_LOOPING, "127.0.0.1 → 127.0.0.1:9355") == group);

  /* and back: the same rows, in the first order */
  mci_connection_model_set_sort (model, MCI_SORT_CONNECTIONS, TRUE);
  g_clear_pointer (&by_endpoint, g_free);
  by_endpoint = describe_order (model, MCI_SECTION_LOOPING);
  g_assert_cmpstr (by_endpoint, ==, by_count);

  /* the connections, by endpoint in either direction */
  mci_connection_model_set_sort (model, MCI_SORT_ENDPOINT, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, n);
  first = g_list_model_get_item (children, 0);
  last = g_list_model_get_item (children, n - 1);
  g_assert_cmpstr (mci_row_get_sort_key (first), >, mci_row_get_sort_key (last));
  g_clear_object (&first);
  g_clear_object (&last);
  mci_connection_model_set_sort (model, MCI_SORT_ENDPOINT, FALSE);
  first = g_list_model_get_item (children, 0);
  last = g_list_model_get_item (children, n - 1);
  g_assert_cmpstr (mci_row_get_sort_key (first), <, mci_row_get_sort_key (last));
}

/* One outbound group of @n connections from 192.0.2.10 to 203.0.113.9:443; connection
 * i is established where @established[i], else in TIME_WAIT. */
static MciSnapshot *
one_group (const gboolean *established,
           guint           n)
{
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();
  GArray *connections = g_array_new (FALSE, TRUE, sizeof (MciConnection));
  guint8 local[4] = { 192, 0, 2, 10 }, remote[4] = { 203, 0, 113, 9 };
  MciAddress address;

  mci_address_init_ipv4 (&address, local);
  mci_local_machine_add_address (machine, &address);
  for (guint i = 0; i < n; i++)
    {
      MciConnection connection = { 0 };

      mci_address_init_ipv4 (&connection.local_address, local);
      mci_address_init_ipv4 (&connection.remote_address, remote);
      connection.local_port = 40000 + i;
      connection.remote_port = 443;
      connection.state = established[i] ? MCI_TCP_STATE_ESTABLISHED : MCI_TCP_STATE_TIME_WAIT;
      connection.inode = i + 1;
      g_array_append_val (connections, connection);
    }
  return mci_snapshot_new (connections, machine, 0, NULL);
}

/* An expanded group's connections whose states change move both ways at once, each row
 * the same object, and end in order. */
static void
test_order_connections (void)
{
  g_autoptr(MciConnectionModel) model = model_for_fixture ("empty");
  g_autoptr(MciSnapshot) first = NULL, second = NULL;
  g_autoptr(GListModel) children = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  MciRowOrder order = { MCI_SORT_STATES, TRUE };
  gboolean established[60];
  MciRow *group;

  for (guint i = 0; i < G_N_ELEMENTS (established); i++)
    established[i] = i % 3 == 0;
  first = one_group (established, G_N_ELEMENTS (established));
  mci_connection_model_set_sort (model, MCI_SORT_STATES, TRUE);
  mci_connection_model_apply (model, first);
  group = find_group (model, MCI_SECTION_OUTBOUND, "192.0.2.10 → 203.0.113.9:443");
  children = mci_row_dup_children (group);
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    g_ptr_array_add (before, g_list_model_get_item (children, i));

  /* every fifth turns, scattered: up and down in one refresh */
  for (guint i = 0; i < G_N_ELEMENTS (established); i += 5)
    established[i] = !established[i];
  second = one_group (established, G_N_ELEMENTS (established));
  mci_connection_model_apply (model, second);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, G_N_ELEMENTS (established));
  {
    g_autoptr(MciRow) now_first = g_list_model_get_item (children, 0);

    /* port 40000 was the first established one, and no longer is */
    g_assert_true (now_first != g_ptr_array_index (before, 0));
  }
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(MciRow) row = g_list_model_get_item (children, i);

      g_assert_true (g_ptr_array_find (before, row, NULL));
      if (i > 0)
        {
          g_autoptr(MciRow) previous = g_list_model_get_item (children, i - 1);

          g_assert_cmpint (mci_row_order_compare (&order, previous, row), <, 0);
        }
    }
}

/* Outbound groups from 192.0.2.10 to 203.0.113.1, .2, … port 443, of @counts[i]
 * connections each. */
static MciSnapshot *
groups_of (const guint *counts,
           guint        n_groups)
{
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();
  GArray *connections = g_array_new (FALSE, TRUE, sizeof (MciConnection));
  guint8 local[4] = { 192, 0, 2, 10 };
  MciAddress address;
  guint inode = 1;

  mci_address_init_ipv4 (&address, local);
  mci_local_machine_add_address (machine, &address);
  for (guint g = 0; g < n_groups; g++)
    for (guint i = 0; i < counts[g]; i++)
      {
        MciConnection connection = { 0 };
        guint8 remote[4] = { 203, 0, 113, 1 + g };

        mci_address_init_ipv4 (&connection.local_address, local);
        mci_address_init_ipv4 (&connection.remote_address, remote);
        connection.local_port = 40000 + inode;
        connection.remote_port = 443;
        connection.state = MCI_TCP_STATE_ESTABLISHED;
        connection.inode = inode++;
        g_array_append_val (connections, connection);
      }
  return mci_snapshot_new (connections, machine, 0, NULL);
}

static void
on_groups_changed (GListModel *groups,
                   guint       position,
                   guint       removed,
                   guint       added,
                   guint      *most)
{
  *most = MAX (*most, MAX (removed, added));
}

static void
on_reordered (MciConnectionModel *model,
              GPtrArray          *moved,
              GPtrArray          *all_moved)
{
  for (guint i = 0; i < moved->len; i++)
    g_ptr_array_add (all_moved, g_object_ref (g_ptr_array_index (moved, i)));
}

/* A group that moves near others takes only itself out and back: the rows between its
 * old and new places stay, which in GTK 4.8 keeps their row widgets, expansion and
 * selection. (Taking a few neighbours along, to save an items-changed, cost three times
 * the widgets under churn.) */
static void
test_order_moves_alone (void)
{
  g_autoptr(MciConnectionModel) model = model_for_fixture ("empty");
  g_autoptr(MciSnapshot) first = NULL, second = NULL;
  g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *order = NULL;
  guint counts[] = { 10, 8, 6, 4, 2 }, most = 0;
  MciRow *section = mci_connection_model_get_section (model, MCI_SECTION_OUTBOUND);
  GListModel *groups = G_LIST_MODEL (mci_section_row_get_groups (MCI_SECTION_ROW (section)));

  first = groups_of (counts, G_N_ELEMENTS (counts));
  mci_connection_model_apply (model, first);
  g_signal_connect (groups, "items-changed", G_CALLBACK (on_groups_changed), &most);
  g_signal_connect (model, "reordered", G_CALLBACK (on_reordered), moved);

  /* the last group grows past two others, and one more grows in its place */
  counts[4] = 7;
  counts[1] = 9;
  second = groups_of (counts, G_N_ELEMENTS (counts));
  mci_connection_model_apply (model, second);
  order = describe_order (model, MCI_SECTION_OUTBOUND);
  g_assert_cmpstr (order, ==, "192.0.2.10 → 203.0.113.1:443 : 10\n"
                              "192.0.2.10 → 203.0.113.2:443 : 9\n"
                              "192.0.2.10 → 203.0.113.5:443 : 7\n"
                              "192.0.2.10 → 203.0.113.3:443 : 6\n"
                              "192.0.2.10 → 203.0.113.4:443 : 4\n");
  g_assert_cmpuint (most, ==, 1);
  g_assert_cmpuint (moved->len, ==, 1);
  g_assert_cmpstr (mci_row_get_endpoint (g_ptr_array_index (moved, 0)), ==,
                   "192.0.2.10 → 203.0.113.5:443");
  g_signal_handlers_disconnect_by_data (groups, &most);
  g_signal_handlers_disconnect_by_data (model, moved);
}

/* The Process cell's tooltip: the command line, and the unit where one is known. */
static void
test_owner_description (void)
{
  MciRowOwner owner = { 0 };
  MciOwner process = { .pid = 12, .process = "nginx", .command_line = "nginx: worker",
                       .has_user = TRUE, .user = "www-data", .unit = "nginx.service" };
  g_autofree char *with_unit = NULL, *without_unit = NULL, *unseen = NULL;
  gboolean searchable_changed;

  mci_row_owner_set (&owner, "nginx (12)", "www-data", MCI_OWNER_HIDDEN_NONE,
                     &searchable_changed);
  with_unit = mci_row_owner_describe (&owner, &process);
  g_assert_cmpstr (with_unit, ==, "nginx: worker\nUnit: nginx.service\nUser: www-data");
  process.unit = NULL;
  without_unit = mci_row_owner_describe (&owner, &process);
  g_assert_cmpstr (without_unit, ==, "nginx: worker\nUser: www-data");
  /* where the cgroups cannot be read, the tooltip says so, as it says why for processes */
  process.units_unseen = "The cgroup hierarchy /sys/fs/cgroup cannot be read: Permission denied";
  unseen = mci_row_owner_describe (&owner, &process);
  g_assert_cmpstr (unseen, ==, "nginx: worker\nUser: www-data\nThe cgroup hierarchy "
                               "/sys/fs/cgroup cannot be read: Permission denied");
  /* a group: its unit beside its processes, not twice where the unit is its name */
  {
    g_autofree char *group = NULL, *named_by_unit = NULL;

    mci_row_owner_set_unit (&owner, "nginx.service");
    group = mci_row_owner_describe (&owner, NULL);
    g_assert_cmpstr (group, ==, "nginx (12)\nUnit: nginx.service\nUser: www-data");
    mci_row_owner_set (&owner, "nginx.service", "www-data", MCI_OWNER_HIDDEN_NONE,
                       &searchable_changed);
    named_by_unit = mci_row_owner_describe (&owner, NULL);
    g_assert_cmpstr (named_by_unit, ==, "nginx.service\nUser: www-data");
  }
  mci_row_owner_clear (&owner);
}

/* A group's connections exist only once asked for, and are then kept current. */
static void
test_connections (void)
{
  g_autoptr(MciConnectionModel) model = model_for_fixture ("refresh-1");
  g_autoptr(GListModel) children = NULL;
  g_autoptr(MciRow) first = NULL, again = NULL, added = NULL;
  MciTestItemsChanged changes = { 0 };
  MciRow *inbound;

  apply_fixture (model, "refresh-1");
  inbound = find_group (model, MCI_SECTION_INBOUND, "192.0.2.10:22 ← 198.51.100.7");
  g_assert_null (mci_group_row_peek_connections (MCI_GROUP_ROW (inbound)));
  children = mci_row_dup_children (inbound);
  g_assert_true ((gpointer) mci_group_row_peek_connections (MCI_GROUP_ROW (inbound)) == children);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 1);
  first = g_list_model_get_item (children, 0);
  g_assert_cmpstr (mci_row_get_endpoint (first), ==, "192.0.2.10:22 ← 198.51.100.7:50000");
  g_assert_cmpint (mci_connection_row_get_state (MCI_CONNECTION_ROW (first)), ==,
                   MCI_TCP_STATE_ESTABLISHED);
  g_assert_true ((gpointer) mci_connection_row_get_group (MCI_CONNECTION_ROW (first)) == inbound);
  g_signal_connect (children, "items-changed", G_CALLBACK (mci_test_count_items_changed),
                    &changes);

  apply_fixture (model, "refresh-2");
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 3);
  g_assert_cmpuint (changes.n_changes, ==, 1);
  g_assert_cmpuint (changes.added, ==, 2);
  again = g_list_model_get_item (children, 0);
  g_assert_true (again == first);
  added = g_list_model_get_item (children, 2);
  g_assert_cmpstr (mci_row_get_endpoint (added), ==, "192.0.2.10:22 ← 198.51.100.7:50002");
  g_assert_cmpint (mci_connection_row_get_state (MCI_CONNECTION_ROW (added)), ==,
                   MCI_TCP_STATE_TIME_WAIT);
  g_assert_cmpint (mci_row_get_change (added), ==, MCI_ROW_CHANGE_NEW);

  /* dropped by everyone: no longer kept */
  g_clear_object (&children);
  g_assert_null (mci_group_row_peek_connections (MCI_GROUP_ROW (inbound)));
}

/* The groups' rule holds for connections: one that vanished stays a refresh, shown
 * closed, and goes on the refresh after, the closed run in one removal. */
static void
test_connections_vanish (void)
{
  g_autoptr(MciConnectionModel) model = model_for_fixture ("refresh-2");
  g_autoptr(GListModel) children = NULL;
  g_autoptr(MciRow) first = NULL, closed = NULL;
  MciTestItemsChanged changes = { 0 };
  MciRow *inbound;

  apply_fixture (model, "refresh-2");
  inbound = find_group (model, MCI_SECTION_INBOUND, "192.0.2.10:22 ← 198.51.100.7");
  children = mci_row_dup_children (inbound);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 3);
  first = g_list_model_get_item (children, 0);
  closed = g_list_model_get_item (children, 2);

  apply_fixture (model, "refresh-1");
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 3);
  g_assert_cmpint (mci_row_get_change (first), ==, MCI_ROW_CHANGE_NONE);
  g_assert_cmpint (mci_row_get_change (closed), ==, MCI_ROW_CHANGE_CLOSED);

  g_signal_connect (children, "items-changed", G_CALLBACK (mci_test_count_items_changed),
                    &changes);
  apply_fixture (model, "refresh-1");
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 1);
  g_assert_cmpuint (changes.n_changes, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 2);
  g_clear_object (&first);
  first = g_list_model_get_item (children, 0);
  g_assert_cmpstr (mci_row_get_endpoint (first), ==, "192.0.2.10:22 ← 198.51.100.7:50000");
}

static void
test_search (void)
{
  g_autoptr(MciConnectionModel) model = model_for_fixture ("original-sample");
  MciRow *looping = mci_connection_model_get_section (model, MCI_SECTION_LOOPING);
  MciRow *outbound = mci_connection_model_get_section (model, MCI_SECTION_OUTBOUND);
  MciRow *group;

  apply_fixture (model, "original-sample");
  g_assert_cmpuint (mci_section_row_get_n_shown (MCI_SECTION_ROW (looping)), ==, 57);

  /* by port */
  mci_connection_model_set_search (model, ":9355");
  g_assert_cmpuint (mci_section_row_get_n_shown (MCI_SECTION_ROW (looping)), ==, 20);
  g_assert_cmpuint (mci_section_row_get_n_shown (MCI_SECTION_ROW (outbound)), ==, 0);
  group = find_group (model, MCI_SECTION_LOOPING, "127.0.0.1 → 127.0.0.1:3306");
  g_assert_false (mci_row_matches (group, mci_connection_model_get_search (model)));

  /* by state, in any case: only the connections in that state count */
  mci_connection_model_set_search (model, "  close_WAIT ");
  g_assert_cmpstr (mci_connection_model_get_search (model), ==, "close_wait");
  g_assert_cmpuint (mci_section_row_get_n_shown (MCI_SECTION_ROW (looping)), ==, 29);
  g_assert_true (mci_row_matches (group, "close_wait"));
  g_assert_cmpuint (mci_row_count_matches (group, "close_wait"), ==, 1);

  /* by address */
  mci_connection_model_set_search (model, "80.90.63.48");
  g_assert_cmpuint (mci_section_row_get_n_shown (MCI_SECTION_ROW (outbound)), ==, 2);
  g_assert_cmpuint (mci_section_row_get_n_shown (MCI_SECTION_ROW (looping)), ==, 0);

  mci_connection_model_set_search (model, "");
  g_assert_cmpuint (mci_section_row_get_n_shown (MCI_SECTION_ROW (looping)), ==, 57);
}

static gboolean
both_named (gpointer data)
{
  MciRow **rows = data;

  return !mci_row_get_host_pending (rows[0]) && !mci_row_get_host_pending (rows[1]);
}

static gboolean
renamed (gpointer data)
{
  return g_strcmp0 (mci_row_get_host_name (data), "renamed.example") == 0;
}

static void
test_host_names (void)
{
  g_autoptr(MciMockResolver) mock = mci_mock_resolver_new (MCI_MOCK_ANSWER, 20);
  g_autoptr(GResolver) system = g_resolver_get_default ();
  g_autoptr(MciResolver) resolver = NULL;
  g_autoptr(MciConnectionModel) model = NULL;
  g_autofree char *path = mci_test_fixture_path ("refresh-1");
  g_autoptr(MciSampler) sampler = mci_sampler_new (path);
  MciRow *inbound, *outbound;
  guint n_notifies = 0;

  mci_mock_resolver_set_name (mock, "198.51.100.7", "peer.example.");
  g_resolver_set_default (G_RESOLVER (mock));
  resolver = mci_resolver_new ();
  model = mci_connection_model_new (sampler, resolver);
  apply_fixture (model, "refresh-1");
  inbound = find_group (model, MCI_SECTION_INBOUND, "192.0.2.10:22 ← 198.51.100.7");
  outbound = find_group (model, MCI_SECTION_OUTBOUND, "192.0.2.10 → 203.0.113.6:443");
  g_assert_true (mci_row_get_host_pending (inbound));
  g_assert_null (mci_row_get_host_name (inbound));
  g_signal_connect (inbound, "notify::host-name", G_CALLBACK (count_notify), &n_notifies);

  mci_test_wait_for (both_named, ((MciRow *[]) { inbound, outbound }), "both rows' names");
  g_assert_cmpstr (mci_row_get_host_name (inbound), ==, "peer.example");
  g_assert_cmpuint (n_notifies, ==, 1);
  g_assert_null (mci_row_get_host_name (outbound));
  g_assert_cmpuint (mci_connection_model_get_n_samples (model), ==, 1);

  /* asked afresh (as Look Up does): the cache and the row follow the new answer */
  mci_mock_resolver_set_name (mock, "198.51.100.7", "renamed.example.");
  {
    MciAddress peer;

    g_assert_true (mci_address_parse (&peer, "198.51.100.7"));
    mci_connection_model_renew_host_name (model, &peer);
  }
  mci_test_wait_for (renamed, inbound, "the row's new name");
  g_assert_cmpuint (n_notifies, ==, 2);
  mci_connection_model_set_search (model, "renamed");
  g_assert_cmpuint (n_shown (model, MCI_SECTION_INBOUND), ==, 1);

  /* searchable by name */
  mci_connection_model_set_search (model, "RENAMED.example");
  g_assert_cmpuint (n_shown (model, MCI_SECTION_INBOUND), ==, 1);

  g_clear_object (&model);
  g_clear_object (&resolver);
  g_resolver_set_default (system);
}

/* A queued look-up for a peer that no row shows any more is dropped, once the group
 * that showed it is gone (a refresh after it closed). */
static void
test_vanished_peer_not_looked_up (void)
{
  g_autoptr(MciMockResolver) mock = mci_mock_resolver_new (MCI_MOCK_NEVER, 0);
  g_autoptr(GResolver) system = g_resolver_get_default ();
  g_autoptr(MciResolver) resolver = NULL;
  g_autoptr(MciConnectionModel) model = NULL;
  g_autofree char *path = mci_test_fixture_path ("refresh-2");
  g_autoptr(MciSampler) sampler = mci_sampler_new (path);

  g_resolver_set_default (G_RESOLVER (mock));
  resolver = mci_resolver_new ();
  g_object_set (resolver, "max-in-flight", 1, NULL);
  model = mci_connection_model_new (sampler, resolver);

  /* 198.51.100.7 in flight; 203.0.113.6, 203.0.113.20 and 2001:db8::77 queued */
  apply_fixture (model, "refresh-2");
  g_assert_cmpuint (mci_resolver_get_n_pending (resolver), ==, 4);
  /* 203.0.113.20's group closes, 203.0.113.9 is queued */
  apply_fixture (model, "refresh-1");
  g_assert_cmpuint (mci_resolver_get_n_pending (resolver), ==, 5);
  g_assert_nonnull (find_group (model, MCI_SECTION_OUTBOUND, "192.0.2.10 → 203.0.113.20:25"));
  /* the group is gone: so is the look-up */
  apply_fixture (model, "refresh-1");
  g_assert_null (find_group (model, MCI_SECTION_OUTBOUND, "192.0.2.10 → 203.0.113.20:25"));
  g_assert_cmpuint (mci_resolver_get_n_pending (resolver), ==, 4);

  g_clear_object (&model);
  g_clear_object (&resolver);
  g_resolver_set_default (system);
}

static void
on_sampling (MciConnectionModel *model,
             GParamSpec         *pspec,
             guint              *n_started)
{
  if (mci_connection_model_get_sampling (model))
    (*n_started)++;
}

/* Sampling the live machine starts when someone looks, follows the interval, pauses.
 * The fixed waits are the test itself: no sample may come during them. */
static void
test_interval (void)
{
  g_autoptr(MciSampler) sampler = mci_sampler_new (MCI_LIVE_PROC_ROOT);
  g_autoptr(MciConnectionModel) model = mci_connection_model_new (sampler, NULL);
  guint n_started = 0, n;

  g_signal_connect (model, "notify::sampling", G_CALLBACK (on_sampling), &n_started);
  mci_test_iterate_for (100);
  g_assert_cmpuint (n_started, ==, 0);

  mci_connection_model_set_active (model, TRUE);
  mci_test_wait_for_samples (model, 1);
  /* paused: nothing more */
  mci_test_iterate_for (300);
  g_assert_cmpuint (mci_connection_model_get_n_samples (model), ==, 1);

  mci_connection_model_set_interval (model, 50);
  mci_test_wait_for_samples (model, 4);

  /* a refresh asked during a sample runs once after it, never beside it */
  mci_connection_model_refresh (model);
  mci_connection_model_refresh (model);
  mci_connection_model_refresh (model);
  g_assert_true (mci_connection_model_get_sampling (model));

  mci_connection_model_set_interval (model, 0);
  mci_test_wait_for_sample_to_end (model);
  n = mci_connection_model_get_n_samples (model);
  mci_test_iterate_for (300);
  g_assert_cmpuint (mci_connection_model_get_n_samples (model), ==, n);
  g_assert_cmpuint (n_started, ==, n);

  /* not looked at: no sampling, even with an interval */
  mci_connection_model_set_active (model, FALSE);
  mci_connection_model_set_interval (model, 20);
  mci_test_iterate_for (200);
  g_assert_cmpuint (mci_connection_model_get_n_samples (model), ==, n);
}

/* A saved capture does not change: read when first looked at, then only when asked,
 * whatever the interval. The fixed waits are the test: no sample may come during them. */
static void
test_capture_read_once (void)
{
  g_autoptr(MciConnectionModel) model = model_for_fixture ("refresh-1");
  guint n_started = 0;

  g_signal_connect (model, "notify::sampling", G_CALLBACK (on_sampling), &n_started);
  mci_connection_model_set_interval (model, 20);
  mci_connection_model_set_active (model, TRUE);
  mci_test_wait_for_samples (model, 1);
  mci_test_iterate_for (200);
  mci_connection_model_set_active (model, FALSE);
  mci_connection_model_set_active (model, TRUE);
  mci_test_iterate_for (100);
  g_assert_cmpuint (n_started, ==, 1);
  g_assert_cmpuint (mci_connection_model_get_n_samples (model), ==, 1);

  mci_connection_model_refresh (model);
  mci_test_wait_for_samples (model, 2);
  mci_test_iterate_for (200);
  g_assert_cmpuint (n_started, ==, 2);
  g_assert_cmpuint (mci_connection_model_get_n_samples (model), ==, 2);
}

static void
test_error (void)
{
  g_autoptr(MciSampler) sampler = mci_sampler_new ("/nonexistent/proc/net");
  g_autoptr(MciConnectionModel) model = mci_connection_model_new (sampler, NULL);
  g_autofree char *message = NULL;

  mci_connection_model_set_active (model, TRUE);
  mci_test_wait_for_sample_to_end (model);
  g_object_get (model, "error-message", &message, NULL);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "/nonexistent/proc/net/tcp"));
  g_assert_null (mci_connection_model_get_snapshot (model));
  g_assert_cmpuint (mci_connection_model_get_n_samples (model), ==, 0);
}

static char *
describe_series (MciSeries *series)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; series != NULL && i < mci_series_get_length (series); i++)
    g_string_append_printf (out, "%s%g", i > 0 ? " " : "", mci_series_get (series, i));
  return g_string_free (out, FALSE);
}

/* Sparklines: each group's and section's count at each sample; a group that appears
 * starts then, one that closes stops; the window is ten minutes at the interval. */
static void
test_history (void)
{
  g_autoptr(MciConnectionModel) model = model_for_fixture ("refresh-1");
  MciRow *inbound_section = mci_connection_model_get_section (model, MCI_SECTION_INBOUND);
  MciRow *inbound, *vanishing, *fresh;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;

  apply_fixture (model, "refresh-1");
  inbound = find_group (model, MCI_SECTION_INBOUND, "192.0.2.10:22 ← 198.51.100.7");
  vanishing = find_group (model, MCI_SECTION_OUTBOUND, "192.0.2.10 → 203.0.113.9:80");
  apply_fixture (model, "refresh-2");
  fresh = find_group (model, MCI_SECTION_OUTBOUND, "192.0.2.10 → 203.0.113.20:25");
  /* closed, still shown for this refresh: not counted in it */
  g_assert_cmpint (mci_row_get_change (vanishing), ==, MCI_ROW_CHANGE_CLOSED);
  g_assert_cmpuint (mci_series_get_length (mci_row_get_history (vanishing)), ==, 1);
  apply_fixture (model, "refresh-3");
  apply_fixture (model, "refresh-2");

  a = describe_series (mci_row_get_history (inbound));
  g_assert_cmpstr (a, ==, "1 3 3 3");
  b = describe_series (mci_row_get_history (inbound_section));
  g_assert_cmpstr (b, ==, "1 3 3 3");
  c = describe_series (mci_row_get_history (fresh));
  g_assert_cmpstr (c, ==, "1 1 1");
  /* a capture has no rates: the traffic is 0 at each sample */
  d = describe_series (mci_connection_model_get_traffic_history (model));
  g_assert_cmpstr (d, ==, "0 0 0 0");
  /* the default interval is 2 s: ten minutes are 300 samples */
  g_assert_cmpuint (mci_series_get_capacity (mci_row_get_history (inbound)), ==, 300);

  /* a 2-minute interval keeps 5 samples: memory is bounded whatever runs */
  mci_connection_model_set_interval (model, 120000);
  for (guint i = 0; i < 20; i++)
    apply_fixture (model, i % 2 == 0 ? "refresh-1" : "refresh-3");
  e = describe_series (mci_row_get_history (inbound));
  g_assert_cmpstr (e, ==, "3 1 3 1 3");
  g_assert_cmpuint (mci_series_get_capacity (mci_row_get_history (inbound)), ==, 5);
  g_assert_cmpuint (mci_series_get_length (mci_connection_model_get_traffic_history (model)),
                    ==, 5);
}

/* The ring itself: it grows as values come, up to its capacity, keeps the newest, and
 * keeps the newest when the capacity changes. */
static void
test_series (void)
{
  g_autoptr(MciSeries) series = mci_series_new (1000);
  g_autofree char *shrunk = NULL;

  for (guint i = 0; i < 2500; i++)
    mci_series_push (series, i);
  g_assert_cmpuint (mci_series_get_length (series), ==, 1000);
  g_assert_cmpfloat (mci_series_get (series, 0), ==, 1500);
  g_assert_cmpfloat (mci_series_get (series, 999), ==, 2499);
  g_assert_cmpfloat (mci_series_get_max (series), ==, 2499);
  mci_series_set_capacity (series, 3);
  shrunk = describe_series (series);
  g_assert_cmpstr (shrunk, ==, "2497 2498 2499");
  mci_series_push (series, 7);
  g_assert_cmpfloat (mci_series_get (series, 0), ==, 2498);
  g_assert_cmpfloat (mci_series_get (series, 2), ==, 7);
  mci_series_set_capacity (series, 10);
  mci_series_push (series, 8);
  g_assert_cmpuint (mci_series_get_length (series), ==, 4);
  g_assert_cmpfloat (mci_series_get (series, 3), ==, 8);
}

static MciRow *
first_group (MciConnectionModel *model,
             MciSectionKind      kind)
{
  MciRow *section = mci_connection_model_get_section (model, kind);
  GListModel *groups = G_LIST_MODEL (mci_section_row_get_groups (MCI_SECTION_ROW (section)));
  g_autoptr(MciRow) row = g_list_model_get_item (groups, 0);

  return row;   /* the store holds it */
}

/* The grouping is the sampler's, on its worker; the model follows the snapshots: other
 * sections, groups by address, search there, and no "new" cue for the change of view. */
static void
test_by_address (void)
{
  g_autoptr(MciConnectionModel) model = model_for_fixture ("split-address");
  GListModel *sections = mci_connection_model_get_sections (model);
  g_autoptr(MciRow) first_section = NULL;
  g_autoptr(GListModel) connections = NULL;
  MciRow *busy;
  guint n_in = 0, n_out = 0;

  mci_connection_model_refresh (model);
  mci_test_wait_for_samples (model, 1);
  g_assert_nonnull (find_group (model, MCI_SECTION_INBOUND, "192.0.2.10:22 ← 203.0.113.77"));

  mci_connection_model_set_grouping (model, MCI_GROUPING_ADDRESS);
  mci_test_wait_for_samples (model, 2);
  g_assert_cmpint (mci_connection_model_get_grouping (model), ==, MCI_GROUPING_ADDRESS);
  g_assert_cmpuint (g_list_model_get_n_items (sections), ==, 3);
  first_section = g_list_model_get_item (sections, 0);
  g_assert_true (first_section == mci_connection_model_get_section (model, MCI_SECTION_DISTANT));
  g_assert_cmpstr (mci_row_get_endpoint (first_section), ==, "Distant, by address");
  g_assert_cmpuint (n_groups (model, MCI_SECTION_INBOUND), ==, 0);
  g_assert_cmpuint (n_groups (model, MCI_SECTION_DISTANT), ==, 3);
  busy = first_group (model, MCI_SECTION_DISTANT);
  g_assert_cmpstr (mci_row_get_endpoint (busy), ==, "203.0.113.77");
  g_assert_cmpuint (mci_row_get_n_connections (busy), ==, 15);
  g_assert_cmpstr (mci_row_get_states_text (busy), ==, "12 × ESTABLISHED, 3 × TIME_WAIT");
  g_assert_cmpint (mci_row_get_change (busy), ==, MCI_ROW_CHANGE_NONE);
  g_assert_true (mci_address_equal (mci_row_get_address (busy),
                                    mci_group_row_get_peer (MCI_GROUP_ROW (busy))));

  /* its connections, each with its own direction */
  connections = mci_row_dup_children (busy);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 15);
  for (guint i = 0; i < 15; i++)
    {
      g_autoptr(MciRow) row = g_list_model_get_item (connections, i);

      n_in += strstr (mci_row_get_endpoint (row), " ← 203.0.113.77:") != NULL;
      n_out += strstr (mci_row_get_endpoint (row), " → 203.0.113.77:") != NULL;
    }
  g_assert_cmpuint (n_in, ==, 9);
  g_assert_cmpuint (n_out, ==, 6);

  /* search works on the groups by address */
  mci_connection_model_set_search (model, "203.0.113.77");
  g_assert_cmpuint (n_shown (model, MCI_SECTION_DISTANT), ==, 15);
  mci_connection_model_set_search (model, ":8080");
  g_assert_cmpuint (n_shown (model, MCI_SECTION_DISTANT), ==, 3);
  mci_connection_model_set_search (model, NULL);

  mci_connection_model_set_grouping (model, MCI_GROUPING_ENDPOINT);
  mci_test_wait_for_samples (model, 3);
  g_assert_cmpuint (g_list_model_get_n_items (sections), ==, 4);
  g_assert_cmpuint (n_groups (model, MCI_SECTION_DISTANT), ==, 0);
  g_assert_cmpuint (n_groups (model, MCI_SECTION_INBOUND), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/sections", test_sections);
  g_test_add_func ("/model/by-address", test_by_address);
  g_test_add_func ("/model/history", test_history);
  g_test_add_func ("/model/series", test_series);
  g_test_add_func ("/model/reconcile", test_reconcile);
  g_test_add_func ("/model/grows-again", test_grows_again);
  g_test_add_func ("/model/traffic", test_traffic);
  g_test_add_func ("/model/order", test_order);
  g_test_add_func ("/model/order-connections", test_order_connections);
  g_test_add_func ("/model/order-moves-alone", test_order_moves_alone);
  g_test_add_func ("/model/owner-description", test_owner_description);
  g_test_add_func ("/model/connections", test_connections);
  g_test_add_func ("/model/connections-vanish", test_connections_vanish);
  g_test_add_func ("/model/search", test_search);
  g_test_add_func ("/model/host-names", test_host_names);
  g_test_add_func ("/model/vanished-peer-not-looked-up", test_vanished_peer_not_looked_up);
  g_test_add_func ("/model/interval", test_interval);
  g_test_add_func ("/model/capture-read-once", test_capture_read_once);
  g_test_add_func ("/model/error", test_error);

  return g_test_run ();
}
