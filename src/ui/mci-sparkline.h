/* mci-sparkline.h: a small graph of a series, newest at the right
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gtk/gtk.h>

#include "mci-series.h"

G_BEGIN_DECLS

#define MCI_TYPE_SPARKLINE (mci_sparkline_get_type ())
G_DECLARE_FINAL_TYPE (MciSparkline, mci_sparkline, MCI, SPARKLINE, GtkWidget)

GtkWidget *mci_sparkline_new        (void);
void       mci_sparkline_set_series (MciSparkline *self,
                                     MciSeries    *series);
MciSeries *mci_sparkline_get_series (MciSparkline *self);
void       mci_sparkline_changed    (MciSparkline *self);

G_END_DECLS
