/* mci-group-row.c: the connections of one endpoint, as a row of the tree
 *
 * It sums its connections up (count, states, traffic, owner, the peer's name) and lists them
 * through an MciConnectionList made when a view first asks and kept while one holds
 * it; the model keeps that list current, not the row.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-group-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mci-connection-list.h"
#include "mci-group-row.h"
#include "mci-row-owner.h"
#include "mci-row-private.h"

struct _MciGroupRow
{
  MciRow                       parent_instance;

  MciSnapshot                 *snapshot;       /* owns group and connections[] */
  const MciEndpointGroup      *group;
  const MciConnection * const *connections;
  MciConnectionList           *connection_list; /* weak, alive while shown */
  MciRowOwner                  owner;
  char                        *host_name;
  char                        *search_text;    /* made when asked, dropped on change */
  guint                        states[MCI_TCP_N_STATES];
  MciRowOrder                  order;          /* its connections' */
  guint                        generation;
  guint                        host_pending : 1;
};

G_DEFINE_FINAL_TYPE (MciGroupRow, mci_group_row, MCI_TYPE_ROW)

enum {
  PROP_0,
  PROP_OWNER,
  PROP_HOST_NAME,
  PROP_HOST_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mci_group_row_finalize (GObject *object)
{
  MciGroupRow *self = (MciGroupRow *) object;

  if (self->connection_list != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->connection_list),
                                  (gpointer *) &self->connection_list);
  g_clear_object (&self->snapshot);
  mci_row_owner_clear (&self->owner);
  g_free (self->host_name);
  g_free (self->search_text);

  G_OBJECT_CLASS (mci_group_row_parent_class)->finalize (object);
}

static void
mci_group_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MciGroupRow *self = MCI_GROUP_ROW (object);

  switch (prop_id)
    {
    case PROP_OWNER:
      g_value_set_string (value, self->owner.text);
      break;
    case PROP_HOST_NAME:
      g_value_set_string (value, self->host_name);
      break;
    case PROP_HOST_PENDING:
      g_value_set_boolean (value, self->host_pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The virtual methods of MciRow: its entry points have checked @row, and views call
 * them for every row on every sort, so they cast without checking again. */
static const guint *
mci_group_row_get_states (MciRow *row)
{
  return ((MciGroupRow *) row)->states;
}

static const char *
mci_group_row_get_owner (MciRow *row)
{
  return ((MciGroupRow *) row)->owner.text;
}

#define MAX_LISTED_PROCESSES 10

/* "3 processes" says how many, not which: the processes, one a line, the first few.
 * Asked for only when the tooltip is, so a pass over the group's connections is fine. */
/* The processes, one a line after a blank one, the first few; returns how many there
 * are. Asked for only when the tooltip is, so a pass over the connections is fine. */
static guint
list_processes (MciGroupRow *self,
                GString     *text)
{
  g_autoptr(GHashTable) pids = g_hash_table_new (NULL, NULL);
  guint n_connections = mci_row_get_n_connections (MCI_ROW (self)), n_pids;
  MciOwner owner;

  for (guint i = 0; i < n_connections && self->snapshot != NULL; i++)
    {
      g_autofree char *process = NULL;

      if (!mci_snapshot_get_owner (self->snapshot, self->connections[i], &owner)
          || owner.pid == 0 || !g_hash_table_add (pids, GINT_TO_POINTER (owner.pid))
          || g_hash_table_size (pids) > MAX_LISTED_PROCESSES)
        continue;
      process = mci_owner_format (&owner);
      g_string_append_printf (text, "\n%s", process);
    }
  n_pids = g_hash_table_size (pids);
  if (n_pids > MAX_LISTED_PROCESSES)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("and %u more", "and %u more",
                                              n_pids - MAX_LISTED_PROCESSES),
                              n_pids - MAX_LISTED_PROCESSES);
    }
  return n_pids;
}

/* "3 processes" says how many, not which: the tooltip lists them too. */
static char *
mci_group_row_describe_owner (MciRow *row)
{
  MciGroupRow *self = (MciGroupRow *) row;
  char *summary = mci_row_owner_describe (&self->owner, NULL);
  GString *text;

  if (summary == NULL)
    return NULL;
  text = g_string_new (summary);
  g_string_append_c (text, '\n');
  /* one process is named by the summary already */
  if (list_processes (self, text) < 2)
    {
      g_string_free (text, TRUE);
      return summary;
    }
  g_free (summary);
  return g_string_free (text, FALSE);
}

static const char *
mci_group_row_get_host_name (MciRow *row)
{
  return ((MciGroupRow *) row)->host_name;
}

