/* mci-endpoint-cell.h: the Endpoint column: the tree's expander, the endpoint, duplicates
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-row-cell.h"

G_BEGIN_DECLS

#define MCI_TYPE_ENDPOINT_CELL (mci_endpoint_cell_get_type ())
G_DECLARE_FINAL_TYPE (MciEndpointCell, mci_endpoint_cell, MCI, ENDPOINT_CELL, MciRowCell)

G_END_DECLS
