/* mci-row.c: what every row of the connections tree has, whatever its kind
 *
 * A row is created once per key and then updated in place, notifying only what changed:
 * that is what lets the tree keep selection, expansion and scroll position across
 * refreshes. MciSectionRow, MciGroupRow and MciConnectionRow say where the values come
 * from; this is what a view reads of any of them.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-row"

#include "config.h"

#include <string.h>

#include "mci-group-row.h"
#include "mci-report.h"
#include "mci-row-private.h"
#include "mci-row-traffic.h"

typedef struct
{
  MciRowKind      kind;
  MciEndpointKey  key;            /* sections: the section alone */
  char           *endpoint;
  char           *sort_key;       /* made when sorting asks */
  char           *states_text;    /* made when asked, dropped on change */
  guint           n_connections;
  guint           n_closed;       /* closes in the history's window; 0 when not recorded */
  MciRowChange    change;
  MciTraffic      traffic;        /* all zero where nothing was measured */
  guint           sort_changes;   /* MCI_SORT_CHANGED bits since last put in order */
  MciSeries      *history;        /* the count at each sample; NULL until the first */
} MciRowPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MciRow, mci_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENDPOINT,
  PROP_N_CONNECTIONS,
  PROP_STATES_TEXT,
  PROP_CHANGE,
  PROP_TRAFFIC,
  PROP_N_CLOSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The class of each kind of row, noted as its first row is made. Views call the getters
 * for every row on every sort, and MCI_IS_ROW asks GType each time whether the class
 * derives from MciRow: is_row() knows the answer for these. Rows live on the main
 * thread only. */
static GTypeClass *kind_classes[MCI_ROW_CONNECTION + 1];

static inline gboolean
is_row (gconstpointer self)
{
  const GTypeInstance *instance = self;

  if (instance == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (kind_classes); i++)
    if (instance->g_class == kind_classes[i] && kind_classes[i] != NULL)
      return TRUE;
  return MCI_IS_ROW ((gpointer) self);
}

/* Once an entry point has checked @self, its class is read without checking again. */
static inline MciRowClass *
row_class (MciRow *self)
{
  return (MciRowClass *) ((GTypeInstance *) self)->g_class;
}

static void
mci_row_finalize (GObject *object)
{
  MciRowPrivate *priv = mci_row_get_instance_private (MCI_ROW (object));

  g_free (priv->endpoint);
  g_free (priv->sort_key);
  g_free (priv->states_text);

  g_clear_pointer (&priv->history, mci_series_unref);
  G_OBJECT_CLASS (mci_row_parent_class)->finalize (object);
}

