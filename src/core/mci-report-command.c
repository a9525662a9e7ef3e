/* mci-report-command.c: --text and --json, for a terminal or a script
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-report-command"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <stdio.h>

#include "mci-report-command.h"

static void
warn_skipped_lines (MciSnapshot *snapshot)
{
  guint skipped = mci_snapshot_get_skipped_lines (snapshot);

  if (skipped == 0)
    return;
  g_printerr (ngettext ("%s: %u line of the connection tables could not be read and was skipped\n",
                        "%s: %u lines of the connection tables could not be read and were skipped\n",
                        skipped),
              g_get_prgname (), skipped);
}

/* Returns the process's exit status; every failure has been said on stderr. */
int
mci_report_command_run (const MciReportCommand *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSnapshot) snapshot = NULL;
  g_autofree char *report = NULL;
  const char *proc_root;

  g_return_val_if_fail (command != NULL, 1);

  proc_root = command->proc_root != NULL ? command->proc_root : MCI_LIVE_PROC_ROOT;
  snapshot = mci_snapshot_new_from_proc (proc_root, NULL, &error);
  if (snapshot == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return 1;
    }

  warn_skipped_lines (snapshot);
  if (command->format == MCI_REPORT_FORMAT_JSON)
    report = mci_report_format_json (snapshot, NULL, NULL);
  else
    report = mci_report_format_text (snapshot, command->flags, NULL, NULL);

  fputs (report, stdout);
  if (fflush (stdout) != 0)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), g_strerror (errno));
      return 1;
    }
  return 0;
}
