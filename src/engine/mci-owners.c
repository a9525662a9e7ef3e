/* mci-owners.c: who owns each connection of a snapshot: its process and its user
 *
 * As `ss -p` and `lsof` do, a socket's process is found by the links in /proc/PID/fd
 * ("socket:[INODE]"), but not by reading every link of every process on every sample:
 * the map of inode → (pid, fd) is kept between samples. A sample checks each known
 * socket with one readlink() of its own fd, and scans processes only for sockets it has
 * not placed yet: first the processes it has never scanned, then, if some are still
 * missing, the others. Sockets that a full scan could not place (another user's, or a
 * process outside our PID namespace) are remembered, so they do not cost a full scan on
 * every sample. A process that exits during a scan is ordinary: its links just vanish.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-owners"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mci-owners.h"
#include "mci-unit-map.h"
#include "mci-untrusted.h"

typedef struct
{
  int     pid;
  guint64 start_time;  /* in clock ticks since boot: tells a reused pid apart */
  char   *name;
  char  *command_line;
  int    fd_dir;      /* /proc/PID/fd, kept open once scanned: -1 before */
  guint  scanned : 1;
  guint  unreadable : 1;
  guint  seen : 1;
} Process;

typedef struct
{
  int pid;
  int fd;
} Place;

struct _MciOwnerMap
{
  char       *proc_dir;
  GHashTable *processes;  /* pid → Process */
  GHashTable *places;     /* inode (guint64 *) → Place */
  GHashTable *unplaced;   /* inode → TRUE: a full scan could not place it */
  GHashTable *users;      /* uid → name */
  guint       n_scans;    /* processes whose fds were read, all in all (for tests) */
  gboolean    root;
  gboolean    sandboxed;
  MciUnitMap *units;      /* the cgroups of sockets that sock_diag told */
};

struct _MciOwners
{
  gatomicrefcount ref_count;
  guint           n;
  int            *pids;       /* per connection; 0: not known */
  gboolean       *has_user;
  guint32        *uids;
  const char    **units;      /* per connection, into unit_names; NULL: none */
  GStringChunk   *unit_names;
  char           *units_unseen;
  GHashTable     *processes;  /* pid → Process (copies) */
  GHashTable     *users;      /* uid → name */
  gboolean        root;
  gboolean        sandboxed;
};

/* Processes */

static void
process_free (gpointer data)
{
  Process *process = data;

  if (process->fd_dir >= 0)
    close (process->fd_dir);
  g_free (process->name);
  g_free (process->command_line);
  g_free (process);
}

static char *
read_small_file (const char *path,
                 gsize      *length)
{
  char buffer[4096];
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  gssize n;

  if (fd < 0)
    return NULL;
  n = read (fd, buffer, sizeof buffer - 1);
  close (fd);
  if (n < 0)
    return NULL;
  buffer[n] = '\0';
  if (length != NULL)
    *length = n;
  return g_memdup2 (buffer, n + 1);
}

/* The name and, arguments joined by spaces, the command line; both chosen by whoever
 * started the process, so both sanitised as untrusted text. */
static void
read_identity (MciOwnerMap *self,
               Process     *process)
{
  g_autofree char *comm_path = g_strdup_printf ("%s/%d/comm", self->proc_dir, process->pid);
  g_autofree char *cmdline_path = g_strdup_printf ("%s/%d/cmdline", self->proc_dir, process->pid);
  g_autofree char *comm = read_small_file (comm_path, NULL);
  g_autofree char *cmdline = NULL;
  gsize length = 0;

  if (comm != NULL)
    {
      g_strchomp (comm);
      process->name = mci_untrusted_sanitize (comm, 0);
    }
  cmdline = read_small_file (cmdline_path, &length);
  if (cmdline != NULL && length > 0)
    {
      for (gsize i = 0; i + 1 < length; i++)
        if (cmdline[i] == '\0')
          cmdline[i] = ' ';
      process->command_line = mci_untrusted_sanitize (cmdline, 0);
    }
}

static gboolean
parse_socket_link (const char *link,
                   guint64    *inode)
{
  char *end;

  if (!g_str_has_prefix (link, "socket:["))
    return FALSE;
  *inode = g_ascii_strtoull (link + 8, &end, 10);
  return *end == ']';
}

