/* mci-connection-row.h: one connection of an endpoint group, as a row of the tree
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-closed-connection.h"
#include "mci-group-row.h"

G_BEGIN_DECLS

#define MCI_TYPE_CONNECTION_ROW (mci_connection_row_get_type ())
G_DECLARE_FINAL_TYPE (MciConnectionRow, mci_connection_row, MCI, CONNECTION_ROW, MciRow)

MciConnectionRow *mci_connection_row_new       (MciGroupRow         *group,
                                                const MciConnection *connection,
                                                const MciConnection *source);
gboolean          mci_connection_row_update    (MciConnectionRow    *self,
                                                const MciConnection *connection,
                                                const MciConnection *source);
MciConnectionRow *mci_connection_row_new_closed (MciGroupRow               *group,
                                                const MciClosedConnection *closed);
gint64            mci_connection_row_get_closed_at (MciConnectionRow  *self);
GTimeSpan         mci_connection_row_get_lifetime  (MciConnectionRow  *self);
MciGroupRow      *mci_connection_row_get_group (MciConnectionRow    *self);
MciTcpState       mci_connection_row_get_state (MciConnectionRow    *self);

G_END_DECLS
