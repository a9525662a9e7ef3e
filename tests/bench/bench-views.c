/* bench-views.c: what By address and Save cost on a big table
 *
 *   bench-views [--runs N] [CONNECTIONS...]     (default: 4000 40000 200000)
 *
 * Builds a snapshot of CONNECTIONS rows in memory (a server at 192.0.2.10 with
 * clients from 2,000 distant addresses, in and out over a dozen ports each), then
 * times, as the median of --runs:
 *   endpoint   grouping by endpoint, as every sample does (classify, group)
 *   address    grouping the same rows again by distant address (the worker's extra work)
 *   collect    Save's pass on the main thread: the rows shown, in the view's order
 *   json, csv  formatting the view (on Save's worker thread)
 * and the memory the history keeps for every group after 300 samples (ten minutes at
 * the default 2 s). A measurement, not a test with a time limit.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "mci-connection-model.h"
#include "mci-view-export.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static GArray *
make_rows (guint n)
{
  GArray *rows = g_array_sized_new (FALSE, TRUE, sizeof (MciConnection), n);
  MciAddress server;

  g_assert_true (mci_address_parse (&server, "192.0.2.10"));
  for (guint i = 0; i < n; i++)
    {
      MciConnection row = { 0 };
      g_autofree char *peer = g_strdup_printf ("203.0.%u.%u", (i % 2000) / 250, (i % 2000) % 250 + 1);
      guint16 service = 1000 + (i / 2000) % 12;
      gboolean inbound = i % 3 != 0;

      g_assert_true (mci_address_parse (&row.remote_address, peer));
      row.local_address = server;
      row.local_port = inbound ? service : 32768 + i % 28000;
      row.remote_port = inbound ? 32768 + i % 28000 : service;
      row.state = i % 7 == 0 ? MCI_TCP_STATE_TIME_WAIT : MCI_TCP_STATE_ESTABLISHED;
      row.inode = i + 1;
      g_array_append_val (rows, row);
    }
  return rows;
}

static MciLocalMachine *
make_machine (void)
{
  MciLocalMachine *machine = mci_local_machine_new ();
  MciAddress server;

  g_assert_true (mci_address_parse (&server, "192.0.2.10"));
  mci_local_machine_add_address (machine, &server);
  return machine;
}

typedef struct
{
  double endpoint, address, collect, json, csv;
  guint  n_groups_endpoint, n_groups_address;
} Times;

static void
run_once (guint               n,
          MciConnectionModel *model,
          MciLocalMachine    *machine,
          Times              *t)
{
  GArray *rows = make_rows (n);
  g_autoptr(MciSnapshot) snapshot = NULL;
  g_autoptr(MciViewExport) export = NULL;
  g_autofree char *json = NULL, *csv = NULL;
  gint64 start;

  start = g_get_monotonic_time ();
  snapshot = mci_snapshot_new (rows, machine, 0, NULL);
  t->endpoint = (g_get_monotonic_time () - start) / 1000.0;
  t->n_groups_endpoint = mci_snapshot_get_section (snapshot, MCI_SECTION_INBOUND)->n_groups
                         + mci_snapshot_get_section (snapshot, MCI_SECTION_OUTBOUND)->n_groups;

  start = g_get_monotonic_time ();
  mci_snapshot_set_grouping (snapshot, MCI_GROUPING_ADDRESS);
  t->address = (g_get_monotonic_time () - start) / 1000.0;
  t->n_groups_address = mci_snapshot_get_section (snapshot, MCI_SECTION_DISTANT)->n_groups;

  mci_connection_model_apply (model, snapshot);
  start = g_get_monotonic_time ();
  export = mci_view_export_new (model, NULL, NULL);
  t->collect = (g_get_monotonic_time () - start) / 1000.0;

  start = g_get_monotonic_time ();
  json = mci_view_export_format (export, MCI_VIEW_FORMAT_JSON);
  t->json = (g_get_monotonic_time () - start) / 1000.0;
  start = g_get_monotonic_time ();
  csv = mci_view_export_format (export, MCI_VIEW_FORMAT_CSV);
  t->csv = (g_get_monotonic_time () - start) / 1000.0;
}

/* The history's memory: each series' values, after ten minutes of samples. */
static gsize
history_bytes (MciConnectionModel *model)
{
  MciRow *section = mci_connection_model_get_section (model, MCI_SECTION_DISTANT);
  GListModel *groups = G_LIST_MODEL (mci_section_row_get_groups (MCI_SECTION_ROW (section)));
  gsize bytes = 0;

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(MciRow) row = g_list_model_get_item (groups, i);

      bytes += mci_series_get_capacity (mci_row_get_history (row)) * sizeof (float);
    }
  return bytes;
}

static void
bench (guint n,
       guint runs)
{
  g_autoptr(MciLocalMachine) machine = make_machine ();
  g_autoptr(MciSampler) sampler = mci_sampler_new ("/nonexistent");
  g_autoptr(MciConnectionModel) model = mci_connection_model_new (sampler, NULL);
  GArray *columns[5];
  Times t = { 0 };

  for (guint c = 0; c < 5; c++)
    columns[c] = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint r = 0; r < runs; r++)
    {
      run_once (n, model, machine, &t);
      g_array_append_val (columns[0], t.endpoint);
      g_array_append_val (columns[1], t.address);
      g_array_append_val (columns[2], t.collect);
      g_array_append_val (columns[3], t.json);
      g_array_append_val (columns[4], t.csv);
    }
  while (mci_connection_model_get_n_samples (model) < 300)
    {
      g_autoptr(MciSnapshot) snapshot = mci_snapshot_new (make_rows (n), machine, 0, NULL);

      mci_snapshot_set_grouping (snapshot, MCI_GROUPING_ADDRESS);
      mci_connection_model_apply (model, snapshot);
    }
  printf ("| %7u | %6u → %4u | %8.1f | %8.1f | %8.1f | %8.1f | %8.1f | %7.1f KiB |\n", n,
          t.n_groups_endpoint, t.n_groups_address, median (columns[0]), median (columns[1]),
          median (columns[2]), median (columns[3]), median (columns[4]),
          history_bytes (model) / 1024.0);
  for (guint c = 0; c < 5; c++)
    g_array_unref (columns[c]);
}

int
main (int   argc,
      char *argv[])
{
  guint runs = 5;
  int first = 1;

  if (argc > 2 && g_str_equal (argv[1], "--runs"))
    {
      runs = MAX (1, atoi (argv[2]));
      first = 3;
    }
  printf ("| rows    | groups (endpoint → address) | endpoint ms | address ms | collect ms | json ms "
          "| csv ms | history |\n");
  if (first >= argc)
    {
      bench (4000, runs);
      bench (40000, runs);
      bench (200000, runs);
    }
  for (int i = first; i < argc; i++)
    bench (atoi (argv[i]), runs);
  return 0;
}
