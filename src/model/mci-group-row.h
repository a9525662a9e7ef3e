/* mci-group-row.h: the connections of one endpoint, as a row of the tree
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-row.h"
#include "mci-row-order.h"

G_BEGIN_DECLS

#define MCI_TYPE_GROUP_ROW (mci_group_row_get_type ())
G_DECLARE_FINAL_TYPE (MciGroupRow, mci_group_row, MCI, GROUP_ROW, MciRow)

typedef struct _MciConnectionList MciConnectionList;

MciGroupRow       *mci_group_row_new               (MciSnapshot            *snapshot,
                                                    const MciEndpointGroup *group);
gboolean           mci_group_row_update            (MciGroupRow            *self,
                                                    MciSnapshot            *snapshot,
                                                    const MciEndpointGroup *group);
gboolean           mci_group_row_set_all_closed    (MciGroupRow            *self);
MciSnapshot       *mci_group_row_get_snapshot      (MciGroupRow            *self);
guint              mci_group_row_count_servers     (MciGroupRow            *self);
const MciEndpointGroup *mci_group_row_get_group   (MciGroupRow            *self);
gboolean           mci_group_row_connection_matches (MciGroupRow          *self,
                                                   const MciConnection    *connection,
                                                   const char             *needle);
const MciAddress  *mci_group_row_get_peer          (MciGroupRow            *self);
void               mci_group_row_set_host_name     (MciGroupRow            *self,
                                                    const char             *host_name,
                                                    gboolean                pending);
guint              mci_group_row_get_generation    (MciGroupRow            *self);
void               mci_group_row_set_generation    (MciGroupRow            *self,
                                                    guint                   generation);
MciConnectionList *mci_group_row_peek_connections  (MciGroupRow            *self);
gboolean           mci_group_row_matches_own_text  (MciGroupRow            *self,
                                                    const char             *needle);
void               mci_group_row_set_order         (MciGroupRow            *self,
                                                    const MciRowOrder      *order);
char              *mci_group_row_format_connection (MciGroupRow            *self,
                                                    const MciConnection    *connection);

G_END_DECLS
