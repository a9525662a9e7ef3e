/* mci-resolver.c: reverse DNS that never makes anyone wait
 *
 * A cache in front of GResolver: a known answer comes back at once, an unknown one
 * is queued and announced by the "resolved" signal. At most max-in-flight look-ups
 * run at a time, one per address however many ask; addresses on screen go first,
 * and queued ones nobody shows any more are dropped. GLib 2.74's resolver has no
 * timeout of its own, so each look-up gets a timeout source that cancels it.
 *
 * All of it runs on the thread whose main context created the resolver.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-resolver"

#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "mci-resolver.h"
#include "mci-untrusted.h"

typedef enum
{
  ENTRY_QUEUED,
  ENTRY_IN_FLIGHT,
  ENTRY_NAMED,
  ENTRY_NO_NAME,
} EntryState;

typedef struct _Lookup Lookup;

typedef struct
{
  MciAddress  address;
  EntryState  state;
  char       *name;
  gint64      expires;   /* monotonic µs, for answers */
  GList       queue_link; /* in the visible or background queue, or the LRU list */
  gboolean    in_visible; /* queued in the visible queue */
  Lookup     *lookup;    /* while in flight */
} Entry;

/* Outlives the resolver if it must: a late answer finds lookup->self NULL. */
struct _Lookup
{
  MciResolver  *self;
  Entry        *entry;
  GCancellable *cancellable;
  guint         timeout_id;
  gboolean      timed_out;
};

struct _MciResolver
{
  GObject     parent_instance;
  GResolver  *resolver;
  GHashTable *entries;     /* MciAddress* → Entry*, owns the entries */
  GQueue      visible;     /* ENTRY_QUEUED, asked for by someone looking at it */
  GQueue      background;  /* ENTRY_QUEUED, the rest */
  GQueue      answers;     /* ENTRY_NAMED and ENTRY_NO_NAME, most recently used first */
  guint       n_in_flight;
  guint       max_in_flight;
  guint       timeout_ms;
  guint       name_ttl;    /* seconds */
  guint       failure_ttl; /* seconds */
  guint       cache_size;
};

enum {
  PROP_0,
  PROP_MAX_IN_FLIGHT,
  PROP_TIMEOUT_MS,
  PROP_NAME_TTL,
  PROP_FAILURE_TTL,
  PROP_CACHE_SIZE,
  N_PROPS
};

enum {
  RESOLVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MciResolver, mci_resolver, G_TYPE_OBJECT)

static void pump (MciResolver *self);

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_assert (entry->lookup == NULL);
  g_free (entry->name);
  g_free (entry);
}

static GQueue *
queue_of (MciResolver *self,
          Entry       *entry)
{
  switch (entry->state)
    {
    case ENTRY_NAMED:
    case ENTRY_NO_NAME:
      return &self->answers;
    case ENTRY_QUEUED:
      return entry->in_visible ? &self->visible : &self->background;
    case ENTRY_IN_FLIGHT:
    default:
      return NULL;
    }
}

static void
unlink_entry (MciResolver *self,
              Entry       *entry)
{
  GQueue *queue = queue_of (self, entry);

  if (queue != NULL)
    g_queue_unlink (queue, &entry->queue_link);
}

static void
lookup_finish_and_free (Lookup *lookup)
{
  g_clear_handle_id (&lookup->timeout_id, g_source_remove);
  g_clear_object (&lookup->cancellable);
  g_free (lookup);
}

/* Least recently used answers go first when the cache is full; pending ones stay. */
static void
evict (MciResolver *self)
{
  while (self->answers.length > self->cache_size)
    {
      Entry *entry = g_queue_peek_tail (&self->answers);

      g_queue_unlink (&self->answers, &entry->queue_link);
      g_hash_table_remove (self->entries, &entry->address);
    }
}

static void
record_answer (MciResolver *self,
               Entry       *entry,
               const char  *name)
{
  guint ttl = name != NULL ? self->name_ttl : self->failure_ttl;

  g_clear_pointer (&entry->name, g_free);
  entry->name = name != NULL ? mci_resolver_sanitize_name (name) : NULL;
  entry->state = entry->name != NULL ? ENTRY_NAMED : ENTRY_NO_NAME;
  entry->expires = g_get_monotonic_time () + (gint64) ttl * G_USEC_PER_SEC;
  g_queue_push_head_link (&self->answers, &entry->queue_link);
}

