/* mci-netlink-source.h: the live machine's connections over sock_diag, with traffic
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-source.h"

G_BEGIN_DECLS

#define MCI_TYPE_NETLINK_SOURCE (mci_netlink_source_get_type ())
G_DECLARE_FINAL_TYPE (MciNetlinkSource, mci_netlink_source, MCI, NETLINK_SOURCE, MciSource)

MciSource *mci_netlink_source_new (gboolean traffic);

G_END_DECLS
