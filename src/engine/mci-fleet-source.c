/* mci-fleet-source.c: several servers as one source, "All servers"
 *
 * A sample over a fleet is never as slow as its slowest server: the servers are read on
 * threads of their own (MciFleet), a sample waits for them a short while (the patience),
 * and then merges what each has last answered into one snapshot, every group keeping
 * its server. A server still being read keeps its last data, and what became of each is
 * kept beside, for a status line to say.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-fleet-source"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mci-fleet.h"
#include "mci-fleet-source.h"
#include "mci-local-machine.h"
#include "mci-ssh-source.h"
#include "mci-untrusted.h"

/* servers named one by one in the status line; the rest are counted */
#define SUMMARY_NAMED_MAX 3

typedef struct
{
  MciServerState state;
  GDateTime     *data_from;
  char          *message;
} ServerStatus;

struct _MciFleetSource
{
  MciSource     parent_instance;

  GStrv         destinations;
  MciFleet     *fleet;
  guint         patience_ms;

  GMutex        lock;         /* for the status, asked from the main thread */
  ServerStatus *status;       /* one a server, as of the last sample */
};

G_DEFINE_FINAL_TYPE (MciFleetSource, mci_fleet_source, MCI_TYPE_SOURCE)

static void
clear_status (ServerStatus *status)
{
  g_clear_pointer (&status->data_from, g_date_time_unref);
  g_clear_pointer (&status->message, g_free);
}

static MciSnapshot *
new_empty_snapshot (void)
{
  MciLocalMachine *machine = mci_local_machine_new ();
  MciSnapshot *snapshot = mci_snapshot_new (g_array_new (FALSE, FALSE, sizeof (MciConnection)),
                                            machine, 0, NULL);

  mci_local_machine_free (machine);
  return snapshot;
}

/* What became of server @index, from the fleet's state after a sample's wait. */
static void
note_status (MciFleetSource *self,
             guint           index,
             gboolean        busy,
             MciSnapshot    *snapshot,
             const GError   *error)
{
  ServerStatus *status = &self->status[index];

  clear_status (status);
  if (snapshot != NULL)
    status->data_from = g_date_time_ref (mci_snapshot_get_sampled_at (snapshot));
  if (busy)
    status->state = snapshot != NULL ? MCI_SERVER_LATE : MCI_SERVER_WAITING;
  else if (error != NULL)
    {
      status->state = MCI_SERVER_FAILED;
      status->message = g_strdup (error->message);
    }
  else
    status->state = MCI_SERVER_ANSWERED;
}

/* No server has anything to show and every one failed: the first one's error says why. */
static gboolean
all_failed (MciFleetSource *self,
            GError        **error)
{
  guint n = g_strv_length (self->destinations);

  for (guint i = 0; i < n; i++)
    if (self->status[i].state != MCI_SERVER_FAILED || self->status[i].data_from != NULL)
      return FALSE;
  g_set_error (error, MCI_SSH_ERROR, MCI_SSH_ERROR_FAILED, _("No server answered: %s"),
               self->status[0].message);
  return TRUE;
}

static MciSnapshot *
mci_fleet_source_read (MciSource     *source,
                       GCancellable  *cancellable,
                       GError       **error)
{
  MciFleetSource *self = MCI_FLEET_SOURCE (source);
  guint n = g_strv_length (self->destinations);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean failed;

  mci_fleet_refresh (self->fleet, (gint64) self->patience_ms * 1000, cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) last_error = NULL;
      MciSnapshot *snapshot = NULL;
      gboolean busy = mci_fleet_get_state (self->fleet, i, &snapshot, &last_error);

      note_status (self, i, busy, snapshot, last_error);
      /* an empty part keeps the servers' places: a group's host is its index */
      g_ptr_array_add (parts, snapshot != NULL ? snapshot : new_empty_snapshot ());
    }
  failed = all_failed (self, error);
  g_mutex_unlock (&self->lock);
  if (failed)
    return NULL;
  return mci_snapshot_new_merged ((MciSnapshot * const *) parts->pdata,
                                  (const char * const *) self->destinations, n);
}

static gboolean
mci_fleet_source_is_live (MciSource *source)
{
  return TRUE;
}

static gboolean
mci_fleet_source_is_this_machine (MciSource *source)
{
  return FALSE;
}

static char *
mci_fleet_source_describe (MciSource *source)
{
  g_autofree char *joined = g_strjoinv (", ", MCI_FLEET_SOURCE (source)->destinations);

  return mci_untrusted_sanitize (joined, 0);
}

static void
mci_fleet_source_finalize (GObject *object)
{
  MciFleetSource *self = MCI_FLEET_SOURCE (object);
  guint n = g_strv_length (self->destinations);

  g_clear_pointer (&self->fleet, mci_fleet_free);
  for (guint i = 0; i < n; i++)
    clear_status (&self->status[i]);
  g_free (self->status);
  g_strfreev (self->destinations);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (mci_fleet_source_parent_class)->finalize (object);
}

static void
mci_fleet_source_class_init (MciFleetSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MciSourceClass *source_class = MCI_SOURCE_CLASS (klass);

  object_class->finalize = mci_fleet_source_finalize;
  source_class->read = mci_fleet_source_read;
  source_class->is_live = mci_fleet_source_is_live;
  source_class->is_this_machine = mci_fleet_source_is_this_machine;
  source_class->describe = mci_fleet_source_describe;
}

static void
mci_fleet_source_init (MciFleetSource *self)
{
  g_mutex_init (&self->lock);
  self->patience_ms = MCI_FLEET_SOURCE_DEFAULT_PATIENCE_MS;
}

