/* mci-netlink-source.c: the live machine's connections over sock_diag, with traffic
 *
 * Where the kernel or a sandbox refuses netlink (a seccomp filter, a kernel without
 * inet_diag), the live /proc text takes over for good, and every snapshot says why:
 * the sockets are the same, only the traffic figures are missing.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-netlink-source"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-netlink-source.h"
#include "mci-proc-source.h"
#include "mci-sock-diag.h"
#include "mci-traffic.h"

struct _MciNetlinkSource
{
  MciSource    parent_instance;
  /* the worker's, one read at a time */
  MciSockDiag *diag;
  MciTrafficMeter *meter;
  MciSource   *fallback;        /* set once netlink was refused */
  char        *fallback_reason;
  gboolean     worked;          /* a dump went through: later errors are errors */
  gboolean     traffic;
};

enum {
  PROP_0,
  PROP_TRAFFIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MciNetlinkSource, mci_netlink_source, MCI_TYPE_SOURCE)

static void
mci_netlink_source_finalize (GObject *object)
{
  MciNetlinkSource *self = MCI_NETLINK_SOURCE (object);

  g_clear_pointer (&self->diag, mci_sock_diag_free);
  g_clear_pointer (&self->meter, mci_traffic_meter_free);
  g_clear_object (&self->fallback);
  g_free (self->fallback_reason);
  G_OBJECT_CLASS (mci_netlink_source_parent_class)->finalize (object);
}

static MciSnapshot *
read_dump (MciNetlinkSource  *self,
           GCancellable      *cancellable,
           GError           **error)
{
  g_autoptr(GArray) connections = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  g_autoptr(MciLocalMachine) machine = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gboolean interrupted = FALSE;
  MciSnapshot *snapshot;

  if (self->diag == NULL)
    self->diag = mci_sock_diag_new (error);
  if (self->diag == NULL
      || !mci_sock_diag_dump (self->diag,
                              self->traffic ? MCI_SOCK_DIAG_TCP_INFO : MCI_SOCK_DIAG_NONE,
                              connections, &interrupted, cancellable, error))
    return NULL;
  if (interrupted)
    mci_sock_diag_drop_repeated (connections);
  mci_traffic_meter_update (self->meter, connections, g_get_monotonic_time ());

  machine = mci_local_machine_load (MCI_LIVE_PROC_ROOT, "/proc/sys/net/ipv4");
  /* messages too short for what they say are skipped and counted, as bad /proc lines are */
  snapshot = mci_snapshot_new (g_steal_pointer (&connections), machine,
                               mci_sock_diag_get_n_malformed (self->diag), now);
  if (interrupted)
    mci_snapshot_set_note (snapshot, _("The socket table changed while it was read: "
                                       "a few connections may be missing."));
  return snapshot;
}

/* A sandbox's seccomp filter, a kernel without inet_diag, an old kernel that does not
 * know the request: reasons to read /proc for good. Anything else (a signal, a full
 * buffer) is this sample's error, and the next one asks netlink again. */
static gboolean
is_refusal (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
fall_back (MciNetlinkSource *self,
           const GError     *error)
{
  g_clear_pointer (&self->diag, mci_sock_diag_free);
  self->fallback = mci_proc_source_new (MCI_LIVE_PROC_ROOT);
  /* TRANSLATORS: %s says why netlink was refused */
  self->fallback_reason = g_strdup_printf (_("Reading /proc/net, without traffic figures: %s"),
                                           error->message);
}

static MciSnapshot *
mci_netlink_source_read (MciSource     *source,
                         GCancellable  *cancellable,
                         GError       **error)
{
  MciNetlinkSource *self = MCI_NETLINK_SOURCE (source);
  g_autoptr(GError) local_error = NULL;
  MciSnapshot *snapshot;

  if (self->fallback == NULL)
    {
      snapshot = read_dump (self, cancellable, &local_error);
      if (snapshot != NULL)
        {
          self->worked = TRUE;
          return snapshot;
        }
      if (self->worked || !is_refusal (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      fall_back (self, local_error);
    }

  snapshot = mci_source_read (self->fallback, cancellable, error);
  if (snapshot != NULL)
    mci_snapshot_set_note (snapshot, self->fallback_reason);
  return snapshot;
}

static gboolean
mci_netlink_source_is_live (MciSource *source)
{
  return TRUE;
}

static char *
mci_netlink_source_describe (MciSource *source)
{
  return g_strdup (_("this machine"));
}

static void
mci_netlink_source_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TRAFFIC:
      g_value_set_boolean (value, MCI_NETLINK_SOURCE (object)->traffic);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_netlink_source_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_TRAFFIC:
      MCI_NETLINK_SOURCE (object)->traffic = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_netlink_source_class_init (MciNetlinkSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MciSourceClass *source_class = MCI_SOURCE_CLASS (klass);

  object_class->finalize = mci_netlink_source_finalize;
  object_class->get_property = mci_netlink_source_get_property;
  object_class->set_property = mci_netlink_source_set_property;
  source_class->read = mci_netlink_source_read;
  source_class->is_live = mci_netlink_source_is_live;
  source_class->describe = mci_netlink_source_describe;

  /**
   * MciNetlinkSource:traffic:
   *
   * Whether to ask for each socket's tcp_info: bytes, RTT and so rates.
   */
  properties[PROP_TRAFFIC] =
    g_param_spec_boolean ("traffic", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mci_netlink_source_init (MciNetlinkSource *self)
{
  self->meter = mci_traffic_meter_new ();
}

MciSource *
mci_netlink_source_new (gboolean traffic)
{
  return g_object_new (MCI_TYPE_NETLINK_SOURCE, "traffic", traffic, NULL);
}
