/* mci-vanished-rows.h: the one rule for rows that a new snapshot no longer has
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MCI_VANISHED_NOT,     /* in this refresh */
  MCI_VANISHED_NOW,     /* missing from this refresh: to be shown closed */
  MCI_VANISHED_BEFORE,  /* already shown closed for a refresh: to go */
} MciVanished;

/* How to reach the rows of one list; @list is what mci_vanished_rows_sweep() is given. */
typedef struct
{
  MciVanished (*check)  (gpointer list,
                         guint    position);
  void        (*close)  (gpointer list,
                         guint    position);
  void        (*remove) (gpointer list,
                         guint    position,
                         guint    n_rows);
} MciVanishedRows;

void mci_vanished_rows_sweep (const MciVanishedRows *rows,
                              gpointer               list,
                              guint                  n_rows);

G_END_DECLS
