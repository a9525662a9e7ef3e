/* mci-history.c: the connections that closed lately, counted per endpoint group
 *
 * Records are kept in the order their closes were read, so the oldest are always at
 * the head: the window and the cap both drop from there. Each endpoint group's count of
 * closes within the window is kept as records come and go, for a view to read at once.
 *
 * A record takes about 275 bytes (sizeof Record is 256 on x86-64, with the allocator's
 * header and its share of the group counts; test-history measures it with mallinfo2),
 * owner and unit texts on top: bench-history measures 337 bytes resident with both, so
 * the default cap of 200,000 records is some 64 MiB.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-history"

#include "config.h"

#include "mci-history.h"

typedef struct
{
  GList               link;        /* in records; data points to the record itself */
  GList               group_link;  /* in its group's records, the same way */
  MciClosedConnection closed;
  MciEndpointKey      key;
  char               *end_id;      /* a looping connection's while its other end is due */
} Record;

/* A group's records are a second list through the same records: a view lists one
 * group's closes without walking the whole history. */
typedef struct
{
  MciEndpointKey key;
  GQueue         records;  /* Record, oldest first; never empty in counts */
} GroupCount;

struct _MciHistory
{
  GTimeSpan   window;
  guint       max_records;
  GQueue      records;  /* Record, oldest close first */
  GHashTable *counts;   /* &key → GroupCount: closes within the window */
  GHashTable *ends;     /* end_id → Record: looping connections with one end closed */
  guint       section_counts[MCI_N_SECTIONS];
};

MciHistory *
mci_history_new (GTimeSpan window,
                 guint     max_records)
{
  MciHistory *self;

  g_return_val_if_fail (window > 0, NULL);
  g_return_val_if_fail (max_records > 0, NULL);

  self = g_new0 (MciHistory, 1);
  self->window = window;
  self->max_records = max_records;
  g_queue_init (&self->records);
  self->counts = g_hash_table_new_full (mci_endpoint_key_hash, mci_endpoint_key_equal,
                                        NULL, g_free);
  self->ends = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

static void
record_free (Record *record)
{
  mci_closed_connection_clear (&record->closed);
  g_free (record->end_id);
  g_free (record);
}

void
mci_history_free (MciHistory *self)
{
  if (self == NULL)
    return;
  while (self->records.head != NULL)
    record_free (g_queue_pop_head_link (&self->records)->data);
  g_hash_table_unref (self->counts);
  g_hash_table_unref (self->ends);
  g_free (self);
}

static void
count_in (MciHistory *self,
          Record     *record)
{
  GroupCount *group = g_hash_table_lookup (self->counts, &record->key);

  if (group == NULL)
    {
      group = g_new0 (GroupCount, 1);
      group->key = record->key;
      g_queue_init (&group->records);
      g_hash_table_insert (self->counts, &group->key, group);
    }
  record->group_link.data = record;
  g_queue_push_tail_link (&group->records, &record->group_link);
  self->section_counts[record->key.section]++;
}

/* Records go oldest first, so a group's oldest is the head of its list too. */
static void
count_out (MciHistory *self,
           Record     *record)
{
  GroupCount *group = g_hash_table_lookup (self->counts, &record->key);

  g_assert (group != NULL && group->records.head == &record->group_link);
  g_queue_pop_head_link (&group->records);
  g_assert (self->section_counts[record->key.section] > 0);
  self->section_counts[record->key.section]--;
  if (group->records.length == 0)
    g_hash_table_remove (self->counts, &record->key);
}

static void
drop_oldest (MciHistory *self)
{
  Record *record = g_queue_pop_head_link (&self->records)->data;

  if (record->end_id != NULL)
    g_hash_table_remove (self->ends, record->end_id);
  count_out (self, record);
  record_free (record);
}

/* How long after one end of a looping connection closes the other end's close still
 * counts as the same connection's (a new connection may reuse the four-tuple later). */
#define TWIN_DELAY (2 * G_TIME_SPAN_MINUTE)

/* "client:port>server:port": the same text from either end of a looping connection. */
static char *
looping_id (const MciConnection *row,
            gboolean             server_end)
{
  char client[MCI_ADDRESS_STRLEN], server[MCI_ADDRESS_STRLEN];
  const MciAddress *client_address = server_end ? &row->remote_address : &row->local_address;
  const MciAddress *server_address = server_end ? &row->local_address : &row->remote_address;

  return g_strdup_printf ("%s:%u>%s:%u", mci_address_to_string (client_address, client),
                          server_end ? row->remote_port : row->local_port,
                          mci_address_to_string (server_address, server),
                          server_end ? row->local_port : row->remote_port);
}

/* @closed is the other end of @twin's connection: one connection, one record, and the
 * record is its client end's, as the tree lists a looping connection. The record keeps
 * its place (and time) in the history. */
static void
pair_ends (MciHistory                *self,
           Record                    *twin,
           const MciClosedConnection *closed,
           gboolean                   server_end)
{
  g_hash_table_remove (self->ends, twin->end_id);
  g_clear_pointer (&twin->end_id, g_free);
  if (!server_end)
    {
      gint64 closed_at = twin->closed.closed_at;

      mci_closed_connection_clear (&twin->closed);
      twin->closed = *closed;
      twin->closed.owner = g_strdup (closed->owner);
      twin->closed.unit = g_strdup (closed->unit);
      twin->closed.closed_at = closed_at;
    }
}

/* Keeps copies of @closed, each in the endpoint group a snapshot would put it in by
 * @classifier (made from the latest sample: its listeners tell inbound from outbound).
 * Both ends of a looping connection close: they are one record, as they are one row. */
void
mci_history_add (MciHistory                *self,
                 const MciClosedConnection *closed,
                 guint                      n_closed,
                 MciClassifier             *classifier)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (closed != NULL || n_closed == 0);
  g_return_if_fail (classifier != NULL);

  for (guint i = 0; i < n_closed; i++)
    {
      const MciConnection *row = &closed[i].connection;
      MciSectionKind kind = mci_classifier_classify (classifier, row);
      gboolean server_end = kind == MCI_SECTION_LOOPING
                            && mci_classifier_is_server_end (classifier, row);
      g_autofree char *end_id = kind == MCI_SECTION_LOOPING ? looping_id (row, server_end) : NULL;
      Record *twin = end_id != NULL ? g_hash_table_lookup (self->ends, end_id) : NULL;
      Record *record;

      if (twin != NULL && closed[i].closed_at - twin->closed.closed_at <= TWIN_DELAY)
        {
          pair_ends (self, twin, &closed[i], server_end);
          continue;
        }
      if (twin != NULL)  /* an old connection's end whose other end never came */
        {
          g_hash_table_remove (self->ends, twin->end_id);
          g_clear_pointer (&twin->end_id, g_free);
        }
      record = g_new0 (Record, 1);
      record->link.data = record;
      record->closed = closed[i];
      record->closed.owner = g_strdup (closed[i].owner);
      record->closed.unit = g_strdup (closed[i].unit);
      mci_endpoint_key_init_group (&record->key, kind, row, server_end);
      if (end_id != NULL)
        {
          record->end_id = g_steal_pointer (&end_id);
          g_hash_table_insert (self->ends, record->end_id, record);
        }
      g_queue_push_tail_link (&self->records, &record->link);
      count_in (self, record);
    }
  while (self->records.length > self->max_records)
    drop_oldest (self);
}

