/* mci-watch-command.c: --watch, --json --watch and --events, until Ctrl+C
 *
 * What `watch` did for the script, but in one process: the sampler, the resolver's
 * names, the owners and the closed connections of the window live on between
 * refreshes. Everything runs on the main loop: a sample is a GTask on a worker, closes
 * come from the recorder's thread as batches, and SIGINT or SIGTERM end the loop
 * between two writes, so no line is left half written.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-watch-command"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "mci-proc-source.h"
#include "mci-recorder.h"
#include "mci-report-command.h"
#include "mci-resolver.h"
#include "mci-watch-command.h"

/* the terminal's "cursor home" and "erase the screen": a repaint, not a scroll */
#define REPAINT "\033[H\033[2J"

typedef struct
{
  const MciWatchCommand *command;
  GMainLoop             *loop;
  GCancellable          *cancellable;  /* cancelled as the loop ends: a sample's answer
                                          may come back while the rest is torn down */
  MciSampler            *sampler;
  MciRecorder           *recorder;
  MciResolver           *resolver;     /* NULL: --numeric */
  GHashTable            *seen;         /* MciEndpointKey of each connection the last
                                          sample listed: --events' "opened" */
  gboolean               terminal;     /* stdout is a terminal: repaint in place */
  gboolean               first;
  int                    status;
} Watch;

static void
quit (Watch *watch,
      int    status)
{
  watch->status = status;
  g_main_loop_quit (watch->loop);
}

/* A reader gone (`| head`) is an end, not an error; anything else is said. */
static gboolean
write_out (Watch      *watch,
           const char *text)
{
  if (fputs (text, stdout) >= 0 && fflush (stdout) == 0)
    return TRUE;
  if (errno != EPIPE)
    g_printerr ("%s: %s\n", g_get_prgname (), g_strerror (errno));
  quit (watch, errno == EPIPE ? 0 : 1);
  return FALSE;
}

static void
fill_history (Watch            *watch,
              MciReportHistory *history)
{
  history->history = mci_recorder_is_recording (watch->recorder)
                   ? mci_recorder_get_history (watch->recorder) : NULL;
  history->note = mci_recorder_get_note (watch->recorder);
  history->missed = mci_recorder_get_missed (watch->recorder);
}

/* No more lines than the terminal has rows, none wider than it: a longer report would
 * scroll, and the repaint would not be in place. */
static void
fit_to_terminal (GString *out)
{
  struct winsize size = { 0 };
  g_auto(GStrv) lines = NULL;
  guint rows;

  if (ioctl (STDOUT_FILENO, TIOCGWINSZ, &size) < 0 || size.ws_row == 0 || size.ws_col == 0)
    return;
  lines = g_strsplit (out->str, "\n", -1);
  g_string_truncate (out, 0);
  rows = 0;
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL && rows + 1 < size.ws_row; i++)
    {
      const char *end = g_utf8_offset_to_pointer (lines[i], MIN ((glong) size.ws_col,
                                                                   g_utf8_strlen (lines[i], -1)));

      g_string_append_len (out, lines[i], end - lines[i]);
      g_string_append_c (out, '\n');
      rows++;
    }
}

static char *
format_status (Watch       *watch,
               MciSnapshot *snapshot)
{
  g_autofree char *time = g_date_time_format (mci_snapshot_get_sampled_at (snapshot), "%X");
  guint missed = mci_recorder_get_missed (watch->recorder);

  if (missed == 0)
    /* TRANSLATORS: %s is the time of the sample, %.1f the seconds between two */
    return g_strdup_printf (_("Sampled at %s, every %.1f s"), time, watch->command->interval);
  return g_strdup_printf (ngettext ("Sampled at %s, every %.1f s; some closed connections "
                                    "were missed: %u",
                                    "Sampled at %s, every %.1f s; some closed connections "
                                    "were missed: %u", missed),
                          time, watch->command->interval, missed);
}

static void
print_text (Watch       *watch,
            MciSnapshot *snapshot)
{
  MciReportHistory history;
  g_autofree char *report = NULL;
  g_autofree char *status = format_status (watch, snapshot);
  g_autoptr(GString) out = g_string_new (NULL);

  fill_history (watch, &history);
  report = mci_report_format_text_with_history (snapshot, watch->command->flags,
                                                watch->resolver != NULL
                                                ? mci_report_command_cached_name : NULL,
                                                watch->resolver, &history);
  g_string_append_printf (out, "%s\n\n%s", status, report);
  if (watch->terminal)
    {
      fit_to_terminal (out);
      g_string_prepend (out, REPAINT);
    }
  else if (!watch->first)
    g_string_prepend_c (out, '\n');
  write_out (watch, out->str);
}

static void
print_json (Watch       *watch,
            MciSnapshot *snapshot)
{
  MciReportHistory history;
  g_autofree char *line = NULL;

  fill_history (watch, &history);
  line = mci_report_format_json_line (snapshot,
                                      watch->resolver != NULL
                                      ? mci_report_command_cached_name : NULL,
                                      watch->resolver, &history);
  write_out (watch, line);
}

static gpointer
key_of (const MciConnection *connection)
{
  MciEndpointKey *key = g_new0 (MciEndpointKey, 1);

  mci_endpoint_key_init_connection (key, MCI_SECTION_INBOUND, connection);
  return key;
}

/* One "opened" line for each connection this sample lists and the one before did not:
 * by four-tuple, which a /proc table has too. */
