/* mci-lookup.h: who is this address? What can be learnt without a third party
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-snapshot.h"

G_BEGIN_DECLS

#define MCI_TYPE_LOOKUP (mci_lookup_get_type ())
G_DECLARE_FINAL_TYPE (MciLookup, mci_lookup, MCI, LOOKUP, GObject)

MciLookup  *mci_lookup_new                (const MciAddress *address);
void        mci_lookup_start              (MciLookup        *self,
                                           guint             max_hops,
                                           guint             probe_timeout_ms);
void        mci_lookup_cancel             (MciLookup        *self);
void        mci_lookup_set_snapshot       (MciLookup        *self,
                                           MciSnapshot      *snapshot);
const char *mci_lookup_get_address        (MciLookup        *self);
const char *mci_lookup_get_address_class  (MciLookup        *self);
const char *mci_lookup_get_reverse_name   (MciLookup        *self);
const char *mci_lookup_get_forward        (MciLookup        *self);
gboolean    mci_lookup_get_confirmed      (MciLookup        *self);
const char *mci_lookup_get_connections    (MciLookup        *self);
const char *mci_lookup_get_trace          (MciLookup        *self);
const char *mci_lookup_get_last_named_hop (MciLookup        *self);
gboolean    mci_lookup_get_busy           (MciLookup        *self);

G_END_DECLS
