/* mci-fleet-source.h: several servers as one source, "All servers"
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-source.h"

G_BEGIN_DECLS

#define MCI_TYPE_FLEET_SOURCE (mci_fleet_source_get_type ())
G_DECLARE_FINAL_TYPE (MciFleetSource, mci_fleet_source, MCI, FLEET_SOURCE, MciSource)

/* How long a sample waits for the servers that are slow, by default: past it, they are
 * shown with their last data, said to be old, and read on in the background. */
#define MCI_FLEET_SOURCE_DEFAULT_PATIENCE_MS 1000

/* What became of a server at the last sample. */
typedef enum
{
  MCI_SERVER_ANSWERED, /* its data are this sample's */
  MCI_SERVER_WAITING,  /* never answered yet, still being read */
  MCI_SERVER_LATE,     /* still being read: its last data are older */
  MCI_SERVER_FAILED,   /* its last read failed: its last data, if any, are older */
} MciServerState;

MciSource     *mci_fleet_source_new           (const char * const *destinations,
                                               GError            **error);
void           mci_fleet_source_set_patience  (MciFleetSource     *self,
                                               guint               milliseconds);
void           mci_fleet_source_set_timeout   (MciFleetSource     *self,
                                               double              seconds);
guint          mci_fleet_source_get_n_servers (MciFleetSource     *self);
const char    *mci_fleet_source_get_server    (MciFleetSource     *self,
                                               guint               index);
MciServerState mci_fleet_source_get_server_state (MciFleetSource  *self,
                                                  guint            index,
                                                  GDateTime      **data_from,
                                                  char           **message);
char          *mci_fleet_source_summarize     (MciFleetSource     *self);

G_END_DECLS
