/* mci-lookup.h: who is this address? What can be learnt without a third party
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-snapshot.h"

G_BEGIN_DECLS

/* The parts that take time, each finishing on its own. */
typedef enum
{
  MCI_LOOKUP_PART_REVERSE,  /* the reverse name */
  MCI_LOOKUP_PART_FORWARD,  /* whether that name points back */
  MCI_LOOKUP_PART_TRACE,    /* the route, and its hops' names */
  MCI_LOOKUP_N_PARTS
} MciLookupPart;

typedef enum
{
  MCI_LOOKUP_PART_SKIPPED,  /* not asked: not started, or meaningless for this address */
  MCI_LOOKUP_PART_RUNNING,
  MCI_LOOKUP_PART_DONE,
  MCI_LOOKUP_PART_STOPPED,  /* cancelled before it had its answer */
} MciLookupPartState;

#define MCI_TYPE_LOOKUP (mci_lookup_get_type ())
G_DECLARE_FINAL_TYPE (MciLookup, mci_lookup, MCI, LOOKUP, GObject)

MciLookup  *mci_lookup_new                (const MciAddress *address);
void        mci_lookup_start              (MciLookup        *self,
                                           guint             max_hops,
                                           guint             probe_timeout_ms);
void        mci_lookup_cancel             (MciLookup        *self);
void        mci_lookup_set_snapshot       (MciLookup        *self,
                                           MciSnapshot      *snapshot);
void        mci_lookup_set_capture        (MciLookup        *self,
                                           gboolean          capture);
gboolean    mci_lookup_get_capture        (MciLookup        *self);
gboolean    mci_lookup_is_wildcard        (MciLookup        *self);
MciLookupPartState mci_lookup_get_state       (MciLookup        *self,
                                           MciLookupPart     part);
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
