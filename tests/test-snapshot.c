/* test-snapshot.c: classification, duplicates and groups
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "mci-test-util.h"

static void
add_row (GArray      *rows,
         const char  *local,
         guint        local_port,
         const char  *remote,
         guint        remote_port,
         MciTcpState  state)
{
  MciConnection row = { 0 };

  g_assert_true (mci_address_parse (&row.local_address, local));
  g_assert_true (mci_address_parse (&row.remote_address, remote));
  row.local_port = local_port;
  row.remote_port = remote_port;
  row.state = state;
  row.inode = rows->len + 1;
  g_array_append_val (rows, row);
}

static MciSnapshot *
snapshot_of (GArray     *rows,
             const char *local_address)
{
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();
  MciAddress address;

  if (local_address != NULL)
    {
      g_assert_true (mci_address_parse (&address, local_address));
      mci_local_machine_add_address (machine, &address);
    }
  return mci_snapshot_new (g_array_ref (rows), machine, 0, NULL);
}

static void
assert_count (MciSnapshot    *snapshot,
              MciSectionKind  kind,
              guint           n_connections,
              guint           n_duplicates)
{
  const MciSection *section = mci_snapshot_get_section (snapshot, kind);

  if (section->n_connections != n_connections || section->n_duplicates != n_duplicates)
    {
      g_autofree char *text = mci_test_describe (snapshot);

      g_test_message ("%s", text);
    }
  g_assert_cmpuint (section->n_connections, ==, n_connections);
  g_assert_cmpuint (section->n_duplicates, ==, n_duplicates);
}

/* The sample in the original script's README, rebuilt as a proc root. */
static void
test_original_sample (void)
{
  g_autoptr(MciSnapshot) snapshot = mci_test_load_fixture ("original-sample");
  const MciSection *looping = mci_snapshot_get_section (snapshot, MCI_SECTION_LOOPING);
  const MciEndpointGroup *group;

  assert_count (snapshot, MCI_SECTION_INBOUND, 2, 0);
  assert_count (snapshot, MCI_SECTION_OUTBOUND, 3, 0);
  assert_count (snapshot, MCI_SECTION_LOOPING, 57, 10);
  assert_count (snapshot, MCI_SECTION_LISTENING, 11, 0);
  g_assert_cmpuint (looping->n_groups, ==, 9);

  group = &looping->groups[0];
  g_assert_cmpint (group->key.remote_port, ==, 9355);
  g_assert_cmpuint (group->n_connections, ==, 20);
  g_assert_cmpuint (group->states[MCI_TCP_STATE_ESTABLISHED], ==, 1);
  g_assert_cmpuint (group->states[MCI_TCP_STATE_TIME_WAIT], ==, 8);
  g_assert_cmpuint (group->states[MCI_TCP_STATE_CLOSE_WAIT], ==, 11);
  g_assert_cmpint (group->key.local_port, ==, -1);

  group = mci_test_find_group (snapshot, MCI_SECTION_OUTBOUND, "80.90.63.61", -1, "80.90.63.48", 25);
  g_assert_nonnull (group);
  g_assert_cmpuint (group->states[MCI_TCP_STATE_TIME_WAIT], ==, 2);
  g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_INBOUND,
                                         "85.93.216.17", 777, "78.141.139.10", -1));

  /* most connections first */
  for (guint i = 1; i < looping->n_groups; i++)
    g_assert_cmpuint (looping->groups[i - 1].n_connections, >=, looping->groups[i].n_connections);
}

static void
test_ipv6_and_mapped (void)
{
  g_autoptr(MciSnapshot) snapshot = mci_test_load_fixture ("ipv6-and-mapped");
  const MciEndpointGroup *group;

  /* IPv4 clients of a dual-stack listener on :: are inbound, and IPv4 */
  group = mci_test_find_group (snapshot, MCI_SECTION_INBOUND, "198.51.100.1", 443, "198.51.100.7", -1);
  g_assert_nonnull (group);
  g_assert_cmpuint (group->n_connections, ==, 3);
  g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_INBOUND,
                                         "2001:db8::1", 8080, "2001:db8:ffff::abcd", -1));
  group = mci_test_find_group (snapshot, MCI_SECTION_OUTBOUND, "2001:db8::1", -1,
                               "2001:db8:1234:5678:9abc:def0:1234:5678", 443);
  g_assert_nonnull (group);
  g_assert_cmpuint (group->n_connections, ==, 2);
  assert_count (snapshot, MCI_SECTION_LOOPING, 1, 1);
  g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_LOOPING, "::1", -1, "::1", 443));
}

