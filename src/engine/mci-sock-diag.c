/* mci-sock-diag.c: the kernel's TCP sockets over netlink (sock_diag), with tcp_info
 *
 * The dump that `ss` asks for, every state, with INET_DIAG_INFO (struct tcp_info) when
 * asked and, on kernels since 5.7, the socket's cgroup id. Any user may ask, and the
 * answer covers every socket of the network namespace, other users' included. Replies
 * are parsed where they land in one receive buffer: the dump is never copied whole.
 *
 * ss asks once per family (SOCK_DIAG_BY_FAMILY), and each request walks the whole TCP
 * hash table, skipping the other family's sockets. The older TCPDIAG_GETSOCK request
 * dumps both families in one walk: that is most of the kernel's cost halved. It is the
 * first choice; a kernel that refuses it is asked per family.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-sock-diag"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mci-sock-diag.h"

/* The kernel fills a dump's replies up to about 32 KiB a read (~150 sockets with
 * tcp_info); the buffer holds one such batch. The socket's own queue is larger, so that
 * a slow reader does not make the kernel stop and start. */
#define RECEIVE_BUFFER (32 * 1024)
#define SOCKET_BUFFER  (4 * 1024 * 1024)

struct _MciSockDiag
{
  int      fd;
  guint32  seq;
  guint8  *buffer;
  gboolean per_family;  /* the one-walk request was refused, or a test asks so */
  guint    n_malformed; /* in the last dump */
};

/* The states /proc/net/tcp lists: since 6.5 the kernel also dumps sockets that are
 * only bound (TCP_BOUND_INACTIVE, shown as CLOSE) to whoever asks for every state. */
#define LISTED_STATES (((1u << MCI_TCP_N_STATES) - 1) & ~1u)

/* How the one-walk request went. */
typedef enum
{
  DUMP_DONE,
  DUMP_REFUSED,  /* the kernel does not take the request: ask per family */
  DUMP_FAILED,
} DumpResult;

MciSockDiag *
mci_sock_diag_new (GError **error)
{
  int fd = socket (AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  int size = SOCKET_BUFFER;
  MciSockDiag *self;

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The kernel’s socket table cannot be asked over netlink: %s"),
                   g_strerror (saved));
      return NULL;
    }
  /* a bigger queue is a help, not a need: an unprivileged process gets what
   * net.core.rmem_max allows */
  if (setsockopt (fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0)
    (void) setsockopt (fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);

  self = g_new0 (MciSockDiag, 1);
  self->fd = fd;
  /* replies are matched by sequence number: not one another process could guess */
  self->seq = g_random_int ();
  self->buffer = g_malloc (RECEIVE_BUFFER);
  return self;
}

/* For tests: ask per family, as when the one-walk request is refused. */
void
mci_sock_diag_set_per_family (MciSockDiag *self,
                              gboolean     per_family)
{
  g_return_if_fail (self != NULL);

  self->per_family = per_family;
}

void
mci_sock_diag_free (MciSockDiag *self)
{
  if (self == NULL)
    return;
  close (self->fd);
  g_free (self->buffer);
  g_free (self);
}

static gboolean
send_message (MciSockDiag      *self,
              struct nlmsghdr  *message,
              GError          **error)
{
  struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

  message->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  message->nlmsg_seq = ++self->seq;
  if (sendto (self->fd, message, message->nlmsg_len, 0,
              (struct sockaddr *) &kernel, sizeof kernel) == (ssize_t) message->nlmsg_len)
    return TRUE;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
               _("The kernel’s socket table cannot be asked over netlink: %s"),
               g_strerror (errno));
  return FALSE;
}

/* @family: AF_INET or AF_INET6 for SOCK_DIAG_BY_FAMILY; AF_UNSPEC for the older request
 * that dumps both in one walk of the hash table. */
static gboolean
send_request (MciSockDiag       *self,
              int                family,
              MciSockDiagFlags   flags,
              GError           **error)
{
  guint8 extensions = flags & MCI_SOCK_DIAG_TCP_INFO ? 1 << (INET_DIAG_INFO - 1) : 0;
  struct
  {
    struct nlmsghdr         header;
    struct inet_diag_req_v2 request;
  } by_family = {
    .header = { .nlmsg_len = sizeof by_family, .nlmsg_type = SOCK_DIAG_BY_FAMILY },
    .request = {
      .sdiag_family = family,
      .sdiag_protocol = IPPROTO_TCP,
      .idiag_states = LISTED_STATES,
      .idiag_ext = extensions,
    },
  };
  struct
  {
    struct nlmsghdr      header;
    struct inet_diag_req request;
  } both = {
    .header = { .nlmsg_len = sizeof both, .nlmsg_type = TCPDIAG_GETSOCK },
    .request = {
      .idiag_family = AF_INET,
      .idiag_states = LISTED_STATES,
      .idiag_ext = extensions,
    },
  };

  if (family == AF_UNSPEC)
    return send_message (self, &both.header, error);
  return send_message (self, &by_family.header, error);
}

