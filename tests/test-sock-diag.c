/* test-sock-diag.c: the kernel's socket table over netlink, on real loopback sockets,
 * and the parser on replies built by hand
 *
 * Other programs (and other tests) hold sockets too: the assertions look at this
 * test's own sockets, found by the ports the kernel gave them.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mci-proc-table.h"
#include "mci-sock-diag.h"
#include "mci-test-util.h"

#define MiB (1024 * 1024)
#define KiB 1024

/* The way a dump asks: both families in one walk (the default), or one request per
 * family (where the kernel refuses the first); and with tcp_info or without. */
static gboolean per_family;
static MciSockDiagFlags flags = MCI_SOCK_DIAG_TCP_INFO;

static GArray *
dump (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSockDiag) diag = mci_sock_diag_new (&error);
  GArray *connections = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  gboolean interrupted = TRUE;

  g_assert_no_error (error);
  mci_sock_diag_set_per_family (diag, per_family);
  g_assert_true (mci_sock_diag_dump (diag, flags, connections, &interrupted, NULL, &error));
  g_assert_no_error (error);
  return connections;
}

static const MciConnection *
find_in (const MciConnection *rows,
         guint                n_rows,
         guint16              local_port,
         guint16              remote_port)
{
  for (guint i = 0; i < n_rows; i++)
    if (rows[i].local_port == local_port && rows[i].remote_port == remote_port)
      return &rows[i];
  return NULL;
}

static const MciConnection *
find (GArray  *connections,
      guint16  local_port,
      guint16  remote_port)
{
  return find_in ((const MciConnection *) (gpointer) connections->data, connections->len,
                  local_port, remote_port);
}

static const MciConnection *
find_sampled (MciSnapshot *snapshot,
              guint16      local_port,
              guint16      remote_port)
{
  guint n;
  const MciConnection *rows = mci_snapshot_get_connections (snapshot, &n);

  return find_in (rows, n, local_port, remote_port);
}

static gboolean
is_own (const MciConnection *row,
        guint16              port4,
        guint16              port6)
{
  MciAddress v4, v6;
  const MciAddress *address = &row->local_address;

  g_assert_true (mci_address_parse (&v4, "127.0.0.1"));
  g_assert_true (mci_address_parse (&v6, "::1"));
  if (!mci_address_equal (address, &v4) && !mci_address_equal (address, &v6))
    return FALSE;
  return row->local_port == port4 || row->remote_port == port4
         || row->local_port == port6 || row->remote_port == port6;
}

/* The socket of @expected's four-tuple: ports alone may repeat on other addresses. */
static const MciConnection *
find_same (GArray              *connections,
           const MciConnection *expected)
{
  for (guint i = 0; i < connections->len; i++)
    {
      const MciConnection *row = &g_array_index (connections, MciConnection, i);

      if (row->local_port == expected->local_port && row->remote_port == expected->remote_port
          && mci_address_equal (&row->local_address, &expected->local_address)
          && mci_address_equal (&row->remote_address, &expected->remote_address))
        return row;
    }
  return NULL;
}

typedef struct
{
  guint16 client_port, server_port;
  guint64 client_sent, client_received;
} Exact;

/* The peer's acknowledgement of the last bytes comes a moment after they were read. */
static gboolean
counts_are (MciSnapshot *snapshot,
            gpointer     data)
{
  const Exact *e = data;
  const MciConnection *client = find_sampled (snapshot, e->client_port, e->server_port);
  const MciConnection *server = find_sampled (snapshot, e->server_port, e->client_port);

  return client != NULL && server != NULL
         && client->bytes_sent == e->client_sent
         && client->bytes_received == e->client_received
         && server->bytes_sent == e->client_received
         && server->bytes_received == e->client_sent;
}

