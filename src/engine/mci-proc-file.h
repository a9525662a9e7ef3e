/* mci-proc-file.h: reading a whole /proc file
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GBytes *mci_proc_file_read (const char  *path,
                            const char  *what,
                            GError     **error);

G_END_DECLS
