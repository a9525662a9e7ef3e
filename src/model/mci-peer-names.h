/* mci-peer-names.h: the host names of the peers the groups show, as they arrive
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-group-row.h"
#include "mci-resolver.h"

G_BEGIN_DECLS

#define MCI_TYPE_PEER_NAMES (mci_peer_names_get_type ())
G_DECLARE_FINAL_TYPE (MciPeerNames, mci_peer_names, MCI, PEER_NAMES, GObject)

MciPeerNames *mci_peer_names_new     (MciResolver      *resolver);
void          mci_peer_names_track   (MciPeerNames     *self,
                                      MciGroupRow      *row);
void          mci_peer_names_untrack (MciPeerNames     *self,
                                      MciGroupRow      *row);
gboolean      mci_peer_names_show    (MciPeerNames     *self,
                                      MciGroupRow      *row);
void          mci_peer_names_renew   (MciPeerNames     *self,
                                      const MciAddress *address);
void          mci_peer_names_retain  (MciPeerNames     *self);

G_END_DECLS
