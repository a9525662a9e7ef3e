/* mci-sampler.h: takes snapshots on a worker thread
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-snapshot.h"
#include "mci-socket-memory.h"
#include "mci-source.h"

G_BEGIN_DECLS

#define MCI_TYPE_SAMPLER (mci_sampler_get_type ())

G_DECLARE_FINAL_TYPE (MciSampler, mci_sampler, MCI, SAMPLER, GObject)

MciSampler  *mci_sampler_new           (const char           *proc_root);
MciSampler  *mci_sampler_new_for_source (MciSource           *source);
MciSource   *mci_sampler_get_source    (MciSampler           *self);
gboolean     mci_sampler_is_sampling   (MciSampler           *self);
void         mci_sampler_set_owners    (MciSampler           *self,
                                        gboolean              owners);
void         mci_sampler_set_socket_memory (MciSampler      *self,
                                            MciSocketMemory *memory);
void         mci_sampler_set_grouping  (MciSampler           *self,
                                        MciGrouping           grouping);
MciGrouping  mci_sampler_get_grouping  (MciSampler           *self);
void         mci_sampler_sample_async  (MciSampler           *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
MciSnapshot *mci_sampler_sample_finish (MciSampler           *self,
                                        GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