static void
mci_row_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  MciRow *self = MCI_ROW (object);
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ENDPOINT:
      g_value_set_string (value, priv->endpoint);
      break;
    case PROP_N_CONNECTIONS:
      g_value_set_uint (value, priv->n_connections);
      break;
    case PROP_STATES_TEXT:
      g_value_set_string (value, mci_row_get_states_text (self));
      break;
    case PROP_CHANGE:
      g_value_set_uint (value, priv->change);
      break;
    case PROP_TRAFFIC:
      g_value_set_pointer (value, &priv->traffic);
      break;
    case PROP_N_CLOSED:
      g_value_set_uint (value, priv->n_closed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static const guint *
mci_row_real_get_states (MciRow *self)
{
  static const guint none[MCI_TCP_N_STATES];

  return none;
}

static const char *
mci_row_real_get_text (MciRow *self)
{
  return NULL;
}

static char *
mci_row_real_describe_owner (MciRow *self)
{
  return NULL;
}

static char *
mci_row_real_describe_traffic (MciRow *self)
{
  return mci_row_traffic_describe (mci_row_get_traffic (self), mci_row_get_kind (self), 0);
}

static gboolean
mci_row_real_get_host_pending (MciRow *self)
{
  return FALSE;
}

static guint
mci_row_real_count_matches (MciRow     *self,
                            const char *needle)
{
  return mci_row_get_n_connections (self);
}

static GListModel *
mci_row_real_dup_children (MciRow *self)
{
  return NULL;
}

static void
mci_row_class_init (MciRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mci_row_finalize;
  object_class->get_property = mci_row_get_property;

  klass->get_states = mci_row_real_get_states;
  klass->get_owner = mci_row_real_get_text;
  klass->describe_owner = mci_row_real_describe_owner;
  klass->describe_traffic = mci_row_real_describe_traffic;
  klass->get_host_name = mci_row_real_get_text;
  klass->get_host_pending = mci_row_real_get_host_pending;
  klass->count_matches = mci_row_real_count_matches;
  klass->dup_children = mci_row_real_dup_children;

  properties[PROP_ENDPOINT] = g_param_spec_string ("endpoint", NULL, NULL, NULL, flags);
  properties[PROP_N_CONNECTIONS] =
    g_param_spec_uint ("n-connections", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_STATES_TEXT] = g_param_spec_string ("states-text", NULL, NULL, NULL, flags);
  properties[PROP_CHANGE] =
    g_param_spec_uint ("change", NULL, NULL, 0, MCI_ROW_CHANGE_GROWN, 0, flags);
  /* an MciTraffic, owned by the row */
  properties[PROP_TRAFFIC] = g_param_spec_pointer ("traffic", NULL, NULL, flags);
  properties[PROP_N_CLOSED] =
    g_param_spec_uint ("n-closed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mci_row_init (MciRow *self)
{
}

/* Once, as the row is made. Takes @endpoint. */
void
mci_row_init_identity (MciRow               *self,
                       MciRowKind            kind,
                       const MciEndpointKey *key,
                       char                 *endpoint)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_assert (kind < G_N_ELEMENTS (kind_classes));

  kind_classes[kind] = ((GTypeInstance *) self)->g_class;
  priv->kind = kind;
  priv->key = *key;
  priv->endpoint = endpoint;
  priv->sort_changes = MCI_SORT_CHANGED_ALL;  /* a new row has no place yet */
}

/* A value that a list may be ordered by changed: @changes, MCI_SORT_CHANGED bits. */
void
mci_row_sort_values_changed (MciRow *self,
                             guint   changes)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  priv->sort_changes |= changes;
}

/* What changed since the last call, for mci-row-order.c. */
guint
mci_row_take_sort_changes (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);
  guint changes = priv->sort_changes;

  priv->sort_changes = 0;
  return changes;
}

gboolean
mci_row_set_n_connections (MciRow *self,
                           guint   n_connections)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  if (priv->n_connections == n_connections)
    return FALSE;
  priv->n_connections = n_connections;
  priv->sort_changes |= MCI_SORT_CHANGED (MCI_SORT_CONNECTIONS);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONNECTIONS]);
  return TRUE;
}

/* Field by field: the struct has padding. */
static gboolean
traffic_equal (const MciTraffic *a,
               const MciTraffic *b)
{
  return a->bytes_sent == b->bytes_sent && a->bytes_received == b->bytes_received
         && a->sent_per_second == b->sent_per_second
         && a->received_per_second == b->received_per_second
         && a->max_rtt_us == b->max_rtt_us && a->n_measured == b->n_measured
         && a->n_rated == b->n_rated;
}

/* Returns whether it changed: the rates are a value views sort by. */
gboolean
mci_row_set_traffic (MciRow           *self,
                     const MciTraffic *traffic)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  if (traffic_equal (&priv->traffic, traffic))
    return FALSE;
  priv->traffic = *traffic;
  priv->sort_changes |= MCI_SORT_CHANGED (MCI_SORT_TRAFFIC);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAFFIC]);
  return TRUE;
}

/* What get_states() returns changed. */
void
mci_row_states_changed (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_clear_pointer (&priv->states_text, g_free);
  priv->sort_changes |= MCI_SORT_CHANGED (MCI_SORT_STATES);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATES_TEXT]);
}

/* A row that was closed and is back in a refresh is no longer closed. */
void
mci_row_reopen (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  if (priv->change != MCI_ROW_CHANGE_CLOSED)
    return;
  priv->change = MCI_ROW_CHANGE_NONE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGE]);
}

