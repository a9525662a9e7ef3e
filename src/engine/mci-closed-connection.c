/* mci-closed-connection.c: a TCP socket the kernel destroyed, as it last was
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-closed-connection"

#include "config.h"

#include "mci-closed-connection.h"

/* For g_array_set_clear_func (): frees the texts, not the record. */
void
mci_closed_connection_clear (MciClosedConnection *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->unit, g_free);
}
