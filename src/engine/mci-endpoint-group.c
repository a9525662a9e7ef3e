/* mci-endpoint-group.c: the connections of one endpoint, as a section groups them
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-endpoint-group"

#include "config.h"

#include "mci-endpoint-group.h"

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
    case MCI_N_SECTIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The address whose name a person wants to know: the distant end. Looping and
 * listening groups have none, as in the original script. */
const MciAddress *
mci_endpoint_group_get_peer (const MciEndpointGroup *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->kind == MCI_SECTION_INBOUND || self->kind == MCI_SECTION_OUTBOUND)
    return &self->remote_address;
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
  if ((result = mci_address_compare (&a->local_address, &b->local_address)) != 0)
    return result;
  if (a->local_port != b->local_port)
    return a->local_port < b->local_port ? -1 : 1;
  if ((result = mci_address_compare (&a->remote_address, &b->remote_address)) != 0)
    return result;
  if (a->remote_port != b->remote_port)
    return a->remote_port < b->remote_port ? -1 : 1;
  return 0;
}
