/* mci-proc-file.c: reading a whole /proc file
 *
 * /proc files report a size of 0 and are generated as they are read, so the only way
 * is to read until EOF. Large reads matter: the kernel resumes its walk of the socket
 * hash at every read (), so fewer, bigger reads cost it less.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-proc-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "mci-proc-file.h"

/* a page: the kernel hands /proc files out a page at a time */
#define MIN_SIZE 4096

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
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path,
                 const char  *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* Translators: the first %s says what the file is, e.g. "the TCP
                * connection table", the second its path, the third why it failed */
               _("Could not read %s “%s”: %s"),
               what, path, g_strerror (saved_errno));
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
          *capacity *= 2;
          *buffer = g_realloc (*buffer, *capacity);
        }

      n = read (fd, *buffer + *length, *capacity - *length - 1);
      if (n == 0)
        return TRUE;
      if (n < 0 && errno != EINTR)
        return FALSE;
      if (n > 0)
        *length += n;
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

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      set_errno_error (error, errno, path, what);
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