void
mci_row_set_change (MciRow       *self,
                    MciRowChange  change)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_if_fail (is_row (self));

  if (priv->change == change)
    return;
  priv->change = change;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANGE]);
}

MciRowKind
mci_row_get_kind (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_val_if_fail (is_row (self), MCI_ROW_SECTION);

  return priv->kind;
}

MciSectionKind
mci_row_get_section (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_val_if_fail (is_row (self), MCI_SECTION_INBOUND);

  return priv->key.section;
}

const MciEndpointKey *
mci_row_get_key (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_val_if_fail (is_row (self), NULL);

  return &priv->key;
}

const char *
mci_row_get_endpoint (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_val_if_fail (is_row (self), NULL);

  return priv->endpoint;
}

guint
mci_row_get_n_connections (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_val_if_fail (is_row (self), 0);

  return priv->n_connections;
}

/* Its connections that closed within the history's window. */
guint
mci_row_get_n_closed (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_val_if_fail (is_row (self), 0);

  return priv->n_closed;
}

/* The model's, from the recorder's history after each sample. */
void
mci_row_set_n_closed (MciRow *self,
                      guint   n_closed)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_if_fail (is_row (self));

  if (priv->n_closed == n_closed)
    return;
  priv->n_closed = n_closed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CLOSED]);
}

/* A group whose connections all closed, kept while its closes are in the window. */
gboolean
mci_row_is_all_closed (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_val_if_fail (is_row (self), FALSE);

  return priv->kind == MCI_ROW_GROUP && priv->n_connections == 0 && priv->n_closed > 0;
}

MciRowChange
mci_row_get_change (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_val_if_fail (is_row (self), MCI_ROW_CHANGE_NONE);

  return priv->change;
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
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_val_if_fail (is_row (self), NULL);

  if (priv->sort_key == NULL)
    {
      GString *key = g_string_sized_new (80);

      g_string_append_printf (key, "%u", priv->key.section);
      append_hex (key, &priv->key.local_address, priv->key.local_port);
      append_hex (key, &priv->key.remote_address, priv->key.remote_port);
      priv->sort_key = g_string_free (key, FALSE);
    }
  return priv->sort_key;
}

/* Tallies by state; a connection's is its one state, a section's is empty. */
const guint *
mci_row_get_states (MciRow *self)
{
  g_return_val_if_fail (is_row (self), NULL);

  return row_class (self)->get_states (self);
}

const char *
mci_row_get_states_text (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_val_if_fail (is_row (self), NULL);

  if (priv->states_text == NULL && priv->kind != MCI_ROW_SECTION)
    priv->states_text = mci_tcp_state_format_counts (mci_row_get_states (self), " × ");
  return priv->states_text;
}

/* What the row's connections moved; all zero where the source measured nothing. */
const MciTraffic *
mci_row_get_traffic (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_val_if_fail (is_row (self), NULL);

  return &priv->traffic;
}

/* Whether the row's figures say anything: a listening socket moves no data, whatever
 * the kernel measures of it. */
static gboolean
has_traffic (MciRowPrivate *priv)
{
  return priv->traffic.n_measured > 0 && priv->key.section != MCI_SECTION_LISTENING;
}

/* What the Traffic cell shows: the rates, or where none is known yet the totals (then
 * @totals is TRUE); NULL where nothing was measured. */
char *
mci_row_format_traffic (MciRow   *self,
                        gboolean *totals)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);
  char *text;

  g_return_val_if_fail (is_row (self), NULL);
  g_return_val_if_fail (totals != NULL, NULL);

  *totals = FALSE;
  if (!has_traffic (priv))
    return NULL;
  if ((text = mci_traffic_format_rates (&priv->traffic)) != NULL)
    return text;
  *totals = TRUE;
  return mci_traffic_format_totals (&priv->traffic);
}

/* What the Traffic cell's tooltip says: round-trip time and totals; NULL without any. */
char *
mci_row_describe_traffic (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_val_if_fail (is_row (self), NULL);

  if (!has_traffic (priv))
    return NULL;
  return row_class (self)->describe_traffic (self);
}

const char *
mci_row_get_owner (MciRow *self)
{
  g_return_val_if_fail (is_row (self), NULL);

  return row_class (self)->get_owner (self);
}

