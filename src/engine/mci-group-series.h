/* mci-group-series.h: each endpoint group's count and traffic over the history's window
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "mci-snapshot.h"

G_BEGIN_DECLS

/* points a group keeps at most: the window in as many steps */
#define MCI_GROUP_SERIES_POINTS 60

typedef struct
{
  gint64  start;               /* real time the step begins */
  guint   n_connections;       /* as the step's last sample counted them */
  guint64 sent_per_second;     /* the step's last sample's rates; 0 where not measured */
  guint64 received_per_second;
} MciSeriesPoint;

typedef struct _MciGroupSeries MciGroupSeries;

MciGroupSeries       *mci_group_series_new          (GTimeSpan             window);
void                  mci_group_series_free         (MciGroupSeries       *self);
void                  mci_group_series_add          (MciGroupSeries       *self,
                                                     MciSnapshot          *snapshot);
const MciSeriesPoint *mci_group_series_get          (MciGroupSeries       *self,
                                                     const MciEndpointKey *key,
                                                     guint                *n_points);
guint                 mci_group_series_get_n_groups (MciGroupSeries       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MciGroupSeries, mci_group_series_free)

G_END_DECLS
