/* mci-recorder.h: the live machine's closed connections, kept for a window
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-history.h"
#include "mci-sampler.h"

G_BEGIN_DECLS

#define MCI_HISTORY_MAX_WINDOW (24 * G_TIME_SPAN_HOUR)

#define MCI_TYPE_RECORDER (mci_recorder_get_type ())

G_DECLARE_FINAL_TYPE (MciRecorder, mci_recorder, MCI, RECORDER, GObject)

MciRecorder *mci_recorder_new          (MciSampler     *sampler,
                                        GTimeSpan       window,
                                        guint           max_records);
gboolean     mci_recorder_is_recording (MciRecorder    *self);
const char  *mci_recorder_get_note     (MciRecorder    *self);
void         mci_recorder_update       (MciRecorder    *self,
                                        MciSnapshot    *snapshot);
void         mci_recorder_set_limits   (MciRecorder    *self,
                                        GTimeSpan       window,
                                        guint           max_records);
MciHistory  *mci_recorder_get_history  (MciRecorder    *self);
guint        mci_recorder_get_missed   (MciRecorder    *self);
guint        mci_recorder_get_received (MciRecorder    *self);
char        *mci_recorder_format_window (GTimeSpan      window);
void         mci_recorder_set_queue_size (MciRecorder  *self,
                                          int           bytes);

G_END_DECLS
