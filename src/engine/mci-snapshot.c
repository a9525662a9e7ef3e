/* mci-snapshot.c: one sample of the machine's TCP connections, grouped
 *
 * Built once, on the sampler's thread, and never changed afterwards: the window
 * reconciles its model from it and the reports print it.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-snapshot"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/socket.h>

#include "mci-classifier.h"
#include "mci-index-set.h"
#include "mci-proc-table.h"

#include "mci-snapshot.h"

#define DROPPED MCI_N_SECTIONS

/* A group's owner in a few words, made once with the owners, on the sampler's thread. */
typedef struct
{
  char           *text;
  char           *users;   /* its connections' users, "www-data root", for searching */
  char           *unit;    /* the unit of its connections, or NULL */
  MciOwnerHidden  hidden;
} GroupOwner;

struct _MciSnapshot
{
  GObject               parent_instance;
  GDateTime            *sampled_at;
  GArray               *connections;           /* MciConnection, every row */
  guint8               *kinds;                 /* per row: MciSectionKind, or DROPPED */
  MciGrouping           grouping;
  const MciConnection **members;               /* the groups' connections, one run each */
  GArray               *groups[MCI_N_SECTIONS]; /* MciEndpointGroup */
  MciSection            sections[MCI_N_SECTIONS];
  guint                 skipped_lines;
  char                 *note;                  /* what the source wants said, or NULL */
  GStrv                 hosts;                 /* over several servers: their names */
  guint                *row_hosts;             /* over several servers: each row's */
  MciOwners            *owners;                /* NULL: owners were not looked up */
  GroupOwner           *group_owners[MCI_N_SECTIONS]; /* per group, with the owners */
};

G_DEFINE_FINAL_TYPE (MciSnapshot, mci_snapshot, G_TYPE_OBJECT)

static void summarize_groups (MciSnapshot *self);

/* A looping connection turned client → server; the same for both of its views. */
typedef struct
{
  MciAddress client;
  MciAddress server;
  guint16    client_port;
  guint16    server_port;
} LoopKey;

typedef struct
{
  MciSnapshot         *self;
  MciClassifier       *classifier;
  const MciConnection *rows;
  guint                n_rows;
  guint8              *kinds;     /* the snapshot's */
  LoopKey             *loop_keys;
  MciEndpointKey      *group_keys;
  guint               *group_of;
  GArray              *all_groups;
} Builder;

static void
clear_group_owners (MciSnapshot *self)
{
  for (guint k = 0; k < MCI_N_SECTIONS; k++)
    {
      for (guint g = 0; self->group_owners[k] != NULL && g < self->sections[k].n_groups; g++)
        {
          g_free (self->group_owners[k][g].text);
          g_free (self->group_owners[k][g].users);
          g_free (self->group_owners[k][g].unit);
        }
      g_clear_pointer (&self->group_owners[k], g_free);
    }
}

static void
mci_snapshot_finalize (GObject *object)
{
  MciSnapshot *self = MCI_SNAPSHOT (object);

  g_clear_pointer (&self->sampled_at, g_date_time_unref);
  g_clear_pointer (&self->connections, g_array_unref);
  g_clear_pointer (&self->kinds, g_free);
  g_clear_pointer (&self->row_hosts, g_free);
  g_clear_pointer (&self->members, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->hosts, g_strfreev);
  for (guint i = 0; i < MCI_N_SECTIONS; i++)
    g_clear_pointer (&self->groups[i], g_array_unref);

  g_clear_pointer (&self->owners, mci_owners_unref);
  clear_group_owners (self);
  G_OBJECT_CLASS (mci_snapshot_parent_class)->finalize (object);
}

static void
mci_snapshot_class_init (MciSnapshotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mci_snapshot_finalize;
}

static void
mci_snapshot_init (MciSnapshot *self)
{
  for (guint i = 0; i < MCI_N_SECTIONS; i++)
    {
      self->groups[i] = g_array_new (FALSE, TRUE, sizeof (MciEndpointGroup));
      self->sections[i].kind = i;
    }
}

static guint
hash_loop_key (gconstpointer base,
               guint         index)
{
  return mci_index_set_hash_bytes (&((const LoopKey *) base)[index], sizeof (LoopKey));
}

