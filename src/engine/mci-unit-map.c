/* mci-unit-map.c: the systemd unit or container that a socket's cgroup stands for
 *
 * sock_diag gives each socket's cgroup id, to any user: the inode number of the
 * socket's directory in the cgroup v2 hierarchy. The hierarchy is walked once to map
 * ids to paths, and again only when an id turns up that the last walk did not see.
 * A path becomes a name a person knows: nginx.service, firefox, org.mozilla.firefox,
 * or a container's short id.
 *
 * Used on the sampler's worker thread only.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-unit-map"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mci-unit-map.h"
#include "mci-untrusted.h"

/* Hierarchies nested deeper than this are not systemd's or a container engine's. */
#define MAX_DEPTH 32
/* An id the last walk did not find is looked for again only this many samples later: a
 * cgroup made just after a walk is named in the end, a hidden one costs little. */
#define MISSING_RETRY_SAMPLES 30
/* systemd's limit for a unit name */
#define MAX_NAME_CHARS 255

struct _MciUnitMap
{
  char       *root;     /* the cgroup2 mount point, or NULL */
  GError     *error;    /* why there is no root */
  GHashTable *names;    /* cgroup id (guint64 *) → readable name, or NULL: no unit */
  GHashTable *missing;  /* ids the last walk did not find: hidden, or gone since */
  guint       sample;   /* counts samples, so that one sample walks once at most */
  guint       walked_in;
  guint       n_walks;
};

/* The mount point of the cgroup2 file system, from a mountinfo file: field 5 is the
 * mount point, and the file system type follows the " - " separator. */
static char *
find_cgroup2 (const char  *mountinfo,
              GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (mountinfo, &text, NULL, error))
    {
      g_prefix_error (error, _("Units cannot be named: "));
      return NULL;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *separator = strstr (lines[i], " - ");
      g_auto(GStrv) fields = NULL;

      if (separator == NULL || !g_str_has_prefix (separator, " - cgroup2 "))
        continue;
      fields = g_strsplit (lines[i], " ", 6);
      if (g_strv_length (fields) >= 5)
        return g_strcompress (fields[4]); /* mountinfo escapes spaces as \040 */
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("No cgroup v2 hierarchy is mounted here: units cannot be named"));
  return NULL;
}

MciUnitMap *
mci_unit_map_new (const char *mountinfo)
{
  MciUnitMap *self;

  g_return_val_if_fail (mountinfo != NULL, NULL);

  self = g_new0 (MciUnitMap, 1);
  self->root = find_cgroup2 (mountinfo, &self->error);
  self->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->missing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->walked_in = G_MAXUINT;
  return self;
}

/* The look-ups that follow are another sample's: they may walk the hierarchy once. */
void
mci_unit_map_next_sample (MciUnitMap *self)
{
  g_return_if_fail (self != NULL);

  self->sample++;
}

void
mci_unit_map_free (MciUnitMap *self)
{
  if (self == NULL)
    return;
  g_free (self->root);
  g_clear_error (&self->error);
  g_hash_table_unref (self->names);
  g_hash_table_unref (self->missing);
  g_free (self);
}

const char *
mci_unit_map_get_root (MciUnitMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->root;
}

/* Why units cannot be named (no cgroup2 mount, or a sandbox hides it), or NULL. */
const GError *
mci_unit_map_get_error (MciUnitMap *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->error;
}

guint
mci_unit_map_get_n_walks (MciUnitMap *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_walks;
}

static void
remember (MciUnitMap *self,
          guint64     id,
          const char *path)
{
  guint64 *key = g_new (guint64, 1);

  g_autofree char *name = mci_unit_name_from_path (path);

  *key = id;
  /* anyone with a delegated subtree (a user's session, a container) names its cgroups */
  g_hash_table_replace (self->names, key,
                        name != NULL ? mci_untrusted_sanitize (name, MAX_NAME_CHARS) : NULL);
}