static void
lookup_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Lookup *lookup = user_data;
  MciResolver *self = lookup->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_resolver_lookup_by_address_finish (G_RESOLVER (object), result, &error);
  MciAddress address;
  Entry *entry;

  if (self == NULL)
    {
      /* the resolver is gone: nobody to tell */
      lookup_finish_and_free (lookup);
      return;
    }

  entry = lookup->entry;
  entry->lookup = NULL;
  self->n_in_flight--;
  if (error != NULL && !lookup->timed_out)
    g_debug ("No name for an address: %s", error->message);
  lookup_finish_and_free (lookup);

  record_answer (self, entry, name);
  address = entry->address;
  g_signal_emit (self, signals[RESOLVED], 0, &address, entry->state == ENTRY_NAMED ? entry->name : NULL);
  evict (self);
  pump (self);
}

static gboolean
lookup_timed_out (gpointer user_data)
{
  Lookup *lookup = user_data;

  lookup->timeout_id = 0;
  lookup->timed_out = TRUE;
  g_cancellable_cancel (lookup->cancellable);
  return G_SOURCE_REMOVE;
}

static void
start_lookup (MciResolver *self,
              Entry       *entry)
{
  g_autoptr(GInetAddress) inet = mci_address_to_inet_address (&entry->address);
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->self = self;
  lookup->entry = entry;
  lookup->cancellable = g_cancellable_new ();
  lookup->timeout_id = g_timeout_add (self->timeout_ms, lookup_timed_out, lookup);
  entry->lookup = lookup;
  entry->state = ENTRY_IN_FLIGHT;
  self->n_in_flight++;
  g_resolver_lookup_by_address_async (self->resolver, inet, lookup->cancellable, lookup_done,
                                      lookup);
}

static void
pump (MciResolver *self)
{
  while (self->n_in_flight < self->max_in_flight)
    {
      GList *link = g_queue_pop_head_link (&self->visible);

      if (link == NULL)
        link = g_queue_pop_head_link (&self->background);
      if (link == NULL)
        return;
      start_lookup (self, link->data);
    }
}

/* Cancels everything: a late answer to a look-up finds nobody to tell. */
static void
abandon_lookups (MciResolver *self)
{
  GHashTableIter iter;
  Entry *entry;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      if (entry->lookup == NULL)
        continue;
      entry->lookup->self = NULL;
      entry->lookup->entry = NULL;
      g_clear_handle_id (&entry->lookup->timeout_id, g_source_remove);
      g_cancellable_cancel (entry->lookup->cancellable);
      entry->lookup = NULL;
    }
  self->n_in_flight = 0;
}

static void
mci_resolver_dispose (GObject *object)
{
  MciResolver *self = MCI_RESOLVER (object);

  if (self->entries != NULL)
    {
      abandon_lookups (self);
      g_queue_init (&self->visible);
      g_queue_init (&self->background);
      g_queue_init (&self->answers);
      g_clear_pointer (&self->entries, g_hash_table_unref);
    }
  g_clear_object (&self->resolver);
  G_OBJECT_CLASS (mci_resolver_parent_class)->dispose (object);
}

