/* mci-row-cell.h: one cell of the connections tree
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "mci-connection-model.h"

G_BEGIN_DECLS

typedef enum
{
  MCI_COLUMN_ENDPOINT,
  MCI_COLUMN_PROCESS,
  MCI_COLUMN_COUNT,
  MCI_COLUMN_HOST_NAME,
  MCI_COLUMN_STATES,
} MciColumn;

#define MCI_TYPE_ROW_CELL (mci_row_cell_get_type ())
G_DECLARE_FINAL_TYPE (MciRowCell, mci_row_cell, MCI, ROW_CELL, GtkWidget)

GtkWidget *mci_row_cell_new    (MciColumn           column,
                                MciConnectionModel *model);
void       mci_row_cell_bind   (MciRowCell         *self,
                                GtkTreeListRow     *list_row);
void       mci_row_cell_unbind (MciRowCell         *self);
MciRow    *mci_row_cell_get_row (MciRowCell        *self);
GtkTreeListRow *mci_row_cell_get_list_row (MciRowCell *self);

G_END_DECLS
