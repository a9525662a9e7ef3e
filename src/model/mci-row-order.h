/* mci-row-order.h: the order a view shows rows in, kept by the model itself
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-row.h"

G_BEGIN_DECLS

/* The columns a person can sort by, in the window's order. */
typedef enum
{
  MCI_SORT_ENDPOINT,
  MCI_SORT_PROCESS,
  MCI_SORT_CONNECTIONS,
  MCI_SORT_HOST_NAME,
  MCI_SORT_STATES,
  MCI_SORT_TRAFFIC,
  MCI_N_SORT_COLUMNS
} MciSortColumn;

/* A row's values that changed since its list was last put in order, one bit a column. */
#define MCI_SORT_CHANGED(column) (1u << (column))
#define MCI_SORT_CHANGED_ALL     ((1u << MCI_N_SORT_COLUMNS) - 1)

typedef struct
{
  MciSortColumn column;
  gboolean      descending;
} MciRowOrder;

/* How to reach the rows of one list (a section's groups, a group's connections); @list
 * is what mci_row_order_apply() is given. splice() replaces @n_removed rows at
 * @position with @rows; a row may be given back before it is removed from where it was,
 * and is then in the list twice for a moment. */
typedef struct
{
  MciRow *(*peek)   (gpointer  list,
                     guint     position);
  void    (*splice) (gpointer  list,
                     guint     position,
                     guint     n_removed,
                     MciRow  **rows,
                     guint     n_added);
} MciRowOrderList;

const char *mci_sort_column_to_name   (MciSortColumn      column);
gboolean    mci_sort_column_from_name (const char        *name,
                                       MciSortColumn     *column);
int         mci_row_order_compare     (const MciRowOrder *order,
                                       MciRow            *a,
                                       MciRow            *b);
guint       mci_row_order_apply       (const MciRowOrder     *order,
                                       const MciRowOrderList *rows,
                                       gpointer               list,
                                       guint                  n_rows,
                                       GPtrArray             *fresh,
                                       gboolean               everything,
                                       GPtrArray             *moved);

G_END_DECLS