/* Reads the replies to the last request until its end. */
static gboolean
read_replies (MciSockDiag      *self,
              GArray           *connections,
              MciSockDiagParse *parse,
              GCancellable     *cancellable,
              GError          **error)
{
  for (;;)
    {
      struct sockaddr_nl sender = { 0 };
      socklen_t sender_length = sizeof sender;
      ssize_t length;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      length = recvfrom (self->fd, self->buffer, RECEIVE_BUFFER, 0,
                         (struct sockaddr *) &sender, &sender_length);
      if (length < 0 && errno == EINTR)
        continue;
      /* only the kernel (port 0) answers a dump; anything else is another process's */
      if (length > 0 && (sender_length < sizeof sender || sender.nl_pid != 0))
        continue;
      if (length <= 0)
        {
          int saved = length < 0 ? errno : EPIPE;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("The kernel’s socket table could not be read over netlink: %s"),
                       g_strerror (saved));
          return FALSE;
        }
      switch (mci_sock_diag_parse (parse, self->buffer, length, connections, error))
        {
        case MCI_SOCK_DIAG_MORE:
          break;
        case MCI_SOCK_DIAG_DONE:
          return TRUE;
        case MCI_SOCK_DIAG_FAILED:
        default:
          return FALSE;
        }
    }
}

static gboolean
dump_family (MciSockDiag      *self,
             int               family,
             MciSockDiagFlags  flags,
             GArray           *connections,
             gboolean         *interrupted,
             GCancellable     *cancellable,
             GError          **error)
{
  guint first = connections->len;
  guint n_malformed = 0;

  /* NLM_F_DUMP_INTR: sockets came or went in the hash table during the dump, so some
   * may be missing or twice. Once more is nearly always clean; after that the dump
   * is used as it is, and the caller says so. */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      MciSockDiagParse parse = { 0 };

      g_array_set_size (connections, first);
      if (!send_request (self, family, flags, error))
        return FALSE;
      parse.seq = self->seq;
      if (!read_replies (self, connections, &parse, cancellable, error))
        return FALSE;
      n_malformed = parse.n_malformed;
      *interrupted = parse.interrupted;
      if (!parse.interrupted)
        break;
    }
  self->n_malformed += n_malformed;
  return TRUE;
}

/* Both families in one walk, where the kernel takes the request. */
static DumpResult
dump_both (MciSockDiag      *self,
           MciSockDiagFlags  flags,
           GArray           *connections,
           gboolean         *interrupted,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(GError) local_error = NULL;

  if (dump_family (self, AF_UNSPEC, flags, connections, interrupted, cancellable, &local_error))
    return DUMP_DONE;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT)
      || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED)
      || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return DUMP_REFUSED;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return DUMP_FAILED;
}

/* Appends every TCP socket of this network namespace to @connections. @interrupted
 * tells that the table changed under a dump twice running, so that a socket may be
 * missing or listed twice. */
gboolean
mci_sock_diag_dump (MciSockDiag       *self,
                    MciSockDiagFlags   flags,
                    GArray            *connections,
                    gboolean          *interrupted,
                    GCancellable      *cancellable,
                    GError           **error)
{
  gboolean interrupted4 = FALSE, interrupted6 = FALSE;
  guint first;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (connections != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (connections) == sizeof (MciConnection), FALSE);

  first = connections->len;
  self->n_malformed = 0;
  if (!self->per_family)
    {
      switch (dump_both (self, flags, connections, &interrupted4, cancellable, error))
        {
        case DUMP_DONE:
          goto done;
        case DUMP_FAILED:
          return FALSE;
        case DUMP_REFUSED:
        default:
          self->per_family = TRUE;
          self->n_malformed = 0;
          g_array_set_size (connections, first);
        }
    }
  if (!dump_family (self, AF_INET, flags, connections, &interrupted4, cancellable, error)
      || !dump_family (self, AF_INET6, flags, connections, &interrupted6, cancellable, error))
    return FALSE;
done:
  if (interrupted != NULL)
    *interrupted = interrupted4 || interrupted6;
  return TRUE;
}

