/* mci-connection-list.h: the connections of one endpoint group, as rows made on demand
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-group-row.h"
#include "mci-row-order.h"

G_BEGIN_DECLS

#define MCI_TYPE_CONNECTION_LIST (mci_connection_list_get_type ())
G_DECLARE_FINAL_TYPE (MciConnectionList, mci_connection_list, MCI, CONNECTION_LIST, GObject)

MciConnectionList *mci_connection_list_new    (MciGroupRow                *group,
                                               const MciConnection * const *connections,
                                               guint                       n_connections,
                                               guint                       generation,
                                               const MciRowOrder          *order);
void               mci_connection_list_update (MciConnectionList          *self,
                                               const MciConnection * const *connections,
                                               guint                       n_connections,
                                               guint                       generation,
                                               GPtrArray                  *appeared);
gboolean           mci_connection_list_update_values (MciConnectionList *self,
                                                      guint              generation);
void               mci_connection_list_order         (MciConnectionList *self,
                                                      const MciRowOrder *order,
                                                      gboolean           everything,
                                                      GPtrArray         *moved);
void               mci_connection_list_set_closed (MciConnectionList *self,
                                                   const GList       *records);

G_END_DECLS
