/* mci-socket-memory.h: what the samples saw of each socket, for its close to name
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "mci-closed-connection.h"
#include "mci-snapshot.h"

G_BEGIN_DECLS

typedef struct _MciSocketMemory MciSocketMemory;

MciSocketMemory *mci_socket_memory_new      (void);
MciSocketMemory *mci_socket_memory_ref      (MciSocketMemory     *self);
void             mci_socket_memory_unref    (MciSocketMemory     *self);
void             mci_socket_memory_remember (MciSocketMemory     *self,
                                             MciSnapshot         *snapshot);
gboolean         mci_socket_memory_recall   (MciSocketMemory     *self,
                                             MciClosedConnection *closed);
guint            mci_socket_memory_get_size (MciSocketMemory     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MciSocketMemory, mci_socket_memory_unref)

G_END_DECLS
