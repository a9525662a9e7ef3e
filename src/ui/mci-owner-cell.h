/* mci-owner-cell.h: the Process column: who owns a group's or a connection's sockets
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-row-cell.h"

G_BEGIN_DECLS

#define MCI_TYPE_OWNER_CELL (mci_owner_cell_get_type ())
G_DECLARE_FINAL_TYPE (MciOwnerCell, mci_owner_cell, MCI, OWNER_CELL, MciRowCell)

G_END_DECLS