static gboolean
mci_group_row_get_host_pending (MciRow *row)
{
  return ((MciGroupRow *) row)->host_pending;
}

static gboolean
connection_matches (MciGroupRow         *self,
                    const MciConnection *connection,
                    const char          *needle)
{
  g_autofree char *endpoint = mci_group_row_format_connection (self, connection);
  /* the state as netstat and as ss spell it: TIME_WAIT, TIME-WAIT */
  g_autofree char *text = g_strconcat (endpoint, " ",
                                       mci_tcp_state_to_string (connection->state), " ",
                                       mci_tcp_state_to_ss_string (connection->state), NULL);
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return strstr (folded, needle) != NULL;
}

/* All of the connections when the group's own text matches (its endpoint or host name),
 * else those whose own text does (the other end's port, the state). */
static guint
mci_group_row_count_matches (MciRow     *row,
                             const char *needle)
{
  MciGroupRow *self = (MciGroupRow *) row;
  guint n_connections = mci_row_get_n_connections (row), count = 0;

  if (mci_group_row_matches_own_text (self, needle))
    return n_connections;
  for (guint i = 0; i < n_connections; i++)
    count += connection_matches (self, self->connections[i], needle);
  return count;
}

/* The connections, as rows that are made only when the list is read. */
static GListModel *
mci_group_row_dup_children (MciRow *row)
{
  MciGroupRow *self = (MciGroupRow *) row;

  if (self->connection_list != NULL)
    return g_object_ref (G_LIST_MODEL (self->connection_list));
  self->connection_list = mci_connection_list_new (self, self->connections,
                                                   mci_row_get_n_connections (row),
                                                   self->generation, &self->order);
  g_object_add_weak_pointer (G_OBJECT (self->connection_list),
                             (gpointer *) &self->connection_list);
  return G_LIST_MODEL (self->connection_list);
}

static void
mci_group_row_class_init (MciGroupRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MciRowClass *row_class = MCI_ROW_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mci_group_row_finalize;
  object_class->get_property = mci_group_row_get_property;
  row_class->get_states = mci_group_row_get_states;
  row_class->get_owner = mci_group_row_get_owner;
  row_class->describe_owner = mci_group_row_describe_owner;
  row_class->get_host_name = mci_group_row_get_host_name;
  row_class->get_host_pending = mci_group_row_get_host_pending;
  row_class->count_matches = mci_group_row_count_matches;
  row_class->dup_children = mci_group_row_dup_children;

  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, NULL, flags);
  properties[PROP_HOST_NAME] = g_param_spec_string ("host-name", NULL, NULL, NULL, flags);
  properties[PROP_HOST_PENDING] =
    g_param_spec_boolean ("host-pending", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mci_group_row_init (MciGroupRow *self)
{
  self->order.column = MCI_SORT_CONNECTIONS;
  self->order.descending = TRUE;
}

/* The group's owner, as the snapshot sums it up: only when the snapshot knows owners. */
static gboolean
update_owner (MciGroupRow            *self,
              MciSnapshot            *snapshot,
              const MciEndpointGroup *group)
{
  MciOwnerHidden hidden;
  const char *users, *owner;
  gboolean searchable_changed, changed;

  if (!mci_snapshot_has_owners (snapshot))
    return FALSE;
  owner = mci_snapshot_get_group_owner (snapshot, group, &users, &hidden);
  changed = mci_row_owner_set (&self->owner, owner, users, hidden, &searchable_changed);
  changed |= mci_row_owner_set_unit (&self->owner, mci_snapshot_get_group_unit (snapshot, group));
  if (searchable_changed)
    g_clear_pointer (&self->search_text, g_free);
  if (changed)
    {
      mci_row_sort_values_changed (MCI_ROW (self), MCI_SORT_CHANGED (MCI_SORT_PROCESS));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER]);
    }
  return changed;
}

/* As in the report, with the arrow pointing from client to server. */
static char *
format_group (const MciEndpointKey *key)
{
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;

  /* by address: the address alone, over its ports and both directions */
  if (mci_endpoint_key_is_address (key))
    return mci_address_format_endpoint (&key->remote_address, -1);
  left = mci_address_format_endpoint (&key->local_address, key->local_port);
  if (key->section == MCI_SECTION_LISTENING)
    return g_steal_pointer (&left);
  right = mci_address_format_endpoint (&key->remote_address, key->remote_port);
  return g_strconcat (left, key->section == MCI_SECTION_INBOUND ? " ← " : " → ", right, NULL);
}