static void
test_empty_and_missing_tcp6 (void)
{
  g_autoptr(MciSnapshot) empty = mci_test_load_fixture ("empty");
  g_autoptr(MciSnapshot) no_tcp6 = mci_test_load_fixture ("no-tcp6");

  for (guint k = 0; k < MCI_N_SECTIONS; k++)
    assert_count (empty, k, 0, 0);
  g_assert_cmpuint (mci_snapshot_get_skipped_lines (empty), ==, 0);

  /* no fib_trie: the listener and the ephemeral ports still decide */
  assert_count (no_tcp6, MCI_SECTION_INBOUND, 2, 0);
  assert_count (no_tcp6, MCI_SECTION_OUTBOUND, 1, 0);
  assert_count (no_tcp6, MCI_SECTION_LOOPING, 1, 0);
}

static void
test_malformed_fixture (void)
{
  g_autoptr(MciSnapshot) snapshot = mci_test_load_fixture ("malformed");

  g_assert_cmpuint (mci_snapshot_get_skipped_lines (snapshot), ==, 7);
  assert_count (snapshot, MCI_SECTION_INBOUND, 2, 0);
}

static void
test_repeated_rows_fixture (void)
{
  g_autoptr(MciSnapshot) snapshot = mci_test_load_fixture ("repeated-rows");
  const MciEndpointGroup *group;

  group = mci_test_find_group (snapshot, MCI_SECTION_INBOUND, "192.0.2.10", 8443, "198.51.100.50", -1);
  g_assert_nonnull (group);
  g_assert_cmpuint (group->n_connections, ==, 2);
  g_assert_cmpuint (group->states[MCI_TCP_STATE_CLOSE_WAIT], ==, 1);
  group = mci_test_find_group (snapshot, MCI_SECTION_LISTENING, "0.0.0.0", 8443, NULL, -1);
  g_assert_nonnull (group);
  g_assert_cmpuint (group->n_connections, ==, 2);
  /* to this machine's own public address: looping, both ends, one duplicate */
  assert_count (snapshot, MCI_SECTION_LOOPING, 1, 1);
  /* a local address fib_trie does not list is no reason to stop */
  assert_count (snapshot, MCI_SECTION_OUTBOUND, 1, 0);
}

static void
test_listener_rules (void)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  g_autoptr(MciSnapshot) snapshot = NULL;

  add_row (rows, "192.0.2.1", 22, "0.0.0.0", 0, MCI_TCP_STATE_LISTEN);
  add_row (rows, "0.0.0.0", 80, "0.0.0.0", 0, MCI_TCP_STATE_LISTEN);
  add_row (rows, "::", 443, "::", 0, MCI_TCP_STATE_LISTEN);
  add_row (rows, "192.0.2.1", 22, "203.0.113.1", 1000, MCI_TCP_STATE_ESTABLISHED);
  add_row (rows, "192.0.2.1", 80, "203.0.113.1", 1001, MCI_TCP_STATE_ESTABLISHED);
  add_row (rows, "192.0.2.1", 443, "203.0.113.1", 1002, MCI_TCP_STATE_ESTABLISHED);
  add_row (rows, "2001:db8::1", 443, "2001:db8::9", 1003, MCI_TCP_STATE_ESTABLISHED);
  /* port 22 listens on 192.0.2.1 only: on another address it is no listener */
  add_row (rows, "192.0.2.2", 22, "203.0.113.1", 1004, MCI_TCP_STATE_ESTABLISHED);
  /* no listener: an ephemeral remote port against a fixed local one is inbound */
  add_row (rows, "192.0.2.1", 8080, "203.0.113.1", 40000, MCI_TCP_STATE_ESTABLISHED);
  add_row (rows, "192.0.2.1", 40001, "203.0.113.1", 8080, MCI_TCP_STATE_SYN_SENT);
  add_row (rows, "192.0.2.1", 40002, "203.0.113.1", 40003, MCI_TCP_STATE_ESTABLISHED);
  snapshot = snapshot_of (rows, "192.0.2.1");

  g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_INBOUND, "192.0.2.1", 22, "203.0.113.1", -1));
  g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_INBOUND, "192.0.2.1", 80, "203.0.113.1", -1));
  g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_INBOUND, "192.0.2.1", 443, "203.0.113.1", -1));
  g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_INBOUND, "2001:db8::1", 443, "2001:db8::9", -1));
  g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_OUTBOUND, "192.0.2.2", -1, "203.0.113.1", 1004));
  g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_INBOUND, "192.0.2.1", 8080, "203.0.113.1", -1));
  g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_OUTBOUND, "192.0.2.1", -1, "203.0.113.1", 8080));
  g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_OUTBOUND, "192.0.2.1", -1, "203.0.113.1", 40003));
  assert_count (snapshot, MCI_SECTION_LISTENING, 3, 0);
}