static void
test_exact_bytes (gconstpointer family_address)
{
  guint16 port;
  int listener = mci_test_listen (family_address, &port);
  int client = mci_test_connect (family_address, port);
  int server = mci_test_accept (listener);
  Exact e = { mci_test_local_port (client), port, 1 * MiB, 64 * KiB };
  g_autoptr(GArray) connections = NULL;
  const MciConnection *row;

  mci_test_transfer (client, server, 1 * MiB);
  mci_test_transfer (server, client, 64 * KiB);
  g_object_unref (mci_test_sample_until (counts_are, &e));

  connections = dump ();
  row = find (connections, e.client_port, port);
  g_assert_nonnull (row);
  g_assert_cmpint (row->state, ==, MCI_TCP_STATE_ESTABLISHED);
  g_assert_true (row->has_tcp_info);
  g_assert_cmpuint (row->cookie, !=, 0);
  g_assert_cmpuint (row->rtt_us, >, 0);
  g_assert_cmpuint (row->inode, !=, 0);
  g_assert_cmpuint (row->uid, ==, getuid ());

  /* after the client's FIN the server has read it: its count still says the data */
  shutdown (client, SHUT_WR);
  {
    char byte;
    g_assert_cmpint (recv (server, &byte, 1, 0), ==, 0);
  }
  g_clear_pointer (&connections, g_array_unref);
  connections = dump ();
  row = find (connections, port, e.client_port);
  g_assert_nonnull (row);
  g_assert_cmpint (row->state, ==, MCI_TCP_STATE_CLOSE_WAIT);
  g_assert_cmpuint (row->bytes_received, ==, 1 * MiB);

  close (client);
  close (server);
  close (listener);
}

static gboolean
in_fin_wait2 (MciSnapshot *snapshot,
              gpointer     data)
{
  const Exact *e = data;
  const MciConnection *row = find_sampled (snapshot, e->client_port, e->server_port);

  return row != NULL && row->state == MCI_TCP_STATE_FIN_WAIT2;
}

/* The same sockets, field by field, as /proc/net/tcp* lists them. */
static void
test_same_as_proc (gconstpointer data)
{
  const char *how = data;
  guint16 port4, port6;
  int listener4;
  int listener6;
  int fds[8];
  g_autoptr(GArray) connections = NULL;
  g_autoptr(MciProcTable) table = mci_proc_table_new ();
  g_autoptr(GError) error = NULL;
  const MciConnection *rows;
  guint n_rows, n_compared = 0;
  Exact closing;
  struct sockaddr_in any = { .sin_family = AF_INET, .sin_addr.s_addr = g_htonl (INADDR_LOOPBACK) };
  guint16 bound_port;
  int bound;

  per_family = strstr (how, "per-family") != NULL;
  flags = strstr (how, "without-tcp-info") != NULL ? MCI_SOCK_DIAG_NONE : MCI_SOCK_DIAG_TCP_INFO;
  listener4 = mci_test_listen ("127.0.0.1", &port4);
  listener6 = mci_test_listen ("::1", &port6);

  for (guint i = 0; i < 4; i += 2)
    {
      fds[i] = mci_test_connect ("127.0.0.1", port4);
      fds[i + 1] = mci_test_accept (listener4);
      fds[i + 4] = mci_test_connect ("::1", port6);
      fds[i + 5] = mci_test_accept (listener6);
    }
  /* a socket only bound: /proc does not list it, and neither may the dump */
  bound = socket (AF_INET, SOCK_STREAM, 0);
  g_assert_cmpint (bind (bound, (struct sockaddr *) &any, sizeof any), ==, 0);
  bound_port = mci_test_local_port (bound);

  closing.client_port = mci_test_local_port (fds[2]);
  closing.server_port = port4;
  close (fds[2]); /* its peer goes to CLOSE_WAIT, it to FIN_WAIT2 */
  g_object_unref (mci_test_sample_until (in_fin_wait2, &closing));

  connections = dump ();
  g_assert_true (mci_proc_table_load (table, "/proc/net/tcp", AF_INET, &error));
  g_assert_true (mci_proc_table_load (table, "/proc/net/tcp6", AF_INET6, &error));
  g_assert_no_error (error);

  rows = mci_proc_table_get_connections (table, &n_rows);
  for (guint i = 0; i < n_rows; i++)
    {
      const MciConnection *expected = &rows[i], *row;

      /* this test's sockets: both ends on 127.0.0.1 or ::1, one of them a listener's port */
      if (!is_own (expected, port4, port6))
        continue;
      if (expected->state == MCI_TCP_STATE_TIME_WAIT)
        continue;
      row = find_same (connections, expected);
      g_assert_nonnull (row);
      g_assert_true (mci_address_equal (&row->local_address, &expected->local_address));
      g_assert_true (mci_address_equal (&row->remote_address, &expected->remote_address));
      g_assert_cmpint (row->state, ==, expected->state);
      g_assert_cmpuint (row->uid, ==, expected->uid);
      g_assert_cmpuint (row->inode, ==, expected->inode);
      g_assert_cmpuint (row->tx_queue, ==, expected->tx_queue);
      g_assert_cmpuint (row->rx_queue, ==, expected->rx_queue);
      /* full sockets have it, listeners too; the closed end's FIN_WAIT2 is kept by the
       * kernel as a time-wait socket, which has none */
      g_assert_true (row->has_tcp_info == (flags == MCI_SOCK_DIAG_TCP_INFO
                                           && row->state != MCI_TCP_STATE_FIN_WAIT2));
      n_compared++;
    }
  for (guint i = 0; i < connections->len; i++)
    {
      const MciConnection *row = &g_array_index (connections, MciConnection, i);

      g_assert_false (row->local_port == bound_port && row->remote_port == 0
                      && row->state != MCI_TCP_STATE_LISTEN);
    }
  close (bound);
  /* two listeners and eight ends of connections, the closed one now in FIN_WAIT2 */
  g_assert_cmpuint (n_compared, ==, 2 + 8);

  for (guint i = 0; i < G_N_ELEMENTS (fds); i++)
    if (i != 2)
      close (fds[i]);
  close (listener4);
  close (listener6);
  per_family = FALSE;
  flags = MCI_SOCK_DIAG_TCP_INFO;
}