static void
walk (MciUnitMap *self,
      int         directory,
      GString    *path,
      guint       depth)
{
  DIR *stream = fdopendir (directory);
  struct dirent *entry;

  if (stream == NULL)
    {
      close (directory);
      return;
    }
  while ((entry = readdir (stream)) != NULL)
    {
      gsize length = path->len;
      struct stat info;
      int child;

      if (entry->d_type != DT_DIR || entry->d_name[0] == '.')
        continue;
      child = openat (dirfd (stream), entry->d_name,
                      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (child < 0)
        continue;
      g_string_append_c (path, '/');
      g_string_append (path, entry->d_name);
      if (fstat (child, &info) == 0)
        remember (self, info.st_ino, path->str);
      if (depth < MAX_DEPTH)
        walk (self, child, path, depth + 1);
      else
        close (child);
      g_string_truncate (path, length);
    }
  closedir (stream);
}

static void
walk_hierarchy (MciUnitMap *self)
{
  g_autoptr(GString) path = g_string_new (NULL);
  int root = open (self->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  struct stat info;

  self->n_walks++;
  self->walked_in = self->sample;
  /* afresh: cgroups that went since the last walk go from the map too */
  g_hash_table_remove_all (self->names);
  g_hash_table_remove_all (self->missing);
  if (root < 0)
    {
      int saved = errno;

      g_clear_error (&self->error);
      g_set_error (&self->error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The cgroup hierarchy %s cannot be read: %s"), self->root,
                   g_strerror (saved));
      return;
    }
  if (fstat (root, &info) == 0)
    remember (self, info.st_ino, "/");
  walk (self, root, path, 0);
}

/* The readable name of the unit that cgroup @cgroup_id stands for, or NULL: the root
 * cgroup, a cgroup that is no unit, or one that cannot be seen. */
const char *
mci_unit_map_lookup (MciUnitMap *self,
                     guint64     cgroup_id)
{
  gpointer name;

  g_return_val_if_fail (self != NULL, NULL);

  if (cgroup_id == 0 || self->root == NULL)
    return NULL;
  if (g_hash_table_lookup_extended (self->names, &cgroup_id, NULL, &name))
    return name;
  /* one walk a sample at most, and none for an id that the last walk did not find: a
   * container's cgroups in another namespace would otherwise cost a walk each time */
  if (g_hash_table_contains (self->missing, &cgroup_id)
      && self->sample - self->walked_in < MISSING_RETRY_SAMPLES)
    return NULL;
  if (self->walked_in != self->sample)
    {
      walk_hierarchy (self);
      if (g_hash_table_lookup_extended (self->names, &cgroup_id, NULL, &name))
        return name;
    }
  g_hash_table_add (self->missing, g_memdup2 (&cgroup_id, sizeof cgroup_id));
  return NULL;
}

/* "app-gnome-firefox-1234.scope" → "firefox"; "app-flatpak-org.mozilla.firefox-5678.scope"
 * → "org.mozilla.firefox". A trailing "-NUMBER" or "@…" is the instance. */
static char *
name_desktop_app (const char *unit)
{
  g_autofree char *name = g_strdup (unit + strlen ("app-"));
  char *launcher_end = strchr (name, '-');
  char *at = strchr (name, '@');
  char *last_dash;

  *strrchr (name, '.') = '\0';
  if (at != NULL)
    *at = '\0';
  last_dash = strrchr (name, '-');
  if (last_dash != NULL && last_dash[1] != '\0'
      && strspn (last_dash + 1, "0123456789") == strlen (last_dash + 1))
    *last_dash = '\0';
  /* app-LAUNCHER-NAME: the launcher (gnome, kde, flatpak...) is not the app */
  if (launcher_end != NULL && launcher_end[1] != '\0' && launcher_end < name + strlen (name))
    return g_strdup (launcher_end + 1);
  return g_steal_pointer (&name);
}

/* "docker-<id>.scope", "libpod-<id>.scope": the first 12 characters of the id, as
 * `docker ps` shows it. */
static char *
name_container (const char *unit)
{
  static const char * const engines[] = { "docker-", "libpod-", "cri-containerd-", "crio-" };

  for (guint i = 0; i < G_N_ELEMENTS (engines); i++)
    if (g_str_has_prefix (unit, engines[i]) && g_str_has_suffix (unit, ".scope"))
      {
        const char *id = unit + strlen (engines[i]);
        gsize length = strlen (id) - strlen (".scope");

        if (length >= 12 && strspn (id, "0123456789abcdef") >= length)
          return g_strndup (id, 12);
      }
  return NULL;
}

static gboolean
is_unit (const char *component)
{
  return g_str_has_suffix (component, ".service") || g_str_has_suffix (component, ".scope");
}

/* The deepest component that is a systemd unit names the socket's owner; cgroups
 * below a unit (a container's own) belong to it. */
char *
mci_unit_name_from_path (const char *cgroup_path)
{
  g_auto(GStrv) components = NULL;
  const char *unit = NULL;
  char *name;

  g_return_val_if_fail (cgroup_path != NULL, NULL);

  components = g_strsplit (cgroup_path, "/", -1);
  for (guint i = 0; components[i] != NULL; i++)
    if (is_unit (components[i]))
      unit = components[i];
  if (unit == NULL)
    {
      /* not systemd's: the leaf, if any */
      for (guint i = 0; components[i] != NULL; i++)
        if (components[i][0] != '\0')
          unit = components[i];
      return g_strdup (unit);
    }
  if ((name = name_container (unit)) != NULL)
    return name;
  if (g_str_has_prefix (unit, "app-") && g_str_has_suffix (unit, ".scope"))
    return name_desktop_app (unit);
  return g_strdup (unit);
}