/* Both ends of a looping connection, in either order: one connection, one
 * duplicate, the client's view kept, whichever row came first. */
static void
test_looping_orientation (void)
{
  for (guint order = 0; order < 2; order++)
    {
      g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MciConnection));
      g_autoptr(MciSnapshot) snapshot = NULL;
      const MciEndpointGroup *group;

      add_row (rows, "127.0.0.1", 5432, "0.0.0.0", 0, MCI_TCP_STATE_LISTEN);
      if (order == 0)
        add_row (rows, "127.0.0.1", 5432, "127.0.0.2", 41000, MCI_TCP_STATE_CLOSE_WAIT);
      add_row (rows, "127.0.0.2", 41000, "127.0.0.1", 5432, MCI_TCP_STATE_FIN_WAIT2);
      if (order == 1)
        add_row (rows, "127.0.0.1", 5432, "127.0.0.2", 41000, MCI_TCP_STATE_CLOSE_WAIT);
      /* no listener, both ports ephemeral: both views still agree on one orientation */
      add_row (rows, "127.0.0.1", 45000, "127.0.0.1", 46000, MCI_TCP_STATE_ESTABLISHED);
      add_row (rows, "127.0.0.1", 46000, "127.0.0.1", 45000, MCI_TCP_STATE_ESTABLISHED);
      /* only the server's end is left: turned round, not dropped */
      add_row (rows, "127.0.0.1", 5432, "127.0.0.3", 41001, MCI_TCP_STATE_CLOSE_WAIT);
      snapshot = snapshot_of (rows, NULL);

      assert_count (snapshot, MCI_SECTION_LOOPING, 3, 2);
      group = mci_test_find_group (snapshot, MCI_SECTION_LOOPING, "127.0.0.2", -1, "127.0.0.1", 5432);
      g_assert_nonnull (group);
      g_assert_cmpuint (group->states[MCI_TCP_STATE_FIN_WAIT2], ==, 1);
      g_assert_cmpuint (group->connections[0]->local_port, ==, 41000);
      g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_LOOPING, "127.0.0.1", -1, "127.0.0.1", 45000));
      g_assert_nonnull (mci_test_find_group (snapshot, MCI_SECTION_LOOPING, "127.0.0.3", -1, "127.0.0.1", 5432));
    }
}

/* Equal counts sort by key, so that the same sockets always print the same way. */
static void
test_ties_are_stable (void)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  g_autoptr(MciSnapshot) snapshot = NULL;
  const MciSection *section;

  add_row (rows, "192.0.2.1", 40000, "203.0.113.9", 443, MCI_TCP_STATE_ESTABLISHED);
  add_row (rows, "192.0.2.1", 40001, "203.0.113.2", 443, MCI_TCP_STATE_ESTABLISHED);
  add_row (rows, "192.0.2.1", 40002, "203.0.113.5", 80, MCI_TCP_STATE_ESTABLISHED);
  add_row (rows, "192.0.2.1", 40003, "203.0.113.5", 80, MCI_TCP_STATE_TIME_WAIT);
  snapshot = snapshot_of (rows, "192.0.2.1");
  section = mci_snapshot_get_section (snapshot, MCI_SECTION_OUTBOUND);

  g_assert_cmpuint (section->n_groups, ==, 3);
  g_assert_cmpint (section->groups[0].key.remote_port, ==, 80);
  g_assert_cmpuint (section->groups[0].n_connections, ==, 2);
  g_assert_cmpuint (section->groups[1].key.remote_address.bytes[3], ==, 2);
  g_assert_cmpuint (section->groups[2].key.remote_address.bytes[3], ==, 9);
}