/* Messages too short for what they said they were, in the last dump: skipped. */
guint
mci_sock_diag_get_n_malformed (MciSockDiag *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_malformed;
}

static int
compare_cookies (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = ((const MciConnection *) a)->cookie, y = ((const MciConnection *) b)->cookie;

  return x < y ? -1 : x > y;
}

/* A dump interrupted twice running may list a socket twice: once is enough. The rows
 * end up in the order of their cookies, which nothing downstream depends on. */
void
mci_sock_diag_drop_repeated (GArray *connections)
{
  guint kept = 0;

  g_return_if_fail (connections != NULL);
  g_return_if_fail (g_array_get_element_size (connections) == sizeof (MciConnection));

  g_array_sort (connections, compare_cookies);
  for (guint i = 0; i < connections->len; i++)
    {
      MciConnection *row = &g_array_index (connections, MciConnection, i);

      if (kept > 0 && g_array_index (connections, MciConnection, kept - 1).cookie == row->cookie)
        continue;
      if (kept != i)
        g_array_index (connections, MciConnection, kept) = *row;
      kept++;
    }
  g_array_set_size (connections, kept);
}

static void
read_address (MciAddress   *address,
              int           family,
              const __be32  words[4])
{
  if (family == AF_INET)
    mci_address_init_ipv4 (address, (const guint8 *) words);
  else
    mci_address_init_ipv6 (address, (const guint8 *) words);
  mci_address_unmap_ipv4 (address);
}

/* The application's own bytes: tcpi_bytes_acked also counts the SYN on the side that
 * sent it and a FIN once acknowledged, and tcpi_bytes_received a FIN that arrived;
 * tcpi_bytes_sent counts data only, but retransmissions twice. A socket in CLOSE is
 * one the kernel is done with (as each destroyed socket is announced): its peer's FIN
 * came, unless a reset ended it, and then one byte too few is said. */
static void
read_tcp_info (MciConnection         *row,
               const struct tcp_info *info)
{
  guint64 sent = info->tcpi_bytes_acked;
  guint64 data_sent = info->tcpi_bytes_sent - MIN (info->tcpi_bytes_retrans,
                                                   info->tcpi_bytes_sent);
  gboolean fin_received = row->state == MCI_TCP_STATE_CLOSE_WAIT
                          || row->state == MCI_TCP_STATE_LAST_ACK
                          || row->state == MCI_TCP_STATE_CLOSING
                          || row->state == MCI_TCP_STATE_CLOSE;

  /* kernels before 4.19 have no tcpi_bytes_sent: it reads 0, acked is the best there is */
  if (info->tcpi_bytes_sent != 0 || sent <= 2)
    sent = MIN (sent, data_sent);
  row->bytes_sent = sent;
  row->bytes_received = info->tcpi_bytes_received;
  if (fin_received && row->bytes_received > 0)
    row->bytes_received--;
  row->rtt_us = info->tcpi_rtt;
  row->retransmits = info->tcpi_total_retrans;
  row->has_tcp_info = TRUE;
}

static void
read_attributes (MciConnection   *row,
                 struct rtattr   *attribute,
                 gsize            length)
{
  int remaining = (int) length;

  for (; RTA_OK (attribute, remaining); attribute = RTA_NEXT (attribute, remaining))
    {
      gsize payload = RTA_PAYLOAD (attribute);

      if (attribute->rta_type == INET_DIAG_INFO)
        {
          /* an older kernel's tcp_info is shorter: the rest reads as zero, as in ss */
          struct tcp_info info = { 0 };

          memcpy (&info, RTA_DATA (attribute), MIN (payload, sizeof info));
          read_tcp_info (row, &info);
        }
      else if (attribute->rta_type == INET_DIAG_CGROUP_ID && payload >= sizeof (guint64))
        memcpy (&row->cgroup_id, RTA_DATA (attribute), sizeof (guint64));
    }
}

