/* mci-history.h: the connections that closed lately, counted per endpoint group
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "mci-classifier.h"
#include "mci-closed-connection.h"

G_BEGIN_DECLS

#define MCI_HISTORY_DEFAULT_WINDOW      (10 * G_TIME_SPAN_MINUTE)
#define MCI_HISTORY_DEFAULT_MAX_RECORDS 200000

typedef struct _MciHistory MciHistory;

MciHistory *mci_history_new            (GTimeSpan                  window,
                                        guint                      max_records);
void        mci_history_free           (MciHistory                *self);
void        mci_history_add            (MciHistory                *self,
                                        const MciClosedConnection *closed,
                                        guint                      n_closed,
                                        MciClassifier             *classifier);
void        mci_history_expire         (MciHistory                *self,
                                        gint64                     now);
void        mci_history_set_limits     (MciHistory                *self,
                                        GTimeSpan                  window,
                                        guint                      max_records);
guint       mci_history_get_n_records  (MciHistory                *self);
const MciClosedConnection *
            mci_history_get_oldest     (MciHistory                *self);
guint       mci_history_count_closed   (MciHistory                *self,
                                        const MciEndpointKey      *key);
const GList *
            mci_history_get_closed     (MciHistory                *self,
                                        const MciEndpointKey      *key);
const MciClosedConnection *
            mci_history_closed_of      (const GList               *link);
guint       mci_history_count_section  (MciHistory                *self,
                                        MciSectionKind             kind);
GPtrArray  *mci_history_get_groups     (MciHistory                *self,
                                        MciSectionKind             kind);
GTimeSpan   mci_history_get_window     (MciHistory                *self);
gsize       mci_history_get_record_size (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MciHistory, mci_history_free)

G_END_DECLS