static void
print_opened (Watch       *watch,
              MciSnapshot *snapshot)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (mci_endpoint_key_hash,
                                                      mci_endpoint_key_equal, g_free, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_rows;
  const MciConnection *rows = mci_snapshot_get_connections (snapshot, &n_rows);

  for (guint i = 0; i < n_rows; i++)
    {
      gpointer key;

      if (rows[i].state == MCI_TCP_STATE_LISTEN)
        continue;
      key = key_of (&rows[i]);
      if (!g_hash_table_contains (watch->seen, key))
        {
          g_autofree char *line = mci_report_format_opened_event (snapshot, &rows[i]);

          g_string_append (out, line);
        }
      g_hash_table_add (seen, key);
    }
  g_clear_pointer (&watch->seen, g_hash_table_unref);
  watch->seen = g_steal_pointer (&seen);
  if (out->len > 0)
    write_out (watch, out->str);
}

static void
on_closed (MciRecorder *recorder,
           GArray      *batch,
           Watch       *watch)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < batch->len; i++)
    {
      g_autofree char *line =
        mci_report_format_closed_event (&g_array_index (batch, MciClosedConnection, i));

      g_string_append (out, line);
    }
  if (out->len > 0)
    write_out (watch, out->str);
}

static void
sampled (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Watch *watch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSnapshot) snapshot = mci_sampler_sample_finish (MCI_SAMPLER (object), result,
                                                               &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (snapshot == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_printerr ("%s: %s\n", g_get_prgname (), error->message);
          quit (watch, 1);
        }
      return;
    }
  /* why netlink was not used: said once, not every refresh */
  if (watch->first && mci_snapshot_get_note (snapshot) != NULL)
    g_printerr ("%s: %s\n", g_get_prgname (), mci_snapshot_get_note (snapshot));
  mci_recorder_update (watch->recorder, snapshot);
  if (watch->resolver != NULL)
    mci_report_command_ask_names (watch->resolver, snapshot);
  switch (watch->command->format)
    {
    case MCI_WATCH_TEXT:
      print_text (watch, snapshot);
      break;
    case MCI_WATCH_JSON:
      print_json (watch, snapshot);
      break;
    case MCI_WATCH_EVENTS:
      print_opened (watch, snapshot);
      break;
    default:
      g_assert_not_reached ();
    }
  watch->first = FALSE;
}

static gboolean
tick (gpointer user_data)
{
  Watch *watch = user_data;

  /* a sample slower than the interval is not asked for twice */
  if (!mci_sampler_is_sampling (watch->sampler))
    mci_sampler_sample_async (watch->sampler, watch->cancellable, sampled, watch);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_signal (gpointer user_data)
{
  quit (user_data, 0);
  return G_SOURCE_CONTINUE;
}

static MciSampler *
new_sampler (const MciWatchCommand *command)
{
  g_autoptr(MciSource) source = NULL;
  MciSampler *sampler;

  source = command->proc_root != NULL ? mci_proc_source_new (command->proc_root)
                                      : mci_source_new_live (command->source, TRUE);
  sampler = mci_sampler_new_for_source (source);
  /* the closes' owners come from the samples' */
  mci_sampler_set_owners (sampler, !command->no_owners);
  return sampler;
}

/* Returns the process's exit status, once Ctrl+C (or SIGTERM) ends it; every failure
 * has been said on stderr. */
int
mci_watch_command_run (const MciWatchCommand *command)
{
  Watch watch = { command };
  guint timer, interrupt, terminate;

  g_return_val_if_fail (command != NULL, 1);
  g_return_val_if_fail (command->interval > 0, 1);

  /* a reader that goes away is seen as EPIPE on the next write */
  signal (SIGPIPE, SIG_IGN);
  watch.loop = g_main_loop_new (NULL, FALSE);
  watch.cancellable = g_cancellable_new ();
  watch.sampler = new_sampler (command);
  watch.recorder = mci_recorder_new (watch.sampler, command->history_window,
                                     command->history_max_records);
  watch.resolver = command->numeric ? NULL : mci_resolver_new ();
  watch.seen = g_hash_table_new_full (mci_endpoint_key_hash, mci_endpoint_key_equal, g_free,
                                      NULL);
  watch.terminal = command->format == MCI_WATCH_TEXT && isatty (STDOUT_FILENO);
  watch.first = TRUE;
  if (mci_recorder_get_note (watch.recorder) != NULL)
    g_printerr ("%s: %s\n", g_get_prgname (), mci_recorder_get_note (watch.recorder));
  if (command->format == MCI_WATCH_EVENTS)
    g_signal_connect (watch.recorder, "closed", G_CALLBACK (on_closed), &watch);

  interrupt = g_unix_signal_add (SIGINT, on_signal, &watch);
  terminate = g_unix_signal_add (SIGTERM, on_signal, &watch);
  timer = g_timeout_add ((guint) (command->interval * 1000), tick, &watch);
  tick (&watch);
  g_main_loop_run (watch.loop);

  g_cancellable_cancel (watch.cancellable);
  g_source_remove (timer);
  g_source_remove (interrupt);
  g_source_remove (terminate);
  g_clear_object (&watch.recorder);
  g_clear_object (&watch.resolver);
  /* a sample in flight finishes on its worker; its callback is cancelled */
  g_clear_object (&watch.sampler);
  g_clear_pointer (&watch.seen, g_hash_table_unref);
  g_clear_object (&watch.cancellable);
  g_main_loop_unref (watch.loop);
  return watch.status;
}
