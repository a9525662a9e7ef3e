/* main.c: most-connected-ip
 *
 * Everything else, the command line included, is MciApplication's.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "most-connected-ip"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mci-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MciApplication) application = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* GTK's own call would warn of an unknown locale, a second line on a report's stderr */
  gtk_disable_setlocale ();
  /* build-aux/run.sh points at the build tree's catalogues; installed, LOCALEDIR */
  localedir = g_getenv ("MCI_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (PACKAGE_NAME);

  application = mci_application_new (NULL, FALSE);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
