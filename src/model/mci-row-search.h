/* mci-row-search.h: what the search field looks for, and how many connections it shows
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-section-row.h"

G_BEGIN_DECLS

#define MCI_TYPE_ROW_SEARCH (mci_row_search_get_type ())
G_DECLARE_FINAL_TYPE (MciRowSearch, mci_row_search, MCI, ROW_SEARCH, GObject)

MciRowSearch *mci_row_search_new         (GListModel   *sections);
const char   *mci_row_search_get_text    (MciRowSearch *self);
gboolean      mci_row_search_set_text    (MciRowSearch *self,
                                          const char   *text);
void          mci_row_search_count_shown (MciRowSearch *self);

G_END_DECLS