/* New limits, from the settings: a smaller cap drops the oldest records at once, a
 * shorter window at the next mci_history_expire(). */
void
mci_history_set_limits (MciHistory *self,
                        GTimeSpan   window,
                        guint       max_records)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (window > 0);
  g_return_if_fail (max_records > 0);

  self->window = window;
  self->max_records = max_records;
  while (self->records.length > self->max_records)
    drop_oldest (self);
}

/* Drops the records of closes before @now (real time) less the window. */
void
mci_history_expire (MciHistory *self,
                    gint64      now)
{
  g_return_if_fail (self != NULL);

  while (self->records.head != NULL
         && ((Record *) self->records.head->data)->closed.closed_at < now - self->window)
    drop_oldest (self);
}

guint
mci_history_get_n_records (MciHistory *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->records.length;
}

/* The oldest close kept, or NULL. */
const MciClosedConnection *
mci_history_get_oldest (MciHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->records.head != NULL ? &((Record *) self->records.head->data)->closed : NULL;
}

/* The closes kept of @key's endpoint group. */
guint
mci_history_count_closed (MciHistory           *self,
                          const MciEndpointKey *key)
{
  GroupCount *group;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (key != NULL, 0);

  group = g_hash_table_lookup (self->counts, key);
  return group != NULL ? group->records.length : 0;
}

/* The closes kept of @key's endpoint group, oldest first: each list element's data is
 * an MciClosedConnection. NULL when there are none. */
const GList *
mci_history_get_closed (MciHistory           *self,
                        const MciEndpointKey *key)
{
  GroupCount *group;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  group = g_hash_table_lookup (self->counts, key);
  return group != NULL ? group->records.head : NULL;
}

/* The closes kept of @kind's groups. */
guint
mci_history_count_section (MciHistory     *self,
                           MciSectionKind  kind)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (kind < MCI_N_SECTIONS, 0);

  return self->section_counts[kind];
}

static int
most_closes_first (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  GHashTable *counts = user_data;
  const GroupCount *ga = g_hash_table_lookup (counts, *(gconstpointer *) a);
  const GroupCount *gb = g_hash_table_lookup (counts, *(gconstpointer *) b);
  gint64 last_a = ((Record *) ga->records.tail->data)->closed.closed_at;
  gint64 last_b = ((Record *) gb->records.tail->data)->closed.closed_at;

  if (ga->records.length != gb->records.length)
    return ga->records.length > gb->records.length ? -1 : 1;
  /* the same count: the one that closed last first, for an order that stays put */
  return last_a > last_b ? -1 : last_a < last_b ? 1 : 0;
}

/* The keys of @kind's groups with closes kept, most closes first; the array is the
 * caller's, the keys are the history's until it next changes. */
GPtrArray *
mci_history_get_groups (MciHistory     *self,
                        MciSectionKind  kind)
{
  GPtrArray *keys;
  GHashTableIter iter;
  GroupCount *group;

  g_return_val_if_fail (self != NULL, NULL);

  keys = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->counts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &group))
    if (group->key.section == kind)
      g_ptr_array_add (keys, &group->key);
  g_ptr_array_sort_with_data (keys, most_closes_first, self->counts);
  return keys;
}

GTimeSpan
mci_history_get_window (MciHistory *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->window;
}

/* The closed record within @list, as mci_history_get_closed () returns it. */
const MciClosedConnection *
mci_history_closed_of (const GList *link)
{
  g_return_val_if_fail (link != NULL, NULL);

  return &((const Record *) link->data)->closed;
}

/* What one record takes, besides the allocator's header and its texts. */
gsize
mci_history_get_record_size (void)
{
  return sizeof (Record);
}
