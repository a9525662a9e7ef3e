/* mci-capture.h: the live connection tables, saved as a folder that --proc reads
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MCI_LIVE_SYSCTL_ROOT "/proc/sys/net/ipv4"

void     mci_capture_save_async  (const char           *proc_root,
                                  const char           *sysctl_root,
                                  GFile                *directory,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
gboolean mci_capture_save_finish (GAsyncResult         *result,
                                  GError              **error);

G_END_DECLS