static gboolean
equal_loop_keys (gconstpointer base,
                 guint         a,
                 guint         b)
{
  const LoopKey *keys = base;

  return memcmp (&keys[a], &keys[b], sizeof (LoopKey)) == 0;
}

static guint
hash_group_key (gconstpointer base,
                guint         index)
{
  return mci_endpoint_key_hash (&((const MciEndpointKey *) base)[index]);
}

static gboolean
equal_group_keys (gconstpointer base,
                  guint         a,
                  guint         b)
{
  const MciEndpointKey *keys = base;

  return mci_endpoint_key_equal (&keys[a], &keys[b]);
}

/* Returns TRUE when the row is the client's view. */
static gboolean
orient_looping (Builder *b,
                guint    i)
{
  const MciConnection *row = &b->rows[i];
  LoopKey *key = &b->loop_keys[i];
  gboolean server_view = mci_classifier_is_server_end (b->classifier, row);

  memset (key, 0, sizeof *key);
  key->client = server_view ? row->remote_address : row->local_address;
  key->client_port = server_view ? row->remote_port : row->local_port;
  key->server = server_view ? row->local_address : row->remote_address;
  key->server_port = server_view ? row->local_port : row->remote_port;
  return !server_view;
}

/* Both ends of a looping connection are on this machine and both are listed; the
 * client's view is kept and the other is counted as a duplicate. */
static void
drop_looping_duplicates (Builder *b)
{
  g_autoptr(MciIndexSet) seen = mci_index_set_new (b->n_rows, hash_loop_key, equal_loop_keys);
  g_autofree guint *kept = g_new (guint, b->n_rows);
  g_autofree gboolean *client_view = g_new0 (gboolean, b->n_rows);
  MciSection *section = &b->self->sections[MCI_SECTION_LOOPING];

  for (guint i = 0; i < b->n_rows; i++)
    {
      guint first, winner;

      if (b->kinds[i] != MCI_SECTION_LOOPING)
        continue;

      client_view[i] = orient_looping (b, i);
      first = mci_index_set_insert (seen, b->loop_keys, i);
      if (first == MCI_INDEX_SET_NONE)
        {
          kept[i] = i;
          continue;
        }

      section->n_duplicates++;
      winner = kept[first];
      if (client_view[i] && !client_view[winner])
        {
          b->kinds[winner] = DROPPED;
          kept[first] = i;
        }
      else
        b->kinds[i] = DROPPED;
    }
}

/* Each row's section and end, kept in the row for grouping again by another key and for
 * the rows that show it. The rows are the snapshot's own. */
static void
mark_rows (Builder *b)
{
  MciConnection *rows = (MciConnection *) (gpointer) b->self->connections->data;

  for (guint i = 0; i < b->n_rows; i++)
    {
      const LoopKey *loop = &b->loop_keys[i];

      rows[i].section = b->kinds[i];
      rows[i].server_end = b->kinds[i] == MCI_SECTION_LOOPING
                           && (loop->client_port != rows[i].local_port
                               || !mci_address_equal (&loop->client, &rows[i].local_address));
    }
}

static void
make_group_key (Builder *b,
                guint    i)
{
  gboolean server_end = b->rows[i].server_end;

  if (b->self->grouping == MCI_GROUPING_ADDRESS)
    mci_endpoint_key_init_address (&b->group_keys[i], b->kinds[i], &b->rows[i], server_end);
  else
    mci_endpoint_key_init_group (&b->group_keys[i], b->kinds[i], &b->rows[i], server_end);
  /* over several servers, an endpoint is one server's; a distant address is the fleet's,
   * which is how a person finds the address most connected across it */
  if (b->self->row_hosts != NULL)
    b->group_keys[i].host = b->group_keys[i].section == MCI_SECTION_DISTANT
                            ? MCI_ENDPOINT_KEY_ALL_HOSTS : b->self->row_hosts[i];
}

static void
append_group (Builder              *b,
              const MciEndpointKey *key)
{
  MciEndpointGroup group = { 0 };

  group.key = *key;
  g_array_append_val (b->all_groups, group);
}

