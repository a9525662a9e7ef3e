/* mci-row.c: one row of the connections tree: a section, an endpoint group or a connection
 *
 * A row is created once per key and then updated in place, notifying only what changed:
 * that is what lets the tree keep selection, expansion and scroll position across
 * refreshes. Text that only sorting or searching needs is made on first use.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-row"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/socket.h>

#include "mci-connection-list.h"
#include "mci-report.h"
#include "mci-row.h"

struct _MciRow
{
  GObject                     parent_instance;

  MciRowKind                  kind;
  MciEndpointKey              key;
  MciRow                     *parent;         /* connections: their group */
  char                       *endpoint;
  char                       *sort_key;       /* made when sorting asks */
  char                       *states_text;    /* made when asked, dropped on change */
  char                       *search_text;    /* likewise */
  char                       *host_name;
  char                       *owner;          /* "nginx (1234)", "3 processes", a user */
  char                       *owner_users;    /* the users behind it, for searching */
  MciOwnerHidden              owner_hidden;
  const MciConnection        *source;         /* connections: the row in snapshot */
  guint                       n_connections;
  guint                       n_shown;
  guint                       n_duplicates;
  guint                       states[MCI_TCP_N_STATES];
  guint                       generation;
  MciRowChange                change : 2;
  guint                       host_pending : 1;

  GListStore                 *groups;         /* sections: their endpoint groups */
  MciSnapshot                *snapshot;       /* groups: owns connections[] */
  const MciConnection * const *connections;
  MciConnectionList          *children;       /* groups: weak, alive while shown */
};

G_DEFINE_FINAL_TYPE (MciRow, mci_row, G_TYPE_OBJECT)

static char *format_connection (MciSectionKind       section,
                                const MciEndpointKey *group_key,
                                const MciConnection *connection);

enum {
  PROP_0,
  PROP_ENDPOINT,
  PROP_SORT_KEY,
  PROP_SECTION_ORDER,
  PROP_N_CONNECTIONS,
  PROP_N_SHOWN,
  PROP_N_DUPLICATES,
  PROP_STATES_TEXT,
  PROP_HOST_NAME,
  PROP_HOST_PENDING,
  PROP_CHANGE,
  PROP_OWNER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mci_row_finalize (GObject *object)
{
  MciRow *self = (MciRow *) object;

  if (self->children != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->children), (gpointer *) &self->children);
  g_clear_object (&self->parent);
  g_clear_object (&self->groups);
  g_clear_object (&self->snapshot);
  g_free (self->endpoint);
  g_free (self->sort_key);
  g_free (self->states_text);
  g_free (self->search_text);
  g_free (self->host_name);
  g_free (self->owner);
  g_free (self->owner_users);

  G_OBJECT_CLASS (mci_row_parent_class)->finalize (object);
}

