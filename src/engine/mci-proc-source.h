/* mci-proc-source.h: connections from /proc/net/tcp* text, live or saved
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-source.h"

G_BEGIN_DECLS

#define MCI_TYPE_PROC_SOURCE (mci_proc_source_get_type ())
G_DECLARE_FINAL_TYPE (MciProcSource, mci_proc_source, MCI, PROC_SOURCE, MciSource)

MciSource  *mci_proc_source_new           (const char    *proc_root);
const char *mci_proc_source_get_proc_root (MciProcSource *self);

G_END_DECLS
