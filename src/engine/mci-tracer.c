/* mci-tracer.c: the route to an address, hop by hop, as tracepath finds it, without root
 *
 * Each hop is probed with a UDP datagram whose TTL (hop limit, for IPv6) is the hop's
 * number, to a high port nobody listens on. A router where the TTL runs out answers
 * "time exceeded"; the target answers "port unreachable", from its own address. The same
 * answer from any other address is a router refusing the probe in the target's place, a
 * firewall's rejection, and not the target. With IP_RECVERR (IPV6_RECVERR)
 * the kernel hands those ICMP answers to the sending socket's error queue, with the
 * address of whoever sent them: no raw socket, so no root and no capability. It runs on
 * a worker thread; cancelling stops it between 100 ms waits.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-tracer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <time.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mci-tracer.h"

#define BASE_PORT  33434   /* traceroute's: nothing listens there */
#define WAIT_SLICE 100
#define ATTEMPTS   2

typedef struct
{
  MciAddress    target;
  guint         max_hops;
  guint         probe_timeout_ms;
  MciHopFunc    hop_func;
  gpointer      hop_data;
  GMainContext *context;
} Trace;

typedef struct
{
  MciHopFunc hop_func;
  gpointer   hop_data;
  MciHop     hop;
} Report;

static void
trace_free (gpointer data)
{
  Trace *trace = data;

  g_main_context_unref (trace->context);
  g_free (trace);
}

static socklen_t
to_sockaddr (const MciAddress        *address,
             guint16                  port,
             struct sockaddr_storage *storage)
{
  memset (storage, 0, sizeof *storage);
  if (address->family == AF_INET)
    {
      struct sockaddr_in *in = (struct sockaddr_in *) storage;

      in->sin_family = AF_INET;
      in->sin_port = htons (port);
      memcpy (&in->sin_addr, address->bytes, 4);
      return sizeof *in;
    }
  else
    {
      struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) storage;

      in6->sin6_family = AF_INET6;
      in6->sin6_port = htons (port);
      memcpy (&in6->sin6_addr, address->bytes, 16);
      return sizeof *in6;
    }
}

static void
from_sockaddr (const struct sockaddr *sockaddr,
               MciAddress            *address)
{
  if (sockaddr->sa_family == AF_INET)
    mci_address_init_ipv4 (address, (const guint8 *) &((const struct sockaddr_in *) sockaddr)->sin_addr);
  else if (sockaddr->sa_family == AF_INET6)
    {
      mci_address_init_ipv6 (address,
                             (const guint8 *) &((const struct sockaddr_in6 *) sockaddr)->sin6_addr);
      mci_address_unmap_ipv4 (address);
    }
}