static void
mci_row_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  MciRow *self = MCI_ROW (object);

  switch (prop_id)
    {
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_SORT_KEY:
      g_value_set_string (value, mci_row_get_sort_key (self));
      break;
    case PROP_SECTION_ORDER:
      g_value_set_uint (value, self->kind == MCI_ROW_SECTION ? self->key.section : 0);
      break;
    case PROP_N_CONNECTIONS:
      g_value_set_uint (value, self->n_connections);
      break;
    case PROP_N_SHOWN:
      g_value_set_uint (value, self->n_shown);
      break;
    case PROP_N_DUPLICATES:
      g_value_set_uint (value, self->n_duplicates);
      break;
    case PROP_STATES_TEXT:
      g_value_set_string (value, mci_row_get_states_text (self));
      break;
    case PROP_HOST_NAME:
      g_value_set_string (value, self->host_name);
      break;
    case PROP_HOST_PENDING:
      g_value_set_boolean (value, self->host_pending);
      break;
    case PROP_CHANGE:
      g_value_set_uint (value, self->change);
      break;
    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_row_class_init (MciRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mci_row_finalize;
  object_class->get_property = mci_row_get_property;

  properties[PROP_ENDPOINT] = g_param_spec_string ("endpoint", NULL, NULL, NULL, flags);
  properties[PROP_SORT_KEY] = g_param_spec_string ("sort-key", NULL, NULL, NULL, flags);
  properties[PROP_SECTION_ORDER] =
    g_param_spec_uint ("section-order", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_CONNECTIONS] =
    g_param_spec_uint ("n-connections", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_SHOWN] = g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_DUPLICATES] =
    g_param_spec_uint ("n-duplicates", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_STATES_TEXT] = g_param_spec_string ("states-text", NULL, NULL, NULL, flags);
  properties[PROP_HOST_NAME] = g_param_spec_string ("host-name", NULL, NULL, NULL, flags);
  properties[PROP_HOST_PENDING] =
    g_param_spec_boolean ("host-pending", NULL, NULL, FALSE, flags);
  properties[PROP_CHANGE] =
    g_param_spec_uint ("change", NULL, NULL, 0, MCI_ROW_CHANGE_CLOSED, 0, flags);
  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mci_row_init (MciRow *self)
{
}

static const char *
section_title (MciSectionKind section)
{
  switch (section)
    {
    case MCI_SECTION_INBOUND:
      return _("Distant inbound");
    case MCI_SECTION_OUTBOUND:
      return _("Distant outbound");
    case MCI_SECTION_LOOPING:
      return _("Looping");
    case MCI_SECTION_LISTENING:
      return _("Listening");
    case MCI_N_SECTIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Copies only what changed: this runs for every group on every refresh. */
static gboolean
set_owner (MciRow         *self,
           const char     *owner,
           const char     *users,
           MciOwnerHidden  hidden)
{
  self->owner_hidden = hidden;
  if (g_strcmp0 (self->owner_users, users) != 0)
    {
      g_free (self->owner_users);
      self->owner_users = g_strdup (users);
      g_clear_pointer (&self->search_text, g_free);
    }
  if (g_strcmp0 (self->owner, owner) == 0)
    return FALSE;
  g_free (self->owner);
  self->owner = g_strdup (owner);
  g_clear_pointer (&self->search_text, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER]);
  return TRUE;
}

/* A group's owner, as the snapshot sums it up: only when the snapshot knows owners. */
static gboolean
update_group_owner (MciRow                 *self,
                    MciSnapshot            *snapshot,
                    const MciEndpointGroup *group)
{
  MciOwnerHidden hidden;
  const char *users, *owner;

  if (!mci_snapshot_has_owners (snapshot))
    return FALSE;
  owner = mci_snapshot_get_group_owner (snapshot, group, &users, &hidden);
  return set_owner (self, owner, users, hidden);
}

/* A connection's owner: "nginx (1234)", or its user where the process cannot be seen. */
static gboolean
update_connection_owner (MciRow              *self,
                         const MciConnection *source)
{
  MciSnapshot *snapshot = self->parent->snapshot;
  MciOwner owner;
  g_autofree char *text = NULL;

  self->source = source;
  if (!mci_snapshot_get_owner (snapshot, source, &owner))
    return set_owner (self, NULL, NULL, MCI_OWNER_HIDDEN_NONE);
  if (owner.pid != 0)
    text = g_strdup_printf ("%s (%d)", owner.process != NULL ? owner.process : "?", owner.pid);
  return set_owner (self, owner.pid != 0 ? text : owner.user, owner.user, owner.hidden);
}

MciRow *
mci_row_new_section (MciSectionKind section)
{
  MciRow *self = g_object_new (MCI_TYPE_ROW, NULL);

  g_return_val_if_fail (section < MCI_N_SECTIONS, NULL);

  self->kind = MCI_ROW_SECTION;
  self->key.section = section;
  self->endpoint = g_strdup (section_title (section));
  self->groups = g_list_store_new (MCI_TYPE_ROW);
  return self;
}

/* As in the report, with the arrow pointing from client to server. */
static char *
format_group (const MciEndpointGroup *group)
{
  g_autofree char *left = mci_address_format_endpoint (&group->key.local_address,
                                                       group->key.local_port);
  g_autofree char *right = NULL;

  if (group->key.section == MCI_SECTION_LISTENING)
    return g_steal_pointer (&left);
  right = mci_address_format_endpoint (&group->key.remote_address, group->key.remote_port);
  return g_strconcat (left, group->key.section == MCI_SECTION_INBOUND ? " ← " : " → ", right, NULL);
}

MciRow *
mci_row_new_group (MciSnapshot            *snapshot,
                   const MciEndpointGroup *group)
{
  MciRow *self = g_object_new (MCI_TYPE_ROW, NULL);

  g_return_val_if_fail (MCI_IS_SNAPSHOT (snapshot), NULL);
  g_return_val_if_fail (group != NULL, NULL);

  self->kind = MCI_ROW_GROUP;
  self->key = group->key;
  self->endpoint = format_group (group);
  self->snapshot = g_object_ref (snapshot);
  self->connections = group->connections;
  self->n_connections = group->n_connections;
  memcpy (self->states, group->states, sizeof self->states);
  update_group_owner (self, snapshot, group);
  return self;
}

/* @connection: the row in @group's current snapshot, for its owner; NULL when it is a
 * copy that has outlived it (a closed connection). */
MciRow *
mci_row_new_connection (MciRow              *group,
                        const MciConnection *connection,
                        const MciConnection *source)
{
  MciRow *self = g_object_new (MCI_TYPE_ROW, NULL);

  g_return_val_if_fail (MCI_IS_ROW (group), NULL);
  g_return_val_if_fail (group->kind == MCI_ROW_GROUP, NULL);

  self->kind = MCI_ROW_CONNECTION;
  mci_endpoint_key_init_connection (&self->key, group->key.section, connection);
  self->parent = g_object_ref (group);
  self->endpoint = format_connection (group->key.section, &group->key, connection);
  self->n_connections = 1;
  self->states[connection->state] = 1;
  if (source != NULL)
    update_connection_owner (self, source);
  return self;
}

static void
states_changed (MciRow *self)
{
  g_clear_pointer (&self->states_text, g_free);
  g_clear_pointer (&self->search_text, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATES_TEXT]);
}

static gboolean
set_uint (MciRow *self,
          guint  *field,
          guint   value,
          guint   prop_id)
{
  if (*field == value)
    return FALSE;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

void
mci_row_update_section (MciRow           *self,
                        const MciSection *section)
{
  g_return_if_fail (MCI_IS_ROW (self));
  g_return_if_fail (self->kind == MCI_ROW_SECTION);

  set_uint (self, &self->n_connections, section->n_connections, PROP_N_CONNECTIONS);
  set_uint (self, &self->n_duplicates, section->n_duplicates, PROP_N_DUPLICATES);
}

/* First of two steps: what the row lists (its connections) follows @group; its own
 * values do not change yet. See mci_connection_list_update() for why. */
void
mci_row_update_group_structure (MciRow                 *self,
                                MciSnapshot            *snapshot,
                                const MciEndpointGroup *group,
                                guint                   generation,
                                GPtrArray              *appeared)
{
  g_return_if_fail (MCI_IS_ROW (self));
  g_return_if_fail (self->kind == MCI_ROW_GROUP);

  self->generation = generation;
  if (self->children != NULL)
    mci_connection_list_update (self->children, group->connections, group->n_connections,
                                generation, appeared);
}

/* Second step: the row's own values, and its connections'. Returns whether any value
 * a view sorts by changed. */
gboolean
mci_row_update_group (MciRow                 *self,
                      MciSnapshot            *snapshot,
                      const MciEndpointGroup *group)
{
  gboolean changed;

  g_return_val_if_fail (MCI_IS_ROW (self), FALSE);
  g_return_val_if_fail (self->kind == MCI_ROW_GROUP, FALSE);

  g_set_object (&self->snapshot, snapshot);
  self->connections = group->connections;
  changed = set_uint (self, &self->n_connections, group->n_connections, PROP_N_CONNECTIONS);
  if (memcmp (self->states, group->states, sizeof self->states) != 0)
    {
      memcpy (self->states, group->states, sizeof self->states);
      states_changed (self);
      changed = TRUE;
    }
  changed |= update_group_owner (self, snapshot, group);
  if (self->change == MCI_ROW_CHANGE_CLOSED)
    mci_row_set_change (self, MCI_ROW_CHANGE_NONE);
  if (self->children != NULL)
    changed |= mci_connection_list_update_values (self->children);
  return changed;
}

/* Returns whether the state or owner changed. @source: as for mci_row_new_connection(). */
gboolean
mci_row_update_connection (MciRow              *self,
                           const MciConnection *connection,
                           const MciConnection *source)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (MCI_IS_ROW (self), FALSE);
  g_return_val_if_fail (self->kind == MCI_ROW_CONNECTION, FALSE);

  if (self->states[connection->state] == 0)
    {
      memset (self->states, 0, sizeof self->states);
      self->states[connection->state] = 1;
      states_changed (self);
      changed = TRUE;
    }
  if (source != NULL)
    changed |= update_connection_owner (self, source);
  if (self->change == MCI_ROW_CHANGE_CLOSED)
    mci_row_set_change (self, MCI_ROW_CHANGE_NONE);
  return changed;
}

const char *
mci_row_get_owner (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), NULL);

  return self->owner;
}

