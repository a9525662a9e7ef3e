/* mci-trace-command.h: most-connected-ip --trace ADDRESS
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *address;
  guint       max_hops;
  guint       probe_timeout_ms;
  gboolean    numeric;
  double      resolve_timeout;   /* seconds for all the hops' names */
} MciTraceCommand;

int mci_trace_command_run (const MciTraceCommand *command);

G_END_DECLS