static void
place (MciOwnerMap *self,
       guint64      inode,
       int          pid,
       int          fd)
{
  Place *where = g_new (Place, 1);

  where->pid = pid;
  where->fd = fd;
  g_hash_table_insert (self->places, g_memdup2 (&inode, sizeof inode), where);
  g_hash_table_remove (self->unplaced, &inode);
}

/* Reads every socket link of one process. Returns FALSE when its fds cannot be read. */
static gboolean
scan_process (MciOwnerMap *self,
              Process     *process)
{
  g_autofree char *path = g_strdup_printf ("%s/%d/fd", self->proc_dir, process->pid);
  DIR *dir = opendir (path);
  struct dirent *entry;
  int dir_fd;

  process->scanned = TRUE;
  self->n_scans++;
  if (dir == NULL)
    {
      process->unreadable = errno == EACCES || errno == EPERM;
      return FALSE;
    }
  dir_fd = dirfd (dir);
  /* kept for checking its sockets later without looking the path up each time; it
   * stops working when the process exits, even if its pid is taken again */
  if (process->fd_dir < 0)
    process->fd_dir = fcntl (dir_fd, F_DUPFD_CLOEXEC, 0);
  while ((entry = readdir (dir)) != NULL)
    {
      char link[64];
      gssize n;
      guint64 inode;

      if (entry->d_name[0] == '.')
        continue;
      n = readlinkat (dir_fd, entry->d_name, link, sizeof link - 1);
      if (n <= 0)
        continue;
      link[n] = '\0';
      if (parse_socket_link (link, &inode))
        place (self, inode, process->pid, atoi (entry->d_name));
    }
  closedir (dir);
  return TRUE;
}

/* The pids now in /proc: new ones are added, vanished ones dropped with their sockets. */
static void
list_processes (MciOwnerMap *self)
{
  DIR *dir = opendir (self->proc_dir);
  struct dirent *entry;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->processes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((Process *) value)->seen = FALSE;
  while (dir != NULL && (entry = readdir (dir)) != NULL)
    {
      char *end;
      long pid = strtol (entry->d_name, &end, 10);
      Process *process;

      if (*end != '\0' || pid <= 0)
        continue;
      process = g_hash_table_lookup (self->processes, GINT_TO_POINTER (pid));
      if (process == NULL)
        {
          process = g_new0 (Process, 1);
          process->pid = pid;
          process->fd_dir = -1;
          g_hash_table_insert (self->processes, GINT_TO_POINTER (pid), process);
        }
      process->seen = TRUE;
    }
  if (dir != NULL)
    closedir (dir);
  g_hash_table_iter_init (&iter, self->processes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!((Process *) value)->seen)
      g_hash_table_iter_remove (&iter);
}

/* A known place still holds the socket: the same fd of the same process links to it.
 * This is what keeps a reused pid or a passed socket from being named wrongly. */
static gboolean
still_there (MciOwnerMap *self,
             guint64      inode,
             const Place *where)
{
  Process *process = g_hash_table_lookup (self->processes, GINT_TO_POINTER (where->pid));
  char name[16];
  struct stat target;

  if (process == NULL || process->fd_dir < 0)
    return FALSE;
  g_snprintf (name, sizeof name, "%d", where->fd);
  /* following the link lands on the socket itself: cheaper than reading its text */
  return fstatat (process->fd_dir, name, &target, 0) == 0 && S_ISSOCK (target.st_mode)
         && target.st_ino == inode;
}

/* The sockets of this sample that have no place yet. */
static GHashTable *
check_places (MciOwnerMap         *self,
              const MciConnection *connections,
              guint                n_connections)
{
  GHashTable *missing = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < n_connections; i++)
    if (connections[i].inode != 0)
      g_hash_table_add (wanted, (gpointer) &connections[i].inode);
  /* forget what this sample does not have, and what moved */
  g_hash_table_iter_init (&iter, self->places);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (wanted, key) || !still_there (self, *(guint64 *) key, value))
      g_hash_table_iter_remove (&iter);
  g_hash_table_iter_init (&iter, self->unplaced);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (wanted, key))
      g_hash_table_iter_remove (&iter);
  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (self->places, key) && !g_hash_table_contains (self->unplaced, key))
      g_hash_table_add (missing, key);
  return missing;
}

static void
drop_placed (MciOwnerMap *self,
             GHashTable  *missing)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, missing);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (self->places, key))
      g_hash_table_iter_remove (&iter);
}

