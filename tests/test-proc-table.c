/* test-proc-table.c: parsing /proc/net/tcp and tcp6
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <malloc.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mci-proc-file.h"
#include "mci-proc-table.h"
#include "mci-snapshot.h"

#define ROW_V4 "   1: 0A02000A:0016 057100CB:C350 01 0000002A:00000007 02:000A7D5C 00000000  1000        0 123456 1 0000000000000000 20 4 30 10 -1\n"
#define ROW_V6 "   0: B80D0120000000000000000001000000:01BB B80D0120000000000000000077000000:C4E0 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000\n"
#define ROW_MAPPED "   2: 0000000000000000FFFF00000A02000A:01BB 0000000000000000FFFF0000076433C6:C3B4 0A 00000000:00000005 00:00000000 00000000     0        0 99 1 0000000000000000 100 0 0 10 0\n"

static MciProcTable *
parse (const char *text,
       int         family)
{
  MciProcTable *table = mci_proc_table_new ();

  mci_proc_table_parse (table, text, strlen (text), family);
  return table;
}

static void
assert_endpoint (const MciAddress *address,
                 guint             port,
                 const char       *expected_address,
                 guint             expected_port)
{
  char buffer[MCI_ADDRESS_STRLEN];

  g_assert_cmpstr (mci_address_to_string (address, buffer), ==, expected_address);
  g_assert_cmpuint (port, ==, expected_port);
}

static void
test_ipv4_row (void)
{
  g_autoptr(MciProcTable) table = parse (ROW_V4, AF_INET);
  const MciConnection *rows;
  guint n;

  rows = mci_proc_table_get_connections (table, &n);
  g_assert_cmpuint (n, ==, 1);
  assert_endpoint (&rows[0].local_address, rows[0].local_port, "10.0.2.10", 22);
  assert_endpoint (&rows[0].remote_address, rows[0].remote_port, "203.0.113.5", 50000);
  g_assert_cmpint (rows[0].state, ==, MCI_TCP_STATE_ESTABLISHED);
  g_assert_cmpuint (rows[0].uid, ==, 1000);
  g_assert_cmpuint (rows[0].inode, ==, 123456);
  g_assert_cmpuint (rows[0].tx_queue, ==, 42);
  g_assert_cmpuint (rows[0].rx_queue, ==, 7);
  g_assert_cmpuint (mci_proc_table_get_skipped_lines (table), ==, 0);
}

static void
test_ipv6_row (void)
{
  g_autoptr(MciProcTable) table = parse (ROW_V6, AF_INET6);
  const MciConnection *rows;
  guint n;

  rows = mci_proc_table_get_connections (table, &n);
  g_assert_cmpuint (n, ==, 1);
  assert_endpoint (&rows[0].local_address, rows[0].local_port, "2001:db8::1", 443);
  assert_endpoint (&rows[0].remote_address, rows[0].remote_port, "2001:db8::77", 50400);
  g_assert_cmpint (rows[0].state, ==, MCI_TCP_STATE_TIME_WAIT);
  g_assert_cmpuint (rows[0].inode, ==, 0);
}

/* ::ffff:a.b.c.d is an IPv4 peer of a dual-stack socket, and is shown as IPv4. */
static void
test_mapped_becomes_ipv4 (void)
{
  g_autoptr(MciProcTable) table = parse (ROW_MAPPED, AF_INET6);
  const MciConnection *rows;
  guint n;

  rows = mci_proc_table_get_connections (table, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (rows[0].local_address.family, ==, AF_INET);
  assert_endpoint (&rows[0].local_address, rows[0].local_port, "10.0.2.10", 443);
  assert_endpoint (&rows[0].remote_address, rows[0].remote_port, "198.51.100.7", 50100);
  /* a listener's rx_queue is its accept backlog: it stays a listener */
  g_assert_cmpint (rows[0].state, ==, MCI_TCP_STATE_LISTEN);
  g_assert_cmpuint (rows[0].rx_queue, ==, 5);
}

static void
test_header_and_blank_lines (void)
{
  g_autoptr(MciProcTable) table =
    parse ("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
           "\n   \n" ROW_V4 "\n", AF_INET);

  g_assert_cmpuint (mci_proc_table_get_skipped_lines (table), ==, 0);
  mci_proc_table_get_connections (table, NULL);
  g_assert_cmpuint (mci_proc_table_get_repeated_rows (table), ==, 0);
}

static void
test_malformed_lines (void)
{
  static const char * const bad[] = {
    "garbage\n",
    "   1: 0A02000A:0016\n",
    "   1: 0A02000A:0016 057100CB:C350\n",
    "   1: 0A02000G:0016 057100CB:C350 01 00000000:00000000 00:00000000 00000000 0 0 1\n",
    "   1: 0A02000A:0016 057100CB:C350 00 00000000:00000000 00:00000000 00000000 0 0 1\n",
    "   1: 0A02000A:0016 057100CB:C350 0C 00000000:00000000 00:00000000 00000000 0 0 1\n",
    "   1: 0A02000A:0016 057100CB:C350 01 00000000:00000000 00:00000000 00000000 4294967296 0 1\n",
    "   1: 0A02000A:0016 057100CB:C350 01 00000000:00000000 00:00000000 00000000 0 0 99999999999999999999\n",
    "   1: 0A02000A:0016 057100CB:C350 01 00000000:00000000 00:00000000 00000000 0 0 1x\n",
    "   1 0A02000A:0016 057100CB:C350 01 00000000:00000000 00:00000000 00000000 0 0 1\n",
    "   1: 0A02000A:16 057100CB:C350 01 00000000:00000000 00:00000000 00000000 0 0 1\n",
    "\x01\x02\x03\n",
    "   1: 0A02000A:0016 057100CB:C350 01 00000000:000\0000000 00:00000000 00000000 0 0 1\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(MciProcTable) table = parse (bad[i], AF_INET);
      guint n;

      mci_proc_table_get_connections (table, &n);
      g_assert_cmpuint (n, ==, 0);
      g_assert_cmpuint (mci_proc_table_get_skipped_lines (table), ==, 1);
    }
}

/* An IPv4 line in the IPv6 file, and the other way round, does not parse. */
static void
test_wrong_family (void)
{
  g_autoptr(MciProcTable) as_v6 = parse (ROW_V4, AF_INET6);
  g_autoptr(MciProcTable) as_v4 = parse (ROW_V6, AF_INET);

  g_assert_cmpuint (mci_proc_table_get_skipped_lines (as_v6), ==, 1);
  g_assert_cmpuint (mci_proc_table_get_skipped_lines (as_v4), ==, 1);
}

/* Cut anywhere, a line is a row or a skipped line, never a crash or a wrong row. */
static void
test_truncated_everywhere (void)
{
  gsize full = strlen (ROW_V4);
  gsize inode_end = strstr (ROW_V4, "123456") + 6 - ROW_V4;

  for (gsize length = 1; length <= full; length++)
    {
      g_autoptr(MciProcTable) table = mci_proc_table_new ();
      const MciConnection *rows;
      guint n;

      mci_proc_table_parse (table, ROW_V4, length, AF_INET);
      rows = mci_proc_table_get_connections (table, &n);
      if (length > inode_end)
        {
          g_assert_cmpuint (n, ==, 1);
          g_assert_cmpuint (rows[0].inode, ==, 123456);
        }
      else
        {
          g_assert_cmpuint (n, ==, 0);
          g_assert_cmpuint (mci_proc_table_get_skipped_lines (table), ==, length > 3 ? 1 : 0);
        }
    }
}

/* The kernel does not freeze the table between read ()s: a row can come twice. */
static void
test_repeated_row_counted_once (void)
{
  g_autofree char *newer = g_strdup (ROW_V4);
  g_autofree char *text = NULL;
  g_autoptr(MciProcTable) table = NULL;
  const MciConnection *rows;
  guint n;

  memcpy (strstr (newer, " 01 "), " 08 ", 4);
  text = g_strconcat (ROW_V4, ROW_V4, newer, NULL);
  table = parse (text, AF_INET);
  rows = mci_proc_table_get_connections (table, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (mci_proc_table_get_repeated_rows (table), ==, 2);
  g_assert_cmpint (rows[0].state, ==, MCI_TCP_STATE_CLOSE_WAIT);
}

/* SO_REUSEPORT listeners share a 4-tuple; their inodes tell them apart. */
static void
test_reuseport_listeners (void)
{
  const char *one = "   0: 00000000:20FB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 501 1\n";
  const char *two = "   1: 00000000:20FB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 502 1\n";
  g_autofree char *text = g_strconcat (one, two, one, NULL);
  g_autoptr(MciProcTable) table = parse (text, AF_INET);
  guint n;

  mci_proc_table_get_connections (table, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (mci_proc_table_get_repeated_rows (table), ==, 1);
}

static void
test_load_errors (void)
{
  g_autoptr(MciProcTable) table = mci_proc_table_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("mci-test-XXXXXX", NULL);

  g_assert_false (mci_proc_table_load (table, "/nonexistent/tcp", AF_INET, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“/nonexistent/tcp”"));
  g_assert_nonnull (strstr (error->message, "TCP connection table"));
  g_clear_error (&error);

  g_assert_false (mci_proc_table_load (table, directory, AF_INET, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_rmdir (directory);
}

/* Larger than the first buffer many times over: the buffer grows, nothing is lost. */
static void
test_load_large_file (void)
{
  g_autoptr(MciProcTable) table = mci_proc_table_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  const MciConnection *rows;
  guint n;
  int fd = g_file_open_tmp ("mci-test-tcp-XXXXXX", &path, &error);

  g_assert_no_error (error);
  close (fd);
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "%4u: 0100007F:%04X 0200007F:%04X 01 00000000:00000000 "
                            "00:00000000 00000000  1000        0 %u 1 0000000000000000 20 4 30 10 -1\n",
                            i, 1024 + i % 30000, 40000 + i / 30000, 1000 + i);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  g_assert_true (mci_proc_table_load (table, path, AF_INET, &error));
  g_assert_no_error (error);
  rows = mci_proc_table_get_connections (table, &n);
  g_assert_cmpuint (n, ==, 20000);
  g_assert_cmpuint (rows[19999].inode, ==, 20999);
  g_assert_cmpuint (mci_proc_table_get_skipped_lines (table), ==, 0);
  g_unlink (path);
}

/* ROW_V4 with another inode */
static MciProcTable *
parse_with_inode (const char *inode)
{
  g_autofree char *row = g_strdup_printf ("   1: 0A02000A:0016 057100CB:C350 01 0000002A:00000007 "
                                          "02:000A7D5C 00000000  1000        0 %s 1 "
                                          "0000000000000000 20 4 30 10 -1\n", inode);

  return parse (row, AF_INET);
}

/* The largest inode is a value; one more wraps to 0 in 64 bits and is a skipped line. */
static void
test_inode_limits (void)
{
  g_autoptr(MciProcTable) largest = parse_with_inode ("18446744073709551615");
  g_autoptr(MciProcTable) two_to_64 = parse_with_inode ("18446744073709551616");
  g_autoptr(MciProcTable) two_to_64_plus_3 = parse_with_inode ("18446744073709551619");
  g_autoptr(MciProcTable) far_beyond = parse_with_inode ("184467440737095516150");
  const MciConnection *rows;
  guint n;

  rows = mci_proc_table_get_connections (largest, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (rows[0].inode, ==, G_MAXUINT64);
  g_assert_cmpuint (mci_proc_table_get_skipped_lines (largest), ==, 0);

  mci_proc_table_get_connections (two_to_64, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (mci_proc_table_get_skipped_lines (two_to_64), ==, 1);
  mci_proc_table_get_connections (two_to_64_plus_3, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (mci_proc_table_get_skipped_lines (two_to_64_plus_3), ==, 1);
  mci_proc_table_get_connections (far_beyond, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (mci_proc_table_get_skipped_lines (far_beyond), ==, 1);
}

/* The uid is 32 bits: 2^32 - 1 is one, 2^32 is a skipped line. */
static void
test_uid_limits (void)
{
  g_autoptr(MciProcTable) largest =
    parse ("   1: 0A02000A:0016 057100CB:C350 01 00000000:00000000 00:00000000 00000000 "
           "4294967295        0 7 1 0000000000000000 20 4 30 10 -1\n", AF_INET);
  g_autoptr(MciProcTable) too_large =
    parse ("   1: 0A02000A:0016 057100CB:C350 01 00000000:00000000 00:00000000 00000000 "
           "4294967296        0 7 1 0000000000000000 20 4 30 10 -1\n", AF_INET);
  const MciConnection *rows;
  guint n;

  rows = mci_proc_table_get_connections (largest, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (rows[0].uid, ==, G_MAXUINT32);
  mci_proc_table_get_connections (too_large, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (mci_proc_table_get_skipped_lines (too_large), ==, 1);
}

static char *
write_temporary (const char *template,
                 const char *contents,
                 gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp (template, &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* Each file starts with a buffer sized by its own last read: after a 2 MB tcp, a
 * 13-byte port range does not get a 2.5 MB buffer. The buffer is the GBytes' own
 * allocation (g_bytes_new_take), so its size is malloc_usable_size () of the data. */
static void
test_size_hint_per_file (void)
{
  g_autofree char *large_text = g_strnfill (2 * 1024 * 1024, 'x');
  g_autofree char *large = write_temporary ("mci-test-large-XXXXXX", large_text,
                                            strlen (large_text));
  g_autofree char *small = write_temporary ("mci-test-small-XXXXXX", "32768\t60999\n", 12);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL, second = NULL, again = NULL;

  first = mci_proc_file_read (large, "a large file", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (first), ==, 2 * 1024 * 1024);
  second = mci_proc_file_read (small, "a small file", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (second), ==, 12);
  g_assert_cmpuint (malloc_usable_size ((gpointer) g_bytes_get_data (second, NULL)), <, 64 * 1024);

  /* the large one keeps its own hint: one buffer, a quarter bigger than the file */
  again = mci_proc_file_read (large, "a large file", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (malloc_usable_size ((gpointer) g_bytes_get_data (again, NULL)), >=,
                    2 * 1024 * 1024 + 512 * 1024);
  g_unlink (large);
  g_unlink (small);
}

/* Loads @directory as a capture and expects it refused, at once, with @code and a
 * message that names the file and says @why. */
static void
assert_capture_refused (const char   *directory,
                        int           code,
                        const char   *why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSnapshot) snapshot = NULL;
  g_autofree char *tcp = g_build_filename (directory, "tcp", NULL);
  g_autofree char *quoted = g_strdup_printf ("“%s”", tcp);

  /* a read that blocks (a FIFO without a writer) ends the test here */
  alarm (10);
  snapshot = mci_snapshot_new_from_proc (directory, NULL, &error);
  alarm (0);
  g_assert_null (snapshot);
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_nonnull (strstr (error->message, quoted));
  g_assert_nonnull (strstr (error->message, why));
}

/* A capture is what someone left in a directory: only regular files are read. */
static void
test_capture_not_regular_files (void)
{
  g_autofree char *directory = g_dir_make_tmp ("mci-test-XXXXXX", NULL);
  g_autofree char *tcp = g_build_filename (directory, "tcp", NULL);
  int fd;

  /* /dev/zero never ends: it used to be read until GLib aborted */
  g_assert_cmpint (symlink ("/dev/zero", tcp), ==, 0);
  assert_capture_refused (directory, G_IO_ERROR_NOT_REGULAR_FILE, "not a regular file");
  g_unlink (tcp);

  /* a FIFO without a writer used to block the read for ever */
  g_assert_cmpint (mkfifo (tcp, 0600), ==, 0);
  assert_capture_refused (directory, G_IO_ERROR_NOT_REGULAR_FILE, "not a regular file");
  g_unlink (tcp);

  g_assert_cmpint (g_mkdir (tcp, 0700), ==, 0);
  assert_capture_refused (directory, G_IO_ERROR_IS_DIRECTORY, "is a directory");
  g_rmdir (tcp);

  /* a sparse file one byte over the bound: refused before a byte is read */
  fd = open (tcp, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, ((off_t) 1 << 30) + 1), ==, 0);
  close (fd);
  assert_capture_refused (directory, G_IO_ERROR_MESSAGE_TOO_LARGE, "larger than 1 GiB");
  g_unlink (tcp);
  g_rmdir (directory);
}

/* The files that only refine the classification are skipped, not waited for. */
static void
test_capture_hostile_machine_files (void)
{
  g_autofree char *directory = g_dir_make_tmp ("mci-test-XXXXXX", NULL);
  g_autofree char *tcp = g_build_filename (directory, "tcp", NULL);
  g_autofree char *fib_trie = g_build_filename (directory, "fib_trie", NULL);
  g_autofree char *if_inet6 = g_build_filename (directory, "if_inet6", NULL);
  g_autofree char *port_range = g_build_filename (directory, "ip_local_port_range", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSnapshot) snapshot = NULL;
  guint n;

  g_file_set_contents (tcp, ROW_V4, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mkfifo (fib_trie, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", if_inet6), ==, 0);
  g_assert_cmpint (symlink ("/dev/urandom", port_range), ==, 0);

  alarm (10);
  snapshot = mci_snapshot_new_from_proc (directory, NULL, &error);
  alarm (0);
  g_assert_no_error (error);
  mci_snapshot_get_connections (snapshot, &n);
  g_assert_cmpuint (n, ==, 1);
  g_unlink (tcp);
  g_unlink (fib_trie);
  g_unlink (if_inet6);
  g_unlink (port_range);
  g_rmdir (directory);
}

/* An empty name would read the current directory as if it were a capture. */
static void
test_capture_empty_root (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSnapshot) snapshot = mci_snapshot_new_from_proc ("", NULL, &error);

  g_assert_null (snapshot);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "name is empty"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proc-table/ipv4-row", test_ipv4_row);
  g_test_add_func ("/proc-table/ipv6-row", test_ipv6_row);
  g_test_add_func ("/proc-table/mapped-becomes-ipv4", test_mapped_becomes_ipv4);
  g_test_add_func ("/proc-table/header-and-blank-lines", test_header_and_blank_lines);
  g_test_add_func ("/proc-table/malformed-lines", test_malformed_lines);
  g_test_add_func ("/proc-table/wrong-family", test_wrong_family);
  g_test_add_func ("/proc-table/truncated-everywhere", test_truncated_everywhere);
  g_test_add_func ("/proc-table/repeated-row-counted-once", test_repeated_row_counted_once);
  g_test_add_func ("/proc-table/reuseport-listeners", test_reuseport_listeners);
  g_test_add_func ("/proc-table/load-errors", test_load_errors);
  g_test_add_func ("/proc-table/inode-limits", test_inode_limits);
  g_test_add_func ("/proc-table/uid-limits", test_uid_limits);
  g_test_add_func ("/proc-table/load-large-file", test_load_large_file);
  g_test_add_func ("/proc-table/size-hint-per-file", test_size_hint_per_file);
  g_test_add_func ("/proc-table/capture-not-regular-files", test_capture_not_regular_files);
  g_test_add_func ("/proc-table/capture-hostile-machine-files",
                   test_capture_hostile_machine_files);
  g_test_add_func ("/proc-table/capture-empty-root", test_capture_empty_root);

  return g_test_run ();
}
