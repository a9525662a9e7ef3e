/* mci-source.h: where a sample's connections come from
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-snapshot.h"

G_BEGIN_DECLS

#define MCI_TYPE_SOURCE (mci_source_get_type ())
G_DECLARE_DERIVABLE_TYPE (MciSource, mci_source, MCI, SOURCE, GObject)

struct _MciSourceClass
{
  GObjectClass parent_class;

  /* Blocking: called on the sampler's worker thread, one call at a time. */
  MciSnapshot *(*read)     (MciSource     *self,
                            GCancellable  *cancellable,
                            GError       **error);
  gboolean     (*is_live)  (MciSource     *self);
  char        *(*describe) (MciSource     *self);
  /* NULL: the same as is_live */
  gboolean     (*is_this_machine) (MciSource *self);
};

/* How the live machine is asked, for --source. */
typedef enum
{
  MCI_SOURCE_NETLINK,
  MCI_SOURCE_PROC,
} MciSourceKind;

MciSource   *mci_source_new_live   (MciSourceKind   kind,
                                    gboolean        traffic);
gboolean     mci_source_kind_from_string (const char *text,
                                          MciSourceKind *kind);

MciSnapshot *mci_source_read       (MciSource      *self,
                                    GCancellable   *cancellable,
                                    GError        **error);
gboolean     mci_source_is_live    (MciSource      *self);
gboolean     mci_source_is_this_machine (MciSource *self);
char        *mci_source_describe   (MciSource      *self);

G_END_DECLS
