/* main.c: most-connected-ip
 *
 * The command line is parsed here rather than by GApplication, so that --text and
 * --json never touch a display and a bad option exits 2 with one line, as the reports
 * always did. Without --text or --json the window opens.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "most-connected-ip"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mci-application.h"
#include "mci-report-command.h"
#include "mci-trace-command.h"
#include "mci-tracer.h"

int
main (int   argc,
      char *argv[])
{
  gboolean text = FALSE, json = FALSE, listening = FALSE, processes = FALSE, numeric = FALSE;
  gboolean version = FALSE;
  g_autofree char *proc_root = NULL;
  double resolve_timeout = 2.0;
  g_autofree char *trace = NULL;
  int max_hops = MCI_TRACER_DEFAULT_MAX_HOPS;
  int probe_timeout = MCI_TRACER_DEFAULT_PROBE_TIMEOUT_MS;
  const GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_NONE, &text,
      N_("Print the connections once, as text, and exit"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the connections once, as JSON, and exit"), NULL },
    { "listening", 0, 0, G_OPTION_ARG_NONE, &listening,
      N_("Also list listening sockets in the text report"), NULL },
    { "processes", 'p', 0, G_OPTION_ARG_NONE, &processes,
      N_("Add the owning process (or user) of each group to the text report"), NULL },
    { "proc", 0, 0, G_OPTION_ARG_FILENAME, &proc_root,
      N_("Read a saved copy of /proc/net instead of the live one"), N_("DIR") },
    { "numeric", 'n', 0, G_OPTION_ARG_NONE, &numeric,
      N_("Do not look up host names"), NULL },
    { "resolve-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &resolve_timeout,
      N_("How long the reports wait for host names, all in all (default: 2)"), N_("SECONDS") },
    { "trace", 0, 0, G_OPTION_ARG_STRING, &trace,
      N_("Trace the route to ADDRESS and name its last named hop, then exit"), N_("ADDRESS") },
    { "max-hops", 0, 0, G_OPTION_ARG_INT, &max_hops,
      N_("How many hops --trace probes at most (default: 30)"), N_("N") },
    { "probe-timeout", 0, 0, G_OPTION_ARG_INT, &probe_timeout,
      N_("How long --trace waits for each hop, in milliseconds (default: 1000)"), N_("MS") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  MciReportCommand command = { 0 };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (PACKAGE_NAME);

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return 2;
    }
  if (version)
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }
  if (text && json)
    {
      g_printerr (_("%s: --text and --json cannot be used together\n"), g_get_prgname ());
      return 2;
    }
  if (resolve_timeout < 0 || resolve_timeout > 3600)
    {
      g_printerr (_("%s: --resolve-timeout takes a number of seconds from 0 to 3600\n"),
                  g_get_prgname ());
      return 2;
    }
  if (argc > 1)
    {
      g_printerr (_("%s: unexpected argument “%s”\n"), g_get_prgname (), argv[1]);
      return 2;
    }

  if (trace != NULL)
    {
      MciTraceCommand trace_command = { trace, max_hops, probe_timeout, numeric,
                                        resolve_timeout };

      if (max_hops < 1 || max_hops > MCI_TRACER_MAX_HOPS
          || probe_timeout < 100 || probe_timeout > 60000)
        {
          g_printerr (_("%s: --max-hops takes 1 to 255, --probe-timeout 100 to 60000\n"),
                      g_get_prgname ());
          return 2;
        }
      return mci_trace_command_run (&trace_command);
    }

  if (!text && !json)
    {
      g_autoptr(MciApplication) application = mci_application_new (proc_root, numeric);

      return g_application_run (G_APPLICATION (application), 1, argv);
    }

  command.format = json ? MCI_REPORT_FORMAT_JSON : MCI_REPORT_FORMAT_TEXT;
  command.flags = (listening ? MCI_REPORT_LISTENING : MCI_REPORT_FLAGS_NONE)
                  | (processes ? MCI_REPORT_PROCESSES : MCI_REPORT_FLAGS_NONE);
  command.proc_root = proc_root;
  command.numeric = numeric;
  command.resolve_timeout = resolve_timeout;
  return mci_report_command_run (&command);
}
