/* mci-proc-table.h: the rows of /proc/net/tcp and tcp6, parsed
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "mci-connection.h"

G_BEGIN_DECLS

typedef struct _MciProcTable MciProcTable;

MciProcTable        *mci_proc_table_new               (void);
void                 mci_proc_table_free              (MciProcTable  *self);
void                 mci_proc_table_parse             (MciProcTable  *self,
                                                       const char    *text,
                                                       gsize          length,
                                                       int            family);
gboolean             mci_proc_table_load              (MciProcTable  *self,
                                                       const char    *path,
                                                       int            family,
                                                       GError       **error);
const MciConnection *mci_proc_table_get_connections   (MciProcTable  *self,
                                                       guint         *n_connections);
GArray              *mci_proc_table_steal_connections (MciProcTable  *self);
guint                mci_proc_table_get_skipped_lines (MciProcTable  *self);
guint                mci_proc_table_get_repeated_rows (MciProcTable  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MciProcTable, mci_proc_table_free)

G_END_DECLS
