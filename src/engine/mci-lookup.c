/* mci-lookup.c: who is this address? What can be learnt without a third party
 *
 * Each part is filled as it arrives and notified: the reverse name, asked afresh;
 * whether that name points back (forward-confirmed reverse DNS); the kind of address;
 * this machine's connections to it; and the route to it, naming the last hop that has a
 * name, for an address that has none. Everything blocking runs elsewhere (GResolver's
 * threads, the tracer's worker); cancelling stops it all.
 *
 * Each part ends on its own, and says so (mci_lookup_get_state): the reverse name fails
 * at once with no network while the trace goes on for a minute. A wildcard (0.0.0.0,
 * ::) is any address of this machine: nothing to name nor to trace. A saved capture may
 * come from another machine: a route from here would be about this one, so none.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-lookup"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "mci-lookup.h"
#include "mci-resolver.h"
#include "mci-tracer.h"

struct _MciLookup
{
  GObject       parent_instance;

  MciAddress    address;
  char         *address_text;
  char         *reverse_name;
  char         *forward;
  char         *connections;
  char         *trace;
  char         *last_named_hop;
  GArray       *hops;          /* MciHop */
  GPtrArray    *hop_names;     /* per hop, sanitised; NULL when none */
  GResolver    *resolver;
  GCancellable *cancellable;
  MciLookupPartState states[MCI_LOOKUP_N_PARTS];
  guint         naming;        /* hops' names still being looked up */
  guint         confirmed : 1;
  guint         traced : 1;
  guint         capture : 1;   /* the connections are a saved capture's */
};

G_DEFINE_FINAL_TYPE (MciLookup, mci_lookup, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REVERSE_NAME,
  PROP_FORWARD,
  PROP_CONNECTIONS,
  PROP_TRACE,
  PROP_LAST_NAMED_HOP,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PART_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mci_lookup_dispose (GObject *object)
{
  mci_lookup_cancel (MCI_LOOKUP (object));

  G_OBJECT_CLASS (mci_lookup_parent_class)->dispose (object);
}

static void
mci_lookup_finalize (GObject *object)
{
  MciLookup *self = (MciLookup *) object;

  g_free (self->address_text);
  g_free (self->reverse_name);
  g_free (self->forward);
  g_free (self->connections);
  g_free (self->trace);
  g_free (self->last_named_hop);
  g_array_unref (self->hops);
  g_ptr_array_unref (self->hop_names);
  g_clear_object (&self->resolver);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mci_lookup_parent_class)->finalize (object);
}