static void
mci_resolver_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MciResolver *self = MCI_RESOLVER (object);

  switch (prop_id)
    {
    case PROP_MAX_IN_FLIGHT: g_value_set_uint (value, self->max_in_flight); break;
    case PROP_TIMEOUT_MS: g_value_set_uint (value, self->timeout_ms); break;
    case PROP_NAME_TTL: g_value_set_uint (value, self->name_ttl); break;
    case PROP_FAILURE_TTL: g_value_set_uint (value, self->failure_ttl); break;
    case PROP_CACHE_SIZE: g_value_set_uint (value, self->cache_size); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_resolver_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MciResolver *self = MCI_RESOLVER (object);

  switch (prop_id)
    {
    case PROP_MAX_IN_FLIGHT: self->max_in_flight = g_value_get_uint (value); break;
    case PROP_TIMEOUT_MS: self->timeout_ms = g_value_get_uint (value); break;
    case PROP_NAME_TTL: self->name_ttl = g_value_get_uint (value); break;
    case PROP_FAILURE_TTL: self->failure_ttl = g_value_get_uint (value); break;
    case PROP_CACHE_SIZE:
      self->cache_size = g_value_get_uint (value);
      if (self->entries != NULL)
        evict (self);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
uint_property (const char *name,
               guint       minimum,
               guint       maximum,
               guint       default_value)
{
  return g_param_spec_uint (name, NULL, NULL, minimum, maximum, default_value,
                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                            G_PARAM_STATIC_STRINGS);
}

static void
mci_resolver_class_init (MciResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mci_resolver_dispose;
  object_class->get_property = mci_resolver_get_property;
  object_class->set_property = mci_resolver_set_property;

  properties[PROP_MAX_IN_FLIGHT] = uint_property ("max-in-flight", 1, 1024, 8);
  properties[PROP_TIMEOUT_MS] = uint_property ("timeout-ms", 1, 600000, 5000);
  properties[PROP_NAME_TTL] = uint_property ("name-ttl", 0, G_MAXUINT, 600);
  properties[PROP_FAILURE_TTL] = uint_property ("failure-ttl", 0, G_MAXUINT, 120);
  properties[PROP_CACHE_SIZE] = uint_property ("cache-size", 1, G_MAXUINT, 10000);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MciResolver::resolved:
   * @address: (type gpointer): the const MciAddress* that was looked up
   * @name: (nullable): its name, or %NULL when it has none
   */
  signals[RESOLVED] = g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_STRING);
}

static void
mci_resolver_init (MciResolver *self)
{
  self->resolver = g_resolver_get_default ();
  self->entries = g_hash_table_new_full ((GHashFunc) mci_address_hash,
                                         (GEqualFunc) mci_address_equal, NULL, entry_free);
}

MciResolver *
mci_resolver_new (void)
{
  return g_object_new (MCI_TYPE_RESOLVER, NULL);
}

static Entry *
entry_new (MciResolver      *self,
           const MciAddress *address)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->address = *address;
  entry->queue_link.data = entry;
  g_hash_table_insert (self->entries, &entry->address, entry);
  return entry;
}

static void
enqueue (MciResolver *self,
         Entry       *entry,
         gboolean     visible)
{
  entry->state = ENTRY_QUEUED;
  entry->in_visible = visible;
  if (visible)
    g_queue_push_tail_link (&self->visible, &entry->queue_link);
  else
    g_queue_push_tail_link (&self->background, &entry->queue_link);
}

/* A queued address that someone now looks at moves to the visible queue. */
static void
promote (MciResolver *self,
         Entry       *entry)
{
  if (entry->in_visible)
    return;
  entry->in_visible = TRUE;
  g_queue_unlink (&self->background, &entry->queue_link);
  g_queue_push_tail_link (&self->visible, &entry->queue_link);
}

/**
 * mci_resolver_lookup:
 * @visible: whether a person is looking at this address now: it goes first
 * @name: (out) (optional) (transfer none): the name, when the answer is NAMED
 *
 * Answers from the cache at once; otherwise queues a look-up, returns PENDING, and
 * emits ::resolved when the answer comes. Never blocks.
 */
MciLookupState
mci_resolver_lookup (MciResolver      *self,
                     const MciAddress *address,
                     gboolean          visible,
                     const char      **name)
{
  Entry *entry;

  g_return_val_if_fail (MCI_IS_RESOLVER (self), MCI_LOOKUP_NO_NAME);
  g_return_val_if_fail (address != NULL && mci_address_is_set (address), MCI_LOOKUP_NO_NAME);

  if (name != NULL)
    *name = NULL;

  entry = g_hash_table_lookup (self->entries, address);
  if (entry != NULL && (entry->state == ENTRY_NAMED || entry->state == ENTRY_NO_NAME) &&
      entry->expires <= g_get_monotonic_time ())
    {
      g_queue_unlink (&self->answers, &entry->queue_link);
      enqueue (self, entry, visible);
      pump (self);
    }
  else if (entry == NULL)
    {
      enqueue (self, entry_new (self, address), visible);
      pump (self);
    }

  switch (entry != NULL ? entry->state : ENTRY_QUEUED)
    {
    case ENTRY_NAMED:
    case ENTRY_NO_NAME:
      /* used now: the last to be evicted */
      g_queue_unlink (&self->answers, &entry->queue_link);
      g_queue_push_head_link (&self->answers, &entry->queue_link);
      if (name != NULL)
        *name = entry->name;
      return entry->state == ENTRY_NAMED ? MCI_LOOKUP_NAMED : MCI_LOOKUP_NO_NAME;
    case ENTRY_QUEUED:
      if (visible && entry != NULL)
        promote (self, entry);
      return MCI_LOOKUP_PENDING;
    case ENTRY_IN_FLIGHT:
    default:
      return MCI_LOOKUP_PENDING;
    }
}

