/* mci-window.h: the main window, a live tree of the machine's TCP connections
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <adwaita.h>

#include "mci-connection-model.h"
#include "mci-section-graphs.h"

G_BEGIN_DECLS

#define MCI_TYPE_WINDOW (mci_window_get_type ())
G_DECLARE_FINAL_TYPE (MciWindow, mci_window, MCI, WINDOW, AdwApplicationWindow)

MciWindow          *mci_window_new              (GtkApplication     *application,
                                                 MciConnectionModel *model,
                                                 GSettings          *settings);
MciConnectionModel *mci_window_get_model        (MciWindow          *self);

/* What tests look at: the rows as shown (sorted, filtered), and the page on view. */
GtkSingleSelection *mci_window_get_selection    (MciWindow          *self);
GtkColumnView      *mci_window_get_column_view  (MciWindow          *self);
const char         *mci_window_get_page         (MciWindow          *self);
MciSectionGraphs   *mci_window_get_graphs       (MciWindow          *self);
const char         *mci_window_get_status       (MciWindow          *self);
void                mci_window_set_search       (MciWindow          *self,
                                                 const char         *text);
const char         *mci_window_get_note         (MciWindow          *self);
void                mci_window_show_note        (MciWindow          *self,
                                                 const char         *text);

/* Save… and Save Capture… without their dialogs (mci-window-save.c) */
void                mci_window_save_view_async  (MciWindow          *self,
                                                 GFile              *file,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
gboolean            mci_window_save_view_finish (MciWindow          *self,
                                                 GAsyncResult       *result,
                                                 GError            **error);
void                mci_window_save_capture_async (MciWindow        *self,
                                                   GFile            *directory,
                                                   GCancellable     *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer          user_data);
gboolean            mci_window_save_capture_finish (MciWindow       *self,
                                                    GAsyncResult    *result,
                                                    GError         **error);

G_END_DECLS
