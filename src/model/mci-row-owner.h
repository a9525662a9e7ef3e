/* mci-row-owner.h: who owns a group's or a connection's sockets, as a row shows it
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-owners.h"

G_BEGIN_DECLS

typedef struct
{
  char           *text;    /* "nginx (1234)", "3 processes", a user */
  char           *users;   /* the users behind it, for searching */
  MciOwnerHidden  hidden;
  char           *unit;    /* a group's unit, for its tooltip */
} MciRowOwner;

gboolean mci_row_owner_set      (MciRowOwner    *self,
                                 const char     *text,
                                 const char     *users,
                                 MciOwnerHidden  hidden,
                                 gboolean       *searchable_changed);
gboolean mci_row_owner_set_unit (MciRowOwner    *self,
                                 const char     *unit);
char    *mci_row_owner_describe (const MciRowOwner *self,
                                 const MciOwner    *process);
void     mci_row_owner_clear    (MciRowOwner    *self);

G_END_DECLS
