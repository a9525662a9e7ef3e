/* mci-test-peer.c: the far end of test connections, run in another network namespace
 *
 *   mci-test-peer listen ADDRESS          prints the port, accepts and holds connections
 *   mci-test-peer connect ADDRESS PORT N  opens N connections, prints "connected"
 *
 * Either holds its sockets until standard input closes, then exits.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mci-test-util.h"

static void
hold_until_stdin_closes (int listener)
{
  struct pollfd fds[2] = { { 0, POLLIN, 0 }, { listener, POLLIN, 0 } };
  char buffer[64];

  for (;;)
    {
      if (poll (fds, listener >= 0 ? 2 : 1, -1) < 0)
        continue;
      if (fds[0].revents != 0 && read (0, buffer, sizeof buffer) <= 0)
        return;
      if (listener >= 0 && (fds[1].revents & POLLIN))
        mci_test_accept (listener);
    }
}

int
main (int   argc,
      char *argv[])
{
  guint16 port;

  if (argc == 3 && strcmp (argv[1], "listen") == 0)
    {
      int listener = mci_test_listen (argv[2], &port);

      printf ("%u\n", port);
      fflush (stdout);
      hold_until_stdin_closes (listener);
      return 0;
    }
  if (argc == 5 && strcmp (argv[1], "connect") == 0)
    {
      for (int i = 0; i < atoi (argv[4]); i++)
        mci_test_connect (argv[2], (guint16) atoi (argv[3]));
      printf ("connected\n");
      fflush (stdout);
      hold_until_stdin_closes (-1);
      return 0;
    }
  fprintf (stderr, "usage: mci-test-peer listen ADDRESS | connect ADDRESS PORT N\n");
  return 2;
}
