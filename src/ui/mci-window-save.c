/* mci-window-save.c: the window's Save… and Save Capture…
 *
 * Save writes what the window shows (its grouping, its search, its order) as CSV or
 * JSON by the name's extension; Save Capture copies the live tables into a new folder
 * that --proc opens later, made in the folder chosen (a folder, not a name: the portal
 * lets a sandboxed program make a folder only inside one it was given). Both ask where
 * through mci-gtk-compat (the portal in a sandbox), write on a worker thread, and say how it went in the window's note.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-window-save"

#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>

#include "mci-capture.h"
#include "mci-gtk-compat.h"
#include "mci-view-export.h"
#include "mci-window-save.h"

/**
 * mci_window_save_view_async:
 * @file: where; CSV for a name ending in .csv, JSON for any other
 *
 * Saves what the window shows now: the rows are read here, the file is formatted and
 * written on a worker thread.
 */
void
mci_window_save_view_async (MciWindow           *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(MciViewExport) export = NULL;

  g_return_if_fail (MCI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (mci_connection_model_get_snapshot (mci_window_get_model (self)) != NULL);

  /* the model keeps its lists in the order the window shows */
  export = mci_view_export_new (mci_window_get_model (self), NULL, NULL);
  mci_view_export_save_async (export, file, cancellable, callback, user_data);
}

gboolean
mci_window_save_view_finish (MciWindow     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (MCI_IS_WINDOW (self), FALSE);

  return mci_view_export_save_finish (MCI_VIEW_EXPORT (g_task_get_source_object (G_TASK (result))),
                                      result, error);
}

/* @done ("Saved to connections.csv"), or why not; nothing when the person cancelled. */
static void
tell (MciWindow    *self,
      const char   *done,
      const GError *error)
{
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  mci_window_show_note (self, error != NULL ? error->message : done);
}

/* The place chosen, or NULL, said in words unless the person cancelled. */
static GFile *
finish_choice (MciWindow    *self,
               GAsyncResult *result)
{
  g_autoptr(GError) error = NULL;
  GFile *file = mci_gtk_compat_save_file_finish (result, &error);

  if (file == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    mci_window_show_note (self, error->message);
  return file;
}

static void
on_view_saved (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MciWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (g_task_get_task_data (G_TASK (result)));
  g_autofree char *done = g_strdup_printf (_("Saved to %s"), name);

  mci_view_export_save_finish (MCI_VIEW_EXPORT (object), result, &error);
  tell (self, done, error);
}

static void
on_view_file_chosen (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MciWindow *self = MCI_WINDOW (object);
  g_autoptr(GFile) file = finish_choice (self, result);

  if (file == NULL)
    return;
  mci_window_save_view_async (self, file, NULL, on_view_saved, g_object_ref (self));
}

static GListModel *
make_filters (const char *first_name,
              const char *first_pattern,
              ...)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  const char *name = first_name, *pattern = first_pattern;
  va_list args;

  va_start (args, first_pattern);
  while (name != NULL)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, name);
      gtk_file_filter_add_pattern (filter, pattern);
      g_list_store_append (filters, filter);
      if ((name = va_arg (args, const char *)) != NULL)
        pattern = va_arg (args, const char *);
    }
  va_end (args);
  return G_LIST_MODEL (filters);
}

/* win.save (Ctrl+S) */
void
mci_window_save_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MciWindow *self = MCI_WINDOW (widget);
  g_autoptr(GListModel) filters = NULL;

  if (mci_connection_model_get_snapshot (mci_window_get_model (self)) == NULL)
    {
      mci_window_show_note (self, _("Nothing to save yet: the first sample has not come"));
      return;
    }
  filters = make_filters (_("JSON (the report’s schema)"), "*.json",
                          _("CSV (one connection a line)"), "*.csv", NULL);
  mci_gtk_compat_save_file_async (GTK_WINDOW (self), _("Save the Connections Shown"),
                                  "connections.json", filters, NULL, on_view_file_chosen, NULL);
}

typedef struct
{
  MciWindow *window;
  GFile     *directory;
} CaptureCall;

static void
on_capture_saved (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CaptureCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (call->directory);
  g_autofree char *done = g_strdup_printf (_("Capture saved to %s: open it with --proc"), name);

  mci_window_save_capture_finish (call->window, result, &error);
  tell (call->window, done, error);
  g_object_unref (call->window);
  g_object_unref (call->directory);
  g_free (call);
}

/* "capture-2026-11-29-110405": a new folder for each capture, named by when. */
static GFile *
name_capture (GFile *parent)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "capture-%Y-%m-%d-%H%M%S");

  return g_file_get_child (parent, name);
}

static void
on_capture_folder_chosen (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  MciWindow *self = MCI_WINDOW (object);
  g_autoptr(GFile) parent = finish_choice (self, result);
  CaptureCall *call = NULL;

  if (parent == NULL)
    return;
  call = g_new (CaptureCall, 1);
  call->window = g_object_ref (self);
  call->directory = name_capture (parent);
  mci_window_save_capture_async (self, call->directory, NULL, on_capture_saved, call);
}

/* Whether the window shows the live machine, whose tables a capture copies. */
static gboolean
shows_live_tables (MciWindow *self)
{
  MciSampler *sampler = mci_connection_model_get_sampler (mci_window_get_model (self));

  return mci_source_is_live (mci_sampler_get_source (sampler));
}

/**
 * mci_window_save_capture_async:
 * @directory: the capture's folder, made new
 *
 * Copies the live tables into @directory on a worker thread. Fails with
 * G_IO_ERROR_NOT_SUPPORTED, in words, when the window does not show the live machine.
 */
void
mci_window_save_capture_async (MciWindow           *self,
                               GFile               *directory,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (MCI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (directory));

  if (!shows_live_tables (self))
    {
      g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

      g_task_set_source_tag (task, mci_capture_save_async);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Only the live machine’s tables can be saved as a capture: "
                                 "this window does not show them"));
      return;
    }
  mci_capture_save_async (MCI_LIVE_PROC_ROOT, MCI_LIVE_SYSCTL_ROOT, directory, cancellable,
                          callback, user_data);
}

gboolean
mci_window_save_capture_finish (MciWindow     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (MCI_IS_WINDOW (self), FALSE);

  return mci_capture_save_finish (result, error);
}

/* win.save-capture: refused in words for a capture or a remote machine. */
void
mci_window_save_capture_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  MciWindow *self = MCI_WINDOW (widget);

  if (!shows_live_tables (self))
    {
      mci_window_show_note (self, _("Only the live machine’s tables can be saved as a "
                                    "capture: this window does not show them"));
      return;
    }
  mci_gtk_compat_choose_folder_async (GTK_WINDOW (self),
                                      _("Choose Where to Save the Connection Tables"), NULL,
                                      on_capture_folder_chosen, NULL);
}
