/* mci-section-graphs.h: the pane of larger graphs: each section's total, and the traffic
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "mci-connection-model.h"

G_BEGIN_DECLS

#define MCI_TYPE_SECTION_GRAPHS (mci_section_graphs_get_type ())
G_DECLARE_FINAL_TYPE (MciSectionGraphs, mci_section_graphs, MCI, SECTION_GRAPHS, GtkWidget)

void         mci_section_graphs_set_model (MciSectionGraphs   *self,
                                           MciConnectionModel *model);
guint        mci_section_graphs_get_n_graphs (MciSectionGraphs *self);
GtkWidget   *mci_section_graphs_get_graph (MciSectionGraphs   *self,
                                           guint               index);
const char  *mci_section_graphs_get_title (MciSectionGraphs   *self,
                                           guint               index);

G_END_DECLS
