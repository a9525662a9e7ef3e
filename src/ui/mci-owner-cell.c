/* mci-owner-cell.c: the Process column: who owns a group's or a connection's sockets
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-owner-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-owner-cell.h"

struct _MciOwnerCell
{
  MciRowCell  parent_instance;

  GtkWidget  *label;
};

G_DEFINE_FINAL_TYPE (MciOwnerCell, mci_owner_cell, MCI_TYPE_ROW_CELL)

/* The command line and user, or why the process cannot be seen. */
static char *
mci_owner_cell_get_tooltip (MciRowCell *cell,
                            MciRow     *row)
{
  return mci_row_describe_owner (row);
}

static void
mci_owner_cell_update (MciRowCell *cell,
                       MciRow     *row)
{
  GtkWidget *label = MCI_OWNER_CELL (cell)->label;
  const char *owner = mci_row_get_owner (row);

  gtk_label_set_text (GTK_LABEL (label), owner);
  gtk_widget_set_visible (label, owner != NULL);
}

static char *
mci_owner_cell_describe (MciRowCell *cell,
                         MciRow     *row)
{
  const char *owner = mci_row_get_owner (row);

  return g_strdup (owner != NULL ? owner : _("No process"));
}

static void
mci_owner_cell_class_init (MciOwnerCellClass *klass)
{
  MciRowCellClass *cell_class = MCI_ROW_CELL_CLASS (klass);

  cell_class->update = mci_owner_cell_update;
  cell_class->describe = mci_owner_cell_describe;
  cell_class->get_tooltip = mci_owner_cell_get_tooltip;
}

static void
mci_owner_cell_init (MciOwnerCell *self)
{
  self->label = mci_row_cell_new_label (0);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->label, TRUE);
  mci_row_cell_add_tooltip (MCI_ROW_CELL (self), self->label);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}
