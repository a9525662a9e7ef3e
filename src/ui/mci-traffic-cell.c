/* mci-traffic-cell.c: the Traffic column: what a row's connections move
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-traffic-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-traffic-cell.h"

struct _MciTrafficCell
{
  MciRowCell  parent_instance;

  GtkWidget  *label;
};

G_DEFINE_FINAL_TYPE (MciTrafficCell, mci_traffic_cell, MCI_TYPE_ROW_CELL)

/* The round-trip time and the totals. */
static char *
mci_traffic_cell_get_tooltip (MciRowCell *cell,
                              MciRow     *row)
{
  return mci_row_describe_traffic (row);
}

/* The rates; until a row has one, its totals, dimmed: they are not what the column
 * compares. Empty where nothing was measured. */
static void
mci_traffic_cell_update (MciRowCell *cell,
                         MciRow     *row)
{
  GtkWidget *label = MCI_TRAFFIC_CELL (cell)->label;
  gboolean totals;
  g_autofree char *text = mci_row_format_traffic (row, &totals);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (totals)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static char *
mci_traffic_cell_describe (MciRowCell *cell,
                           MciRow     *row)
{
  gboolean totals;
  g_autofree char *text = mci_row_format_traffic (row, &totals);

  if (text == NULL)
    return g_strdup (_("No traffic figures"));
  if (totals)
    /* TRANSLATORS: %s is received and sent in all, as in "↓ 1.2 GB ↑ 40.0 MB" */
    return g_strdup_printf (_("In all: %s"), text);
  return g_steal_pointer (&text);
}

static void
mci_traffic_cell_class_init (MciTrafficCellClass *klass)
{
  MciRowCellClass *cell_class = MCI_ROW_CELL_CLASS (klass);

  cell_class->update = mci_traffic_cell_update;
  cell_class->describe = mci_traffic_cell_describe;
  cell_class->get_tooltip = mci_traffic_cell_get_tooltip;
}

static void
mci_traffic_cell_init (MciTrafficCell *self)
{
  self->label = mci_row_cell_new_label (1);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_widget_add_css_class (self->label, "traffic");
  mci_row_cell_add_tooltip (MCI_ROW_CELL (self), self->label);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}
