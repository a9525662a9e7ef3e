/* mci-proc-source.c: connections from /proc/net/tcp* text, live or saved
 *
 * The text the kernel writes for /proc/net, or a copy of it that somebody saved: the
 * source for --proc captures, for --source proc, and the live machine's fallback
 * where netlink is refused.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-proc-source"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "mci-proc-source.h"

struct _MciProcSource
{
  MciSource parent_instance;
  char     *proc_root;
  gboolean  live;
};

enum {
  PROP_0,
  PROP_PROC_ROOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MciProcSource, mci_proc_source, MCI_TYPE_SOURCE)

/* /proc/net is a link to /proc/self/net: whatever way it is spelled, it is live. */
static gboolean
is_live_proc_root (const char *proc_root)
{
  g_autofree char *resolved = realpath (proc_root, NULL);
  g_autofree char *live = realpath (MCI_LIVE_PROC_ROOT, NULL);

  return resolved != NULL && live != NULL && g_str_equal (resolved, live);
}

static void
mci_proc_source_constructed (GObject *object)
{
  MciProcSource *self = MCI_PROC_SOURCE (object);

  G_OBJECT_CLASS (mci_proc_source_parent_class)->constructed (object);
  g_assert (self->proc_root != NULL);
  self->live = is_live_proc_root (self->proc_root);
}

static void
mci_proc_source_finalize (GObject *object)
{
  MciProcSource *self = MCI_PROC_SOURCE (object);

  g_free (self->proc_root);
  G_OBJECT_CLASS (mci_proc_source_parent_class)->finalize (object);
}

static void
mci_proc_source_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MciProcSource *self = MCI_PROC_SOURCE (object);

  switch (prop_id)
    {
    case PROP_PROC_ROOT:
      g_value_set_string (value, self->proc_root);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_proc_source_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MciProcSource *self = MCI_PROC_SOURCE (object);

  switch (prop_id)
    {
    case PROP_PROC_ROOT:
      self->proc_root = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static MciSnapshot *
mci_proc_source_read (MciSource     *source,
                      GCancellable  *cancellable,
                      GError       **error)
{
  MciProcSource *self = MCI_PROC_SOURCE (source);

  return mci_snapshot_new_from_proc (self->proc_root, cancellable, error);
}

static gboolean
mci_proc_source_is_live (MciSource *source)
{
  return MCI_PROC_SOURCE (source)->live;
}

static char *
mci_proc_source_describe (MciSource *source)
{
  MciProcSource *self = MCI_PROC_SOURCE (source);

  if (self->live)
    return g_strdup (_("this machine"));
  return g_filename_display_name (self->proc_root);
}

static void
mci_proc_source_class_init (MciProcSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MciSourceClass *source_class = MCI_SOURCE_CLASS (klass);

  object_class->constructed = mci_proc_source_constructed;
  object_class->finalize = mci_proc_source_finalize;
  object_class->get_property = mci_proc_source_get_property;
  object_class->set_property = mci_proc_source_set_property;
  source_class->read = mci_proc_source_read;
  source_class->is_live = mci_proc_source_is_live;
  source_class->describe = mci_proc_source_describe;

  properties[PROP_PROC_ROOT] =
    g_param_spec_string ("proc-root", NULL, NULL, MCI_LIVE_PROC_ROOT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mci_proc_source_init (MciProcSource *self)
{
}

/* @proc_root: a directory laid out like /proc/net: MCI_LIVE_PROC_ROOT or a saved copy */
MciSource *
mci_proc_source_new (const char *proc_root)
{
  g_return_val_if_fail (proc_root != NULL, NULL);

  return g_object_new (MCI_TYPE_PROC_SOURCE, "proc-root", proc_root, NULL);
}

const char *
mci_proc_source_get_proc_root (MciProcSource *self)
{
  g_return_val_if_fail (MCI_IS_PROC_SOURCE (self), NULL);

  return self->proc_root;
}
