/* mci-badge-strip.h: the States column's badges, in the forms that fit
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "mci-tcp-state.h"

G_BEGIN_DECLS

#define MCI_TYPE_BADGE_STRIP (mci_badge_strip_get_type ())
G_DECLARE_FINAL_TYPE (MciBadgeStrip, mci_badge_strip, MCI, BADGE_STRIP, GtkWidget)

GtkWidget *mci_badge_strip_new               (void);
void       mci_badge_strip_set_states        (MciBadgeStrip *self,
                                              const guint    states[MCI_TCP_N_STATES],
                                              gboolean       single);
char      *mci_badge_strip_get_shown_text    (MciBadgeStrip *self);
char      *mci_badge_strip_get_tooltip_text  (MciBadgeStrip *self,
                                              GtkWidget     *badge);

G_END_DECLS
