/* mci-traffic-cell.h: the Traffic column: what a row's connections move
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-row-cell.h"

G_BEGIN_DECLS

#define MCI_TYPE_TRAFFIC_CELL (mci_traffic_cell_get_type ())
G_DECLARE_FINAL_TYPE (MciTrafficCell, mci_traffic_cell, MCI, TRAFFIC_CELL, MciRowCell)

G_END_DECLS
