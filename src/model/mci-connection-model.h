/* mci-connection-model.h: the live tree of sections, groups and connections
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-recorder.h"
#include "mci-resolver.h"
#include "mci-connection-row.h"
#include "mci-group-row.h"
#include "mci-row-order.h"
#include "mci-section-row.h"
#include "mci-sampler.h"

G_BEGIN_DECLS

#define MCI_TYPE_CONNECTION_MODEL (mci_connection_model_get_type ())
G_DECLARE_FINAL_TYPE (MciConnectionModel, mci_connection_model, MCI, CONNECTION_MODEL, GObject)

MciConnectionModel *mci_connection_model_new           (MciSampler         *sampler,
                                                        MciResolver        *resolver);
GListModel         *mci_connection_model_get_sections  (MciConnectionModel *self);
MciRow             *mci_connection_model_get_section   (MciConnectionModel *self,
                                                        MciSectionKind      kind);
MciSampler         *mci_connection_model_get_sampler   (MciConnectionModel *self);
void                mci_connection_model_set_recorder  (MciConnectionModel *self,
                                                        MciRecorder        *recorder);
MciRecorder        *mci_connection_model_get_recorder  (MciConnectionModel *self);
MciSnapshot        *mci_connection_model_get_snapshot  (MciConnectionModel *self);
const GError       *mci_connection_model_get_error     (MciConnectionModel *self);
guint               mci_connection_model_get_n_samples (MciConnectionModel *self);
guint               mci_connection_model_get_interval  (MciConnectionModel *self);
void                mci_connection_model_set_interval  (MciConnectionModel *self,
                                                        guint               interval_ms);
gboolean            mci_connection_model_get_active    (MciConnectionModel *self);
void                mci_connection_model_set_active    (MciConnectionModel *self,
                                                        gboolean            active);
gboolean            mci_connection_model_get_sampling  (MciConnectionModel *self);
void                mci_connection_model_refresh       (MciConnectionModel *self);
void                mci_connection_model_apply         (MciConnectionModel *self,
                                                        MciSnapshot        *snapshot);
void                mci_connection_model_set_grouping  (MciConnectionModel *self,
                                                        MciGrouping         grouping);
MciGrouping         mci_connection_model_get_grouping  (MciConnectionModel *self);
MciSeries          *mci_connection_model_get_traffic_history (MciConnectionModel *self);
const char         *mci_connection_model_get_search    (MciConnectionModel *self);
void                mci_connection_model_set_search    (MciConnectionModel *self,
                                                        const char         *text);
void                mci_connection_model_set_sort      (MciConnectionModel *self,
                                                        guint               column,
                                                        gboolean            descending);
guint               mci_connection_model_get_sort_column (MciConnectionModel *self);
gboolean            mci_connection_model_get_sort_descending (MciConnectionModel *self);
void                mci_connection_model_show_host_name (MciConnectionModel *self,
                                                         MciRow             *row);
void                mci_connection_model_renew_host_name (MciConnectionModel *self,
                                                          const MciAddress   *address);

G_END_DECLS
