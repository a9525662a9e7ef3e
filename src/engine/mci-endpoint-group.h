/* mci-endpoint-group.h: the connections of one endpoint, as a section groups them
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "mci-connection.h"
#include "mci-traffic.h"

G_BEGIN_DECLS

typedef enum
{
  MCI_SECTION_INBOUND,
  MCI_SECTION_OUTBOUND,
  MCI_SECTION_LOOPING,
  MCI_SECTION_LISTENING,
  MCI_SECTION_DISTANT,   /* by address: inbound and outbound of one distant address */
  MCI_N_SECTIONS
} MciSectionKind;

/* How a snapshot groups its connections: by endpoint (a service and a distant address,
 * one direction), or by distant address alone, summed over its ports and both
 * directions. By address, the distant sections become one, "distant", and a looping
 * group is the server's address; listening sockets stay by address and port. */
typedef enum
{
  MCI_GROUPING_ENDPOINT,
  MCI_GROUPING_ADDRESS,
} MciGrouping;

/* What tells one endpoint group from another, in a snapshot and across snapshots. It
 * depends on the section: inbound (local address, local port, remote address), outbound
 * (local address, remote address, remote port), looping (client address, server address,
 * server port) with the client as "local", listening (address, port); by address, distant
 * (remote address) and looping (server address as "remote"). A port that is not part of
 * the key is -1, an address that is not has family 0. A connection's key within a group
 * has all four. In a snapshot over several servers the key has the server too: the
 * same endpoint on two servers is two groups; by address, one distant address is one
 * group over all of them. */
typedef struct
{
  MciSectionKind              section;
  MciAddress                  local_address;
  MciAddress                  remote_address;
  int                         local_port;
  int                         remote_port;
  guint                       host;          /* the server, in a snapshot over several; else 0 */
} MciEndpointKey;

/* The host of a distant address's group by address over several servers: all of them. */
#define MCI_ENDPOINT_KEY_ALL_HOSTS G_MAXUINT

typedef struct
{
  MciEndpointKey              key;
  guint                       n_connections;
  guint                       states[MCI_TCP_N_STATES];
  MciTraffic                  traffic;
  const MciConnection * const *connections;
} MciEndpointGroup;

const char       *mci_section_kind_to_string     (MciSectionKind          kind);
const MciSectionKind *mci_grouping_get_sections  (MciGrouping             grouping,
                                                  guint                  *n_sections);
const char       *mci_grouping_to_string         (MciGrouping             grouping);
gboolean          mci_grouping_from_string       (const char             *text,
                                                  MciGrouping            *grouping);
gboolean          mci_endpoint_key_is_address    (const MciEndpointKey   *key);
guint             mci_endpoint_key_hash          (gconstpointer           key);
gboolean          mci_endpoint_key_equal         (gconstpointer           a,
                                                  gconstpointer           b);
void              mci_endpoint_key_init_connection (MciEndpointKey      *self,
                                                    MciSectionKind       section,
                                                    const MciConnection *connection);
void              mci_endpoint_key_init_group  (MciEndpointKey      *self,
                                                MciSectionKind       section,
                                                const MciConnection *connection,
                                                gboolean             server_end);
void              mci_endpoint_key_init_address (MciEndpointKey      *self,
                                                 MciSectionKind       section,
                                                 const MciConnection *connection,
                                                 gboolean             server_end);
const MciAddress *mci_endpoint_group_get_peer    (const MciEndpointGroup *self);
char             *mci_endpoint_group_format_states (const MciEndpointGroup *self,
                                                  const char             *times);
int               mci_endpoint_group_compare     (const MciEndpointGroup *a,
                                                  const MciEndpointGroup *b);

G_END_DECLS