/* A reply buffer built by hand, as the kernel writes it. */
typedef struct
{
  guint8 data[4096] __attribute__ ((aligned (NLMSG_ALIGNTO)));
  gsize  length;
} Reply;

static struct nlmsghdr *
add_message (Reply   *reply,
             guint16  type,
             guint16  flags,
             guint32  seq,
             gsize    payload)
{
  struct nlmsghdr *header = (struct nlmsghdr *) (reply->data + reply->length);

  g_assert_cmpuint (reply->length + NLMSG_SPACE (payload), <=, sizeof reply->data);
  memset (header, 0, NLMSG_SPACE (payload));
  header->nlmsg_len = NLMSG_LENGTH (payload);
  header->nlmsg_type = type;
  header->nlmsg_flags = flags;
  header->nlmsg_seq = seq;
  reply->length += NLMSG_SPACE (payload);
  return header;
}

/* A socket 192.0.2.1:80 ← 198.51.100.7:40000 with a tcp_info of @info_length bytes. */
static void
add_socket (Reply *reply,
            guint32 seq,
            int     state,
            gsize   info_length)
{
  gsize attribute = info_length > 0 ? RTA_SPACE (info_length) : 0;
  struct nlmsghdr *header = add_message (reply, SOCK_DIAG_BY_FAMILY, NLM_F_MULTI, seq,
                                         NLMSG_ALIGN (sizeof (struct inet_diag_msg))
                                         + attribute);
  struct inet_diag_msg *message = NLMSG_DATA (header);
  const guint8 local[4] = { 192, 0, 2, 1 }, remote[4] = { 198, 51, 100, 7 };

  message->idiag_family = AF_INET;
  message->idiag_state = state;
  message->id.idiag_sport = g_htons (80);
  message->id.idiag_dport = g_htons (40000);
  memcpy (message->id.idiag_src, local, 4);
  memcpy (message->id.idiag_dst, remote, 4);
  message->id.idiag_cookie[0] = 0x89abcdef;
  message->id.idiag_cookie[1] = 0x01234567;
  message->idiag_uid = 1000;
  message->idiag_inode = 4242;
  if (info_length > 0)
    {
      struct rtattr *rta = (struct rtattr *) ((guint8 *) message
                                              + NLMSG_ALIGN (sizeof *message));
      struct tcp_info info = { 0 };

      rta->rta_type = INET_DIAG_INFO;
      rta->rta_len = RTA_LENGTH (info_length);
      info.tcpi_rtt = 12345;
      info.tcpi_total_retrans = 3;
      info.tcpi_bytes_acked = 1001;
      info.tcpi_bytes_received = 500;
      info.tcpi_bytes_sent = 1000;
      memcpy (RTA_DATA (rta), &info, MIN (info_length, sizeof info));
    }
}

