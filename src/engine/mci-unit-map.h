/* mci-unit-map.h: the systemd unit or container that a socket's cgroup stands for
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _MciUnitMap MciUnitMap;

MciUnitMap *mci_unit_map_new            (const char  *mountinfo);
void        mci_unit_map_free           (MciUnitMap  *self);
void        mci_unit_map_next_sample    (MciUnitMap  *self);
const char *mci_unit_map_get_root       (MciUnitMap  *self);
const GError *mci_unit_map_get_error    (MciUnitMap  *self);
const char *mci_unit_map_lookup         (MciUnitMap  *self,
                                         guint64      cgroup_id);
guint       mci_unit_map_get_n_walks    (MciUnitMap  *self);

char       *mci_unit_name_from_path     (const char  *cgroup_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MciUnitMap, mci_unit_map_free)

G_END_DECLS