MciGroupRow *
mci_group_row_new (MciSnapshot            *snapshot,
                   const MciEndpointGroup *group)
{
  MciGroupRow *self;

  g_return_val_if_fail (MCI_IS_SNAPSHOT (snapshot), NULL);
  g_return_val_if_fail (group != NULL, NULL);

  self = g_object_new (MCI_TYPE_GROUP_ROW, NULL);
  mci_row_init_identity (MCI_ROW (self), MCI_ROW_GROUP, &group->key, format_group (&group->key));
  mci_row_set_n_connections (MCI_ROW (self), group->n_connections);
  self->snapshot = g_object_ref (snapshot);
  self->group = group;
  self->connections = group->connections;
  memcpy (self->states, group->states, sizeof self->states);
  mci_row_set_traffic (MCI_ROW (self), &group->traffic);
  update_owner (self, snapshot, group);
  return self;
}

/* The row's own values; the model updates its connection list. Returns whether any
 * value a view sorts by changed. */
gboolean
mci_group_row_update (MciGroupRow            *self,
                      MciSnapshot            *snapshot,
                      const MciEndpointGroup *group)
{
  MciRow *row = (MciRow *) self;   /* runs for every group on every refresh */
  gboolean changed;

  g_return_val_if_fail (MCI_IS_GROUP_ROW (self), FALSE);
  g_return_val_if_fail (MCI_IS_SNAPSHOT (snapshot), FALSE);
  g_return_val_if_fail (group != NULL, FALSE);

  g_set_object (&self->snapshot, snapshot);
  self->group = group;
  self->connections = group->connections;
  changed = memcmp (self->states, group->states, sizeof self->states) != 0;
  /* the count is the states' sum: it can only change with them */
  if (changed)
    {
      mci_row_set_n_connections (row, group->n_connections);
      memcpy (self->states, group->states, sizeof self->states);
      g_clear_pointer (&self->search_text, g_free);
      mci_row_states_changed (row);
    }
  changed |= mci_row_set_traffic (row, &group->traffic);
  changed |= update_owner (self, snapshot, group);
  mci_row_reopen (row);
  return changed;
}

/* Its connections all closed, and their closes are still in the history's window: it
 * stays, with none open, and keeps the owner it had. Returns whether a value a view
 * sorts by changed. */
gboolean
mci_group_row_set_all_closed (MciGroupRow *self)
{
  static const MciTraffic none = { 0 };
  MciRow *row = (MciRow *) self;
  gboolean changed = FALSE;

  g_return_val_if_fail (MCI_IS_GROUP_ROW (self), FALSE);

  /* no group of a snapshot stands for it any more (and one made for a group no sample
   * saw was only lent for mci_group_row_new) */
  self->group = NULL;
  self->connections = NULL;
  if (mci_row_get_n_connections (row) != 0)
    {
      mci_row_set_n_connections (row, 0);
      memset (self->states, 0, sizeof self->states);
      g_clear_pointer (&self->search_text, g_free);
      mci_row_states_changed (row);
      changed = TRUE;
    }
  changed |= mci_row_set_traffic (row, &none);
  mci_row_reopen (row);
  return changed;
}

/* How many servers the row's connections are on: one, but for a distant address by
 * address over several servers. */
guint
mci_group_row_count_servers (MciGroupRow *self)
{
  g_return_val_if_fail (MCI_IS_GROUP_ROW (self), 0);

  if (self->snapshot == NULL)
    return 0;
  return mci_snapshot_count_hosts (self->snapshot, self->connections,
                                   mci_row_get_n_connections (MCI_ROW (self)));
}

MciSnapshot *
mci_group_row_get_snapshot (MciGroupRow *self)
{
  g_return_val_if_fail (MCI_IS_GROUP_ROW (self), NULL);

  return self->snapshot;
}

/* The group as the row's snapshot holds it, with its connections; NULL once its
 * connections all closed. */
const MciEndpointGroup *
mci_group_row_get_group (MciGroupRow *self)
{
  g_return_val_if_fail (MCI_IS_GROUP_ROW (self), NULL);

  return self->group;
}

/* Whether a search for @needle (casefolded) shows @connection, one of the group's:
 * by its endpoints or its state. */
gboolean
mci_group_row_connection_matches (MciGroupRow         *self,
                                  const MciConnection *connection,
                                  const char          *needle)
{
  g_return_val_if_fail (MCI_IS_GROUP_ROW (self), FALSE);
  g_return_val_if_fail (connection != NULL && needle != NULL, FALSE);

  return connection_matches (self, connection, needle);
}