static void
assign_groups (Builder *b)
{
  g_autoptr(MciIndexSet) seen = mci_index_set_new (b->n_rows, hash_group_key, equal_group_keys);

  for (guint i = 0; i < b->n_rows; i++)
    {
      guint first;

      if (b->kinds[i] == DROPPED)
        continue;

      make_group_key (b, i);
      first = mci_index_set_insert (seen, b->group_keys, i);
      if (first == MCI_INDEX_SET_NONE)
        {
          b->group_of[i] = b->all_groups->len;
          append_group (b, &b->group_keys[i]);
        }
      else
        b->group_of[i] = b->group_of[first];
    }
}

/* Counts, tallies, and each group's run of members, in the order of the rows. */
static void
fill_groups (Builder *b)
{
  MciEndpointGroup *groups = (MciEndpointGroup *) (gpointer) b->all_groups->data;
  g_autofree guint *next = g_new0 (guint, b->all_groups->len + 1);
  guint offset = 0;

  for (guint i = 0; i < b->n_rows; i++)
    if (b->kinds[i] != DROPPED)
      {
        groups[b->group_of[i]].n_connections++;
        groups[b->group_of[i]].states[b->rows[i].state]++;
        mci_traffic_add (&groups[b->group_of[i]].traffic, &b->rows[i]);
      }

  b->self->members = g_new (const MciConnection *, MAX (b->n_rows, 1));
  for (guint g = 0; g < b->all_groups->len; g++)
    {
      groups[g].connections = b->self->members + offset;
      next[g] = offset;
      offset += groups[g].n_connections;
    }

  for (guint i = 0; i < b->n_rows; i++)
    if (b->kinds[i] != DROPPED)
      b->self->members[next[b->group_of[i]]++] = &b->rows[i];
}

static int
compare_group_indices (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const MciEndpointGroup *groups = user_data;

  return mci_endpoint_group_compare (&groups[*(const guint *) a], &groups[*(const guint *) b]);
}

/* Sorting indices, not the groups themselves: a group is over a hundred bytes, and a
 * busy server has tens of thousands of them. */
static void
publish_sections (Builder *b)
{
  MciSnapshot *self = b->self;
  const MciEndpointGroup *groups = (const MciEndpointGroup *) (gpointer) b->all_groups->data;
  g_autofree guint *order = g_new (guint, MAX (b->all_groups->len, 1));

  for (guint g = 0; g < b->all_groups->len; g++)
    order[g] = g;
  g_qsort_with_data (order, b->all_groups->len, sizeof (guint), compare_group_indices,
                     (gpointer) groups);

  for (guint i = 0; i < b->all_groups->len; i++)
    {
      const MciEndpointGroup *group = &groups[order[i]];

      g_array_append_vals (self->groups[group->key.section], group, 1);
      self->sections[group->key.section].n_connections += group->n_connections;
      mci_traffic_add_traffic (&self->sections[group->key.section].traffic, &group->traffic);
    }

  for (guint k = 0; k < MCI_N_SECTIONS; k++)
    {
      self->sections[k].n_groups = self->groups[k]->len;
      self->sections[k].groups = (const MciEndpointGroup *) (gpointer) self->groups[k]->data;
    }
}

/* Groups the classified rows by the snapshot's grouping. */
static void
group (MciSnapshot *self)
{
  Builder b = { self };

  b.rows = (const MciConnection *) (gpointer) self->connections->data;
  b.n_rows = self->connections->len;
  b.kinds = self->kinds;
  b.group_keys = g_new (MciEndpointKey, MAX (b.n_rows, 1));
  b.group_of = g_new (guint, MAX (b.n_rows, 1));
  b.all_groups = g_array_new (FALSE, FALSE, sizeof (MciEndpointGroup));

  assign_groups (&b);
  fill_groups (&b);
  publish_sections (&b);

  g_free (b.group_keys);
  g_free (b.group_of);
  g_array_unref (b.all_groups);
}

/* Classifies every row once; grouping again (mci_snapshot_set_grouping ()) starts
 * from what this keeps. */
