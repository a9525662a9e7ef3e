/* mci-host-cell.h: the Host name column: a peer's reverse name
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-row-cell.h"

G_BEGIN_DECLS

#define MCI_TYPE_HOST_CELL (mci_host_cell_get_type ())
G_DECLARE_FINAL_TYPE (MciHostCell, mci_host_cell, MCI, HOST_CELL, MciRowCell)

G_END_DECLS
