/* mci-row.h: what every row of the connections tree has, whatever its kind
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-series.h"
#include "mci-snapshot.h"
#include "mci-traffic.h"

G_BEGIN_DECLS

typedef enum
{
  MCI_ROW_SECTION,
  MCI_ROW_GROUP,
  MCI_ROW_CONNECTION,
} MciRowKind;

/* What the change cues show: a row that just appeared, one that is gone and stays
 * for one more refresh so that a person sees what closed, or a group that just gained
 * connections. */
typedef enum
{
  MCI_ROW_CHANGE_NONE,
  MCI_ROW_CHANGE_NEW,
  MCI_ROW_CHANGE_CLOSED,
  MCI_ROW_CHANGE_GROWN,
} MciRowChange;

#define MCI_TYPE_ROW (mci_row_get_type ())
G_DECLARE_DERIVABLE_TYPE (MciRow, mci_row, MCI, ROW, GObject)

/* What a view asks of any row; a kind without such a value keeps the default (none). */
struct _MciRowClass
{
  GObjectClass parent_class;

  const guint *(*get_states)       (MciRow     *self);
  const char  *(*get_owner)        (MciRow     *self);
  char        *(*describe_owner)   (MciRow     *self);
  char        *(*describe_traffic) (MciRow     *self);
  const char  *(*get_host_name)    (MciRow     *self);
  gboolean     (*get_host_pending) (MciRow     *self);
  guint        (*count_matches)    (MciRow     *self,
                                    const char *needle);
  GListModel  *(*dup_children)     (MciRow     *self);
};

MciRowKind            mci_row_get_kind          (MciRow          *self);
MciSectionKind        mci_row_get_section       (MciRow          *self);
const MciEndpointKey *mci_row_get_key           (MciRow          *self);
const char           *mci_row_get_endpoint      (MciRow          *self);
const char           *mci_row_get_sort_key      (MciRow          *self);
guint                 mci_row_get_n_connections (MciRow          *self);
guint                 mci_row_get_n_closed      (MciRow          *self);
void                  mci_row_set_n_closed      (MciRow          *self,
                                                 guint            n_closed);
gboolean              mci_row_is_all_closed     (MciRow          *self);
MciRowChange          mci_row_get_change        (MciRow          *self);
const guint          *mci_row_get_states        (MciRow          *self);
const char           *mci_row_get_states_text   (MciRow          *self);
const char           *mci_row_get_owner         (MciRow          *self);
char                 *mci_row_describe_owner    (MciRow          *self);
const MciTraffic     *mci_row_get_traffic       (MciRow          *self);
char                 *mci_row_format_traffic    (MciRow          *self,
                                                 gboolean        *totals);
char                 *mci_row_describe_traffic  (MciRow          *self);
const char           *mci_row_get_host_name     (MciRow          *self);
gboolean              mci_row_get_host_pending  (MciRow          *self);
GListModel           *mci_row_dup_children      (MciRow          *self);
const MciAddress     *mci_row_get_address       (MciRow          *self);
char                 *mci_row_format_endpoint_text (MciRow       *self);
char                 *mci_row_format_report_line (MciRow         *self);
guint                 mci_row_count_matches     (MciRow          *self,
                                                 const char      *needle);
gboolean              mci_row_matches           (MciRow          *self,
                                                 const char      *needle);

/* For the model, which keeps the rows current. */
void                  mci_row_set_change        (MciRow          *self,
                                                 MciRowChange     change);

MciSeries          *mci_row_get_history          (MciRow           *self);
void                mci_row_record_history       (MciRow           *self,
                                                  guint             capacity);

G_END_DECLS
