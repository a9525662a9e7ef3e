/* mci-snapshot.h: one sample of the machine's TCP connections, grouped
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-endpoint-group.h"
#include "mci-local-machine.h"

G_BEGIN_DECLS

#define MCI_LIVE_PROC_ROOT "/proc/net"

typedef struct
{
  MciSectionKind          kind;
  guint                   n_connections; /* after duplicates were dropped */
  guint                   n_duplicates;
  guint                   n_groups;
  const MciEndpointGroup *groups;        /* most connections first */
} MciSection;

#define MCI_TYPE_SNAPSHOT (mci_snapshot_get_type ())

G_DECLARE_FINAL_TYPE (MciSnapshot, mci_snapshot, MCI, SNAPSHOT, GObject)

MciSnapshot         *mci_snapshot_new                (GArray           *connections,
                                                      MciLocalMachine  *machine,
                                                      guint             skipped_lines,
                                                      GDateTime        *sampled_at);
MciSnapshot         *mci_snapshot_new_from_proc      (const char       *proc_root,
                                                      GCancellable     *cancellable,
                                                      GError          **error);
GDateTime           *mci_snapshot_get_sampled_at     (MciSnapshot      *self);
guint                mci_snapshot_get_skipped_lines  (MciSnapshot      *self);
const MciSection    *mci_snapshot_get_section        (MciSnapshot      *self,
                                                      MciSectionKind    kind);
const MciConnection *mci_snapshot_get_connections    (MciSnapshot      *self,
                                                      guint            *n_connections);

G_END_DECLS