/* New processes first; then, if sockets are still missing, all the others once more. */
static void
find_missing (MciOwnerMap *self,
              GHashTable  *missing)
{
  GHashTableIter iter;
  gpointer value;

  for (guint pass = 0; pass < 2 && g_hash_table_size (missing) > 0; pass++)
    {
      g_hash_table_iter_init (&iter, self->processes);
      while (g_hash_table_iter_next (&iter, NULL, &value) && g_hash_table_size (missing) > 0)
        {
          Process *process = value;

          if ((pass == 0) == process->scanned || process->unreadable)
            continue;
          if (scan_process (self, process))
            drop_placed (self, missing);
        }
    }
  /* what two passes could not place, no scan will until something changes */
  g_hash_table_iter_init (&iter, missing);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    g_hash_table_add (self->unplaced, g_memdup2 (value, sizeof (guint64)));
}

/* Users */

static const char *
user_name (MciOwnerMap *self,
           guint32      uid)
{
  char *name = g_hash_table_lookup (self->users, GUINT_TO_POINTER (uid));
  struct passwd entry, *result = NULL;
  char buffer[1024];

  if (name != NULL)
    return name;
  if (getpwuid_r (uid, &entry, buffer, sizeof buffer, &result) == 0 && result != NULL)
    name = mci_untrusted_sanitize (result->pw_name, 0);
  else
    name = g_strdup_printf ("%u", uid);
  g_hash_table_insert (self->users, GUINT_TO_POINTER (uid), name);
  return name;
}

/* The map */

/* @proc_dir: where processes are listed, "/proc" for the live machine. */
MciOwnerMap *
mci_owner_map_new (const char *proc_dir)
{
  MciOwnerMap *self;

  g_return_val_if_fail (proc_dir != NULL, NULL);

  self = g_new0 (MciOwnerMap, 1);
  self->proc_dir = g_strdup (proc_dir);
  self->processes = g_hash_table_new_full (NULL, NULL, NULL, process_free);
  self->places = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->unplaced = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->users = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->root = geteuid () == 0;
  self->sandboxed = g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
  {
    g_autofree char *mountinfo = g_build_filename (proc_dir, "self", "mountinfo", NULL);

    self->units = mci_unit_map_new (mountinfo);
  }
  return self;
}

void
mci_owner_map_free (MciOwnerMap *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->processes);
  g_hash_table_unref (self->places);
  g_hash_table_unref (self->unplaced);
  g_hash_table_unref (self->users);
  mci_unit_map_free (self->units);
  g_free (self->proc_dir);
  g_free (self);
}

guint
mci_owner_map_get_n_scans (MciOwnerMap *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_scans;
}

/* Field 22 of /proc/PID/stat, after the command name, which may hold spaces and ")". */
static guint64
read_start_time (MciOwnerMap *self,
                 int          pid)
{
  g_autofree char *path = g_strdup_printf ("%s/%d/stat", self->proc_dir, pid);
  g_autofree char *stat = read_small_file (path, NULL);
  const char *field;
  guint skip = 19;

  if (stat == NULL || (field = strrchr (stat, ')')) == NULL)
    return 0;
  field++;
  while (skip-- > 0 && (field = strchr (field + 1, ' ')) != NULL)
    ;
  return field != NULL ? g_ascii_strtoull (field + 1, NULL, 10) : 0;
}

static Process *
copy_process (MciOwnerMap *self,
              Process     *process)
{
  guint64 start_time = read_start_time (self, process->pid);
  Process *copy;

  /* the pid was let go and taken again between two samples: another program now */
  if (start_time != process->start_time)
    {
      g_clear_pointer (&process->name, g_free);
      g_clear_pointer (&process->command_line, g_free);
      process->start_time = start_time;
    }
  if (process->name == NULL)
    read_identity (self, process);
  /* it exited between the reading of its fds and of its name: a pid without a name
   * would be half an answer */
  if (process->name == NULL)
    return NULL;
  copy = g_new0 (Process, 1);
  copy->pid = process->pid;
  copy->fd_dir = -1;
  copy->name = g_strdup (process->name);
  copy->command_line = g_strdup (process->command_line);
  return copy;
}

