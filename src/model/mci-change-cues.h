/* mci-change-cues.h: how long a new row is shown as new
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-row.h"

G_BEGIN_DECLS

#define MCI_TYPE_CHANGE_CUES (mci_change_cues_get_type ())
G_DECLARE_FINAL_TYPE (MciChangeCues, mci_change_cues, MCI, CHANGE_CUES, GObject)

MciChangeCues *mci_change_cues_new          (void);
guint          mci_change_cues_get_duration (MciChangeCues *self);
void           mci_change_cues_set_duration (MciChangeCues *self,
                                             guint          duration_ms);
void           mci_change_cues_add          (MciChangeCues *self,
                                             GPtrArray     *appeared);

G_END_DECLS
