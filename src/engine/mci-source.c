/* mci-source.c: where a sample's connections come from
 *
 * Every "is this the live machine?" question is asked here: the live machine has
 * owners, changes between samples and is worth refreshing; a saved capture has none
 * of that. A remote server (MciSshSource) is live, but not this machine: its
 * processes are not this machine's to read.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-source"

#include "config.h"

#include "mci-netlink-source.h"
#include "mci-proc-source.h"
#include "mci-source.h"

G_DEFINE_ABSTRACT_TYPE (MciSource, mci_source, G_TYPE_OBJECT)

static void
mci_source_class_init (MciSourceClass *klass)
{
}

static void
mci_source_init (MciSource *self)
{
}

/* The live machine, asked as @kind says; netlink falls back to /proc by itself.
 * @traffic: whether to measure each connection's bytes and RTT (netlink only), which
 * costs the kernel about a third more. */
MciSource *
mci_source_new_live (MciSourceKind kind,
                     gboolean      traffic)
{
  if (kind == MCI_SOURCE_PROC)
    return mci_proc_source_new (MCI_LIVE_PROC_ROOT);
  return mci_netlink_source_new (traffic);
}

gboolean
mci_source_kind_from_string (const char    *text,
                             MciSourceKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (g_strcmp0 (text, "netlink") == 0)
    *kind = MCI_SOURCE_NETLINK;
  else if (g_strcmp0 (text, "proc") == 0)
    *kind = MCI_SOURCE_PROC;
  else
    return FALSE;
  return TRUE;
}

/* Reads, parses, classifies and groups: blocking work, for a worker thread. */
MciSnapshot *
mci_source_read (MciSource     *self,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_return_val_if_fail (MCI_IS_SOURCE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return MCI_SOURCE_GET_CLASS (self)->read (self, cancellable, error);
}

gboolean
mci_source_is_live (MciSource *self)
{
  g_return_val_if_fail (MCI_IS_SOURCE (self), FALSE);

  return MCI_SOURCE_GET_CLASS (self)->is_live (self);
}

/* Whether the connections are this machine's own, whose owners /proc here can tell. */
gboolean
mci_source_is_this_machine (MciSource *self)
{
  MciSourceClass *klass;

  g_return_val_if_fail (MCI_IS_SOURCE (self), FALSE);

  klass = MCI_SOURCE_GET_CLASS (self);
  if (klass->is_this_machine != NULL)
    return klass->is_this_machine (self);
  return klass->is_live (self);
}

/* What the window's title and the reports call it: "this machine", or a capture's
 * folder. */
char *
mci_source_describe (MciSource *self)
{
  g_return_val_if_fail (MCI_IS_SOURCE (self), NULL);

  return MCI_SOURCE_GET_CLASS (self)->describe (self);
}
