/* mci-proc-file.c: reading a whole /proc file
 *
 * /proc files report a size of 0 and are generated as they are read, so the only way
 * is to read until EOF. Large reads matter: the kernel resumes its walk of the socket
 * hash at every read (), so fewer, bigger reads cost it less.
 *
 * A saved capture is whatever someone put in a directory: tcp may be a FIFO that never
 * ends, a symlink to /dev/zero, or a directory. Only regular files are read (live /proc
 * files are regular files too, of size 0), opened without blocking, and none beyond
 * MAX_SIZE: a bound far above any real table (1 GiB is some seven million sockets)
 * that still fails with words before GLib runs out of memory.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-proc-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mci-proc-file.h"

/* a page: the kernel hands /proc files out a page at a time */
#define MIN_SIZE 4096
#define MAX_SIZE ((gsize) 1 << 30)

/* The largest each file has been, by path: the next sample of it starts with a buffer
 * that fits, so it neither copies its way up by doubling nor faults in the copies'
 * pages. Per file, because the port range's 13 bytes must not get the buffer that a
 * 7 MB tcp needs. Samplers on several threads share it. */
static GMutex size_hints_lock;
static GHashTable *size_hints;  /* path → gsize, as a pointer */

static gsize
get_size_hint (const char *path)
{
  gsize hint;

  g_mutex_lock (&size_hints_lock);
  hint = size_hints != NULL ? GPOINTER_TO_SIZE (g_hash_table_lookup (size_hints, path)) : 0;
  g_mutex_unlock (&size_hints_lock);
  return hint;
}

static void
set_size_hint (const char *path,
               gsize       length)
{
  g_mutex_lock (&size_hints_lock);
  if (size_hints == NULL)
    size_hints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (length > GPOINTER_TO_SIZE (g_hash_table_lookup (size_hints, path)))
    g_hash_table_insert (size_hints, g_strdup (path), GSIZE_TO_POINTER (length));
  g_mutex_unlock (&size_hints_lock);
}

static void
set_read_error (GError     **error,
                GIOErrorEnum code,
                const char  *path,
                const char  *what,
                const char  *why)
{
  g_set_error (error, G_IO_ERROR, code,
               /* Translators: the first %s says what the file is, e.g. "the TCP
                * connection table", the second its path, the third why it failed */
               _("Could not read %s “%s”: %s"),
               what, path, why);
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path,
                 const char  *what)
{
  if (saved_errno == EFBIG)
    set_read_error (error, G_IO_ERROR_MESSAGE_TOO_LARGE, path, what,
                    _("it is larger than 1 GiB"));
  else
    set_read_error (error, g_io_error_from_errno (saved_errno), path, what,
                    g_strerror (saved_errno));
}

/* A regular file, and not too large to read; the size is checked again as it is read,
 * for live files (which say 0) and for files that grow meanwhile. */
static gboolean
check_file (int          fd,
            const char  *path,
            const char  *what,
            GError     **error)
{
  struct stat st;

  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, path, what);
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    set_read_error (error, G_IO_ERROR_IS_DIRECTORY, path, what,
                    _("it is a directory, not a regular file"));
  else if (!S_ISREG (st.st_mode))
    set_read_error (error, G_IO_ERROR_NOT_REGULAR_FILE, path, what,
                    _("it is not a regular file"));
  else if ((guint64) st.st_size > MAX_SIZE)
    set_errno_error (error, EFBIG, path, what);
  else
    return TRUE;
  return FALSE;
}

static gboolean
read_all (int      fd,
          char   **buffer,
          gsize   *length,
          gsize   *capacity)
{
  for (;;)
    {
      gssize n;

      /* keep one byte spare for the terminating NUL */
      if (*capacity - *length < 2)
        {
          /* no more than the limit and a byte to see it is passed, not twice that */
          *capacity = MIN (*capacity * 2, MAX_SIZE + 2);
          *buffer = g_realloc (*buffer, *capacity);
        }

      n = read (fd, *buffer + *length, *capacity - *length - 1);
      if (n == 0)
        return TRUE;
      if (n < 0 && errno != EINTR)
        return FALSE;
      if (n > 0)
        *length += n;
      if (*length > MAX_SIZE)
        {
          errno = EFBIG;
          return FALSE;
        }
    }
}

/* Returns the file's bytes, NUL-terminated past their end, or NULL with @error set.
 * @what names the file for a person: "the TCP connection table". */
GBytes *
mci_proc_file_read (const char  *path,
                    const char  *what,
                    GError     **error)
{
  g_autofree char *buffer = NULL;
  gsize capacity;
  gsize length = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (what != NULL, NULL);

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0)
    {
      set_errno_error (error, errno, path, what);
      return NULL;
    }
  if (!check_file (fd, path, what, error))
    {
      close (fd);
      return NULL;
    }

  /* a quarter more than last time leaves room for growth between samples */
  capacity = get_size_hint (path);
  capacity = MAX (capacity + capacity / 4, MIN_SIZE);
  buffer = g_malloc (capacity);
  if (!read_all (fd, &buffer, &length, &capacity))
    {
      int saved_errno = errno;

      close (fd);
      set_errno_error (error, saved_errno, path, what);
      return NULL;
    }
  close (fd);

  set_size_hint (path, length);
  buffer[length] = '\0';
  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}