/* Blocking: for a worker thread. */
MciOwners *
mci_owner_map_lookup (MciOwnerMap         *self,
                      const MciConnection *connections,
                      guint                n_connections)
{
  MciOwners *owners;
  g_autoptr(GHashTable) missing = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  owners = g_new0 (MciOwners, 1);
  g_atomic_ref_count_init (&owners->ref_count);
  owners->n = n_connections;
  owners->pids = g_new0 (int, n_connections);
  owners->has_user = g_new0 (gboolean, n_connections);
  owners->uids = g_new0 (guint32, n_connections);
  owners->units = g_new0 (const char *, n_connections);
  owners->unit_names = g_string_chunk_new (256);
  owners->processes = g_hash_table_new_full (NULL, NULL, NULL, process_free);
  owners->users = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  owners->root = self->root;
  owners->sandboxed = self->sandboxed;

  mci_unit_map_next_sample (self->units);
  list_processes (self);
  missing = check_places (self, connections, n_connections);
  find_missing (self, missing);
  for (guint i = 0; i < n_connections; i++)
    {
      const MciConnection *connection = &connections[i];
      Place *where;
      Process *process;
      const char *unit = mci_unit_map_lookup (self->units, connection->cgroup_id);

      /* the chunk keeps one copy of each name */
      if (unit != NULL)
        owners->units[i] = g_string_chunk_insert_const (owners->unit_names, unit);

      /* a socket without an inode (TIME_WAIT) belongs to nobody any more */
      if (connection->inode == 0)
        continue;
      owners->has_user[i] = TRUE;
      owners->uids[i] = connection->uid;
      if (!g_hash_table_contains (owners->users, GUINT_TO_POINTER (connection->uid)))
        g_hash_table_insert (owners->users, GUINT_TO_POINTER (connection->uid),
                             g_strdup (user_name (self, connection->uid)));
      where = g_hash_table_lookup (self->places, &connection->inode);
      if (where == NULL)
        continue;
      process = g_hash_table_lookup (self->processes, GINT_TO_POINTER (where->pid));
      if (process == NULL)
        continue;
      if (!g_hash_table_contains (owners->processes, GINT_TO_POINTER (where->pid)))
        {
          Process *copy = copy_process (self, process);

          if (copy == NULL)
            continue;
          g_hash_table_insert (owners->processes, GINT_TO_POINTER (where->pid), copy);
        }
      owners->pids[i] = where->pid;
    }
  if (mci_unit_map_get_error (self->units) != NULL)
    owners->units_unseen = g_strdup (mci_unit_map_get_error (self->units)->message);
  return owners;
}

/* Owners */

MciOwners *
mci_owners_ref (MciOwners *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mci_owners_unref (MciOwners *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->pids);
  g_free (self->has_user);
  g_free (self->uids);
  g_free (self->units);
  g_string_chunk_free (self->unit_names);
  g_free (self->units_unseen);
  g_hash_table_unref (self->processes);
  g_hash_table_unref (self->users);
  g_free (self);
}

/* @index: the connection's place in the snapshot's list of connections. Returns FALSE,
 * and an empty @owner, when the socket has no owner at all. */
gboolean
mci_owners_get (MciOwners *self,
                guint      index,
                MciOwner  *owner)
{
  Process *process;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (owner != NULL, FALSE);

  memset (owner, 0, sizeof *owner);
  if (index >= self->n)
    return FALSE;
  owner->unit = self->units[index];
  owner->units_unseen = self->units_unseen;
  if (!self->has_user[index])
    return owner->unit != NULL;
  owner->has_user = TRUE;
  owner->uid = self->uids[index];
  owner->user = g_hash_table_lookup (self->users, GUINT_TO_POINTER (owner->uid));
  owner->pid = self->pids[index];
  process = owner->pid != 0 ? g_hash_table_lookup (self->processes, GINT_TO_POINTER (owner->pid))
                            : NULL;
  if (process != NULL)
    {
      owner->process = process->name;
      owner->command_line = process->command_line;
    }
  else if (self->sandboxed || (self->root && owner->pid == 0))
    owner->hidden = MCI_OWNER_HIDDEN_SANDBOX;
  else if (owner->uid != geteuid ())
    owner->hidden = MCI_OWNER_HIDDEN_OTHER_USER;
  else
    owner->hidden = MCI_OWNER_HIDDEN_SANDBOX;
  return TRUE;
}

/* "nginx (1234)": how a process that owns connections is named, on screen and in
 * reports. @owner must have a pid. */
char *
mci_owner_format (const MciOwner *owner)
{
  g_return_val_if_fail (owner != NULL, NULL);
  g_return_val_if_fail (owner->pid != 0, NULL);

  return g_strdup_printf ("%s (%d)", owner->process != NULL ? owner->process : "?", owner->pid);
}
