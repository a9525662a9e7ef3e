/* mci-refresh-timer.h: when to sample the machine again, one sample at a time
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-sampler.h"

G_BEGIN_DECLS

#define MCI_TYPE_REFRESH_TIMER (mci_refresh_timer_get_type ())
G_DECLARE_FINAL_TYPE (MciRefreshTimer, mci_refresh_timer, MCI, REFRESH_TIMER, GObject)

MciRefreshTimer *mci_refresh_timer_new          (MciSampler      *sampler);
MciSampler      *mci_refresh_timer_get_sampler  (MciRefreshTimer *self);
guint            mci_refresh_timer_get_interval (MciRefreshTimer *self);
void             mci_refresh_timer_set_interval (MciRefreshTimer *self,
                                                 guint            interval_ms);
gboolean         mci_refresh_timer_get_active   (MciRefreshTimer *self);
void             mci_refresh_timer_set_active   (MciRefreshTimer *self,
                                                 gboolean         active);
gboolean         mci_refresh_timer_get_sampling (MciRefreshTimer *self);
void             mci_refresh_timer_refresh      (MciRefreshTimer *self);
void             mci_refresh_timer_stop         (MciRefreshTimer *self);

G_END_DECLS