static void
test_states_text (void)
{
  g_autoptr(MciSnapshot) snapshot = mci_test_load_fixture ("every-state");
  const MciSection *section = mci_snapshot_get_section (snapshot, MCI_SECTION_INBOUND);
  g_autofree char *text = mci_endpoint_group_format_states (&section->groups[0], " × ");

  g_assert_cmpstr (text, ==, "1 × ESTABLISHED, 1 × TIME_WAIT, 1 × CLOSE, 1 × SYN_RECV, "
                             "1 × CLOSE_WAIT, 1 × LAST_ACK, 1 × FIN_WAIT1, 1 × FIN_WAIT2, "
                             "1 × CLOSING");
  for (guint s = 1; s < MCI_TCP_N_STATES; s++)
    g_assert_cmpint (mci_tcp_state_from_string (mci_tcp_state_to_string (s)), ==, s);
}

/* By address over several servers: a distant address is one group over all of them,
 * summing theirs (here twice the one server's, on both servers); looping and listening
 * groups stay each server's; and back by endpoint, every group is one server's again. */
static void
assert_merged_by_address (MciSnapshot *one,
                          MciSnapshot *merged)
{
  const MciSection *distant, *one_distant;

  mci_snapshot_set_grouping (one, MCI_GROUPING_ADDRESS);
  mci_snapshot_set_grouping (merged, MCI_GROUPING_ADDRESS);
  g_assert_cmpint (mci_snapshot_get_grouping (merged), ==, MCI_GROUPING_ADDRESS);
  distant = mci_snapshot_get_section (merged, MCI_SECTION_DISTANT);
  one_distant = mci_snapshot_get_section (one, MCI_SECTION_DISTANT);
  g_assert_cmpuint (one_distant->n_groups, >, 0);
  g_assert_cmpuint (distant->n_groups, ==, one_distant->n_groups);
  g_assert_cmpuint (distant->n_connections, ==, 2 * one_distant->n_connections);
  for (guint g = 0; g < distant->n_groups; g++)
    {
      const MciEndpointGroup *group = &distant->groups[g];
      const MciEndpointGroup *alone = NULL;

      g_assert_cmpuint (group->key.host, ==, MCI_ENDPOINT_KEY_ALL_HOSTS);
      g_assert_null (mci_snapshot_get_host (merged, group->key.host));
      for (guint h = 0; h < one_distant->n_groups; h++)
        if (mci_address_equal (&one_distant->groups[h].key.remote_address,
                               &group->key.remote_address))
          alone = &one_distant->groups[h];
      g_assert_nonnull (alone);
      g_assert_cmpuint (group->n_connections, ==, 2 * alone->n_connections);
      g_assert_cmpuint (mci_snapshot_count_hosts (merged, group->connections,
                                                  group->n_connections), ==, 2);
    }
  for (guint k = MCI_SECTION_LOOPING; k <= MCI_SECTION_LISTENING; k++)
    {
      const MciSection *section = mci_snapshot_get_section (merged, k);

      g_assert_cmpuint (section->n_groups, ==, 2 * mci_snapshot_get_section (one, k)->n_groups);
      for (guint g = 0; g < section->n_groups; g++)
        {
          g_assert_cmpuint (section->groups[g].key.host, <, 2);
          g_assert_cmpuint (mci_snapshot_count_hosts (merged, section->groups[g].connections,
                                                      section->groups[g].n_connections), ==, 1);
        }
    }
  mci_snapshot_set_grouping (merged, MCI_GROUPING_ENDPOINT);
  mci_snapshot_set_grouping (one, MCI_GROUPING_ENDPOINT);
  g_assert_cmpuint (mci_snapshot_get_section (merged, MCI_SECTION_DISTANT)->n_groups, ==, 0);
  g_assert_cmpuint (mci_snapshot_get_section (merged, MCI_SECTION_INBOUND)->n_groups, ==,
                    2 * mci_snapshot_get_section (one, MCI_SECTION_INBOUND)->n_groups);
}

/* Two servers with the same tables, the original sample: every group once
 * per server, with its server, its connections its own; sections add up, one order. */
