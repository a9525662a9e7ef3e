/* mci-snapshot.h: one sample of the machine's TCP connections, grouped
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-endpoint-group.h"
#include "mci-local-machine.h"
#include "mci-owners.h"

G_BEGIN_DECLS

#define MCI_LIVE_PROC_ROOT "/proc/net"

typedef struct
{
  MciSectionKind          kind;
  guint                   n_connections; /* after duplicates were dropped */
  guint                   n_duplicates;
  guint                   n_groups;
  MciTraffic              traffic;       /* the groups' sums */
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
MciSnapshot         *mci_snapshot_new_merged         (MciSnapshot * const *parts,
                                                      const char * const  *hosts,
                                                      guint             n_parts);
guint                mci_snapshot_count_hosts        (MciSnapshot      *self,
                                                      const MciConnection * const *connections,
                                                      guint             n_connections);
const char          *mci_snapshot_get_host           (MciSnapshot      *self,
                                                      guint             host);
void                 mci_snapshot_set_grouping       (MciSnapshot      *self,
                                                      MciGrouping       grouping);
MciGrouping          mci_snapshot_get_grouping       (MciSnapshot      *self);
GDateTime           *mci_snapshot_get_sampled_at     (MciSnapshot      *self);
guint                mci_snapshot_get_skipped_lines  (MciSnapshot      *self);
const MciSection    *mci_snapshot_get_section        (MciSnapshot      *self,
                                                      MciSectionKind    kind);
const MciConnection *mci_snapshot_get_connections    (MciSnapshot      *self,
                                                      guint            *n_connections);

void                 mci_snapshot_add_owners         (MciSnapshot      *self,
                                                      MciOwnerMap      *map);
gboolean             mci_snapshot_has_owners         (MciSnapshot      *self);
gboolean             mci_snapshot_get_owner          (MciSnapshot      *self,
                                                      const MciConnection *connection,
                                                      MciOwner         *owner);
const char          *mci_snapshot_get_group_owner    (MciSnapshot      *self,
                                                      const MciEndpointGroup *group,
                                                      const char      **users,
                                                      MciOwnerHidden   *hidden);
const char          *mci_snapshot_get_group_unit     (MciSnapshot      *self,
                                                      const MciEndpointGroup *group);
void                 mci_snapshot_set_note           (MciSnapshot      *self,
                                                      const char       *note);
const char          *mci_snapshot_get_note           (MciSnapshot      *self);

G_END_DECLS