static void
classify (MciSnapshot     *self,
          MciLocalMachine *machine)
{
  Builder b = { self };

  b.rows = (const MciConnection *) (gpointer) self->connections->data;
  b.n_rows = self->connections->len;
  b.classifier = mci_classifier_new (machine, b.rows, b.n_rows);
  b.kinds = self->kinds = g_new (guint8, MAX (b.n_rows, 1));
  b.loop_keys = g_new (LoopKey, MAX (b.n_rows, 1));

  for (guint i = 0; i < b.n_rows; i++)
    b.kinds[i] = mci_classifier_classify (b.classifier, &b.rows[i]);
  drop_looping_duplicates (&b);
  mark_rows (&b);

  mci_classifier_free (b.classifier);
  g_free (b.loop_keys);
}

/* Forgets the groups, not the duplicates: those do not depend on the grouping. */
static void
clear_groups (MciSnapshot *self)
{
  clear_group_owners (self);
  g_clear_pointer (&self->members, g_free);
  for (guint k = 0; k < MCI_N_SECTIONS; k++)
    {
      g_array_set_size (self->groups[k], 0);
      self->sections[k].n_connections = 0;
      self->sections[k].n_groups = 0;
      self->sections[k].groups = NULL;
      memset (&self->sections[k].traffic, 0, sizeof self->sections[k].traffic);
    }
}

/**
 * mci_snapshot_set_grouping:
 *
 * Groups the connections again, by endpoint or by address; the owners' summaries follow.
 * Blocking work like the first grouping, for the sampler's worker, before the snapshot
 * is handed out.
 */
void
mci_snapshot_set_grouping (MciSnapshot *self,
                           MciGrouping  grouping)
{
  g_return_if_fail (MCI_IS_SNAPSHOT (self));

  if (self->grouping == grouping || self->kinds == NULL)
    return;
  clear_groups (self);
  self->grouping = grouping;
  group (self);
  if (self->owners != NULL)
    summarize_groups (self);
}

MciGrouping
mci_snapshot_get_grouping (MciSnapshot *self)
{
  g_return_val_if_fail (MCI_IS_SNAPSHOT (self), MCI_GROUPING_ENDPOINT);

  return self->grouping;
}

/**
 * mci_snapshot_new:
 * @connections: (transfer full): MciConnection rows, each socket once
 * @machine: the machine they were sampled on
 * @skipped_lines: lines of input that did not parse
 * @sampled_at: (nullable): when; now if %NULL
 */
MciSnapshot *
mci_snapshot_new (GArray          *connections,
                  MciLocalMachine *machine,
                  guint            skipped_lines,
                  GDateTime       *sampled_at)
{
  MciSnapshot *self;

  g_return_val_if_fail (connections != NULL, NULL);
  g_return_val_if_fail (g_array_get_element_size (connections) == sizeof (MciConnection), NULL);
  g_return_val_if_fail (machine != NULL, NULL);

  self = g_object_new (MCI_TYPE_SNAPSHOT, NULL);
  self->connections = connections;
  self->skipped_lines = skipped_lines;
  self->sampled_at = sampled_at != NULL ? g_date_time_ref (sampled_at)
                                        : g_date_time_new_now_utc ();
  classify (self, machine);
  group (self);
  return self;
}

/**
 * mci_snapshot_new_merged:
 * @parts: (array length=n_parts): one snapshot per server
 * @hosts: (array length=n_parts): their names, as the user gave them
 *
 * One snapshot over several servers, for a fleet: by endpoint every group keeps its
 * server (its key's host, an index into @hosts); by address (mci_snapshot_set_grouping ())
 * a distant address sums its connections over every server (its key's host is
 * MCI_ENDPOINT_KEY_ALL_HOSTS), while looping and listening groups stay each server's.
 * Sections add up, and the groups of all servers are in one order, most connected
 * first. The rows keep the sections their parts classified them in, so grouping again
 * needs no machine. Owners are not carried over.
 */
