/* fuzz-report.h: what every harness does with what it parsed
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-local-machine.h"
#include "mci-proc-table.h"

G_BEGIN_DECLS

int           LLVMFuzzerTestOneInput   (const guint8    *data,
                                        size_t           size);

MciProcTable *mci_fuzz_table_new       (void);
void          mci_fuzz_report          (MciProcTable    *table,
                                        MciLocalMachine *machine,
                                        const char      *hostname);
void          mci_fuzz_report_rows     (GArray          *rows,
                                        MciLocalMachine *machine,
                                        guint            skipped,
                                        const char      *hostname);
void          mci_fuzz_assert_safe     (const char      *text);

G_END_DECLS