static void
test_merged (void)
{
  g_autoptr(MciSnapshot) first = mci_test_load_fixture ("original-sample");
  g_autoptr(MciSnapshot) second = mci_test_load_fixture ("original-sample");
  MciSnapshot *parts[] = { first, second };
  const char *hosts[] = { "web1", "admin@web2:2222" };
  g_autoptr(MciSnapshot) merged = mci_snapshot_new_merged (parts, hosts, 2);

  g_assert_cmpstr (mci_snapshot_get_host (merged, 0), ==, "web1");
  g_assert_cmpstr (mci_snapshot_get_host (merged, 1), ==, "admin@web2:2222");
  g_assert_null (mci_snapshot_get_host (merged, 2));
  g_assert_null (mci_snapshot_get_host (first, 0));
  for (guint k = 0; k < MCI_N_SECTIONS; k++)
    {
      const MciSection *one = mci_snapshot_get_section (first, k);
      const MciSection *both = mci_snapshot_get_section (merged, k);
      guint per_host[2] = { 0, 0 };

      g_assert_cmpuint (both->n_connections, ==, 2 * one->n_connections);
      g_assert_cmpuint (both->n_duplicates, ==, 2 * one->n_duplicates);
      g_assert_cmpuint (both->n_groups, ==, 2 * one->n_groups);
      for (guint g = 0; g < both->n_groups; g++)
        {
          const MciEndpointGroup *group = &both->groups[g];
          guint n;
          const MciConnection *rows = mci_snapshot_get_connections (merged, &n);

          g_assert_cmpuint (group->key.host, <, 2);
          per_host[group->key.host] += group->n_connections;
          /* most connected first, across servers */
          if (g > 0)
            g_assert_cmpuint (both->groups[g - 1].n_connections, >=, group->n_connections);
          /* each connection is a row of the merged table, in its server's half */
          for (guint c = 0; c < group->n_connections; c++)
            {
              guint row = group->connections[c] - rows;

              g_assert_cmpuint (row, <, n);
              g_assert_cmpuint (row / (n / 2), ==, group->key.host);
            }
        }
      g_assert_cmpuint (per_host[0], ==, one->n_connections);
      g_assert_cmpuint (per_host[1], ==, one->n_connections);
    }
  assert_merged_by_address (first, merged);
}

/* Issue #14: the address with the most connections was split over five endpoint groups,
 * none of them first; by address it is one group, first, with their sum. */
static void
test_by_address (void)
{
  g_autoptr(MciSnapshot) snapshot = mci_test_load_fixture ("split-address");
  const MciSectionKind distant[] = { MCI_SECTION_INBOUND, MCI_SECTION_OUTBOUND };
  const MciSection *section, *looping;
  const MciEndpointGroup *group;
  MciAddress busy;
  guint n_split = 0, sum = 0, n_distant = 0;

  g_assert_true (mci_address_parse (&busy, "203.0.113.77"));
  for (guint k = 0; k < G_N_ELEMENTS (distant); k++)
    {
      section = mci_snapshot_get_section (snapshot, distant[k]);
      g_assert_false (mci_address_equal (&section->groups[0].key.remote_address, &busy));
      n_distant += section->n_connections;
      for (guint g = 0; g < section->n_groups; g++)
        if (mci_address_equal (&section->groups[g].key.remote_address, &busy))
          {
            n_split++;
            sum += section->groups[g].n_connections;
            g_assert_cmpuint (section->groups[g].n_connections, <, 6);
          }
    }
  g_assert_cmpuint (n_split, ==, 5);
  g_assert_cmpuint (sum, ==, 15);

  mci_snapshot_set_grouping (snapshot, MCI_GROUPING_ADDRESS);
  g_assert_cmpint (mci_snapshot_get_grouping (snapshot), ==, MCI_GROUPING_ADDRESS);
  assert_count (snapshot, MCI_SECTION_INBOUND, 0, 0);
  assert_count (snapshot, MCI_SECTION_OUTBOUND, 0, 0);
  assert_count (snapshot, MCI_SECTION_DISTANT, n_distant, 0);
  section = mci_snapshot_get_section (snapshot, MCI_SECTION_DISTANT);
  g_assert_cmpuint (section->n_groups, ==, 3);
  group = &section->groups[0];
  g_assert_true (mci_address_equal (&group->key.remote_address, &busy));
  g_assert_true (mci_endpoint_key_is_address (&group->key));
  g_assert_cmpuint (group->n_connections, ==, 15);
  g_assert_cmpuint (group->states[MCI_TCP_STATE_ESTABLISHED], ==, 12);
  g_assert_cmpuint (group->states[MCI_TCP_STATE_TIME_WAIT], ==, 3);
  g_assert_true (mci_address_equal (mci_endpoint_group_get_peer (group), &busy));
  /* each member knows which way it went, for the rows that show it */
  for (guint i = 0, n_in = 0; i < group->n_connections; i++)
    {
      MciSectionKind kind = group->connections[i]->section;

      g_assert_true (mci_address_equal (&group->connections[i]->remote_address, &busy));
      n_in += kind == MCI_SECTION_INBOUND;
      if (i + 1 == group->n_connections)
        g_assert_cmpuint (n_in, ==, 9);
    }
  g_assert_cmpuint (section->groups[1].n_connections, ==, 6);
  g_assert_cmpuint (section->groups[2].n_connections, ==, 5);

  /* looping: one group per server address, the duplicates still dropped */
  assert_count (snapshot, MCI_SECTION_LOOPING, 2, 2);
  looping = mci_snapshot_get_section (snapshot, MCI_SECTION_LOOPING);
  g_assert_cmpuint (looping->n_groups, ==, 1);
  g_assert_cmpint (looping->groups[0].key.remote_port, ==, -1);
  assert_count (snapshot, MCI_SECTION_LISTENING, 5, 0);

  /* and back: the same groups as at first */
  mci_snapshot_set_grouping (snapshot, MCI_GROUPING_ENDPOINT);
  assert_count (snapshot, MCI_SECTION_DISTANT, 0, 0);
  g_assert_cmpuint (mci_snapshot_get_section (snapshot, MCI_SECTION_INBOUND)->n_groups, ==, 4);
  g_assert_cmpuint (mci_snapshot_get_section (snapshot, MCI_SECTION_OUTBOUND)->n_groups, ==, 3);
}