static void
test_parse_sockets (void)
{
  Reply reply = { 0 };
  MciSockDiagParse parse = { .seq = 7 };
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  const MciConnection *row;
  char text[MCI_ADDRESS_STRLEN];

  add_socket (&reply, 7, MCI_TCP_STATE_ESTABLISHED, sizeof (struct tcp_info));
  /* an older kernel's tcp_info ends before the byte counts */
  add_socket (&reply, 7, MCI_TCP_STATE_ESTABLISHED, G_STRUCT_OFFSET (struct tcp_info,
                                                                      tcpi_bytes_acked));
  add_socket (&reply, 7, MCI_TCP_STATE_TIME_WAIT, 0);
  add_socket (&reply, 8, MCI_TCP_STATE_ESTABLISHED, 0); /* another request's */
  g_assert_cmpint (mci_sock_diag_parse (&parse, reply.data, reply.length, rows, NULL), ==,
                   MCI_SOCK_DIAG_MORE);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpuint (parse.n_malformed, ==, 0);

  row = &g_array_index (rows, MciConnection, 0);
  g_assert_cmpstr (mci_address_to_string (&row->local_address, text), ==, "192.0.2.1");
  g_assert_cmpstr (mci_address_to_string (&row->remote_address, text), ==, "198.51.100.7");
  g_assert_cmpuint (row->local_port, ==, 80);
  g_assert_cmpuint (row->remote_port, ==, 40000);
  g_assert_cmpuint (row->uid, ==, 1000);
  g_assert_cmpuint (row->inode, ==, 4242);
  g_assert_cmphex (row->cookie, ==, 0x0123456789abcdefULL);
  g_assert_true (row->has_tcp_info);
  g_assert_cmpuint (row->rtt_us, ==, 12345);
  g_assert_cmpuint (row->retransmits, ==, 3);
  g_assert_cmpuint (row->bytes_sent, ==, 1000);   /* the SYN is not data */
  g_assert_cmpuint (row->bytes_received, ==, 500);

  row = &g_array_index (rows, MciConnection, 1);
  g_assert_true (row->has_tcp_info);
  g_assert_cmpuint (row->rtt_us, ==, 12345);
  g_assert_cmpuint (row->bytes_sent, ==, 0);
  g_assert_cmpuint (row->bytes_received, ==, 0);

  row = &g_array_index (rows, MciConnection, 2);
  g_assert_cmpint (row->state, ==, MCI_TCP_STATE_TIME_WAIT);
  g_assert_false (row->has_tcp_info);
}

