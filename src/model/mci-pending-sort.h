/* mci-pending-sort.h: an ordering the model owes, done when idle
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MCI_TYPE_PENDING_SORT (mci_pending_sort_get_type ())
G_DECLARE_FINAL_TYPE (MciPendingSort, mci_pending_sort, MCI, PENDING_SORT, GObject)

MciPendingSort *mci_pending_sort_new   (void);
void            mci_pending_sort_mark  (MciPendingSort *self);
void            mci_pending_sort_queue (MciPendingSort *self);
void            mci_pending_sort_flush (MciPendingSort *self);
void            mci_pending_sort_cancel (MciPendingSort *self);

G_END_DECLS
