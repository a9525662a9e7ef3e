/* test-traffic.c: rates from two samples, sums, and how they read
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "mci-traffic.h"

static MciConnection
measured (guint64 cookie,
          guint64 sent,
          guint64 received,
          guint32 rtt_us)
{
  MciConnection row = { 0 };

  row.cookie = cookie;
  row.bytes_sent = sent;
  row.bytes_received = received;
  row.rtt_us = rtt_us;
  row.has_tcp_info = TRUE;
  return row;
}

static void
test_meter (void)
{
  g_autoptr(MciTrafficMeter) meter = mci_traffic_meter_new ();
  g_autoptr(GArray) first = g_array_new (FALSE, TRUE, sizeof (MciConnection));
  g_autoptr(GArray) second = g_array_new (FALSE, TRUE, sizeof (MciConnection));
  MciConnection row, unmeasured = { 0 };
  const MciConnection *rows;

  row = measured (1, 1000, 500, 100);
  g_array_append_val (first, row);
  row = measured (2, 0, 0, 100);
  g_array_append_val (first, row);
  mci_traffic_meter_update (meter, first, 10 * G_USEC_PER_SEC);
  /* seen once: no rate yet */
  g_assert_false (g_array_index (first, MciConnection, 0).has_rates);

  row = measured (1, 3000, 1500, 100);     /* +2000 and +1000 in 2 s */
  g_array_append_val (second, row);
  row = measured (3, 9000, 9000, 100);     /* new */
  g_array_append_val (second, row);
  row = measured (2, 0, 0, 100);           /* quiet */
  row.cookie = 2;
  g_array_append_val (second, row);
  g_array_append_val (second, unmeasured); /* a TIME_WAIT, or /proc */
  mci_traffic_meter_update (meter, second, 12 * G_USEC_PER_SEC);

  rows = (const MciConnection *) (gpointer) second->data;
  g_assert_true (rows[0].has_rates);
  g_assert_cmpuint (rows[0].sent_per_second, ==, 1000);
  g_assert_cmpuint (rows[0].received_per_second, ==, 500);
  g_assert_false (rows[1].has_rates);
  g_assert_true (rows[2].has_rates);
  g_assert_cmpuint (rows[2].sent_per_second, ==, 0);
  g_assert_false (rows[3].has_rates);
}

/* A socket's counts never go back: a cookie that did is another socket. */
static void
test_meter_counts_back (void)
{
  g_autoptr(MciTrafficMeter) meter = mci_traffic_meter_new ();
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (MciConnection));
  MciConnection row = measured (7, 5000, 5000, 1);

  g_array_append_val (rows, row);
  mci_traffic_meter_update (meter, rows, 1 * G_USEC_PER_SEC);
  g_array_index (rows, MciConnection, 0) = measured (7, 10, 10, 1);
  mci_traffic_meter_update (meter, rows, 2 * G_USEC_PER_SEC);
  g_assert_false (g_array_index (rows, MciConnection, 0).has_rates);
}

static void
test_sums_and_text (void)
{
  MciTraffic group = { 0 }, section = { 0 };
  MciConnection a = measured (1, 2000000, 1200000, 40000);
  MciConnection b = measured (2, 40000, 0, 90000);
  MciConnection unmeasured = { 0 };
  g_autofree char *rates = NULL, *totals = NULL, *none = NULL;

  a.has_rates = TRUE;
  a.received_per_second = 1200000;
  a.sent_per_second = 40000;
  mci_traffic_add (&group, &a);
  mci_traffic_add (&group, &b);
  mci_traffic_add (&group, &unmeasured);
  g_assert_cmpuint (group.n_measured, ==, 2);
  g_assert_cmpuint (group.n_rated, ==, 1);
  g_assert_cmpuint (group.bytes_sent, ==, 2040000);
  g_assert_cmpuint (group.max_rtt_us, ==, 90000);

  mci_traffic_add_traffic (&section, &group);
  mci_traffic_add_traffic (&section, &group);
  g_assert_cmpuint (section.bytes_received, ==, 2400000);
  g_assert_cmpuint (section.n_measured, ==, 4);

  rates = mci_traffic_format_rates (&group);
  g_assert_cmpstr (rates, ==, "↓ 1.2\u00a0MB/s ↑ 40.0\u00a0kB/s");
  totals = mci_traffic_format_totals (&group);
  g_assert_cmpstr (totals, ==, "↓ 1.2\u00a0MB ↑ 2.0\u00a0MB");
  {
    MciTraffic empty = { 0 };

    none = mci_traffic_format_rates (&empty);
    g_assert_null (none);
    g_assert_null (mci_traffic_format_totals (&empty));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/traffic/meter", test_meter);
  g_test_add_func ("/traffic/meter-counts-back", test_meter_counts_back);
  g_test_add_func ("/traffic/sums-and-text", test_sums_and_text);
  return g_test_run ();
}
