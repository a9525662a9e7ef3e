/* mci-view-export.h: what the window shows, kept to be saved as CSV or JSON
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-connection-model.h"

G_BEGIN_DECLS

typedef enum
{
  MCI_VIEW_FORMAT_JSON,
  MCI_VIEW_FORMAT_CSV,
} MciViewFormat;

#define MCI_TYPE_VIEW_EXPORT (mci_view_export_get_type ())

G_DECLARE_FINAL_TYPE (MciViewExport, mci_view_export, MCI, VIEW_EXPORT, GObject)

MciViewExport *mci_view_export_new          (MciConnectionModel  *model,
                                             GCompareDataFunc     compare_groups,
                                             gpointer             compare_data);
guint          mci_view_export_get_n_groups (MciViewExport       *self);
char          *mci_view_export_format       (MciViewExport       *self,
                                             MciViewFormat        format);
MciViewFormat  mci_view_format_for_file     (GFile               *file);
void           mci_view_export_save_async   (MciViewExport       *self,
                                             GFile               *file,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean       mci_view_export_save_finish  (MciViewExport       *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
