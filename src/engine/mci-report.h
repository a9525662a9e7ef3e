/* mci-report.h: a snapshot as text, the original script's way, or as JSON
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "mci-snapshot.h"

G_BEGIN_DECLS

#define MCI_JSON_SCHEMA_VERSION 1

typedef enum
{
  MCI_REPORT_FLAGS_NONE = 0,
  MCI_REPORT_LISTENING  = 1 << 0, /* text only: JSON always has every section */
  MCI_REPORT_PROCESSES  = 1 << 1, /* text only: JSON always has the owners */
  MCI_REPORT_TRAFFIC    = 1 << 2, /* text only: JSON always has the traffic */
} MciReportFlags;

/* The name known for @address, or NULL; called on the thread that formats. */
typedef const char *(*MciHostnameFunc) (const MciAddress *address,
                                        gpointer          user_data);

char *mci_report_format_text (MciSnapshot     *snapshot,
                              MciReportFlags   flags,
                              MciHostnameFunc  hostname_func,
                              gpointer         user_data);
char *mci_report_format_section_text (MciSnapshot     *snapshot,
                                      MciSectionKind   section,
                                      MciHostnameFunc  hostname_func,
                                      gpointer         user_data);
char *mci_report_format_group_line (const MciEndpointGroup *group,
                                    const char             *hostname);
char *mci_report_format_json (MciSnapshot     *snapshot,
                              MciHostnameFunc  hostname_func,
                              gpointer         user_data);
char *mci_report_format_json_for_host (MciSnapshot     *snapshot,
                                       const char      *host,
                                       MciHostnameFunc  hostname_func,
                                       gpointer         user_data);
char *mci_report_format_json_failure  (const char      *host,
                                       const char      *message);

G_END_DECLS
