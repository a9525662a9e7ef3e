/* mci-states-cell.h: the States column: one badge per TCP state present
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-row-cell.h"

G_BEGIN_DECLS

#define MCI_TYPE_STATES_CELL (mci_states_cell_get_type ())
G_DECLARE_FINAL_TYPE (MciStatesCell, mci_states_cell, MCI, STATES_CELL, MciRowCell)

char *mci_states_cell_get_shown_text (MciStatesCell *self);

G_END_DECLS
