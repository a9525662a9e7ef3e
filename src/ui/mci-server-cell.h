/* mci-server-cell.h: the Server column, in a window over several servers
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-row-cell.h"

G_BEGIN_DECLS

#define MCI_TYPE_SERVER_CELL (mci_server_cell_get_type ())
G_DECLARE_FINAL_TYPE (MciServerCell, mci_server_cell, MCI, SERVER_CELL, MciRowCell)

const char *mci_server_cell_get_server (MciRow *row);

G_END_DECLS
