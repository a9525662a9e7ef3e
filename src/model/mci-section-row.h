/* mci-section-row.h: a section of the connections tree: distant inbound, outbound, ...
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-row.h"

G_BEGIN_DECLS

#define MCI_TYPE_SECTION_ROW (mci_section_row_get_type ())
G_DECLARE_FINAL_TYPE (MciSectionRow, mci_section_row, MCI, SECTION_ROW, MciRow)

MciSectionRow *mci_section_row_new              (MciSectionKind    section);
GListStore    *mci_section_row_get_groups       (MciSectionRow    *self);
guint          mci_section_row_get_n_shown      (MciSectionRow    *self);
guint          mci_section_row_get_n_duplicates (MciSectionRow    *self);
void           mci_section_row_update           (MciSectionRow    *self,
                                                 const MciSection *section);
void           mci_section_row_set_n_shown      (MciSectionRow    *self,
                                                 guint             n_shown);

G_END_DECLS