static void
test_grouping_names (void)
{
  MciGrouping grouping = MCI_GROUPING_ENDPOINT;
  guint n_sections;
  const MciSectionKind *kinds;

  g_assert_true (mci_grouping_from_string ("address", &grouping));
  g_assert_cmpint (grouping, ==, MCI_GROUPING_ADDRESS);
  g_assert_cmpstr (mci_grouping_to_string (grouping), ==, "address");
  g_assert_false (mci_grouping_from_string ("port", &grouping));
  g_assert_cmpint (grouping, ==, MCI_GROUPING_ADDRESS);
  kinds = mci_grouping_get_sections (MCI_GROUPING_ADDRESS, &n_sections);
  g_assert_cmpuint (n_sections, ==, 3);
  g_assert_cmpint (kinds[0], ==, MCI_SECTION_DISTANT);
  g_assert_cmpint (kinds[n_sections - 1], ==, MCI_SECTION_LISTENING);
  kinds = mci_grouping_get_sections (MCI_GROUPING_ENDPOINT, &n_sections);
  g_assert_cmpuint (n_sections, ==, 4);
  g_assert_cmpint (kinds[n_sections - 1], ==, MCI_SECTION_LISTENING);
  g_assert_cmpstr (mci_section_kind_to_string (MCI_SECTION_DISTANT), ==, "distant");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/snapshot/original-sample", test_original_sample);
  g_test_add_func ("/snapshot/ipv6-and-mapped", test_ipv6_and_mapped);
  g_test_add_func ("/snapshot/empty-and-missing-tcp6", test_empty_and_missing_tcp6);
  g_test_add_func ("/snapshot/malformed-fixture", test_malformed_fixture);
  g_test_add_func ("/snapshot/repeated-rows-fixture", test_repeated_rows_fixture);
  g_test_add_func ("/snapshot/listener-rules", test_listener_rules);
  g_test_add_func ("/snapshot/looping-orientation", test_looping_orientation);
  g_test_add_func ("/snapshot/ties-are-stable", test_ties_are_stable);
  g_test_add_func ("/snapshot/states-text", test_states_text);
  g_test_add_func ("/snapshot/merged", test_merged);
  g_test_add_func ("/snapshot/by-address", test_by_address);
  g_test_add_func ("/snapshot/grouping-names", test_grouping_names);

  return g_test_run ();
}