/* What the Process cell's tooltip says: the command line and user of a connection's
 * process, the processes of a group, or why the process cannot be seen. */
char *
mci_row_describe_owner (MciRow *self)
{
  MciOwner owner;

  g_return_val_if_fail (MCI_IS_ROW (self), NULL);

  if (self->owner == NULL)
    return NULL;
  if (self->owner_hidden == MCI_OWNER_HIDDEN_OTHER_USER)
    return g_strdup_printf (_("Owned by %s. The processes of other users can only be seen "
                              "when this program runs as root."), self->owner_users);
  if (self->owner_hidden == MCI_OWNER_HIDDEN_SANDBOX)
    return g_strdup_printf (_("Owned by %s. The process is outside this program’s sandbox, "
                              "which only sees its own processes."), self->owner_users);
  if (self->kind == MCI_ROW_CONNECTION && self->source != NULL
      && mci_snapshot_get_owner (self->parent->snapshot, self->source, &owner))
    return g_strdup_printf (_("%s\nUser: %s"),
                            owner.command_line != NULL ? owner.command_line : self->owner,
                            owner.user);
  return g_strdup_printf (_("%s\nUser: %s"), self->owner, self->owner_users);
}

void
mci_row_set_n_shown (MciRow *self,
                     guint   n_shown)
{
  g_return_if_fail (MCI_IS_ROW (self));

  set_uint (self, &self->n_shown, n_shown, PROP_N_SHOWN);
}

