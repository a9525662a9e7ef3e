/* mci-fleet.h: several servers read at once, each at its own pace
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-source.h"

G_BEGIN_DECLS

/* SSH connections being set up at once, as OpenSSH's own MaxStartups is wary of more */
#define MCI_FLEET_MAX_CONNECTING 8

typedef struct _MciFleet MciFleet;

MciFleet    *mci_fleet_new          (MciSource * const *sources,
                                     guint              n_sources);
void         mci_fleet_free         (MciFleet          *self);
void         mci_fleet_read         (MciFleet          *self,
                                     GCancellable      *cancellable);
void         mci_fleet_refresh      (MciFleet          *self,
                                     gint64             patience,
                                     GCancellable      *cancellable);
gboolean     mci_fleet_get_state    (MciFleet          *self,
                                     guint              index,
                                     MciSnapshot      **snapshot,
                                     GError           **error);
guint        mci_fleet_get_size     (MciFleet          *self);
MciSource   *mci_fleet_get_source   (MciFleet          *self,
                                     guint              index);
MciSnapshot *mci_fleet_get_snapshot (MciFleet          *self,
                                     guint              index);
const GError *mci_fleet_get_error   (MciFleet          *self,
                                     guint              index);
guint        mci_fleet_get_peak_connecting (MciFleet   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MciFleet, mci_fleet_free)

G_END_DECLS
