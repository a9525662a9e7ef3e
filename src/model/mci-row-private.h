/* mci-row-private.h: what only the kinds of row use of MciRow
 *
 * Not entry points: the kinds of row call these on themselves, some for every row on
 * every refresh, so they check nothing.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-row.h"
#include "mci-row-order.h"

G_BEGIN_DECLS

void     mci_row_init_identity     (MciRow               *self,
                                    MciRowKind            kind,
                                    const MciEndpointKey *key,
                                    char                 *endpoint);
gboolean mci_row_set_n_connections (MciRow               *self,
                                    guint                 n_connections);
void     mci_row_states_changed    (MciRow               *self);
gboolean mci_row_set_traffic       (MciRow               *self,
                                    const MciTraffic     *traffic);
void     mci_row_reopen            (MciRow               *self);
void     mci_row_sort_values_changed (MciRow             *self,
                                      guint               changes);
guint    mci_row_take_sort_changes (MciRow               *self);

G_END_DECLS
