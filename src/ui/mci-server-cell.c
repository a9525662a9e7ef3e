/* mci-server-cell.c: the Server column, in a window over several servers
 *
 * A group's server is part of its key (the same endpoint on two servers is two groups),
 * its name in the snapshot the group came from. By address, a distant address is the
 * whole fleet's: the cell says on how many servers it is.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-server-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-group-row.h"
#include "mci-server-cell.h"

struct _MciServerCell
{
  MciRowCell  parent_instance;

  GtkWidget  *label;
};

G_DEFINE_FINAL_TYPE (MciServerCell, mci_server_cell, MCI_TYPE_ROW_CELL)

/**
 * mci_server_cell_get_server:
 *
 * Returns: the name of the server @row's group is on, or NULL for a row that is not a
 * group or in a window over one machine.
 */
const char *
mci_server_cell_get_server (MciRow *row)
{
  MciSnapshot *snapshot;

  if (!MCI_IS_GROUP_ROW (row))
    return NULL;
  snapshot = mci_group_row_get_snapshot (MCI_GROUP_ROW (row));
  return snapshot != NULL ? mci_snapshot_get_host (snapshot, mci_row_get_key (row)->host)
                          : NULL;
}

/* "web1", or "3 servers" for a distant address over several */
static char *
format_server (MciRow *row)
{
  guint n;

  if (MCI_IS_GROUP_ROW (row) && mci_row_get_key (row)->host == MCI_ENDPOINT_KEY_ALL_HOSTS)
    {
      n = mci_group_row_count_servers (MCI_GROUP_ROW (row));
      return g_strdup_printf (ngettext ("%u server", "%u servers", n), n);
    }
  return g_strdup (mci_server_cell_get_server (row));
}

static char *
mci_server_cell_get_tooltip (MciRowCell *cell,
                             MciRow     *row)
{
  return format_server (row);
}

/* Names are shown as text, never as markup. */
static void
mci_server_cell_update (MciRowCell *cell,
                        MciRow     *row)
{
  GtkWidget *label = MCI_SERVER_CELL (cell)->label;
  g_autofree char *text = format_server (row);

  gtk_label_set_text (GTK_LABEL (label), text);
  /* an empty label would be read out as "GtkLabel" */
  gtk_widget_set_visible (label, text != NULL);
}

static char *
mci_server_cell_describe (MciRowCell *cell,
                          MciRow     *row)
{
  char *text = format_server (row);

  return text != NULL ? text : g_strdup ("");
}

static void
mci_server_cell_class_init (MciServerCellClass *klass)
{
  MciRowCellClass *cell_class = MCI_ROW_CELL_CLASS (klass);

  cell_class->update = mci_server_cell_update;
  cell_class->describe = mci_server_cell_describe;
  cell_class->get_tooltip = mci_server_cell_get_tooltip;
}

static void
mci_server_cell_init (MciServerCell *self)
{
  self->label = mci_row_cell_new_label (0);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  mci_row_cell_add_tooltip (MCI_ROW_CELL (self), self->label);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}