MciSnapshot *
mci_snapshot_new_merged (MciSnapshot * const *parts,
                         const char * const  *hosts,
                         guint                n_parts)
{
  MciSnapshot *self = g_object_new (MCI_TYPE_SNAPSHOT, NULL);
  const MciConnection *rows;
  guint n_rows = 0;

  g_return_val_if_fail (parts != NULL || n_parts == 0, NULL);

  for (guint i = 0; i < n_parts; i++)
    n_rows += parts[i]->connections->len;
  self->connections = g_array_sized_new (FALSE, FALSE, sizeof (MciConnection), n_rows);
  self->row_hosts = g_new (guint, MAX (n_rows, 1));
  self->hosts = g_new0 (char *, n_parts + 1);
  self->sampled_at = g_date_time_new_now_utc ();
  for (guint i = 0; i < n_parts; i++)
    {
      guint offset = self->connections->len;

      g_array_append_vals (self->connections, parts[i]->connections->data,
                           parts[i]->connections->len);
      for (guint r = offset; r < self->connections->len; r++)
        self->row_hosts[r] = i;
      self->hosts[i] = g_strdup (hosts[i]);
      self->skipped_lines += parts[i]->skipped_lines;
      for (guint k = 0; k < MCI_N_SECTIONS; k++)
        self->sections[k].n_duplicates += parts[i]->sections[k].n_duplicates;
    }
  /* each row says the section its part put it in, or that it was a duplicate */
  rows = (const MciConnection *) (gpointer) self->connections->data;
  self->kinds = g_new (guint8, MAX (n_rows, 1));
  for (guint r = 0; r < n_rows; r++)
    self->kinds[r] = rows[r].section;
  group (self);
  return self;
}

/**
 * mci_snapshot_count_hosts:
 * @connections: (array length=n_connections): rows of @self, a group's
 *
 * Returns: how many servers these rows are on, in a snapshot over several; else 1.
 */
guint
mci_snapshot_count_hosts (MciSnapshot                 *self,
                          const MciConnection * const *connections,
                          guint                        n_connections)
{
  const MciConnection *rows;
  guint n = 0, last = G_MAXUINT;

  g_return_val_if_fail (MCI_IS_SNAPSHOT (self), 0);

  if (self->row_hosts == NULL)
    return n_connections > 0 ? 1 : 0;
  rows = (const MciConnection *) (gpointer) self->connections->data;
  /* a group's members are in the order of the rows, the servers' one after another */
  for (guint c = 0; c < n_connections; c++)
    {
      guint host = self->row_hosts[connections[c] - rows];

      n += host != last;
      last = host;
    }
  return n;
}

/* The name of server @host in a snapshot over several, or NULL in one of one machine. */
const char *
mci_snapshot_get_host (MciSnapshot *self,
                       guint        host)
{
  g_return_val_if_fail (MCI_IS_SNAPSHOT (self), NULL);

  if (self->hosts == NULL || host >= g_strv_length (self->hosts))
    return NULL;
  return self->hosts[host];
}