void
mci_row_set_host_name (MciRow     *self,
                       const char *host_name,
                       gboolean    pending)
{
  g_return_if_fail (MCI_IS_ROW (self));

  if (g_strcmp0 (self->host_name, host_name) != 0)
    {
      g_free (self->host_name);
      self->host_name = g_strdup (host_name);
      g_clear_pointer (&self->search_text, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST_NAME]);
    }
  if (self->host_pending != !!pending)
    {
      self->host_pending = !!pending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST_PENDING]);
    }
}

void
mci_row_set_change (MciRow       *self,
                    MciRowChange  change)
{
  g_return_if_fail (MCI_IS_ROW (self));

  if (self->change == change)
    return;
  self->change = change;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGE]);
}

MciRowKind
mci_row_get_kind (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), MCI_ROW_SECTION);

  return self->kind;
}

MciSectionKind
mci_row_get_section (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), MCI_SECTION_INBOUND);

  return self->key.section;
}

const MciEndpointKey *
mci_row_get_key (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), NULL);

  return &self->key;
}

MciRow *
mci_row_get_parent (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), NULL);

  return self->parent;
}

const char *
mci_row_get_endpoint (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), NULL);

  return self->endpoint;
}

static void
append_hex (GString          *out,
            const MciAddress *address,
            int               port)
{
  g_string_append_printf (out, "%02x", address->family);
  for (guint i = 0; i < sizeof address->bytes; i++)
    g_string_append_printf (out, "%02x", address->bytes[i]);
  g_string_append_printf (out, "%05d", port + 1);
}

/* Sorts addresses by value rather than by text ("9.0.0.1" before "10.0.0.1"), IPv4
 * before IPv6, then by port: a plain byte comparison of this string does that. */
