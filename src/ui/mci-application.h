/* mci-application.h: the application and its one window
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MCI_TYPE_APPLICATION (mci_application_get_type ())
G_DECLARE_FINAL_TYPE (MciApplication, mci_application, MCI, APPLICATION, AdwApplication)

MciApplication *mci_application_new (const char *proc_root,
                                     gboolean    numeric);
gboolean        mci_application_open_server (MciApplication  *self,
                                             const char      *destination,
                                             GError         **error);
gboolean        mci_application_open_servers (MciApplication      *self,
                                              const char * const  *destinations,
                                              GError             **error);

G_END_DECLS
