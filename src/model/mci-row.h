/* mci-row.h: one row of the connections tree: a section, an endpoint group or a connection
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-snapshot.h"

G_BEGIN_DECLS

typedef enum
{
  MCI_ROW_SECTION,
  MCI_ROW_GROUP,
  MCI_ROW_CONNECTION,
} MciRowKind;

/* What the change cues show: a row that just appeared, or one that is gone and stays
 * for one more refresh so that a person sees what closed. */
typedef enum
{
  MCI_ROW_CHANGE_NONE,
  MCI_ROW_CHANGE_NEW,
  MCI_ROW_CHANGE_CLOSED,
} MciRowChange;


#define MCI_TYPE_ROW (mci_row_get_type ())
G_DECLARE_FINAL_TYPE (MciRow, mci_row, MCI, ROW, GObject)

MciRowKind        mci_row_get_kind          (MciRow          *self);
MciSectionKind    mci_row_get_section       (MciRow          *self);
const MciEndpointKey *mci_row_get_key           (MciRow          *self);
MciRow           *mci_row_get_parent        (MciRow          *self);
const char       *mci_row_get_endpoint      (MciRow          *self);
const char       *mci_row_get_sort_key      (MciRow          *self);
const MciAddress *mci_row_get_peer          (MciRow          *self);
guint             mci_row_get_n_connections (MciRow          *self);
guint             mci_row_get_n_shown       (MciRow          *self);
guint             mci_row_get_n_duplicates  (MciRow          *self);
const guint      *mci_row_get_states        (MciRow          *self);
const char       *mci_row_get_states_text   (MciRow          *self);
const char       *mci_row_get_host_name     (MciRow          *self);
gboolean          mci_row_get_host_pending  (MciRow          *self);
MciRowChange      mci_row_get_change        (MciRow          *self);
const char       *mci_row_get_owner         (MciRow          *self);
char             *mci_row_describe_owner    (MciRow          *self);
GListModel       *mci_row_dup_children      (MciRow          *self);
MciTcpState       mci_row_get_state         (MciRow          *self);
const MciAddress *mci_row_get_address       (MciRow          *self);
char             *mci_row_format_endpoint_text (MciRow       *self);
char             *mci_row_format_report_line (MciRow         *self);
guint             mci_row_count_matches     (MciRow          *self,
                                             const char      *needle);
gboolean          mci_row_matches           (MciRow          *self,
                                             const char      *needle);

/* For MciConnectionModel and MciConnectionList, which keep the rows current. */
MciRow           *mci_row_new_section       (MciSectionKind   section);
MciRow           *mci_row_new_group         (MciSnapshot     *snapshot,
                                             const MciEndpointGroup *group);
MciRow           *mci_row_new_connection    (MciRow          *group,
                                             const MciConnection *connection,
                                             const MciConnection *source);
GListStore       *mci_row_get_groups        (MciRow          *section);
GListModel       *mci_row_peek_children     (MciRow          *group);
void              mci_row_update_section    (MciRow          *self,
                                             const MciSection *section);
void              mci_row_update_group_structure (MciRow     *self,
                                                  MciSnapshot *snapshot,
                                                  const MciEndpointGroup *group,
                                                  guint       generation,
                                                  GPtrArray  *appeared);
gboolean          mci_row_update_group      (MciRow          *self,
                                             MciSnapshot     *snapshot,
                                             const MciEndpointGroup *group);
gboolean          mci_row_update_connection (MciRow          *self,
                                             const MciConnection *connection,
                                             const MciConnection *source);
void              mci_row_set_n_shown       (MciRow          *self,
                                             guint            n_shown);
void              mci_row_set_host_name     (MciRow          *self,
                                             const char      *host_name,
                                             gboolean         pending);
void              mci_row_set_change        (MciRow          *self,
                                             MciRowChange     change);
guint             mci_row_get_generation    (MciRow          *self);
void              mci_row_set_generation    (MciRow          *self,
                                             guint            generation);

G_END_DECLS