/* What the Process cell's tooltip says. */
char *
mci_row_describe_owner (MciRow *self)
{
  g_return_val_if_fail (is_row (self), NULL);

  return row_class (self)->describe_owner (self);
}

const char *
mci_row_get_host_name (MciRow *self)
{
  g_return_val_if_fail (is_row (self), NULL);

  return row_class (self)->get_host_name (self);
}

gboolean
mci_row_get_host_pending (MciRow *self)
{
  g_return_val_if_fail (is_row (self), FALSE);

  return row_class (self)->get_host_pending (self);
}

/* Sections list their groups; a group lists its connections, as rows that are made
 * only when the list is read, and kept current only while someone holds the list. */
GListModel *
mci_row_dup_children (MciRow *self)
{
  g_return_val_if_fail (is_row (self), NULL);

  return row_class (self)->dup_children (self);
}

/* How many of the row's connections a search for @needle (casefolded) shows. */
guint
mci_row_count_matches (MciRow     *self,
                       const char *needle)
{
  g_return_val_if_fail (is_row (self), 0);

  if (needle == NULL || *needle == '\0')
    return mci_row_get_n_connections (self);
  return row_class (self)->count_matches (self, needle);
}

gboolean
mci_row_matches (MciRow     *self,
                 const char *needle)
{
  g_return_val_if_fail (is_row (self), FALSE);

  if (mci_row_get_kind (self) == MCI_ROW_SECTION || mci_row_count_matches (self, needle) > 0)
    return TRUE;
  /* a group kept for its closes has no connection open to match: its own text does */
  return mci_row_is_all_closed (self)
         && mci_group_row_matches_own_text (MCI_GROUP_ROW (self), needle);
}

/* The address a person asks about: the distant end, the local one for a listening
 * socket. NULL for a section. */
const MciAddress *
mci_row_get_address (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_val_if_fail (is_row (self), NULL);

  if (priv->kind == MCI_ROW_SECTION)
    return NULL;
  if (priv->key.section == MCI_SECTION_LISTENING)
    return &priv->key.local_address;
  return &priv->key.remote_address;
}

/* The distant end, as Copy Address has it, as addr:port ([addr]:port for IPv6); a
 * listening socket has none and gives its own. NULL where the distant end has no one
 * port: an inbound group gathers a peer's connections from many ports. */
char *
mci_row_format_endpoint_text (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);
  const MciEndpointKey *key = &priv->key;
  gboolean local;

  g_return_val_if_fail (is_row (self), NULL);

  if (priv->kind == MCI_ROW_SECTION)
    return NULL;
  if (priv->kind == MCI_ROW_GROUP && key->section == MCI_SECTION_INBOUND)
    return NULL;
  local = key->section == MCI_SECTION_LISTENING;
  return local ? mci_address_format_endpoint (&key->local_address, key->local_port)
               : mci_address_format_endpoint (&key->remote_address, key->remote_port);
}

/* The row as one line of the text report. */
char *
mci_row_format_report_line (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);
  MciEndpointGroup group = { 0 };

  g_return_val_if_fail (is_row (self), NULL);

  if (priv->kind == MCI_ROW_SECTION)
    return NULL;
  group.key = priv->key;
  group.n_connections = priv->n_connections;
  memcpy (group.states, mci_row_get_states (self), sizeof group.states);
  return mci_report_format_group_line (&group, mci_row_get_host_name (self));
}

/* The row's connection count at each sample of the history window, oldest first; NULL
 * before the model recorded one (and for a connection, which is one). */
MciSeries *
mci_row_get_history (MciRow *self)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  g_return_val_if_fail (is_row (self), NULL);

  return priv->history;
}

/* Adds the count now to the history, which keeps @capacity samples at most. */
void
mci_row_record_history (MciRow *self,
                        guint   capacity)
{
  MciRowPrivate *priv = mci_row_get_instance_private (self);

  if (priv->history == NULL)
    priv->history = mci_series_new (capacity);
  else
    mci_series_set_capacity (priv->history, capacity);
  mci_series_push (priv->history, priv->n_connections);
}
