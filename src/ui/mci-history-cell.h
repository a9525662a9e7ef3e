/* mci-history-cell.h: the History column: a sparkline of the count over the window
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-row-cell.h"

G_BEGIN_DECLS

#define MCI_TYPE_HISTORY_CELL (mci_history_cell_get_type ())
G_DECLARE_FINAL_TYPE (MciHistoryCell, mci_history_cell, MCI, HISTORY_CELL, MciRowCell)

G_END_DECLS