/* A socket that sends with @ttl and queues the ICMP answers as errors. */
static int
open_probe (const MciAddress *target,
            guint             ttl,
            GError          **error)
{
  int on = 1, hops = ttl;
  gboolean v6 = target->family == AF_INET6;
  int fd = socket (v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

  if (fd < 0
      || setsockopt (fd, v6 ? IPPROTO_IPV6 : IPPROTO_IP, v6 ? IPV6_RECVERR : IP_RECVERR,
                     &on, sizeof on) < 0
      || setsockopt (fd, v6 ? IPPROTO_IPV6 : IPPROTO_IP, v6 ? IPV6_UNICAST_HOPS : IP_TTL,
                     &hops, sizeof hops) < 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not open a probe socket: %s"), g_strerror (saved));
      return -1;
    }
  return fd;
}

/* What an ICMP answer from @from to a probe for @target says of that hop. */
static MciHopKind
classify_answer (const struct sock_extended_err *ee,
                 const MciAddress               *from,
                 const MciAddress               *target)
{
  gboolean v6 = target->family == AF_INET6;
  MciAddress answering = *target;

  if (v6 ? ee->ee_type == 3 : ee->ee_type == 11)
    return MCI_HOP_ROUTER;
  if (!(v6 ? ee->ee_type == 1 && ee->ee_code == 4 : ee->ee_type == 3 && ee->ee_code == 3))
    return MCI_HOP_UNREACHABLE;
  /* the answer's sender is unmapped: so is the target it is compared with. The
   * unspecified address (a listening socket's) is this machine, answering from its own */
  mci_address_unmap_ipv4 (&answering);
  if (mci_address_equal (from, &answering) || mci_address_is_any (&answering))
    return MCI_HOP_TARGET;
  return MCI_HOP_REFUSED;
}

/* Reads one answer from the error queue. Returns FALSE when it held none we know. */
static gboolean
read_answer (int               fd,
             const MciAddress *target,
             MciHop           *hop)
{
  char data[64], control[512];
  struct iovec iov = { data, sizeof data };
  struct sockaddr_storage from;
  struct msghdr message = { &from, sizeof from, &iov, 1, control, sizeof control, 0 };

  if (recvmsg (fd, &message, MSG_ERRQUEUE) < 0)
    return FALSE;
  for (struct cmsghdr *c = CMSG_FIRSTHDR (&message); c != NULL; c = CMSG_NXTHDR (&message, c))
    {
      struct sock_extended_err *ee;

      if (!((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR)
            || (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR)))
        continue;
      ee = (struct sock_extended_err *) (gpointer) CMSG_DATA (c);
      if (ee->ee_origin != SO_EE_ORIGIN_ICMP && ee->ee_origin != SO_EE_ORIGIN_ICMP6)
        continue;
      from_sockaddr (SO_EE_OFFENDER (ee), &hop->address);
      hop->kind = classify_answer (ee, &hop->address, target);
      return TRUE;
    }
  return FALSE;
}

/* Waits for the answer to one probe, in slices, so that cancelling is quick. */
static gboolean
wait_answer (int               fd,
             const MciAddress *target,
             guint             timeout_ms,
             GCancellable     *cancellable,
             MciHop           *hop)
{
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + (gint64) timeout_ms * 1000;

  while (g_get_monotonic_time () < deadline && !g_cancellable_is_cancelled (cancellable))
    {
      struct pollfd poller = { fd, POLLERR, 0 };

      if (poll (&poller, 1, WAIT_SLICE) > 0 && (poller.revents & POLLERR)
          && read_answer (fd, target, hop))
        {
          hop->rtt_ms = (g_get_monotonic_time () - start) / 1000.0;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
run_report (gpointer data)
{
  Report *report = data;

  report->hop_func (&report->hop, report->hop_data);
  return G_SOURCE_REMOVE;
}

/* Hands @hop to the caller on the context it started the trace from, as GTask hands
 * back its result. Not g_main_context_invoke (): that runs it right here, on the worker,
 * whenever no thread holds the context at that moment. Attached at the task's priority
 * and before its result, the reports come first and in order. */
static void
report_hop (Trace        *trace,
            const MciHop *hop)
{
  g_autoptr(GSource) source = g_idle_source_new ();
  Report *report = g_new (Report, 1);

  report->hop_func = trace->hop_func;
  report->hop_data = trace->hop_data;
  report->hop = *hop;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, run_report, report, g_free);
  g_source_set_static_name (source, "[mci-tracer] report_hop");
  g_source_attach (source, trace->context);
}

static void
probe_hop (Trace        *trace,
           guint         ttl,
           GCancellable *cancellable,
           MciHop       *hop,
           GError      **error)
{
  memset (hop, 0, sizeof *hop);
  hop->ttl = ttl;
  hop->kind = MCI_HOP_SILENT;
  for (guint attempt = 0; attempt < ATTEMPTS && hop->kind == MCI_HOP_SILENT; attempt++)
    {
      struct sockaddr_storage to;
      socklen_t length = to_sockaddr (&trace->target, BASE_PORT + ttl, &to);
      int fd = open_probe (&trace->target, ttl, error);
      const char payload[24] = "most-connected-ip trace";

      if (fd < 0)
        return;
      if (sendto (fd, payload, sizeof payload, 0, (struct sockaddr *) &to, length) < 0
          && errno != EHOSTUNREACH && errno != ENETUNREACH)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       _("Could not send a probe: %s"), g_strerror (errno));
          close (fd);
          return;
        }
      wait_answer (fd, &trace->target, trace->probe_timeout_ms, cancellable, hop);
      close (fd);
      if (g_cancellable_is_cancelled (cancellable))
        return;
    }
}

static void
trace_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Trace *trace = task_data;
  g_autoptr(GArray) hops = g_array_new (FALSE, TRUE, sizeof (MciHop));
  GError *error = NULL;

  for (guint ttl = 1; ttl <= trace->max_hops; ttl++)
    {
      MciHop hop;

      probe_hop (trace, ttl, cancellable, &hop, &error);
      if (error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      if (g_task_return_error_if_cancelled (task))
        return;
      g_array_append_val (hops, hop);
      if (trace->hop_func != NULL)
        report_hop (trace, &hop);
      if (hop.kind == MCI_HOP_TARGET || hop.kind == MCI_HOP_UNREACHABLE
          || hop.kind == MCI_HOP_REFUSED)
        break;
    }
  g_task_return_pointer (task, g_steal_pointer (&hops), (GDestroyNotify) g_array_unref);
}

/* Probes hop 1, 2, ... up to @max_hops until the target answers, or a router says it
 * cannot be reached or refuses in its place; a hop that does not answer within
 * @probe_timeout_ms (twice) is silent, and the trace goes on. @hop_func hears of each hop
 * as it is known, on the calling thread's main context. */
void
mci_tracer_trace_async (const MciAddress    *target,
                        guint                max_hops,
                        guint                probe_timeout_ms,
                        GCancellable        *cancellable,
                        MciHopFunc           hop_func,
                        gpointer             hop_data,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Trace *trace;

  g_return_if_fail (target != NULL && mci_address_is_set (target));
  g_return_if_fail (max_hops > 0 && max_hops <= MCI_TRACER_MAX_HOPS);

  task = g_task_new (NULL, cancellable, callback, user_data);
  trace = g_new0 (Trace, 1);
  trace->target = *target;
  trace->max_hops = max_hops;
  trace->probe_timeout_ms = MAX (probe_timeout_ms, WAIT_SLICE);
  trace->hop_func = hop_func;
  trace->hop_data = hop_data;
  trace->context = g_main_context_ref_thread_default ();
  g_task_set_source_tag (task, mci_tracer_trace_async);
  g_task_set_task_data (task, trace, trace_free);
  g_task_run_in_thread (task, trace_in_thread);
}

/* Returns the hops, in order: an array of MciHop. */
GArray *
mci_tracer_trace_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The last router on the route that has a name, @names[i] being hop i's name or NULL:
 * what names an address that has no name of its own. One that refused the probes in the
 * target's place is a router on the route too. Returns its index, or -1. */
int
mci_tracer_find_last_named_hop (const MciHop        *hops,
                                const char * const  *names,
                                guint                n_hops)
{
  g_return_val_if_fail (hops != NULL || n_hops == 0, -1);
  g_return_val_if_fail (names != NULL || n_hops == 0, -1);

  for (guint i = n_hops; i > 0; i--)
    if ((hops[i - 1].kind == MCI_HOP_ROUTER || hops[i - 1].kind == MCI_HOP_REFUSED)
        && names[i - 1] != NULL)
      return i - 1;
  return -1;
}
