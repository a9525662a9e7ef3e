/* mci-report-command.h: --text and --json, for a terminal or a script
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "mci-report.h"
#include "mci-resolver.h"
#include "mci-source.h"

G_BEGIN_DECLS

typedef enum
{
  MCI_REPORT_FORMAT_TEXT,
  MCI_REPORT_FORMAT_JSON,
} MciReportFormat;

typedef struct
{
  MciReportFormat format;
  MciReportFlags  flags;
  const char     *proc_root;       /* NULL: the live machine */
  gboolean        numeric;         /* no name look-ups */
  double          resolve_timeout; /* seconds to wait for names, all in all */
  MciSourceKind   source;          /* how the live machine is asked */
  double          rates_interval;  /* > 0: two samples this many seconds apart, for rates */
  gboolean        no_owners;       /* JSON without owners, for speed */
  const char * const *hosts;       /* NULL: this machine; else servers read over ssh */
  MciGrouping     grouping;        /* by endpoint, or by distant address (--by-address) */
} MciReportCommand;

int         mci_report_command_run         (const MciReportCommand *command);
const char *mci_report_command_cached_name (const MciAddress       *address,
                                            gpointer                user_data);
void        mci_report_command_ask_names   (MciResolver            *resolver,
                                            MciSnapshot            *snapshot);

G_END_DECLS
