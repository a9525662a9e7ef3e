/* mci-capture.c: the live connection tables, saved as a folder that --proc reads
 *
 * A capture is the files MciProcSource and MciLocalMachine read: tcp and tcp6, the
 * machine's addresses (fib_trie, if_inet6) and its ephemeral port range. Each is read
 * whole and written as it was, on a worker thread; the folder is made new, so that a
 * capture never mixes with another's files.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-capture"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mci-capture.h"

typedef struct
{
  char  *proc_root;
  char  *sysctl_root;
  GFile *directory;
} Capture;

static void
capture_free (gpointer data)
{
  Capture *capture = data;

  g_free (capture->proc_root);
  g_free (capture->sysctl_root);
  g_clear_object (&capture->directory);
  g_free (capture);
}

/* Copies @name from @root; a table the machine does not have (no IPv6) is left out. */
static gboolean
copy_table (const char    *root,
            const char    *name,
            gboolean       required,
            GFile         *directory,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *path = g_build_filename (root, name, NULL);
  g_autoptr(GFile) target = g_file_get_child (directory, name);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* /proc files have no size: they are read to their end, not copied by size */
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (!required && g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return g_file_replace_contents (target, contents, length, NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, cancellable, error);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Capture *capture = task_data;
  GError *error = NULL;
  gboolean ok;

  if (!g_file_make_directory (capture->directory, cancellable, &error))
    {
      g_autofree char *name = g_file_get_parse_name (capture->directory);

      g_task_return_new_error (task, error->domain, error->code,
                               _("Could not make the capture folder %s: %s"), name,
                               error->message);
      g_error_free (error);
      return;
    }
  ok = copy_table (capture->proc_root, "tcp", TRUE, capture->directory, cancellable, &error)
       && copy_table (capture->proc_root, "tcp6", FALSE, capture->directory, cancellable, &error)
       && copy_table (capture->proc_root, "fib_trie", FALSE, capture->directory, cancellable,
                      &error)
       && copy_table (capture->proc_root, "if_inet6", FALSE, capture->directory, cancellable,
                      &error)
       && copy_table (capture->sysctl_root, "ip_local_port_range", FALSE, capture->directory,
                      cancellable, &error);
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mci_capture_save_async:
 * @proc_root: where the tables are: MCI_LIVE_PROC_ROOT for the live machine
 * @sysctl_root: where ip_local_port_range is: MCI_LIVE_SYSCTL_ROOT for it
 * @directory: the capture's folder, which must not exist yet
 *
 * Makes @directory and copies the tables into it, on a worker thread.
 */
void
mci_capture_save_async (const char          *proc_root,
                        const char          *sysctl_root,
                        GFile               *directory,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Capture *capture;

  g_return_if_fail (proc_root != NULL && sysctl_root != NULL);
  g_return_if_fail (G_IS_FILE (directory));

  capture = g_new0 (Capture, 1);
  capture->proc_root = g_strdup (proc_root);
  capture->sysctl_root = g_strdup (sysctl_root);
  capture->directory = g_object_ref (directory);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mci_capture_save_async);
  g_task_set_task_data (task, capture, capture_free);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
mci_capture_save_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