static void
test_parse_end_and_errors (void)
{
  Reply reply = { 0 };
  MciSockDiagParse parse = { .seq = 3 };
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  g_autoptr(GError) error = NULL;
  struct nlmsghdr *header;
  struct nlmsgerr *answer;

  /* a message that says it is a socket but is too short for one */
  add_message (&reply, SOCK_DIAG_BY_FAMILY, NLM_F_MULTI, 3, 8);
  add_socket (&reply, 3, MCI_TCP_STATE_LISTEN, 0);
  add_message (&reply, NLMSG_DONE, NLM_F_MULTI | NLM_F_DUMP_INTR, 3, sizeof (int));
  g_assert_cmpint (mci_sock_diag_parse (&parse, reply.data, reply.length, rows, &error), ==,
                   MCI_SOCK_DIAG_DONE);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (parse.n_malformed, ==, 1);
  g_assert_true (parse.interrupted);

  /* a cut buffer: the bytes left cannot hold the message they start */
  memset (&reply, 0, sizeof reply);
  memset (&parse, 0, sizeof parse);
  add_socket (&reply, 0, MCI_TCP_STATE_LISTEN, 0);
  g_assert_cmpint (mci_sock_diag_parse (&parse, reply.data, reply.length - 20, rows, NULL),
                   ==, MCI_SOCK_DIAG_MORE);
  g_assert_cmpuint (parse.n_malformed, ==, 1);

  memset (&reply, 0, sizeof reply);
  header = add_message (&reply, NLMSG_ERROR, 0, 0, sizeof (struct nlmsgerr));
  answer = NLMSG_DATA (header);
  answer->error = -EPERM;
  g_assert_cmpint (mci_sock_diag_parse (&parse, reply.data, reply.length, rows, &error), ==,
                   MCI_SOCK_DIAG_FAILED);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, g_strerror (EPERM)));
}

/* An interrupted dump may list a socket twice; each cookie stays once. */
static void
test_drop_repeated (void)
{
  const guint64 cookies[] = { 1, 1, 2, 1, 5, 6, 5, 7, 6 };
  const guint64 expected[] = { 1, 2, 5, 6, 7 };
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (MciConnection));

  for (guint i = 0; i < G_N_ELEMENTS (cookies); i++)
    {
      MciConnection row = { 0 };

      row.cookie = cookies[i];
      row.inode = i;
      g_array_append_val (rows, row);
    }
  mci_sock_diag_drop_repeated (rows);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (g_array_index (rows, MciConnection, i).cookie, ==, expected[i]);
}

/* The end of a dump that the kernel cut short carries its error: not a whole table. */
static void
test_parse_cut_short (void)
{
  Reply reply = { 0 };
  MciSockDiagParse parse = { .seq = 4 };
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  g_autoptr(GError) error = NULL;
  struct nlmsghdr *done;
  int code = -EINTR;

  add_socket (&reply, 4, MCI_TCP_STATE_LISTEN, 0);
  done = add_message (&reply, NLMSG_DONE, NLM_F_MULTI, 4, sizeof code);
  memcpy (NLMSG_DATA (done), &code, sizeof code);
  g_assert_cmpint (mci_sock_diag_parse (&parse, reply.data, reply.length, rows, &error), ==,
                   MCI_SOCK_DIAG_FAILED);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, g_strerror (EINTR)));

  /* a forged end with a code no errno has (INT_MIN cannot be negated): a protocol error */
  g_clear_error (&error);
  code = G_MININT;
  memcpy (NLMSG_DATA (done), &code, sizeof code);
  g_array_set_size (rows, 0);
  parse.n_malformed = 0;
  g_assert_cmpint (mci_sock_diag_parse (&parse, reply.data, reply.length, rows, &error), ==,
                   MCI_SOCK_DIAG_FAILED);
  g_assert_nonnull (strstr (error->message, g_strerror (EPROTO)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/sock-diag/exact-bytes/ipv4", "127.0.0.1", test_exact_bytes);
  g_test_add_data_func ("/sock-diag/exact-bytes/ipv6", "::1", test_exact_bytes);
  g_test_add_data_func ("/sock-diag/same-as-proc/one-walk", "one-walk", test_same_as_proc);
  g_test_add_data_func ("/sock-diag/same-as-proc/per-family", "per-family", test_same_as_proc);
  g_test_add_data_func ("/sock-diag/same-as-proc/without-tcp-info", "without-tcp-info",
                        test_same_as_proc);
  g_test_add_func ("/sock-diag/parse/sockets", test_parse_sockets);
  g_test_add_func ("/sock-diag/parse/end-and-errors", test_parse_end_and_errors);
  g_test_add_func ("/sock-diag/parse/cut-short", test_parse_cut_short);
  g_test_add_func ("/sock-diag/drop-repeated", test_drop_repeated);
  return g_test_run ();
}