/**
 * mci_fleet_source_new:
 * @destinations: "[USER@]HOST[:PORT]" each, at least one
 *
 * Returns: (transfer full): the servers as one source, or NULL with @error for the
 * first name that is refused.
 */
MciSource *
mci_fleet_source_new (const char * const  *destinations,
                      GError             **error)
{
  g_autoptr(MciFleetSource) self = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (destinations != NULL && destinations[0] != NULL, NULL);

  n = g_strv_length ((GStrv) destinations);
  for (guint i = 0; i < n; i++)
    {
      MciSource *source = mci_ssh_source_new (destinations[i], error);

      if (source == NULL)
        return NULL;
      g_ptr_array_add (sources, source);
    }
  self = g_object_new (MCI_TYPE_FLEET_SOURCE, NULL);
  self->destinations = g_strdupv ((GStrv) destinations);
  self->fleet = mci_fleet_new ((MciSource * const *) sources->pdata, n);
  self->status = g_new0 (ServerStatus, n);
  for (guint i = 0; i < n; i++)
    self->status[i].state = MCI_SERVER_WAITING;
  return MCI_SOURCE (g_steal_pointer (&self));
}

/* How long a sample waits for slow servers before it shows their last data. */
void
mci_fleet_source_set_patience (MciFleetSource *self,
                               guint           milliseconds)
{
  g_return_if_fail (MCI_IS_FLEET_SOURCE (self));
  self->patience_ms = milliseconds;
}

/* Each server's own timeout, for connecting and for one request; before the first read. */
void
mci_fleet_source_set_timeout (MciFleetSource *self,
                              double          seconds)
{
  g_return_if_fail (MCI_IS_FLEET_SOURCE (self));
  for (guint i = 0; i < mci_fleet_get_size (self->fleet); i++)
    mci_ssh_source_set_timeout (MCI_SSH_SOURCE (mci_fleet_get_source (self->fleet, i)), seconds);
}

guint
mci_fleet_source_get_n_servers (MciFleetSource *self)
{
  g_return_val_if_fail (MCI_IS_FLEET_SOURCE (self), 0);
  return g_strv_length (self->destinations);
}

/* Server @index's name, as the user gave it: a group's key's host is this index. */
const char *
mci_fleet_source_get_server (MciFleetSource *self,
                             guint           index)
{
  g_return_val_if_fail (MCI_IS_FLEET_SOURCE (self), NULL);
  g_return_val_if_fail (index < g_strv_length (self->destinations), NULL);
  return self->destinations[index];
}

/**
 * mci_fleet_source_get_server_state:
 * @data_from: (out) (optional) (transfer full): when its data shown were read, or NULL
 * @message: (out) (optional) (transfer full): why it failed, or NULL
 *
 * What became of server @index at the last sample.
 */
MciServerState
mci_fleet_source_get_server_state (MciFleetSource  *self,
                                   guint            index,
                                   GDateTime      **data_from,
                                   char           **message)
{
  ServerStatus *status;
  MciServerState state;

  g_return_val_if_fail (MCI_IS_FLEET_SOURCE (self), MCI_SERVER_WAITING);
  g_return_val_if_fail (index < g_strv_length (self->destinations), MCI_SERVER_WAITING);

  g_mutex_lock (&self->lock);
  status = &self->status[index];
  state = status->state;
  if (data_from != NULL)
    *data_from = status->data_from != NULL ? g_date_time_ref (status->data_from) : NULL;
  if (message != NULL)
    *message = g_strdup (status->message);
  g_mutex_unlock (&self->lock);
  return state;
}

/* "db-3: no answer since 12:01:05", in local time */
static void
append_server (GString            *text,
               const char         *name,
               const ServerStatus *status)
{
  g_autofree char *shown = mci_untrusted_sanitize (name, 0);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;

  if (status->data_from != NULL)
    {
      local = g_date_time_to_local (status->data_from);
      time = g_date_time_format (local, "%X");
    }
  if (status->state == MCI_SERVER_FAILED)
    g_string_append_printf (text, _("%s: %s"), shown, status->message);
  else if (time != NULL)
    g_string_append_printf (text, _("%s: no answer since %s"), shown, time);
  else
    g_string_append_printf (text, _("%s: waiting for an answer"), shown);
}

/**
 * mci_fleet_source_summarize:
 *
 * The servers at the last sample, for a status line: "19 of 20 servers answered; db-3:
 * no answer since 12:01:05", the first few that did not named.
 */
char *
mci_fleet_source_summarize (MciFleetSource *self)
{
  guint n, answered = 0, named = 0;
  GString *text;

  g_return_val_if_fail (MCI_IS_FLEET_SOURCE (self), NULL);

  n = g_strv_length (self->destinations);
  text = g_string_new (NULL);
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < n; i++)
    answered += self->status[i].state == MCI_SERVER_ANSWERED;
  g_string_printf (text, ngettext ("%u of %u server answered", "%u of %u servers answered", n),
                   answered, n);
  for (guint i = 0; i < n; i++)
    {
      if (self->status[i].state == MCI_SERVER_ANSWERED)
        continue;
      if (named == SUMMARY_NAMED_MAX)
        {
          g_string_append (text, "; ");
          g_string_append_printf (text, ngettext ("%u more", "%u more", n - answered - named),
                                  n - answered - named);
          break;
        }
      g_string_append (text, "; ");
      append_server (text, self->destinations[i], &self->status[i]);
      named++;
    }
  g_mutex_unlock (&self->lock);
  return g_string_free (text, FALSE);
}
