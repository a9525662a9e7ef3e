/* mci-server-dialog.h: Connect to Server…, with the recent servers
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "mci-application.h"

G_BEGIN_DECLS

#define MCI_TYPE_SERVER_DIALOG (mci_server_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MciServerDialog, mci_server_dialog, MCI, SERVER_DIALOG, GtkWindow)

MciServerDialog *mci_server_dialog_new         (MciApplication  *application,
                                                GtkWindow       *parent);
GtkListBox      *mci_server_dialog_get_recent  (MciServerDialog *self);
void             mci_server_dialog_connect     (MciServerDialog *self,
                                                const char      *destination);
void             mci_server_dialog_connect_all (MciServerDialog *self);

G_END_DECLS
