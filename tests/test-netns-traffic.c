/* test-netns-traffic.c: round-trip times as sock_diag reports them, over a real link
 * that delays every packet
 *
 * A peer network namespace joined to a namespace of this test's own by a link that
 * delays each direction by 50 ms: 198.51.100.1 here, .2 there (documentation
 * addresses, RFC 5737). netem would be the usual way, but kernels built without
 * CONFIG_NET_SCH_NETEM (this workplace's among them) have none: the link is a pair of
 * TUN devices, one in each namespace, and a thread of this test's that carries each
 * packet from one to the other 50 ms after it left. The listening socket is made in
 * the peer namespace by this very process, which goes there and back with setns ().
 * Needs root; CI runs it as root.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mci-sock-diag.h"
#include "mci-test-util.h"

#define DELAY_MS 50

static int
open_namespace (const char *path)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  return fd;
}

static int
open_tun (const char *name)
{
  struct ifreq request = { 0 };
  int fd = open ("/dev/net/tun", O_RDWR | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  g_strlcpy (request.ifr_name, name, IFNAMSIZ);
  request.ifr_flags = IFF_TUN | IFF_NO_PI;
  g_assert_cmpint (ioctl (fd, TUNSETIFF, &request), ==, 0);
  return fd;
}

/* One packet on its way, and when it arrives. */
typedef struct
{
  gint64 due;
  gsize  length;
  guint8 data[2048];
} Packet;

typedef struct
{
  int          fds[2];      /* the TUN devices here and there */
  GQueue       queues[2];   /* packets from fds[i] to fds[1 - i], in order of arrival */
  int          stop[2];     /* a pipe: written to end the thread */
} DelayLine;

static gint64
next_due (DelayLine *line)
{
  gint64 due = G_MAXINT64;

  for (guint i = 0; i < 2; i++)
    if (!g_queue_is_empty (&line->queues[i]))
      due = MIN (due, ((Packet *) g_queue_peek_head (&line->queues[i]))->due);
  return due;
}

static void
deliver_due (DelayLine *line)
{
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; i < 2; i++)
    while (!g_queue_is_empty (&line->queues[i])
           && ((Packet *) g_queue_peek_head (&line->queues[i]))->due <= now)
      {
        g_autofree Packet *packet = g_queue_pop_head (&line->queues[i]);

        /* a full queue on the far side drops it, as a real link would */
        (void) write (line->fds[1 - i], packet->data, packet->length);
      }
}

static gpointer
carry (gpointer data)
{
  DelayLine *line = data;

  for (;;)
    {
      struct pollfd polls[] = {
        { line->fds[0], POLLIN, 0 }, { line->fds[1], POLLIN, 0 }, { line->stop[0], POLLIN, 0 },
      };
      gint64 due = next_due (line);
      int timeout = due == G_MAXINT64 ? -1
                    : (int) MAX (0, (due - g_get_monotonic_time () + 999) / 1000);

      if (poll (polls, G_N_ELEMENTS (polls), timeout) < 0 && errno != EINTR)
        g_error ("poll: %s", g_strerror (errno));
      if (polls[2].revents)
        return NULL;
      for (guint i = 0; i < 2; i++)
        if (polls[i].revents & POLLIN)
          {
            Packet *packet = g_new (Packet, 1);
            ssize_t n = read (line->fds[i], packet->data, sizeof packet->data);

            if (n <= 0)
              {
                g_free (packet);
                continue;
              }
            packet->length = n;
            packet->due = g_get_monotonic_time () + DELAY_MS * 1000;
            g_queue_push_tail (&line->queues[i], packet);
          }
      deliver_due (line);
    }
}

/* Makes this test's namespace and the peer's, and the delayed link between them;
 * returns the peer namespace, to setns () into. Neither has a name: nothing is left
 * behind when a failing test aborts. */