/* The end a person wants a name for: the distant end; looping and listening groups
 * have none. */
const MciAddress *
mci_group_row_get_peer (MciGroupRow *self)
{
  const MciEndpointKey *key;

  g_return_val_if_fail (MCI_IS_GROUP_ROW (self), NULL);

  key = mci_row_get_key (MCI_ROW (self));
  if (key->section == MCI_SECTION_INBOUND || key->section == MCI_SECTION_OUTBOUND
      || key->section == MCI_SECTION_DISTANT)
    return &key->remote_address;
  return NULL;
}

void
mci_group_row_set_host_name (MciGroupRow *self,
                             const char  *host_name,
                             gboolean     pending)
{
  g_return_if_fail (MCI_IS_GROUP_ROW (self));

  if (g_strcmp0 (self->host_name, host_name) != 0)
    {
      g_free (self->host_name);
      self->host_name = g_strdup (host_name);
      g_clear_pointer (&self->search_text, g_free);
      mci_row_sort_values_changed (MCI_ROW (self), MCI_SORT_CHANGED (MCI_SORT_HOST_NAME));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST_NAME]);
    }
  if (self->host_pending != !!pending)
    {
      self->host_pending = !!pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST_PENDING]);
    }
}

/* The refresh that last saw the group. */
guint
mci_group_row_get_generation (MciGroupRow *self)
{
  g_return_val_if_fail (MCI_IS_GROUP_ROW (self), 0);

  return self->generation;
}

void
mci_group_row_set_generation (MciGroupRow *self,
                              guint        generation)
{
  g_return_if_fail (MCI_IS_GROUP_ROW (self));

  self->generation = generation;
}

/* The connection list while someone shows it, else NULL. */
MciConnectionList *
mci_group_row_peek_connections (MciGroupRow *self)
{
  g_return_val_if_fail (MCI_IS_GROUP_ROW (self), NULL);

  return self->connection_list;
}

/* Whether @needle (casefolded) is in the group's own text: its endpoint, host name or
 * owner. A group's states are its connections': they match through those. */
gboolean
mci_group_row_matches_own_text (MciGroupRow *self,
                                const char  *needle)
{
  g_return_val_if_fail (MCI_IS_GROUP_ROW (self), FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);

  if (self->search_text == NULL)
    {
      g_autofree char *text = g_strjoin (" ", mci_row_get_endpoint (MCI_ROW (self)),
                                         self->host_name != NULL ? self->host_name : "", "",
                                         self->owner.text != NULL ? self->owner.text : "",
                                         self->owner.users != NULL ? self->owner.users : "",
                                         NULL);

      self->search_text = g_utf8_casefold (text, -1);
    }
  return strstr (self->search_text, needle) != NULL;
}

/* Both ends with their ports, client first. A looping group holds the sockets of both
 * ends; the one whose own end is the group's server port is the server side. */
char *
mci_group_row_format_connection (MciGroupRow         *self,
                                 const MciConnection *connection)
{
  const MciEndpointKey *key;
  g_autofree char *local = NULL, *remote = NULL;
  gboolean server_side;

  g_return_val_if_fail (MCI_IS_GROUP_ROW (self), NULL);
  g_return_val_if_fail (connection != NULL, NULL);

  key = mci_row_get_key (MCI_ROW (self));
  local = mci_address_format_endpoint (&connection->local_address, connection->local_port);
  if (key->section == MCI_SECTION_LISTENING)
    return g_steal_pointer (&local);
  remote = mci_address_format_endpoint (&connection->remote_address, connection->remote_port);
  /* a group by address holds both directions: each connection says its own */
  if (key->section == MCI_SECTION_INBOUND
      || (key->section == MCI_SECTION_DISTANT && connection->section == MCI_SECTION_INBOUND))
    return g_strconcat (local, " ← ", remote, NULL);
  if (mci_endpoint_key_is_address (key))
    server_side = key->section == MCI_SECTION_LOOPING && connection->server_end;
  else
    server_side = key->section == MCI_SECTION_LOOPING
                  && connection->local_port == key->remote_port
                  && mci_address_equal (&connection->local_address, &key->remote_address);
  if (server_side)
    return g_strconcat (remote, " → ", local, NULL);
  return g_strconcat (local, " → ", remote, NULL);
}

/* The order of its connections, when a view first reads them; the model orders the
 * list after that. */
void
mci_group_row_set_order (MciGroupRow       *self,
                         const MciRowOrder *order)
{
  g_return_if_fail (MCI_IS_GROUP_ROW (self));
  g_return_if_fail (order != NULL);

  self->order = *order;
}
