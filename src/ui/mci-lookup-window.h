/* mci-lookup-window.h: Look Up: who is this address?
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "mci-lookup.h"

G_BEGIN_DECLS

#define MCI_TYPE_LOOKUP_WINDOW (mci_lookup_window_get_type ())
G_DECLARE_FINAL_TYPE (MciLookupWindow, mci_lookup_window, MCI, LOOKUP_WINDOW, GtkWindow)

MciLookupWindow *mci_lookup_window_new        (GtkWindow        *parent,
                                               const MciAddress *address,
                                               MciSnapshot      *snapshot,
                                               gboolean          capture);
MciLookup       *mci_lookup_window_get_lookup (MciLookupWindow  *self);

G_END_DECLS
