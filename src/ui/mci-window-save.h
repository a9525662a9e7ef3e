/* mci-window-save.h: the window's Save… and Save Capture… (private to MciWindow)
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-window.h"

G_BEGIN_DECLS

void mci_window_save_action         (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter);
void mci_window_save_capture_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter);

G_END_DECLS
