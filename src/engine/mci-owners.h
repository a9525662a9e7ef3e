/* mci-owners.h: who owns each connection of a snapshot: its process and its user
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "mci-connection.h"

G_BEGIN_DECLS

/* Why a socket's process is not known while its user is. */
typedef enum
{
  MCI_OWNER_HIDDEN_NONE,
  MCI_OWNER_HIDDEN_OTHER_USER,  /* another user's process, and this program is not root */
  MCI_OWNER_HIDDEN_SANDBOX,     /* outside the PID namespace (a Flatpak sandbox, say) */
} MciOwnerHidden;

typedef struct
{
  int            pid;           /* 0: not known */
  const char    *process;       /* the process's name (comm), or NULL */
  const char    *command_line;  /* NULL when not known */
  gboolean       has_user;      /* FALSE for sockets without an owner (TIME_WAIT) */
  guint32        uid;
  const char    *user;          /* the user's name, or the uid as text */
  MciOwnerHidden hidden;
  const char    *unit;          /* the socket's systemd unit or container, or NULL */
  const char    *units_unseen;  /* why no unit can be named here (a sandbox hides the
                                 * cgroups, say), or NULL */
} MciOwner;

typedef struct _MciOwners MciOwners;

MciOwners *mci_owners_ref          (MciOwners           *self);
void       mci_owners_unref        (MciOwners           *self);
gboolean   mci_owners_get          (MciOwners           *self,
                                    guint                index,
                                    MciOwner            *owner);
char      *mci_owner_format        (const MciOwner      *owner);

/* Kept between samples by the sampler, used on its worker thread only. */
typedef struct _MciOwnerMap MciOwnerMap;

MciOwnerMap *mci_owner_map_new     (const char          *proc_dir);
void         mci_owner_map_free    (MciOwnerMap         *self);
MciOwners   *mci_owner_map_lookup  (MciOwnerMap         *self,
                                    const MciConnection *connections,
                                    guint                n_connections);
guint        mci_owner_map_get_n_scans (MciOwnerMap     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MciOwners, mci_owners_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MciOwnerMap, mci_owner_map_free)

G_END_DECLS