/* Returns FALSE for a message too short for what it says it is. */
static gboolean
read_socket (const struct nlmsghdr *header,
             GArray                *connections)
{
  const struct inet_diag_msg *message = NLMSG_DATA (header);
  gsize head = NLMSG_LENGTH (sizeof *message);
  MciConnection row = { 0 };

  if (header->nlmsg_len < head)
    return FALSE;
  if (message->idiag_family != AF_INET && message->idiag_family != AF_INET6)
    return TRUE;
  if (message->idiag_state == 0 || message->idiag_state >= MCI_TCP_N_STATES)
    return FALSE;

  read_address (&row.local_address, message->idiag_family, message->id.idiag_src);
  read_address (&row.remote_address, message->idiag_family, message->id.idiag_dst);
  row.local_port = g_ntohs (message->id.idiag_sport);
  row.remote_port = g_ntohs (message->id.idiag_dport);
  row.state = message->idiag_state;
  row.uid = message->idiag_uid;
  row.inode = message->idiag_inode;
  /* a listener's wqueue is its backlog's limit, which /proc does not show */
  row.tx_queue = row.state == MCI_TCP_STATE_LISTEN ? 0 : message->idiag_wqueue;
  row.rx_queue = message->idiag_rqueue;
  row.cookie = (guint64) message->id.idiag_cookie[1] << 32 | message->id.idiag_cookie[0];
  read_attributes (&row, (struct rtattr *) ((guint8 *) header + NLMSG_ALIGN (head)),
                   header->nlmsg_len - MIN (NLMSG_ALIGN (head), header->nlmsg_len));
  g_array_append_val (connections, row);
  return TRUE;
}

/* The errno of a kernel's negative error code; anything out of errno's range (which
 * only a forged reply holds: INT_MIN cannot even be negated) is a protocol error. */
static int
errno_of (int code)
{
  return code < 0 && code > -4096 ? -code : EPROTO;
}

/* A dump's end carries an error code: a dump the kernel cut short is no whole table. */
static MciSockDiagStatus
read_done (const struct nlmsghdr  *header,
           GError                **error)
{
  int code = 0;

  if (header->nlmsg_len >= NLMSG_LENGTH (sizeof code))
    memcpy (&code, NLMSG_DATA (header), sizeof code);
  if (code >= 0)
    return MCI_SOCK_DIAG_DONE;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno_of (code)),
               _("The kernel stopped listing its sockets over netlink: %s"),
               g_strerror (errno_of (code)));
  return MCI_SOCK_DIAG_FAILED;
}

static MciSockDiagStatus
read_error (const struct nlmsghdr  *header,
            GError                **error)
{
  const struct nlmsgerr *answer = NLMSG_DATA (header);
  int code = EPROTO;

  if (header->nlmsg_len >= NLMSG_LENGTH (sizeof *answer))
    code = errno_of (answer->error);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (code),
               _("The kernel refused to list its sockets over netlink: %s"),
               g_strerror (code));
  return MCI_SOCK_DIAG_FAILED;
}

/* Parses one buffer of replies to the request @parse->seq, appending a row per socket
 * to @connections. Returns DONE at the dump's end, FAILED with @error when the kernel
 * answered with an error, MORE when another buffer is to come. A message that is too
 * short is counted in @parse->n_malformed and skipped. */
MciSockDiagStatus
mci_sock_diag_parse (MciSockDiagParse *parse,
                     const guint8     *data,
                     gsize             length,
                     GArray           *connections,
                     GError          **error)
{
  const struct nlmsghdr *header = (const struct nlmsghdr *) data;
  int remaining = (int) MIN (length, G_MAXINT);

  g_return_val_if_fail (parse != NULL, MCI_SOCK_DIAG_FAILED);
  g_return_val_if_fail (data != NULL || length == 0, MCI_SOCK_DIAG_FAILED);

  for (; NLMSG_OK (header, remaining); header = NLMSG_NEXT (header, remaining))
    {
      if (header->nlmsg_seq != parse->seq)
        continue;
      if (header->nlmsg_flags & NLM_F_DUMP_INTR)
        parse->interrupted = TRUE;
      if (header->nlmsg_type == NLMSG_DONE)
        return read_done (header, error);
      if (header->nlmsg_type == NLMSG_ERROR)
        return read_error (header, error);
      if ((header->nlmsg_type == SOCK_DIAG_BY_FAMILY || header->nlmsg_type == TCPDIAG_GETSOCK)
          && !read_socket (header, connections))
        parse->n_malformed++;
    }
  /* bytes left over that cannot hold a message: a cut reply */
  if (remaining > 0)
    parse->n_malformed++;
  return MCI_SOCK_DIAG_MORE;
}
