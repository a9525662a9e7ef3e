/* mci-classifier.h: which section a connection belongs to, and which end serves
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "mci-endpoint-group.h"
#include "mci-local-machine.h"

G_BEGIN_DECLS

typedef struct _MciClassifier MciClassifier;

MciClassifier  *mci_classifier_new           (MciLocalMachine     *machine,
                                              const MciConnection *connections,
                                              guint                n_connections);
void            mci_classifier_free          (MciClassifier       *self);
gboolean        mci_classifier_has_listener  (MciClassifier       *self,
                                              const MciAddress    *address,
                                              guint                port);
MciSectionKind  mci_classifier_classify      (MciClassifier       *self,
                                              const MciConnection *connection);
gboolean        mci_classifier_is_server_end (MciClassifier       *self,
                                              const MciConnection *connection);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MciClassifier, mci_classifier_free)

G_END_DECLS
