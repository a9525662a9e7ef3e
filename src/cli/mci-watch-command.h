/* mci-watch-command.h: --watch, --json --watch and --events, until Ctrl+C
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "mci-report.h"
#include "mci-source.h"

G_BEGIN_DECLS

#define MCI_WATCH_DEFAULT_INTERVAL 2.0

typedef enum
{
  MCI_WATCH_TEXT,    /* the text report, repainted in place on a terminal */
  MCI_WATCH_JSON,    /* one JSON snapshot a line */
  MCI_WATCH_EVENTS,  /* one JSON line a connection opened or closed */
} MciWatchFormat;

typedef struct
{
  MciWatchFormat format;
  MciReportFlags flags;            /* text only */
  const char    *proc_root;        /* NULL: the live machine */
  gboolean       numeric;          /* no name look-ups */
  MciSourceKind  source;           /* how the live machine is asked */
  double         interval;         /* seconds between samples */
  GTimeSpan      history_window;   /* how long closes are kept */
  guint          history_max_records;
  gboolean       no_owners;        /* no owners, for speed */
} MciWatchCommand;

int mci_watch_command_run (const MciWatchCommand *command);

G_END_DECLS
