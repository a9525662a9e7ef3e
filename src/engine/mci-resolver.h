/* mci-resolver.h: reverse DNS that never makes anyone wait
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-address.h"

G_BEGIN_DECLS

#define MCI_HOSTNAME_MAX_CHARS 253

typedef enum
{
  MCI_LOOKUP_PENDING,  /* asked, not answered yet: the "resolved" signal will say */
  MCI_LOOKUP_NAMED,    /* the name is known */
  MCI_LOOKUP_NO_NAME,  /* looked up: there is none, or the server did not answer in time */
} MciLookupState;

#define MCI_TYPE_RESOLVER (mci_resolver_get_type ())

G_DECLARE_FINAL_TYPE (MciResolver, mci_resolver, MCI, RESOLVER, GObject)

MciResolver    *mci_resolver_new             (void);
MciLookupState  mci_resolver_lookup          (MciResolver      *self,
                                              const MciAddress *address,
                                              gboolean          visible,
                                              const char      **name);
void            mci_resolver_force           (MciResolver      *self,
                                              const MciAddress *address);
void            mci_resolver_retain          (MciResolver      *self,
                                              const MciAddress *addresses,
                                              guint             n_addresses);
void            mci_resolver_clear           (MciResolver      *self);
guint           mci_resolver_get_n_pending   (MciResolver      *self);
guint           mci_resolver_get_n_in_flight (MciResolver      *self);
char           *mci_resolver_sanitize_name   (const char       *name);
void            mci_resolver_wait            (MciResolver      *self,
                                              double            seconds);

G_END_DECLS
