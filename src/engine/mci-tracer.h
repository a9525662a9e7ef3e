/* mci-tracer.h: the route to an address, hop by hop, as tracepath finds it, without root
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-address.h"

G_BEGIN_DECLS

/* How far and how long a route is followed unless asked otherwise: tracepath's. */
#define MCI_TRACER_DEFAULT_MAX_HOPS         30
#define MCI_TRACER_DEFAULT_PROBE_TIMEOUT_MS 1000
/* A hop limit is a byte. */
#define MCI_TRACER_MAX_HOPS                 255

typedef enum
{
  MCI_HOP_SILENT,       /* no answer in time */
  MCI_HOP_ROUTER,       /* a router said the probe's time ran out there */
  MCI_HOP_TARGET,       /* the target itself answered: the route ends */
  MCI_HOP_UNREACHABLE,  /* a router said the target cannot be reached: the route ends */
  MCI_HOP_REFUSED,      /* a router said "port unreachable" in the target's place, as a
                           firewall that rejects does: the route ends */
} MciHopKind;

typedef struct
{
  guint      ttl;
  MciHopKind kind;
  MciAddress address;   /* who answered; unset when silent */
  double     rtt_ms;
} MciHop;

/* Called on the thread that started the trace, for each hop as it is known. */
typedef void (*MciHopFunc) (const MciHop *hop,
                            gpointer      user_data);

void    mci_tracer_trace_async          (const MciAddress    *target,
                                         guint                max_hops,
                                         guint                probe_timeout_ms,
                                         GCancellable        *cancellable,
                                         MciHopFunc           hop_func,
                                         gpointer             hop_data,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GArray *mci_tracer_trace_finish         (GAsyncResult        *result,
                                         GError             **error);
int     mci_tracer_find_last_named_hop  (const MciHop        *hops,
                                         const char * const  *names,
                                         guint                n_hops);

G_END_DECLS
