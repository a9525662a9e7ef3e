/* mci-history-cell.c: the History column: a sparkline of the count over the window
 *
 * Sections and groups draw their series (mci_row_get_history ()); a connection, which
 * is one, draws nothing. The series grows with each sample, without a notify on the
 * row: a bound cell redraws when the model counts a new sample.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-history-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-history-cell.h"
#include "mci-sparkline.h"

struct _MciHistoryCell
{
  MciRowCell  parent_instance;

  GtkWidget  *sparkline;
  gulong      samples_id;
};

G_DEFINE_FINAL_TYPE (MciHistoryCell, mci_history_cell, MCI_TYPE_ROW_CELL)

static void
mci_history_cell_update (MciRowCell *cell,
                         MciRow     *row)
{
  MciSparkline *sparkline = MCI_SPARKLINE (MCI_HISTORY_CELL (cell)->sparkline);

  mci_sparkline_set_series (sparkline, mci_row_get_kind (row) == MCI_ROW_CONNECTION
                                       ? NULL : mci_row_get_history (row));
}

/* "From 1 to 15 connections over the last 12 samples" */
static char *
mci_history_cell_describe (MciRowCell *cell,
                           MciRow     *row)
{
  MciSeries *series = mci_sparkline_get_series (MCI_SPARKLINE (MCI_HISTORY_CELL (cell)->sparkline));
  guint length = series != NULL ? mci_series_get_length (series) : 0;
  float low = G_MAXFLOAT;

  if (length == 0)
    return g_strdup (_("No history"));
  for (guint i = 0; i < length; i++)
    low = MIN (low, mci_series_get (series, i));
  return g_strdup_printf (ngettext ("From %.0f to %.0f connections over the last %u sample",
                                    "From %.0f to %.0f connections over the last %u samples",
                                    length),
                          low, mci_series_get_max (series), length);
}

/* The graph is read as the cell is: its label says what it shows. */
static void
mci_history_cell_set_label (MciRowCell *cell,
                            const char *label)
{
  MCI_ROW_CELL_CLASS (mci_history_cell_parent_class)->set_label (cell, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (MCI_HISTORY_CELL (cell)->sparkline),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
mci_history_cell_bind (MciRowCell     *cell,
                       GtkTreeListRow *list_row)
{
  MciHistoryCell *self = MCI_HISTORY_CELL (cell);

  self->samples_id = g_signal_connect_swapped (mci_row_cell_get_model (cell), "notify::n-samples",
                                               G_CALLBACK (mci_row_cell_update), self);
}

static void
mci_history_cell_unbind (MciRowCell *cell)
{
  g_clear_signal_handler (&MCI_HISTORY_CELL (cell)->samples_id, mci_row_cell_get_model (cell));
}

static void
mci_history_cell_class_init (MciHistoryCellClass *klass)
{
  MciRowCellClass *cell_class = MCI_ROW_CELL_CLASS (klass);

  cell_class->update = mci_history_cell_update;
  cell_class->describe = mci_history_cell_describe;
  cell_class->set_label = mci_history_cell_set_label;
  cell_class->bind = mci_history_cell_bind;
  cell_class->unbind = mci_history_cell_unbind;
}

static void
mci_history_cell_init (MciHistoryCell *self)
{
  self->sparkline = mci_sparkline_new ();
  gtk_widget_set_hexpand (self->sparkline, TRUE);
  gtk_widget_set_valign (self->sparkline, GTK_ALIGN_FILL);
  gtk_widget_set_parent (self->sparkline, GTK_WIDGET (self));
}