static int
set_up_delayed_link (DelayLine *line)
{
  int here, there;

  g_assert_cmpint (unshare (CLONE_NEWNET), ==, 0);
  here = open_namespace ("/proc/self/ns/net");
  mci_test_run_command ("ip link set lo up");
  line->fds[0] = open_tun ("mci-here");
  mci_test_run_command ("ip addr add 198.51.100.1/24 dev mci-here");
  mci_test_run_command ("ip link set mci-here up");

  /* the peer: a namespace of its own, set up from inside, then back here */
  g_assert_cmpint (unshare (CLONE_NEWNET), ==, 0);
  there = open_namespace ("/proc/self/ns/net");
  mci_test_run_command ("ip link set lo up");
  line->fds[1] = open_tun ("mci-there");
  mci_test_run_command ("ip addr add 198.51.100.2/24 dev mci-there");
  mci_test_run_command ("ip link set mci-there up");
  g_assert_cmpint (setns (here, CLONE_NEWNET), ==, 0);
  close (here);

  g_assert_cmpint (pipe (line->stop), ==, 0);
  return there;
}

static const MciConnection *
find (GArray  *connections,
      guint16  remote_port)
{
  for (guint i = 0; i < connections->len; i++)
    {
      const MciConnection *row = &g_array_index (connections, MciConnection, i);

      if (row->remote_port == remote_port && row->state == MCI_TCP_STATE_ESTABLISHED)
        return row;
    }
  return NULL;
}

static void
test_rtt (void)
{
  int here, there, listener, client, server;
  DelayLine line = { 0 };
  GThread *thread;
  guint16 port;
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSockDiag) diag = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  const MciConnection *row;
  char byte = 'x';

  mci_test_require_root ("it makes network namespaces and delays a link");
  there = set_up_delayed_link (&line);
  here = open_namespace ("/proc/self/ns/net");
  thread = g_thread_new ("delay-line", carry, &line);

  g_assert_cmpint (setns (there, CLONE_NEWNET), ==, 0);
  listener = mci_test_listen ("198.51.100.2", &port);
  g_assert_cmpint (setns (here, CLONE_NEWNET), ==, 0);
  client = mci_test_connect ("198.51.100.2", port);
  server = mci_test_accept (listener);

  /* a few round trips, for the smoothed RTT to settle on the link's */
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpint (send (client, &byte, 1, 0), ==, 1);
      g_assert_cmpint (recv (server, &byte, 1, 0), ==, 1);
      g_assert_cmpint (send (server, &byte, 1, 0), ==, 1);
      g_assert_cmpint (recv (client, &byte, 1, 0), ==, 1);
    }

  diag = mci_sock_diag_new (&error);
  g_assert_no_error (error);
  g_assert_true (mci_sock_diag_dump (diag, MCI_SOCK_DIAG_TCP_INFO, rows, NULL, NULL, &error));
  g_assert_no_error (error);
  row = find (rows, port);
  g_assert_nonnull (row);
  g_assert_true (row->has_tcp_info);
  g_test_message ("smoothed RTT: %.1f ms", row->rtt_us / 1000.0);
  g_assert_cmpuint (row->rtt_us, >=, (2 * DELAY_MS - 20) * 1000);
  g_assert_cmpuint (row->rtt_us, <=, (2 * DELAY_MS + 20) * 1000);
  g_assert_cmpuint (row->bytes_sent, ==, 5);
  g_assert_cmpuint (row->bytes_received, ==, 5);

  close (client);
  close (server);
  close (listener);
  g_assert_cmpint (write (line.stop[1], "", 1), ==, 1);
  g_thread_join (thread);
  for (guint i = 0; i < 2; i++)
    g_queue_clear_full (&line.queues[i], g_free);
  close (line.fds[0]);
  close (line.fds[1]);
  close (line.stop[0]);
  close (line.stop[1]);
  close (here);
  close (there);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/netns-traffic/rtt", test_rtt);
  return g_test_run ();
}
