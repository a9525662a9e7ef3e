/* mci-count-cell.h: the Connections column: how many
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-row-cell.h"

G_BEGIN_DECLS

#define MCI_TYPE_COUNT_CELL (mci_count_cell_get_type ())
G_DECLARE_FINAL_TYPE (MciCountCell, mci_count_cell, MCI, COUNT_CELL, MciRowCell)

G_END_DECLS
