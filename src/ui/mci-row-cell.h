/* mci-row-cell.h: a cell of the connections tree, what every kind of cell shares
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "mci-connection-model.h"

G_BEGIN_DECLS

#define MCI_TYPE_ROW_CELL (mci_row_cell_get_type ())
G_DECLARE_DERIVABLE_TYPE (MciRowCell, mci_row_cell, MCI, ROW_CELL, GtkWidget)

struct _MciRowCellClass
{
  GtkWidgetClass parent_class;

  /* Shows @row, bound or changed. */
  void   (*update)    (MciRowCell     *self,
                       MciRow         *row);
  /* What a screen reader says for the cell: its text, or why there is none. */
  char  *(*describe)  (MciRowCell     *self,
                       MciRow         *row);
  /* Gives the cell, and what stands for it, @label for a screen reader. */
  void   (*set_label) (MciRowCell     *self,
                       const char     *label);
  /* Optional, for a cell with mci_row_cell_add_tooltip(): the tooltip's text, or NULL. */
  char  *(*get_tooltip) (MciRowCell   *self,
                         MciRow       *row);
  /* Optional: what a kind of cell follows while bound, besides its row. */
  void   (*bind)      (MciRowCell     *self,
                       GtkTreeListRow *list_row);
  void   (*unbind)    (MciRowCell     *self);
};

void                mci_row_cell_bind          (MciRowCell     *self,
                                                GtkTreeListRow *list_row);
void                mci_row_cell_unbind        (MciRowCell     *self);
void                mci_row_cell_update        (MciRowCell     *self);
MciRow             *mci_row_cell_get_row       (MciRowCell     *self);
GtkTreeListRow     *mci_row_cell_get_list_row  (MciRowCell     *self);
MciConnectionModel *mci_row_cell_get_model     (MciRowCell     *self);
GtkWidget          *mci_row_cell_new_label     (float           xalign);
void                mci_row_cell_add_tooltip   (MciRowCell     *self,
                                                GtkWidget      *widget);
char               *mci_row_cell_get_tooltip_text (MciRowCell  *self);

G_END_DECLS
