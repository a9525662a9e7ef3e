/* mci-traffic.h: bytes, rates and round-trip times of connections, and their sums
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "mci-connection.h"

G_BEGIN_DECLS

/* What a group or a section of connections moved, summed over the connections that
 * the source measured (sock_diag; /proc measures none). */
typedef struct
{
  guint64 bytes_sent;
  guint64 bytes_received;
  guint64 sent_per_second;     /* over the connections with a rate */
  guint64 received_per_second;
  guint32 max_rtt_us;          /* the slowest connection's smoothed RTT */
  guint   n_measured;          /* connections with tcp_info */
  guint   n_rated;             /* connections seen in the sample before too */
} MciTraffic;

void  mci_traffic_add           (MciTraffic          *self,
                                 const MciConnection *connection);
void  mci_traffic_add_traffic   (MciTraffic          *self,
                                 const MciTraffic    *other);
char *mci_traffic_format_rates  (const MciTraffic    *self);
char *mci_traffic_format_totals (const MciTraffic    *self);

/* Rates: each socket's counts against its own in the sample before, by cookie. */
typedef struct _MciTrafficMeter MciTrafficMeter;

MciTrafficMeter *mci_traffic_meter_new    (void);
void             mci_traffic_meter_free   (MciTrafficMeter *self);
void             mci_traffic_meter_update (MciTrafficMeter *self,
                                           GArray          *connections,
                                           gint64           monotonic_time);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MciTrafficMeter, mci_traffic_meter_free)

G_END_DECLS
