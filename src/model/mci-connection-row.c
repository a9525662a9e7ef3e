/* mci-connection-row.c: one connection of an endpoint group, as a row of the tree
 *
 * Made only when a view reads it (see mci-connection-list.c). Its owner comes from the
 * group's snapshot through @source, the connection as that snapshot holds it; a closed
 * connection has none.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-connection-row"

#include "config.h"

#include <string.h>

#include "mci-connection-row.h"
#include "mci-row-owner.h"
#include "mci-row-private.h"
#include "mci-row-traffic.h"

struct _MciConnectionRow
{
  MciRow               parent_instance;

  MciGroupRow         *group;
  const MciConnection *source;         /* in the group's snapshot */
  MciRowOwner          owner;
  char                *search_text;    /* made when asked, dropped on change */
  guint                states[MCI_TCP_N_STATES];   /* one of them 1 */
  guint32              retransmits;
  gint64               closed_at;      /* a closed connection of the history; else 0 */
  gint64               first_seen;     /* when a sample first listed it; 0: none did */
};

G_DEFINE_FINAL_TYPE (MciConnectionRow, mci_connection_row, MCI_TYPE_ROW)

enum {
  PROP_0,
  PROP_OWNER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mci_connection_row_finalize (GObject *object)
{
  MciConnectionRow *self = (MciConnectionRow *) object;

  g_clear_object (&self->group);
  mci_row_owner_clear (&self->owner);
  g_free (self->search_text);

  G_OBJECT_CLASS (mci_connection_row_parent_class)->finalize (object);
}

static void
mci_connection_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MciConnectionRow *self = MCI_CONNECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_OWNER:
      g_value_set_string (value, self->owner.text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The virtual methods of MciRow cast @row without checking: see mci-group-row.c. */
static const guint *
mci_connection_row_get_states (MciRow *row)
{
  return ((MciConnectionRow *) row)->states;
}

static const char *
mci_connection_row_get_owner (MciRow *row)
{
  return ((MciConnectionRow *) row)->owner.text;
}

static char *
mci_connection_row_describe_owner (MciRow *row)
{
  MciConnectionRow *self = (MciConnectionRow *) row;
  MciSnapshot *snapshot = mci_group_row_get_snapshot (self->group);
  MciOwner process;

  if (self->source != NULL && mci_snapshot_get_owner (snapshot, self->source, &process))
    return mci_row_owner_describe (&self->owner, &process);
  return mci_row_owner_describe (&self->owner, NULL);
}

static char *
mci_connection_row_describe_traffic (MciRow *row)
{
  return mci_row_traffic_describe (mci_row_get_traffic (row), MCI_ROW_CONNECTION,
                                   ((MciConnectionRow *) row)->retransmits);
}

static const char *
get_search_text (MciConnectionRow *self)
{
  if (self->search_text == NULL)
    {
      MciTcpState state = mci_connection_row_get_state (self);
      /* the state as netstat and as ss spell it: TIME_WAIT, TIME-WAIT */
      g_autofree char *text = g_strjoin (" ", mci_row_get_endpoint (MCI_ROW (self)), "",
                                         mci_tcp_state_to_string (state),
                                         mci_tcp_state_to_ss_string (state),
                                         self->owner.text != NULL ? self->owner.text : "",
                                         self->owner.users != NULL ? self->owner.users : "",
                                         NULL);

      self->search_text = g_utf8_casefold (text, -1);
    }
  return self->search_text;
}

/* Shown when its own text matches, or its group's. */
static guint
mci_connection_row_count_matches (MciRow     *row,
                                  const char *needle)
{
  MciConnectionRow *self = (MciConnectionRow *) row;

  if (strstr (get_search_text (self), needle) != NULL)
    return 1;
  return mci_group_row_matches_own_text (self->group, needle);
}

static void
mci_connection_row_class_init (MciConnectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MciRowClass *row_class = MCI_ROW_CLASS (klass);

  object_class->finalize = mci_connection_row_finalize;
  object_class->get_property = mci_connection_row_get_property;
  row_class->get_states = mci_connection_row_get_states;
  row_class->get_owner = mci_connection_row_get_owner;
  row_class->describe_owner = mci_connection_row_describe_owner;
  row_class->describe_traffic = mci_connection_row_describe_traffic;
  row_class->count_matches = mci_connection_row_count_matches;

  properties[PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mci_connection_row_init (MciConnectionRow *self)
{
}

/* "nginx (1234)", or its user where the process cannot be seen. */
static gboolean
update_owner (MciConnectionRow    *self,
              const MciConnection *source)
{
  MciSnapshot *snapshot = mci_group_row_get_snapshot (self->group);
  MciOwner owner;
  g_autofree char *text = NULL;
  gboolean searchable_changed, changed;

  self->source = source;
  if (!mci_snapshot_get_owner (snapshot, source, &owner))
    changed = mci_row_owner_set (&self->owner, NULL, NULL, MCI_OWNER_HIDDEN_NONE,
                                 &searchable_changed);
  else
    {
      if (owner.pid != 0)
        text = mci_owner_format (&owner);
      /* the process where it is known, else its unit, else its user */
      changed = mci_row_owner_set (&self->owner,
                                   owner.pid != 0 ? text
                                   : owner.unit != NULL ? owner.unit : owner.user,
                                   owner.user, owner.hidden, &searchable_changed);
    }
  if (searchable_changed)
    g_clear_pointer (&self->search_text, g_free);
  if (changed)
    {
      mci_row_sort_values_changed (MCI_ROW (self), MCI_SORT_CHANGED (MCI_SORT_PROCESS));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER]);
    }
  return changed;
}

/* A connection's own figures, as its group sums them. The retransmits are only for the
 * tooltip, which reads them when asked: no notification. */
static gboolean
update_traffic (MciConnectionRow    *self,
                const MciConnection *connection)
{
  MciTraffic traffic = { 0 };

  mci_traffic_add (&traffic, connection);
  self->retransmits = connection->retransmits;
  return mci_row_set_traffic (MCI_ROW (self), &traffic);
}

/* @source: @connection as @group's current snapshot holds it, for its owner; NULL when
 * @connection is a copy that has outlived it (a closed connection). */
MciConnectionRow *
mci_connection_row_new (MciGroupRow         *group,
                        const MciConnection *connection,
                        const MciConnection *source)
{
  MciConnectionRow *self;
  MciEndpointKey key;

  g_return_val_if_fail (MCI_IS_GROUP_ROW (group), NULL);
  g_return_val_if_fail (connection != NULL, NULL);

  self = g_object_new (MCI_TYPE_CONNECTION_ROW, NULL);
  mci_endpoint_key_init_connection (&key, mci_row_get_section (MCI_ROW (group)), connection);
  mci_row_init_identity (MCI_ROW (self), MCI_ROW_CONNECTION, &key,
                         mci_group_row_format_connection (group, connection));
  mci_row_set_n_connections (MCI_ROW (self), 1);
  self->group = g_object_ref (group);
  self->states[connection->state] = 1;
  update_traffic (self, connection);
  if (source != NULL)
    update_owner (self, source);
  return self;
}

/* Returns whether the state, traffic or owner changed. @source: as for mci_connection_row_new(). */
gboolean
mci_connection_row_update (MciConnectionRow    *self,
                           const MciConnection *connection,
                           const MciConnection *source)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (MCI_IS_CONNECTION_ROW (self), FALSE);
  g_return_val_if_fail (connection != NULL, FALSE);

  if (self->states[connection->state] == 0)
    {
      memset (self->states, 0, sizeof self->states);
      self->states[connection->state] = 1;
      g_clear_pointer (&self->search_text, g_free);
      mci_row_states_changed (MCI_ROW (self));
      changed = TRUE;
    }
  changed |= update_traffic (self, connection);
  if (source != NULL)
    changed |= update_owner (self, source);
  mci_row_reopen (MCI_ROW (self));
  return changed;
}

/* A connection of the recorder's history: shown closed, with its final bytes, the
 * owner a sample saw, and when it closed. */
MciConnectionRow *
mci_connection_row_new_closed (MciGroupRow               *group,
                               const MciClosedConnection *closed)
{
  MciConnectionRow *self;
  gboolean searchable_changed;

  g_return_val_if_fail (MCI_IS_GROUP_ROW (group), NULL);
  g_return_val_if_fail (closed != NULL, NULL);

  self = mci_connection_row_new (group, &closed->connection, NULL);
  self->closed_at = closed->closed_at;
  self->first_seen = closed->first_seen;
  mci_row_owner_set (&self->owner, closed->owner, NULL, MCI_OWNER_HIDDEN_NONE,
                     &searchable_changed);
  mci_row_owner_set_unit (&self->owner, closed->unit);
  mci_row_set_change (MCI_ROW (self), MCI_ROW_CHANGE_CLOSED);
  return self;
}

/* When it closed (real time), for a connection of the history; 0 otherwise. */
gint64
mci_connection_row_get_closed_at (MciConnectionRow *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_ROW (self), 0);

  return self->closed_at;
}

/* How long it lived, from the first sample that saw it; -1 where none did. */
GTimeSpan
mci_connection_row_get_lifetime (MciConnectionRow *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_ROW (self), -1);

  if (self->closed_at == 0 || self->first_seen == 0)
    return -1;
  return self->closed_at - self->first_seen;
}

MciGroupRow *
mci_connection_row_get_group (MciConnectionRow *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_ROW (self), NULL);

  return self->group;
}

MciTcpState
mci_connection_row_get_state (MciConnectionRow *self)
{
  g_return_val_if_fail (MCI_IS_CONNECTION_ROW (self), MCI_TCP_STATE_INVALID);

  for (guint i = 0; i < MCI_TCP_N_STATES; i++)
    if (self->states[i] != 0)
      return i;
  return MCI_TCP_STATE_INVALID;
}