static void
mci_lookup_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MciLookup *self = MCI_LOOKUP (object);

  switch (prop_id)
    {
    case PROP_REVERSE_NAME:
      g_value_set_string (value, self->reverse_name);
      break;
    case PROP_FORWARD:
      g_value_set_string (value, self->forward);
      break;
    case PROP_CONNECTIONS:
      g_value_set_string (value, self->connections);
      break;
    case PROP_TRACE:
      g_value_set_string (value, self->trace);
      break;
    case PROP_LAST_NAMED_HOP:
      g_value_set_string (value, self->last_named_hop);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, mci_lookup_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_lookup_class_init (MciLookupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mci_lookup_dispose;
  object_class->finalize = mci_lookup_finalize;
  object_class->get_property = mci_lookup_get_property;

  properties[PROP_REVERSE_NAME] = g_param_spec_string ("reverse-name", NULL, NULL, NULL, flags);
  properties[PROP_FORWARD] = g_param_spec_string ("forward", NULL, NULL, NULL, flags);
  properties[PROP_CONNECTIONS] = g_param_spec_string ("connections", NULL, NULL, NULL, flags);
  properties[PROP_TRACE] = g_param_spec_string ("trace", NULL, NULL, NULL, flags);
  properties[PROP_LAST_NAMED_HOP] =
    g_param_spec_string ("last-named-hop", NULL, NULL, NULL, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MciLookup::part-changed:
   * @part: the MciLookupPart whose state changed
   *
   * A part started, ended, or was stopped.
   */
  signals[PART_CHANGED] = g_signal_new ("part-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
mci_lookup_init (MciLookup *self)
{
  self->hops = g_array_new (FALSE, TRUE, sizeof (MciHop));
  self->hop_names = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
}

MciLookup *
mci_lookup_new (const MciAddress *address)
{
  MciLookup *self;
  char text[MCI_ADDRESS_STRLEN];

  g_return_val_if_fail (address != NULL && mci_address_is_set (address), NULL);

  self = g_object_new (MCI_TYPE_LOOKUP, NULL);
  self->address = *address;
  self->address_text = g_strdup (mci_address_to_string (address, text));
  self->resolver = g_resolver_get_default ();
  self->forward = g_strdup (_("Waiting for the reverse name…"));
  self->trace = g_strdup ("");
  return self;
}

static void
set_string (MciLookup  *self,
            char      **field,
            char       *value,
            guint       prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return;
    }
  g_free (*field);
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_state (MciLookup      *self,
           MciLookupPart   part,
           MciLookupPartState  state)
{
  gboolean was_busy = mci_lookup_get_busy (self);

  if (self->states[part] == state)
    return;
  self->states[part] = state;
  g_signal_emit (self, signals[PART_CHANGED], 0, (guint) part);
  if (was_busy != mci_lookup_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The route is done once the tracer and the hops' names are. */
static void
end_trace_if_done (MciLookup *self)
{
  if (self->traced && self->naming == 0)
    set_state (self, MCI_LOOKUP_PART_TRACE, MCI_LOOKUP_PART_DONE);
}

/* Forward confirmation */

static void
on_forward (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MciLookup) self = user_data;
  g_autoptr(GError) error = NULL;
  GList *addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (source), result, &error);
  g_autoptr(GInetAddress) ours = mci_address_to_inet_address (&self->address);
  g_autoptr(GString) found = g_string_new (NULL);

  /* after Stop, an answer that was already on its way is not news */
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_resolver_free_addresses (addresses);
      return;
    }
  for (GList *l = addresses; l != NULL; l = l->next)
    {
      g_autofree char *text = g_inet_address_to_string (l->data);

      self->confirmed |= g_inet_address_equal (l->data, ours);
      g_string_append_printf (found, "%s%s", found->len > 0 ? ", " : "", text);
    }
  g_resolver_free_addresses (addresses);
  if (self->confirmed)
    set_string (self, &self->forward,
                g_strdup_printf (_("Forward-confirmed: %s points back to %s"),
                                 self->reverse_name, self->address_text), PROP_FORWARD);
  else if (found->len > 0)
    set_string (self, &self->forward,
                g_strdup_printf (_("Not confirmed: %s points to %s, not to %s"),
                                 self->reverse_name, found->str, self->address_text),
                PROP_FORWARD);
  else
    set_string (self, &self->forward,
                g_strdup_printf (_("Not confirmed: %s has no address"), self->reverse_name),
                PROP_FORWARD);
  set_state (self, MCI_LOOKUP_PART_FORWARD, MCI_LOOKUP_PART_DONE);
}

/* The reverse name, asked afresh */

static void
on_reverse (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MciLookup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_resolver_lookup_by_address_finish (G_RESOLVER (source), result,
                                                               &error);
  g_autofree char *clean = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  set_state (self, MCI_LOOKUP_PART_REVERSE, MCI_LOOKUP_PART_DONE);
  /* a PTR record of "." names nothing either: it is empty once sanitised */
  if (name != NULL)
    clean = mci_resolver_sanitize_name (name);
  if (clean == NULL)
    {
      set_string (self, &self->forward, g_strdup (_("No reverse name: nothing to confirm")),
                  PROP_FORWARD);
      set_state (self, MCI_LOOKUP_PART_FORWARD, MCI_LOOKUP_PART_DONE);
      return;
    }
  set_string (self, &self->reverse_name, g_steal_pointer (&clean), PROP_REVERSE_NAME);
  set_string (self, &self->forward, g_strdup (_("Checking that the name points back…")),
              PROP_FORWARD);
  /* the raw name is asked, not the sanitised one: a name with a control character in it
   * does not point anywhere honest */
  g_resolver_lookup_by_name_async (self->resolver, name, self->cancellable, on_forward,
                                   g_object_ref (self));
}

/* The route */

static void
update_trace (MciLookup *self)
{
  GString *text = g_string_new (NULL);
  const char * const *names = (const char * const *) self->hop_names->pdata;
  int last_named;

  for (guint i = 0; i < self->hops->len; i++)
    {
      const MciHop *hop = &g_array_index (self->hops, MciHop, i);
      char address[MCI_ADDRESS_STRLEN];

      if (hop->kind == MCI_HOP_SILENT)
        {
          g_string_append_printf (text, "%2u  *\n", hop->ttl);
          continue;
        }
      g_string_append_printf (text, "%2u  %s%s%s%s\n", hop->ttl,
                              mci_address_to_string (&hop->address, address),
                              names[i] != NULL ? "  " : "", names[i] != NULL ? names[i] : "",
                              hop->kind == MCI_HOP_TARGET ? _("  (the target)")
                              : hop->kind == MCI_HOP_UNREACHABLE ? _("  (unreachable)")
                              : hop->kind == MCI_HOP_REFUSED ? _("  (refused: not the target)")
                              : "");
    }
  set_string (self, &self->trace, g_string_free (text, FALSE), PROP_TRACE);
  last_named = mci_tracer_find_last_named_hop ((const MciHop *) (gpointer) self->hops->data,
                                               names, self->hops->len);
  if (last_named >= 0)
    {
      const MciHop *hop = &g_array_index (self->hops, MciHop, last_named);
      char address[MCI_ADDRESS_STRLEN];

      set_string (self, &self->last_named_hop,
                  g_strdup_printf (_("%s (%s), hop %u"), names[last_named],
                                   mci_address_to_string (&hop->address, address), hop->ttl),
                  PROP_LAST_NAMED_HOP);
    }
  else if (self->traced && self->naming == 0)
    set_string (self, &self->last_named_hop, g_strdup (_("No hop before it has a name")),
                PROP_LAST_NAMED_HOP);
}

typedef struct
{
  MciLookup *self;
  guint      index;
} HopName;

static void
on_hop_name (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  HopName *data = user_data;
  g_autoptr(MciLookup) self = data->self;
  g_autofree char *name = g_resolver_lookup_by_address_finish (G_RESOLVER (source), result, NULL);

  if (!g_cancellable_is_cancelled (self->cancellable))
    {
      if (name != NULL)
        {
          g_free (self->hop_names->pdata[data->index]);
          self->hop_names->pdata[data->index] = mci_resolver_sanitize_name (name);
        }
      self->naming--;
      update_trace (self);
      end_trace_if_done (self);
    }
  g_free (data);
}

static void
on_hop (const MciHop *hop,
        gpointer      user_data)
{
  MciLookup *self = user_data;
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  g_array_append_val (self->hops, *hop);
  g_ptr_array_add (self->hop_names, NULL);
  update_trace (self);
  if (hop->kind != MCI_HOP_SILENT)
    {
      g_autoptr(GInetAddress) address = mci_address_to_inet_address (&hop->address);
      HopName *data = g_new (HopName, 1);

      data->self = g_object_ref (self);
      data->index = self->hops->len - 1;
      self->naming++;
      g_resolver_lookup_by_address_async (self->resolver, address, self->cancellable,
                                          on_hop_name, data);
    }
}

static void
on_traced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MciLookup) self = user_data;
  g_autoptr(GArray) hops = mci_tracer_trace_finish (result, NULL);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->traced = TRUE;
  update_trace (self);
  end_trace_if_done (self);
}

/* Starts every part. The trace is bounded by @max_hops and @probe_timeout_ms. */
void
mci_lookup_start (MciLookup *self,
                  guint      max_hops,
                  guint      probe_timeout_ms)
{
  g_autoptr(GInetAddress) address = NULL;

  g_return_if_fail (MCI_IS_LOOKUP (self));

  /* any address of this machine is no one machine's: no name, no route */
  if (mci_lookup_is_wildcard (self))
    {
      set_string (self, &self->forward, NULL, PROP_FORWARD);
      return;
    }
  address = mci_address_to_inet_address (&self->address);
  set_state (self, MCI_LOOKUP_PART_REVERSE, MCI_LOOKUP_PART_RUNNING);
  set_state (self, MCI_LOOKUP_PART_FORWARD, MCI_LOOKUP_PART_RUNNING);
  g_resolver_lookup_by_address_async (self->resolver, address, self->cancellable, on_reverse,
                                      g_object_ref (self));
  /* a route from here says nothing of the machine a capture was made on */
  if (self->capture)
    return;
  set_state (self, MCI_LOOKUP_PART_TRACE, MCI_LOOKUP_PART_RUNNING);
  /* the tracer holds a borrowed pointer for its hop reports: cancelling on dispose keeps
   * them from coming after us, and on_traced holds a reference till the end */
  mci_tracer_trace_async (&self->address, max_hops, probe_timeout_ms, self->cancellable, on_hop,
                          self, on_traced, g_object_ref (self));
}

/* Stops every part still running; each then says what it knows. */
void
mci_lookup_cancel (MciLookup *self)
{
  g_return_if_fail (MCI_IS_LOOKUP (self));

  g_cancellable_cancel (self->cancellable);
  if (self->states[MCI_LOOKUP_PART_REVERSE] == MCI_LOOKUP_PART_RUNNING)
    set_state (self, MCI_LOOKUP_PART_REVERSE, MCI_LOOKUP_PART_STOPPED);
  if (self->states[MCI_LOOKUP_PART_FORWARD] == MCI_LOOKUP_PART_RUNNING)
    {
      set_string (self, &self->forward,
                  self->reverse_name != NULL
                  ? g_strdup_printf (_("Stopped before %s was checked"), self->reverse_name)
                  : g_strdup (_("Stopped before the reverse name came")), PROP_FORWARD);
      set_state (self, MCI_LOOKUP_PART_FORWARD, MCI_LOOKUP_PART_STOPPED);
    }
  if (self->states[MCI_LOOKUP_PART_TRACE] == MCI_LOOKUP_PART_RUNNING)
    {
      if (self->last_named_hop == NULL)
        set_string (self, &self->last_named_hop, g_strdup (_("Stopped before a named hop")),
                    PROP_LAST_NAMED_HOP);
      set_state (self, MCI_LOOKUP_PART_TRACE, MCI_LOOKUP_PART_STOPPED);
    }
}

static int
compare_ports (gconstpointer a,
               gconstpointer b)
{
  return atoi (*(const char * const *) a) - atoi (*(const char * const *) b);
}

static void
count_connection (MciLookup           *self,
                  const MciConnection *c,
                  guint               *count,
                  guint               *states,
                  GPtrArray           *ports)
{
  char *port;

  if (!mci_address_equal (&c->remote_address, &self->address))
    return;
  (*count)++;
  states[c->state]++;
  port = g_strdup_printf ("%u", c->remote_port);
  if (!g_ptr_array_find_with_equal_func (ports, port, g_str_equal, NULL) && ports->len < 12)
    g_ptr_array_add (ports, port);
  else
    g_free (port);
}

/* This machine's connections to the address, from @snapshot: how many, in which states,
 * to which of its ports. */
void
mci_lookup_set_snapshot (MciLookup   *self,
                         MciSnapshot *snapshot)
{
  guint count = 0, states[MCI_TCP_N_STATES] = { 0 };
  g_autoptr(GPtrArray) ports = NULL;
  g_autofree char *tally = NULL, *port_list = NULL;

  g_return_if_fail (MCI_IS_LOOKUP (self));
  g_return_if_fail (MCI_IS_SNAPSHOT (snapshot));

  /* no connection has a wildcard at its far end */
  if (mci_lookup_is_wildcard (self))
    return;
  ports = g_ptr_array_new_with_free_func (g_free);
  /* the connections as the tree shows them: a looping one once, not from both ends; in
   * either grouping (the sections of the other are empty) */
  for (guint k = 0; k < MCI_N_SECTIONS; k++)
    {
      const MciSection *section = mci_snapshot_get_section (snapshot, k);

      if (k == MCI_SECTION_LISTENING)
        continue;

      for (guint g = 0; g < section->n_groups; g++)
        for (guint i = 0; i < section->groups[g].n_connections; i++)
          count_connection (self, section->groups[g].connections[i], &count, states, ports);
    }
  if (count == 0)
    {
      set_string (self, &self->connections,
                  g_strdup (self->capture ? _("None in the capture") : _("None right now")),
                  PROP_CONNECTIONS);
      return;
    }
  g_ptr_array_sort (ports, compare_ports);
  g_ptr_array_add (ports, NULL);
  tally = mci_tcp_state_format_counts (states, " × ");
  port_list = g_strjoinv (", ", (char **) ports->pdata);
  set_string (self, &self->connections,
              g_strdup_printf (ngettext ("%u connection: %s; to its ports %s",
                                         "%u connections: %s; to its ports %s", count),
                               count, tally, port_list), PROP_CONNECTIONS);
}

const char *
mci_lookup_get_address (MciLookup *self)
{
  g_return_val_if_fail (MCI_IS_LOOKUP (self), NULL);
  return self->address_text;
}

const char *
mci_lookup_get_address_class (MciLookup *self)
{
  g_return_val_if_fail (MCI_IS_LOOKUP (self), NULL);
  return mci_address_describe_class (&self->address);
}

const char *
mci_lookup_get_reverse_name (MciLookup *self)
{
  g_return_val_if_fail (MCI_IS_LOOKUP (self), NULL);
  return self->reverse_name;
}

const char *
mci_lookup_get_forward (MciLookup *self)
{
  g_return_val_if_fail (MCI_IS_LOOKUP (self), NULL);
  return self->forward;
}

gboolean
mci_lookup_get_confirmed (MciLookup *self)
{
  g_return_val_if_fail (MCI_IS_LOOKUP (self), FALSE);
  return self->confirmed;
}

const char *
mci_lookup_get_connections (MciLookup *self)
{
  g_return_val_if_fail (MCI_IS_LOOKUP (self), NULL);
  return self->connections;
}

const char *
mci_lookup_get_trace (MciLookup *self)
{
  g_return_val_if_fail (MCI_IS_LOOKUP (self), NULL);
  return self->trace;
}

const char *
mci_lookup_get_last_named_hop (MciLookup *self)
{
  g_return_val_if_fail (MCI_IS_LOOKUP (self), NULL);
  return self->last_named_hop;
}

gboolean
mci_lookup_get_busy (MciLookup *self)
{
  g_return_val_if_fail (MCI_IS_LOOKUP (self), FALSE);

  for (guint i = 0; i < MCI_LOOKUP_N_PARTS; i++)
    if (self->states[i] == MCI_LOOKUP_PART_RUNNING)
      return TRUE;
  return FALSE;
}

MciLookupPartState
mci_lookup_get_state (MciLookup     *self,
                      MciLookupPart  part)
{
  g_return_val_if_fail (MCI_IS_LOOKUP (self), MCI_LOOKUP_PART_SKIPPED);
  g_return_val_if_fail (part < MCI_LOOKUP_N_PARTS, MCI_LOOKUP_PART_SKIPPED);
  return self->states[part];
}

/* @capture: whether the connections are a saved capture's, perhaps another machine's.
 * Set before mci_lookup_start() and mci_lookup_set_snapshot(). */
void
mci_lookup_set_capture (MciLookup *self,
                        gboolean   capture)
{
  g_return_if_fail (MCI_IS_LOOKUP (self));
  self->capture = !!capture;
}

gboolean
mci_lookup_get_capture (MciLookup *self)
{
  g_return_val_if_fail (MCI_IS_LOOKUP (self), FALSE);
  return self->capture;
}

/* Whether the address is a listening socket's wildcard, 0.0.0.0 or ::. */
gboolean
mci_lookup_is_wildcard (MciLookup *self)
{
  g_return_val_if_fail (MCI_IS_LOOKUP (self), FALSE);
  return mci_address_is_any (&self->address);
}
