/* mci-series.h: the last values of a figure, one a sample, in a bounded ring
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _MciSeries MciSeries;

#define MCI_TYPE_SERIES (mci_series_get_type ())

GType      mci_series_get_type     (void) G_GNUC_CONST;
MciSeries *mci_series_new          (guint            capacity);
MciSeries *mci_series_ref          (MciSeries       *self);
void       mci_series_unref        (MciSeries       *self);
void       mci_series_push         (MciSeries       *self,
                                    float            value);
void       mci_series_set_capacity (MciSeries       *self,
                                    guint            capacity);
guint      mci_series_get_capacity (const MciSeries *self);
guint      mci_series_get_length   (const MciSeries *self);
float      mci_series_get          (const MciSeries *self,
                                    guint            index);
float      mci_series_get_max      (const MciSeries *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MciSeries, mci_series_unref)

G_END_DECLS