const char *
mci_row_get_sort_key (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), NULL);

  if (self->sort_key == NULL)
    {
      GString *key = g_string_sized_new (80);

      g_string_append_printf (key, "%u", self->key.section);
      append_hex (key, &self->key.local_address, self->key.local_port);
      append_hex (key, &self->key.remote_address, self->key.remote_port);
      self->sort_key = g_string_free (key, FALSE);
    }
  return self->sort_key;
}

/* The end a person wants a name for: the distant end, or the client of a looping group. */
const MciAddress *
mci_row_get_peer (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), NULL);

  if (self->kind != MCI_ROW_GROUP)
    return NULL;
  if (self->key.section == MCI_SECTION_INBOUND || self->key.section == MCI_SECTION_OUTBOUND)
    return &self->key.remote_address;
  return NULL;
}

guint
mci_row_get_n_connections (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), 0);

  return self->n_connections;
}

guint
mci_row_get_n_shown (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), 0);

  return self->n_shown;
}

guint
mci_row_get_n_duplicates (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), 0);

  return self->n_duplicates;
}

const guint *
mci_row_get_states (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), NULL);

  return self->states;
}

/* A connection's one state. */
MciTcpState
mci_row_get_state (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), MCI_TCP_STATE_INVALID);

  for (guint i = 0; i < MCI_TCP_N_STATES; i++)
    if (self->states[i] != 0)
      return i;
  return MCI_TCP_STATE_INVALID;
}

const char *
mci_row_get_states_text (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), NULL);

  if (self->states_text == NULL && self->kind != MCI_ROW_SECTION)
    self->states_text = mci_tcp_state_format_counts (self->states, " × ");
  return self->states_text;
}

const char *
mci_row_get_host_name (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), NULL);

  return self->host_name;
}

gboolean
mci_row_get_host_pending (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), FALSE);

  return self->host_pending;
}

MciRowChange
mci_row_get_change (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), MCI_ROW_CHANGE_NONE);

  return self->change;
}

guint
mci_row_get_generation (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), 0);

  return self->generation;
}

void
mci_row_set_generation (MciRow *self,
                        guint   generation)
{
  g_return_if_fail (MCI_IS_ROW (self));

  self->generation = generation;
}

GListStore *
mci_row_get_groups (MciRow *section)
{
  g_return_val_if_fail (MCI_IS_ROW (section), NULL);

  return section->groups;
}

GListModel *
mci_row_peek_children (MciRow *group)
{
  g_return_val_if_fail (MCI_IS_ROW (group), NULL);

  return group->kind == MCI_ROW_SECTION ? G_LIST_MODEL (group->groups)
                                            : G_LIST_MODEL (group->children);
}

/* Sections list their groups; a group lists its connections, as rows that are made
 * only when the list is read, and kept current only while someone holds the list. */
GListModel *
mci_row_dup_children (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), NULL);

  switch (self->kind)
    {
    case MCI_ROW_SECTION:
      return g_object_ref (G_LIST_MODEL (self->groups));
    case MCI_ROW_GROUP:
      if (self->children != NULL)
        return g_object_ref (G_LIST_MODEL (self->children));
      self->children = mci_connection_list_new (self, self->connections, self->n_connections);
      g_object_add_weak_pointer (G_OBJECT (self->children), (gpointer *) &self->children);
      return G_LIST_MODEL (self->children);
    case MCI_ROW_CONNECTION:
    default:
      return NULL;
    }
}

static const char *
get_search_text (MciRow *self)
{
  if (self->search_text == NULL)
    {
      /* A group's states are its connections': they match through those. */
      const char *states = self->kind == MCI_ROW_CONNECTION
                         ? mci_tcp_state_to_string (mci_row_get_state (self)) : "";
      g_autofree char *text = g_strjoin (" ", self->endpoint,
                                         self->host_name != NULL ? self->host_name : "",
                                         states, self->owner != NULL ? self->owner : "",
                                         self->owner_users != NULL ? self->owner_users : "",
                                         NULL);

      self->search_text = g_utf8_casefold (text, -1);
    }
  return self->search_text;
}

