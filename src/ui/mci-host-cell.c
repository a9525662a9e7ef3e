/* mci-host-cell.c: the Host name column: a peer's reverse name
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-host-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-host-cell.h"

struct _MciHostCell
{
  MciRowCell  parent_instance;

  GtkWidget  *label;
};

G_DEFINE_FINAL_TYPE (MciHostCell, mci_host_cell, MCI_TYPE_ROW_CELL)

/* The whole name, for one cut short. */
static char *
mci_host_cell_get_tooltip (MciRowCell *cell,
                           MciRow     *row)
{
  return g_strdup (mci_row_get_host_name (row));
}

/* Names are shown as text, never as markup: they come from whoever runs the DNS. */
static void
mci_host_cell_update (MciRowCell *cell,
                      MciRow     *row)
{
  GtkWidget *label = MCI_HOST_CELL (cell)->label;
  const char *name = mci_row_get_host_name (row);
  gboolean pending = mci_row_get_host_pending (row);

  gtk_label_set_text (GTK_LABEL (label), pending ? "…" : name);
  /* an empty label would be read out as "GtkLabel" */
  gtk_widget_set_visible (label, pending || name != NULL);
  if (pending)
    gtk_widget_add_css_class (label, "pending");
  else
    gtk_widget_remove_css_class (label, "pending");
}

static char *
mci_host_cell_describe (MciRowCell *cell,
                        MciRow     *row)
{
  const char *name = mci_row_get_host_name (row);

  if (mci_row_get_host_pending (row))
    return g_strdup (_("Looking up the host name"));
  return g_strdup (name != NULL ? name : _("No host name"));
}

/* Only shown rows are named: the model looks a name up when a cell first shows it. */
static void
mci_host_cell_bind (MciRowCell     *cell,
                    GtkTreeListRow *list_row)
{
  mci_connection_model_show_host_name (mci_row_cell_get_model (cell),
                                       mci_row_cell_get_row (cell));
}

static void
mci_host_cell_class_init (MciHostCellClass *klass)
{
  MciRowCellClass *cell_class = MCI_ROW_CELL_CLASS (klass);

  cell_class->update = mci_host_cell_update;
  cell_class->describe = mci_host_cell_describe;
  cell_class->get_tooltip = mci_host_cell_get_tooltip;
  cell_class->bind = mci_host_cell_bind;
}

static void
mci_host_cell_init (MciHostCell *self)
{
  self->label = mci_row_cell_new_label (0);
  /* a name's end is its domain, what tells most: cut at the start */
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_START);
  mci_row_cell_add_tooltip (MCI_ROW_CELL (self), self->label);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}
