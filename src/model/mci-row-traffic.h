/* mci-row-traffic.h: what a row's connections moved, in words for a tooltip
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-row.h"

G_BEGIN_DECLS

char *mci_row_traffic_describe (const MciTraffic *traffic,
                                MciRowKind        kind,
                                guint32           retransmits);

G_END_DECLS