/* Looks @address up again now, whatever the cache says: for "Look up" in a menu. */
void
mci_resolver_force (MciResolver      *self,
                    const MciAddress *address)
{
  Entry *entry;

  g_return_if_fail (MCI_IS_RESOLVER (self));
  g_return_if_fail (address != NULL && mci_address_is_set (address));

  entry = g_hash_table_lookup (self->entries, address);
  if (entry != NULL && entry->state == ENTRY_IN_FLIGHT)
    return;
  if (entry == NULL)
    entry = entry_new (self, address);
  else
    unlink_entry (self, entry);

  g_queue_push_head_link (&self->visible, &entry->queue_link);
  entry->state = ENTRY_QUEUED;
  entry->in_visible = TRUE;
  pump (self);
}

/* Drops queued look-ups for every address not among @addresses: what is no longer
 * shown is not worth a DNS query. Answers and look-ups in flight stay. */
void
mci_resolver_retain (MciResolver      *self,
                     const MciAddress *addresses,
                     guint             n_addresses)
{
  g_autoptr(GHashTable) wanted = NULL;
  GQueue *queues[2];

  g_return_if_fail (MCI_IS_RESOLVER (self));

  wanted = g_hash_table_new ((GHashFunc) mci_address_hash, (GEqualFunc) mci_address_equal);
  queues[0] = &self->visible;
  queues[1] = &self->background;
  for (guint i = 0; i < n_addresses; i++)
    g_hash_table_add (wanted, (gpointer) &addresses[i]);

  for (guint q = 0; q < G_N_ELEMENTS (queues); q++)
    for (GList *link = queues[q]->head, *next; link != NULL; link = next)
      {
        Entry *entry = link->data;

        next = link->next;
        if (g_hash_table_contains (wanted, &entry->address))
          continue;
        g_queue_unlink (queues[q], link);
        g_hash_table_remove (self->entries, &entry->address);
      }
}

/* Forgets every answer; what is queued or in flight goes on. */
void
mci_resolver_clear (MciResolver *self)
{
  g_return_if_fail (MCI_IS_RESOLVER (self));

  while (self->answers.length > 0)
    {
      Entry *entry = g_queue_peek_head (&self->answers);

      g_queue_unlink (&self->answers, &entry->queue_link);
      g_hash_table_remove (self->entries, &entry->address);
    }
}

guint
mci_resolver_get_n_pending (MciResolver *self)
{
  g_return_val_if_fail (MCI_IS_RESOLVER (self), 0);
  return self->visible.length + self->background.length + self->n_in_flight;
}

guint
mci_resolver_get_n_in_flight (MciResolver *self)
{
  g_return_val_if_fail (MCI_IS_RESOLVER (self), 0);
  return self->n_in_flight;
}

/* A PTR record is untrusted input (see mci-untrusted.c), at most 253 characters, without
 * its trailing dots. Markup is left as text; the window shows names as plain text, never
 * as markup. Returns NULL for a name that is empty after this. */
char *
mci_resolver_sanitize_name (const char *name)
{
  char *clean;
  gsize length;

  g_return_val_if_fail (name != NULL, NULL);

  clean = mci_untrusted_sanitize (name, MCI_HOSTNAME_MAX_CHARS);
  length = strlen (clean);
  while (length > 0 && clean[length - 1] == '.')
    clean[--length] = '\0';
  if (length == 0)
    g_clear_pointer (&clean, g_free);
  return clean;
}

static gboolean
wait_spent (gpointer user_data)
{
  gboolean *spent = user_data;

  *spent = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the thread's main context until every look-up asked for has its answer, or
 * @seconds have passed: for the command line, which has nothing else to do meanwhile. */
void
mci_resolver_wait (MciResolver *self,
                   double       seconds)
{
  gboolean spent = FALSE;
  guint timeout_id;

  g_return_if_fail (MCI_IS_RESOLVER (self));

  timeout_id = g_timeout_add ((guint) (seconds * 1000), wait_spent, &spent);
  while (!spent && mci_resolver_get_n_pending (self) > 0)
    g_main_context_iteration (NULL, TRUE);
  if (!spent)
    g_source_remove (timeout_id);
}
