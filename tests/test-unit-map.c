/* test-unit-map.c: cgroup ids to the names of units and containers, on names and on a
 * real cgroup that this test makes
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mci-netlink-source.h"
#include "mci-sock-diag.h"
#include "mci-test-util.h"
#include "mci-unit-map.h"

static void
test_names (void)
{
  static const struct { const char *path, *name; } cases[] = {
    { "/system.slice/nginx.service", "nginx.service" },
    { "/user.slice/user-1000.slice/user@1000.service/app.slice/"
      "app-gnome-firefox-1234.scope", "firefox" },
    { "/user.slice/user-1000.slice/user@1000.service/app.slice/"
      "app-flatpak-org.mozilla.firefox-5678.scope", "org.mozilla.firefox" },
    { "/user.slice/user-1000.slice/user@1000.service/app.slice/"
      "app-gnome-org.gnome.Terminal@abc.scope", "org.gnome.Terminal" },
    { "/user.slice/user-1000.slice/user@1000.service/app.slice/app-firefox.scope", "firefox" },
    { "/system.slice/docker-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      ".scope", "0123456789ab" },
    { "/machine.slice/libpod-fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
      ".scope/container", "fedcba987654" },
    /* not a hexadecimal id: the unit as it is */
    { "/system.slice/docker-compose.scope", "docker-compose.scope" },
    { "/user.slice/user-1000.slice/session-3.scope", "session-3.scope" },
    { "/kubepods/burstable/pod1234", "pod1234" },
    { "/", NULL },
    { "", NULL },
    { "/system.slice/app-.scope", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = mci_unit_name_from_path (cases[i].path);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static char *
write_mountinfo (const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("mci-mountinfo-XXXXXX", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  return path;
}

static void
test_mountinfo (void)
{
  g_autofree char *both = write_mountinfo (
    "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n"
    "41 31 0:38 / /sys/fs/cgroup/my\\040unified rw,relatime - cgroup2 cgroup2 rw\n");
  g_autofree char *v1 = write_mountinfo (
    "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n");
  g_autoptr(MciUnitMap) map = mci_unit_map_new (both);
  g_autoptr(MciUnitMap) none = mci_unit_map_new (v1);
  g_autoptr(MciUnitMap) missing = mci_unit_map_new ("/nonexistent/mountinfo");

  g_assert_cmpstr (mci_unit_map_get_root (map), ==, "/sys/fs/cgroup/my unified");
  g_assert_null (mci_unit_map_get_error (map));
  g_assert_null (mci_unit_map_get_root (none));
  g_assert_error ((GError *) mci_unit_map_get_error (none), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (mci_unit_map_lookup (none, 42));
  g_assert_error ((GError *) mci_unit_map_get_error (missing), G_FILE_ERROR, G_FILE_ERROR_NOENT);
  remove (both);
  remove (v1);
}

static guint64
cgroup_of_listener (guint16 port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSockDiag) diag = mci_sock_diag_new (&error);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MciConnection));

  g_assert_true (mci_sock_diag_dump (diag, MCI_SOCK_DIAG_TCP_INFO, rows, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const MciConnection *row = &g_array_index (rows, MciConnection, i);

      if (row->state == MCI_TCP_STATE_LISTEN && row->local_port == port)
        return row->cgroup_id;
    }
  g_assert_not_reached ();
}

/* A child moves itself into a cgroup of this test's, then listens: the socket's
 * cgroup id, as sock_diag tells it, names that cgroup's unit. */
static guint16
listen_here (void)
{
  guint16 port;

  mci_test_listen ("127.0.0.1", &port);
  return port;
}

static void
test_real_cgroup (void)
{
  g_autoptr(MciUnitMap) map = mci_unit_map_new ("/proc/self/mountinfo");
  MciTestCgroupChild child = { 0 };
  const char *unit;
  guint16 port;
  struct stat info;
  guint walks;

  mci_test_cgroup_child_start (&child, "mci-test", listen_here, &port);
  unit = child.unit;
  g_assert_cmpint (stat (child.directory, &info), ==, 0);

  g_assert_cmpuint (cgroup_of_listener (port), ==, info.st_ino);
  g_assert_cmpstr (mci_unit_map_lookup (map, info.st_ino), ==, unit);
  walks = mci_unit_map_get_n_walks (map);
  g_assert_cmpuint (walks, >=, 1);
  /* known now: no walk */
  g_assert_cmpstr (mci_unit_map_lookup (map, info.st_ino), ==, unit);
  g_assert_cmpuint (mci_unit_map_get_n_walks (map), ==, walks);

  /* the owners of a sample name the unit beside the process */
  {
    g_autoptr(MciSource) source = mci_source_new_live (MCI_SOURCE_NETLINK, TRUE);
    g_autoptr(MciSnapshot) snapshot = mci_source_read (source, NULL, NULL);
    g_autoptr(MciOwnerMap) owners = mci_owner_map_new ("/proc");
    const MciEndpointGroup *group;
    MciOwner owner;

    g_assert_nonnull (snapshot);
    mci_snapshot_add_owners (snapshot, owners);
    group = mci_test_find_group (snapshot, MCI_SECTION_LISTENING, "127.0.0.1", port, NULL, -1);
    g_assert_nonnull (group);
    g_assert_true (mci_snapshot_get_owner (snapshot, group->connections[0], &owner));
    g_assert_cmpstr (owner.unit, ==, unit);
    g_assert_cmpint (owner.pid, ==, child.pid);
    g_assert_cmpstr (mci_snapshot_get_group_unit (snapshot, group), ==, unit);
  }

  mci_test_cgroup_child_stop (&child);
}

static guint64
inode_of (const char *path)
{
  struct stat info;

  g_assert_cmpint (stat (path, &info), ==, 0);
  return info.st_ino;
}

/* A hierarchy of the test's own, mounted nowhere: the map walks it once a sample at
 * most, not again for ids it did not find, and forgets cgroups that went. */
static void
test_walks (void)
{
  g_autofree char *root = g_dir_make_tmp ("mci-cgroup-XXXXXX", NULL);
  g_autofree char *mountinfo_text = g_strdup_printf ("41 31 0:38 / %s rw - cgroup2 cgroup2 rw\n",
                                                     root);
  g_autofree char *mountinfo = write_mountinfo (mountinfo_text);
  g_autofree char *nginx = g_build_filename (root, "system.slice", "nginx.service", NULL);
  g_autofree char *later = g_build_filename (root, "system.slice", "later.service", NULL);
  g_autoptr(MciUnitMap) map = mci_unit_map_new (mountinfo);
  guint64 nginx_id, later_id, unknown = 1;

  g_assert_cmpint (g_mkdir_with_parents (nginx, 0755), ==, 0);
  nginx_id = inode_of (nginx);
  while (unknown == nginx_id || unknown == inode_of (root))
    unknown++;

  mci_unit_map_next_sample (map);
  g_assert_cmpstr (mci_unit_map_lookup (map, nginx_id), ==, "nginx.service");
  g_assert_cmpuint (mci_unit_map_get_n_walks (map), ==, 1);
  g_assert_null (mci_unit_map_lookup (map, unknown));   /* same sample: no second walk */
  g_assert_cmpuint (mci_unit_map_get_n_walks (map), ==, 1);

  mci_unit_map_next_sample (map);
  g_assert_null (mci_unit_map_lookup (map, unknown));   /* not found last time: no walk */
  g_assert_cmpuint (mci_unit_map_get_n_walks (map), ==, 1);

  /* a while later, it is looked for again */
  for (guint i = 0; i < 30; i++)
    mci_unit_map_next_sample (map);
  g_assert_null (mci_unit_map_lookup (map, unknown));
  g_assert_cmpuint (mci_unit_map_get_n_walks (map), ==, 2);

  mci_unit_map_next_sample (map);
  g_assert_cmpint (g_mkdir_with_parents (later, 0755), ==, 0);
  later_id = inode_of (later);
  g_assert_cmpint (rmdir (nginx), ==, 0);
  g_assert_cmpstr (mci_unit_map_lookup (map, later_id), ==, "later.service");
  g_assert_cmpuint (mci_unit_map_get_n_walks (map), ==, 3);
  /* walked afresh: the cgroup that went is forgotten */
  g_assert_null (mci_unit_map_lookup (map, nginx_id));

  g_assert_cmpint (rmdir (later), ==, 0);
  {
    g_autofree char *slice = g_path_get_dirname (later);

    g_assert_cmpint (rmdir (slice), ==, 0);
  }
  g_assert_cmpint (rmdir (root), ==, 0);
  remove (mountinfo);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unit-map/names", test_names);
  g_test_add_func ("/unit-map/mountinfo", test_mountinfo);
  g_test_add_func ("/unit-map/walks", test_walks);
  g_test_add_func ("/unit-map/real-cgroup", test_real_cgroup);
  return g_test_run ();
}