static gboolean
connection_matches (MciRow              *group,
                    const MciConnection *connection,
                    const char          *needle)
{
  g_autofree char *endpoint = format_connection (group->key.section, &group->key,
                                                         connection);
  g_autofree char *text = g_strconcat (endpoint, " ",
                                       mci_tcp_state_to_string (connection->state), NULL);
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return strstr (folded, needle) != NULL;
}

/* How many of a group's connections a search for @needle (casefolded) shows: all of
 * them when the group's own text matches (its endpoint or host name), else those whose
 * own text does (the other end's port, the state). For a connection: 1 or 0. */
guint
mci_row_count_matches (MciRow     *self,
                       const char *needle)
{
  guint count = 0;

  g_return_val_if_fail (MCI_IS_ROW (self), 0);

  if (needle == NULL || *needle == '\0' || self->kind == MCI_ROW_SECTION)
    return self->n_connections;
  if (strstr (get_search_text (self), needle) != NULL)
    return self->n_connections;
  if (self->kind == MCI_ROW_CONNECTION)
    return strstr (get_search_text (self->parent), needle) != NULL;
  for (guint i = 0; i < self->n_connections; i++)
    count += connection_matches (self, self->connections[i], needle);
  return count;
}

gboolean
mci_row_matches (MciRow     *self,
                 const char *needle)
{
  g_return_val_if_fail (MCI_IS_ROW (self), FALSE);

  return self->kind == MCI_ROW_SECTION || mci_row_count_matches (self, needle) > 0;
}

/* Both ends with their ports, client first. A looping group holds the sockets of both
 * ends; the one whose own end is the group's server port is the server side. */
static char *
format_connection (MciSectionKind       section,
                           const MciEndpointKey *group_key,
                           const MciConnection *connection)
{
  g_autofree char *local = mci_address_format_endpoint (&connection->local_address,
                                                        connection->local_port);
  g_autofree char *remote = NULL;
  gboolean server_side;

  if (section == MCI_SECTION_LISTENING)
    return g_steal_pointer (&local);
  remote = mci_address_format_endpoint (&connection->remote_address, connection->remote_port);
  if (section == MCI_SECTION_INBOUND)
    return g_strconcat (local, " ← ", remote, NULL);
  server_side = section == MCI_SECTION_LOOPING
                && connection->local_port == group_key->remote_port
                && mci_address_equal (&connection->local_address, &group_key->remote_address);
  if (server_side)
    return g_strconcat (remote, " → ", local, NULL);
  return g_strconcat (local, " → ", remote, NULL);
}

/* The address a person asks about: the distant end, the local one for a listening
 * socket. NULL for a section. */
const MciAddress *
mci_row_get_address (MciRow *self)
{
  g_return_val_if_fail (MCI_IS_ROW (self), NULL);

  if (self->kind == MCI_ROW_SECTION)
    return NULL;
  if (self->key.section == MCI_SECTION_LISTENING)
    return &self->key.local_address;
  return &self->key.remote_address;
}

/* The end with a port that the row is about, as addr:port ([addr]:port for IPv6): the
 * service for a group (the local one for inbound and listening, the remote one else),
 * the distant end for a connection (the local one for a listening socket). */
char *
mci_row_format_endpoint_text (MciRow *self)
{
  gboolean local;

  g_return_val_if_fail (MCI_IS_ROW (self), NULL);

  if (self->kind == MCI_ROW_SECTION)
    return NULL;
  local = self->key.section == MCI_SECTION_LISTENING
          || (self->kind == MCI_ROW_GROUP && self->key.section == MCI_SECTION_INBOUND);
  return local ? mci_address_format_endpoint (&self->key.local_address, self->key.local_port)
               : mci_address_format_endpoint (&self->key.remote_address, self->key.remote_port);
}

/* The row as one line of the text report. */
char *
mci_row_format_report_line (MciRow *self)
{
  MciEndpointGroup group = { 0 };

  g_return_val_if_fail (MCI_IS_ROW (self), NULL);

  if (self->kind == MCI_ROW_SECTION)
    return NULL;
  group.key = self->key;
  group.n_connections = self->n_connections;
  memcpy (group.states, self->states, sizeof group.states);
  return mci_report_format_group_line (&group, self->host_name);
}
