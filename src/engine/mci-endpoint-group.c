/* mci-endpoint-group.c: the connections of one endpoint, as a section groups them
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-endpoint-group"

#include "config.h"

#include "mci-endpoint-group.h"

#include <string.h>

/* Stable identifiers, used in --json: not for translation. */
const char *
mci_section_kind_to_string (MciSectionKind kind)
{
  switch (kind)
    {
    case MCI_SECTION_INBOUND:
      return "inbound";
    case MCI_SECTION_OUTBOUND:
      return "outbound";
    case MCI_SECTION_LOOPING:
      return "looping";
    case MCI_SECTION_LISTENING:
      return "listening";
    case MCI_SECTION_DISTANT:
      return "distant";
    case MCI_N_SECTIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The sections a grouping fills, in the order they are shown and reported. */
const MciSectionKind *
mci_grouping_get_sections (MciGrouping  grouping,
                           guint       *n_sections)
{
  static const MciSectionKind by_endpoint[] = {
    MCI_SECTION_INBOUND, MCI_SECTION_OUTBOUND, MCI_SECTION_LOOPING, MCI_SECTION_LISTENING
  };
  static const MciSectionKind by_address[] = {
    MCI_SECTION_DISTANT, MCI_SECTION_LOOPING, MCI_SECTION_LISTENING
  };

  g_return_val_if_fail (n_sections != NULL, NULL);

  if (grouping == MCI_GROUPING_ADDRESS)
    {
      *n_sections = G_N_ELEMENTS (by_address);
      return by_address;
    }
  *n_sections = G_N_ELEMENTS (by_endpoint);
  return by_endpoint;
}

/* Stable identifiers, as the settings and the command line spell them. */
const char *
mci_grouping_to_string (MciGrouping grouping)
{
  return grouping == MCI_GROUPING_ADDRESS ? "address" : "endpoint";
}

gboolean
mci_grouping_from_string (const char  *text,
                          MciGrouping *grouping)
{
  g_return_val_if_fail (grouping != NULL, FALSE);

  if (g_strcmp0 (text, "endpoint") == 0)
    *grouping = MCI_GROUPING_ENDPOINT;
  else if (g_strcmp0 (text, "address") == 0)
    *grouping = MCI_GROUPING_ADDRESS;
  else
    return FALSE;
  return TRUE;
}

/* Whether @key is a group by address alone: no port and no local end. */
gboolean
mci_endpoint_key_is_address (const MciEndpointKey *key)
{
  g_return_val_if_fail (key != NULL, FALSE);

  return key->section != MCI_SECTION_LISTENING && key->local_address.family == 0
         && key->local_port < 0 && key->remote_port < 0;
}

/* Field by field: the padding of a copied key is not known to be zero. */
guint
mci_endpoint_key_hash (gconstpointer key)
{
  const MciEndpointKey *self = key;
  guint hash = mci_address_hash (&self->local_address);

  hash = hash * 31 + mci_address_hash (&self->remote_address);
  hash = hash * 31 + (guint) self->local_port;
  hash = hash * 31 + (guint) self->remote_port;
  hash = hash * 31 + self->host;
  return hash * 31 + self->section;
}

gboolean
mci_endpoint_key_equal (gconstpointer a,
                        gconstpointer b)
{
  const MciEndpointKey *x = a, *y = b;

  return x->section == y->section && x->host == y->host
         && x->local_port == y->local_port && x->remote_port == y->remote_port
         && mci_address_equal (&x->local_address, &y->local_address)
         && mci_address_equal (&x->remote_address, &y->remote_address);
}

/* A connection's own key, all four parts, as its group's section sees it. */
void
mci_endpoint_key_init_connection (MciEndpointKey      *self,
                                  MciSectionKind       section,
                                  const MciConnection *connection)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (connection != NULL);

  memset (self, 0, sizeof *self);
  self->section = section;
  self->local_address = connection->local_address;
  self->remote_address = connection->remote_address;
  self->local_port = connection->local_port;
  self->remote_port = connection->remote_port;
}

/* The key of the group @connection belongs to in @section. @server_end: for a looping
 * connection, that @connection is the server's view (mci_classifier_is_server_end ()),
 * and its remote end is the client. */
void
mci_endpoint_key_init_group (MciEndpointKey      *self,
                             MciSectionKind       section,
                             const MciConnection *connection,
                             gboolean             server_end)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (connection != NULL);
  g_return_if_fail (section < MCI_N_SECTIONS);

  memset (self, 0, sizeof *self);
  self->section = section;
  self->local_port = -1;
  self->remote_port = -1;
  self->local_address = connection->local_address;
  if (section == MCI_SECTION_LISTENING)
    self->local_port = connection->local_port;
  else if (section == MCI_SECTION_INBOUND)
    {
      self->local_port = connection->local_port;
      self->remote_address = connection->remote_address;
    }
  else if (section == MCI_SECTION_LOOPING && server_end)
    {
      self->local_address = connection->remote_address;
      self->remote_address = connection->local_address;
      self->remote_port = connection->local_port;
    }
  else
    {
      self->remote_address = connection->remote_address;
      self->remote_port = connection->remote_port;
    }
}

/* The key of @connection's group by address: its distant address, summed over ports and
 * both directions (@section is inbound or outbound), or for a looping one the server's
 * address (@server_end as in mci_endpoint_key_init_group ()). Listening sockets keep
 * their endpoint key. */
void
mci_endpoint_key_init_address (MciEndpointKey      *self,
                               MciSectionKind       section,
                               const MciConnection *connection,
                               gboolean             server_end)
{
  mci_endpoint_key_init_group (self, section, connection, server_end);
  if (section == MCI_SECTION_LISTENING)
    return;
  /* the endpoint key's remote address is the distant one, or a looping server's */
  memset (&self->local_address, 0, sizeof self->local_address);
  self->local_port = -1;
  self->remote_port = -1;
  if (section != MCI_SECTION_LOOPING)
    self->section = MCI_SECTION_DISTANT;
}

/* The address whose name a person wants to know: the distant end. Looping and
 * listening groups have none, as in the original script. */
const MciAddress *
mci_endpoint_group_get_peer (const MciEndpointGroup *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->key.section == MCI_SECTION_INBOUND || self->key.section == MCI_SECTION_OUTBOUND
      || self->key.section == MCI_SECTION_DISTANT)
    return &self->key.remote_address;
  return NULL;
}

/* "1 x ESTABLISHED, 8 x TIME_WAIT" in the original script's order; @times is the
 * sign between count and state, " x " in the report, " × " on screen. */
char *
mci_endpoint_group_format_states (const MciEndpointGroup *self,
                                  const char             *times)
{
  g_return_val_if_fail (self != NULL, NULL);

  return mci_tcp_state_format_counts (self->states, times);
}

/* Most connections first; ties by key, so that equal snapshots print equally. */
int
mci_endpoint_group_compare (const MciEndpointGroup *a,
                            const MciEndpointGroup *b)
{
  int result;

  if (a->n_connections != b->n_connections)
    return a->n_connections > b->n_connections ? -1 : 1;
  if ((result = mci_address_compare (&a->key.local_address, &b->key.local_address)) != 0)
    return result;
  if (a->key.local_port != b->key.local_port)
    return a->key.local_port < b->key.local_port ? -1 : 1;
  if ((result = mci_address_compare (&a->key.remote_address, &b->key.remote_address)) != 0)
    return result;
  if (a->key.remote_port != b->key.remote_port)
    return a->key.remote_port < b->key.remote_port ? -1 : 1;
  return 0;
}