static gboolean
load_tables (MciProcTable  *table,
             const char    *proc_root,
             GError       **error)
{
  g_autofree char *tcp = g_build_filename (proc_root, "tcp", NULL);
  g_autofree char *tcp6 = g_build_filename (proc_root, "tcp6", NULL);
  g_autoptr(GError) local_error = NULL;

  if (!mci_proc_table_load (table, tcp, AF_INET, error))
    return FALSE;

  /* no tcp6 is a machine with IPv6 disabled, not an error */
  if (!mci_proc_table_load (table, tcp6, AF_INET6, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Tables of which not one line could be read are no connection tables: saying that the
 * machine has no connections would be wrong. */
static gboolean
check_some_read (MciProcTable  *table,
                 const char    *proc_root,
                 GError       **error)
{
  guint n_rows, n_skipped = mci_proc_table_get_skipped_lines (table);
  g_autofree char *where = NULL;

  mci_proc_table_get_connections (table, &n_rows);
  if (n_rows > 0 || n_skipped == 0)
    return TRUE;
  where = g_filename_display_name (proc_root);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               ngettext ("None of the connection tables in %s could be read: its %u line is "
                         "not a TCP connection as /proc/net/tcp lists them",
                         "None of the connection tables in %s could be read: their %u lines "
                         "are not TCP connections as /proc/net/tcp lists them", n_skipped),
               where, n_skipped);
  return FALSE;
}

/**
 * mci_snapshot_new_from_proc:
 * @proc_root: a directory laid out like /proc/net: MCI_LIVE_PROC_ROOT or a saved copy
 *
 * Reads, parses, classifies and groups: blocking work, for a worker thread.
 */
MciSnapshot *
mci_snapshot_new_from_proc (const char    *proc_root,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(MciProcTable) table = NULL;
  g_autoptr(MciLocalMachine) machine = NULL;
  g_autoptr(GDateTime) now = NULL;
  gboolean live;

  g_return_val_if_fail (proc_root != NULL, NULL);

  /* an empty name would read the current directory as if it were a capture */
  if (proc_root[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The capture directory’s name is empty: name a directory, "
                             "“.” for the current one"));
      return NULL;
    }
  table = mci_proc_table_new ();
  now = g_date_time_new_now_utc ();
  /* only the live machine has a sysctl tree that belongs to this proc root */
  live = g_str_has_prefix (proc_root, "/proc/");
  if (!load_tables (table, proc_root, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!check_some_read (table, proc_root, error))
    return NULL;

  machine = mci_local_machine_load (proc_root, live ? "/proc/sys/net/ipv4" : NULL);
  return mci_snapshot_new (mci_proc_table_steal_connections (table), machine,
                           mci_proc_table_get_skipped_lines (table), now);
}

gboolean
mci_snapshot_has_owners (MciSnapshot *self)
{
  g_return_val_if_fail (MCI_IS_SNAPSHOT (self), FALSE);

  return self->owners != NULL;
}

/* The owner of @connection, one of this snapshot's. FALSE, and an empty @owner, when it
 * is not known or the socket has none. */
gboolean
mci_snapshot_get_owner (MciSnapshot         *self,
                        const MciConnection *connection,
                        MciOwner            *owner)
{
  const MciConnection *first;

  g_return_val_if_fail (MCI_IS_SNAPSHOT (self), FALSE);
  g_return_val_if_fail (owner != NULL, FALSE);

  memset (owner, 0, sizeof *owner);
  first = (const MciConnection *) (gpointer) self->connections->data;
  if (self->owners == NULL || connection < first || connection >= first + self->connections->len)
    return FALSE;
  return mci_owners_get (self->owners, connection - first, owner);
}

/* "nginx (1234)" when one process owns all of @group's connections, "3 processes" when
 * several do, the unit (nginx.service) and then the user where no process can be seen;
 * NULL when none of its connections has an owner (all in TIME_WAIT). One pass gathers the users and why a process could
 * not be seen too. */
static void
summarize_group (MciSnapshot            *self,
                 const MciEndpointGroup *group,
                 GroupOwner             *summary)
{
  g_autoptr(GHashTable) pids = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) users = g_ptr_array_new ();
  MciOwner owner, first = { 0 };
  const char *unit = NULL;
  guint n_owned = 0, n_unseen = 0;

  for (guint i = 0; i < group->n_connections; i++)
    {
      if (!mci_snapshot_get_owner (self, group->connections[i], &owner))
        continue;
      if (n_owned++ == 0 || (first.pid == 0 && owner.pid != 0))
        first = owner;
      if (unit == NULL)
        unit = owner.unit;
      if (owner.pid != 0)
        g_hash_table_add (pids, GINT_TO_POINTER (owner.pid));
      else if (n_unseen++ == 0)
        summary->hidden = owner.hidden;
      if (owner.user != NULL && !g_ptr_array_find_with_equal_func (users, owner.user, g_str_equal,
                                                                   NULL))
        g_ptr_array_add (users, (gpointer) owner.user);
    }
  g_ptr_array_add (users, NULL);
  summary->users = g_strjoinv (" ", (char **) users->pdata);
  summary->unit = g_strdup (unit);
  if (n_owned == 0)
    summary->text = NULL;
  else if (g_hash_table_size (pids) == 0)
    summary->text = g_strdup (unit != NULL ? unit : first.user);
  else if (g_hash_table_size (pids) == 1 && n_unseen == 0)
    summary->text = mci_owner_format (&first);
  else
    summary->text = g_strdup_printf (ngettext ("%u process", "%u processes",
                                               g_hash_table_size (pids)),
                                     g_hash_table_size (pids));
}

static const GroupOwner *
find_summary (MciSnapshot            *self,
              const MciEndpointGroup *group)
{
  const MciSection *section = &self->sections[group->key.section];

  if (self->group_owners[group->key.section] != NULL && group >= section->groups
      && group < section->groups + section->n_groups)
    return &self->group_owners[group->key.section][group - section->groups];
  return NULL;
}

/* @group's owner in a few words (see summarize_group()), or NULL; @users and @hidden, if
 * not NULL, get its users and why some process could not be seen. */
const char *
mci_snapshot_get_group_owner (MciSnapshot            *self,
                              const MciEndpointGroup *group,
                              const char            **users,
                              MciOwnerHidden         *hidden)
{
  const GroupOwner *summary;

  g_return_val_if_fail (MCI_IS_SNAPSHOT (self), NULL);
  g_return_val_if_fail (group != NULL && group->key.section < MCI_N_SECTIONS, NULL);

  summary = find_summary (self, group);
  if (users != NULL)
    *users = summary != NULL ? summary->users : NULL;
  if (hidden != NULL)
    *hidden = summary != NULL ? summary->hidden : MCI_OWNER_HIDDEN_NONE;
  return summary != NULL ? summary->text : NULL;
}

/* The unit of @group's connections (the first that has one), or NULL. */
const char *
mci_snapshot_get_group_unit (MciSnapshot            *self,
                             const MciEndpointGroup *group)
{
  const GroupOwner *summary;

  g_return_val_if_fail (MCI_IS_SNAPSHOT (self), NULL);
  g_return_val_if_fail (group != NULL && group->key.section < MCI_N_SECTIONS, NULL);

  summary = find_summary (self, group);
  return summary != NULL ? summary->unit : NULL;
}

static void
summarize_groups (MciSnapshot *self)
{
  for (guint k = 0; k < MCI_N_SECTIONS; k++)
    {
      self->group_owners[k] = g_new0 (GroupOwner, self->sections[k].n_groups);
      for (guint g = 0; g < self->sections[k].n_groups; g++)
        summarize_group (self, &self->sections[k].groups[g], &self->group_owners[k][g]);
    }
}

/* Attaches who owns the connections, and sums them up per group. */
static void
set_owners (MciSnapshot *self,
            MciOwners   *owners)
{
  g_assert (MCI_IS_SNAPSHOT (self));
  g_assert (self->owners == NULL);

  self->owners = mci_owners_ref (owners);
  summarize_groups (self);
}

/* Looks up who owns the connections, through @map; blocking, for the sampler's worker. */
void
mci_snapshot_add_owners (MciSnapshot *self,
                         MciOwnerMap *map)
{
  g_autoptr(MciOwners) owners = NULL;

  g_return_if_fail (MCI_IS_SNAPSHOT (self));
  g_return_if_fail (map != NULL);

  owners = mci_owner_map_lookup (map, (const MciConnection *) (gpointer) self->connections->data,
                                 self->connections->len);
  set_owners (self, owners);
}

GDateTime *
mci_snapshot_get_sampled_at (MciSnapshot *self)
{
  g_return_val_if_fail (MCI_IS_SNAPSHOT (self), NULL);
  return self->sampled_at;
}

guint
mci_snapshot_get_skipped_lines (MciSnapshot *self)
{
  g_return_val_if_fail (MCI_IS_SNAPSHOT (self), 0);
  return self->skipped_lines;
}

const MciSection *
mci_snapshot_get_section (MciSnapshot    *self,
                          MciSectionKind  kind)
{
  g_return_val_if_fail (MCI_IS_SNAPSHOT (self), NULL);
  g_return_val_if_fail (kind < MCI_N_SECTIONS, NULL);
  return &self->sections[kind];
}

/* Every row read, the dropped duplicates among them. */
const MciConnection *
mci_snapshot_get_connections (MciSnapshot *self,
                              guint       *n_connections)
{
  g_return_val_if_fail (MCI_IS_SNAPSHOT (self), NULL);

  if (n_connections != NULL)
    *n_connections = self->connections->len;
  return (const MciConnection *) (gpointer) self->connections->data;
}

/* What the source wants a person told about this sample: that it fell back to /proc,
 * or that the table changed while it was read. Set before the snapshot is handed out. */
void
mci_snapshot_set_note (MciSnapshot *self,
                       const char  *note)
{
  g_return_if_fail (MCI_IS_SNAPSHOT (self));

  g_free (self->note);
  self->note = g_strdup (note);
}

const char *
mci_snapshot_get_note (MciSnapshot *self)
{
  g_return_val_if_fail (MCI_IS_SNAPSHOT (self), NULL);

  return self->note;
}
