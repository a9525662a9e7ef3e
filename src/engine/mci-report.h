/* mci-report.h: a snapshot as text, the original script's way, or as JSON
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "mci-closed-connection.h"
#include "mci-history.h"
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

/* What the live modes add: the closes of the window, or why there are none. */
typedef struct
{
  MciHistory *history;  /* NULL: closes are not recorded */
  const char *note;     /* why not, or NULL */
  guint       missed;   /* closes the kernel dropped before they were read */
} MciReportHistory;

/* The name known for @address, or NULL; called on the thread that formats. */
typedef const char *(*MciHostnameFunc) (const MciAddress *address,
                                        gpointer          user_data);

/* What a window shows of a snapshot, to save: some of its groups, in the view's order,
 * each with the connections shown (all of them without a search), and the closed
 * connections the view lists apart. */
typedef struct
{
  const MciEndpointGroup  *group;
  const MciConnection    **connections;   /* NULL: all of the group's */
  guint                    n_connections;
} MciReportGroup;

typedef struct
{
  const MciSection     *section;
  const MciReportGroup *groups;
  guint                 n_groups;
} MciReportSection;

typedef struct
{
  MciSnapshot               *snapshot;
  const MciReportSection    *sections;
  guint                      n_sections;
  const char                *search;     /* NULL: none */
  const MciClosedConnection *closed;     /* the history's; none until it is wired */
  guint                      n_closed;
} MciReportView;

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
char *mci_report_format_text_with_history (MciSnapshot            *snapshot,
                                           MciReportFlags          flags,
                                           MciHostnameFunc         hostname_func,
                                           gpointer                user_data,
                                           const MciReportHistory *history);
char *mci_report_format_json_line (MciSnapshot            *snapshot,
                                   MciHostnameFunc         hostname_func,
                                   gpointer                user_data,
                                   const MciReportHistory *history);
char *mci_report_format_closed_event (const MciClosedConnection *closed);
char *mci_report_format_opened_event (MciSnapshot               *snapshot,
                                      const MciConnection       *connection);

char *mci_report_format_json_view (const MciReportView *view,
                                   MciHostnameFunc      hostname_func,
                                   gpointer             user_data);
char *mci_report_format_csv_view  (const MciReportView *view,
                                   MciHostnameFunc      hostname_func,
                                   gpointer             user_data);

char *mci_report_format_time (gint64 real_time);

G_END_DECLS
