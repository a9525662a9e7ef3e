/* mci-classifier.c: which section a connection belongs to, and which end serves
 *
 * The rules, in order: a connection to one of this machine's own addresses is
 * looping; one whose local end has a listener (on its address or the wildcard) is
 * inbound; failing that (the listener closed, its accepted connections live on) it
 * is inbound if only the remote port is ephemeral, else outbound.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-classifier"

#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "mci-classifier.h"

#define N_PORTS 65536

typedef struct
{
  MciAddress address;
  guint16    port;
} Listener;

struct _MciClassifier
{
  MciLocalMachine *machine;
  GArray          *listeners;    /* Listener, never grown after creation */
  GHashTable      *listener_set; /* Listener* into @listeners */
  /* bitmaps by port: any listener at all, one on 0.0.0.0, one on :: */
  guint8           any_listener[N_PORTS / 8];
  guint8           on_ipv4_any[N_PORTS / 8];
  guint8           on_ipv6_any[N_PORTS / 8];
};

static inline gboolean
bit_is_set (const guint8 *bitmap,
            guint         port)
{
  return (bitmap[port >> 3] >> (port & 7)) & 1;
}

static inline void
set_bit (guint8 *bitmap,
         guint   port)
{
  bitmap[port >> 3] |= (guint8) (1u << (port & 7));
}

static guint
listener_hash (gconstpointer data)
{
  const Listener *listener = data;

  return mci_address_hash (&listener->address) ^ listener->port;
}

static gboolean
listener_equal (gconstpointer a,
                gconstpointer b)
{
  const Listener *la = a, *lb = b;

  return la->port == lb->port && mci_address_equal (&la->address, &lb->address);
}

static void
add_listener (MciClassifier       *self,
              const MciConnection *connection)
{
  Listener listener = { connection->local_address, connection->local_port };
  guint port = connection->local_port;

  set_bit (self->any_listener, port);
  if (mci_address_is_any (&connection->local_address))
    set_bit (connection->local_address.family == AF_INET6 ? self->on_ipv6_any : self->on_ipv4_any,
             port);

  g_array_append_val (self->listeners, listener);
}

/* @machine is borrowed and must outlive the classifier. */
MciClassifier *
mci_classifier_new (MciLocalMachine     *machine,
                    const MciConnection *connections,
                    guint                n_connections)
{
  MciClassifier *self;

  g_return_val_if_fail (machine != NULL, NULL);
  g_return_val_if_fail (connections != NULL || n_connections == 0, NULL);

  self = g_new0 (MciClassifier, 1);
  self->machine = machine;
  self->listeners = g_array_new (FALSE, FALSE, sizeof (Listener));
  self->listener_set = g_hash_table_new (listener_hash, listener_equal);

  for (guint i = 0; i < n_connections; i++)
    if (connections[i].state == MCI_TCP_STATE_LISTEN)
      add_listener (self, &connections[i]);

  /* only now: appending may have moved the array */
  for (guint i = 0; i < self->listeners->len; i++)
    g_hash_table_add (self->listener_set, &g_array_index (self->listeners, Listener, i));

  return self;
}

void
mci_classifier_free (MciClassifier *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->listener_set);
  g_array_unref (self->listeners);
  g_free (self);
}

/* A listener on :: also accepts IPv4 unless it is IPV6_V6ONLY, which /proc does not
 * tell; dual-stack is the default, so it counts. */
gboolean
mci_classifier_has_listener (MciClassifier    *self,
                             const MciAddress *address,
                             guint             port)
{
  Listener key;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (port < N_PORTS, FALSE);

  if (!bit_is_set (self->any_listener, port))
    return FALSE;
  if (bit_is_set (self->on_ipv6_any, port))
    return TRUE;
  if (address->family == AF_INET && bit_is_set (self->on_ipv4_any, port))
    return TRUE;

  key.address = *address;
  key.port = (guint16) port;
  return g_hash_table_contains (self->listener_set, &key);
}

MciSectionKind
mci_classifier_classify (MciClassifier       *self,
                         const MciConnection *connection)
{
  gboolean local_ephemeral, remote_ephemeral;

  g_return_val_if_fail (self != NULL, MCI_SECTION_OUTBOUND);

  if (connection->state == MCI_TCP_STATE_LISTEN)
    return MCI_SECTION_LISTENING;
  if (mci_local_machine_is_local (self->machine, &connection->remote_address))
    return MCI_SECTION_LOOPING;
  if (mci_classifier_has_listener (self, &connection->local_address, connection->local_port))
    return MCI_SECTION_INBOUND;

  local_ephemeral = mci_local_machine_is_ephemeral_port (self->machine, connection->local_port);
  remote_ephemeral = mci_local_machine_is_ephemeral_port (self->machine, connection->remote_port);
  return remote_ephemeral && !local_ephemeral ? MCI_SECTION_INBOUND : MCI_SECTION_OUTBOUND;
}

/* For a looping connection, seen from both ends: TRUE when @connection is the
 * server's view. The server is the end with a listener; failing that, the
 * non-ephemeral port; failing that, an arbitrary but symmetric choice (the lower
 * port, then the lower address), so that both views agree. */
gboolean
mci_classifier_is_server_end (MciClassifier       *self,
                              const MciConnection *connection)
{
  gboolean local_listens, remote_listens;
  gboolean local_ephemeral, remote_ephemeral;

  g_return_val_if_fail (self != NULL, FALSE);

  local_listens = mci_classifier_has_listener (self, &connection->local_address,
                                               connection->local_port);
  remote_listens = mci_classifier_has_listener (self, &connection->remote_address,
                                                connection->remote_port);
  if (local_listens != remote_listens)
    return local_listens;

  local_ephemeral = mci_local_machine_is_ephemeral_port (self->machine, connection->local_port);
  remote_ephemeral = mci_local_machine_is_ephemeral_port (self->machine, connection->remote_port);
  if (local_ephemeral != remote_ephemeral)
    return !local_ephemeral;

  if (connection->local_port != connection->remote_port)
    return connection->local_port < connection->remote_port;
  return mci_address_compare (&connection->local_address, &connection->remote_address) <= 0;
}
