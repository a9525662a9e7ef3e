/* mci-test-peer.c: the far end of test connections, run in another network namespace
 *
 *   mci-test-peer listen ADDRESS          prints the port, accepts and holds connections
 *   mci-test-peer connect ADDRESS PORT N  opens N connections, prints "connected"
 *
 * Either holds its sockets until standard input closes, then exits.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static socklen_t
make_address (const char              *text,
              int                      port,
              struct sockaddr_storage *storage)
{
  struct sockaddr_in *in4 = (struct sockaddr_in *) storage;
  struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) storage;

  memset (storage, 0, sizeof *storage);
  if (inet_pton (AF_INET, text, &in4->sin_addr) == 1)
    {
      in4->sin_family = AF_INET;
      in4->sin_port = htons (port);
      return sizeof *in4;
    }
  if (inet_pton (AF_INET6, text, &in6->sin6_addr) == 1)
    {
      in6->sin6_family = AF_INET6;
      in6->sin6_port = htons (port);
      return sizeof *in6;
    }
  fprintf (stderr, "mci-test-peer: not an address: %s\n", text);
  exit (2);
}

static int
listen_on (const char *text)
{
  struct sockaddr_storage storage;
  socklen_t length = make_address (text, 0, &storage);
  int fd = socket (storage.ss_family, SOCK_STREAM, 0);

  if (fd < 0 || bind (fd, (struct sockaddr *) &storage, length) < 0 || listen (fd, 128) < 0 ||
      getsockname (fd, (struct sockaddr *) &storage, &length) < 0)
    {
      perror ("mci-test-peer: listen");
      exit (1);
    }
  printf ("%d\n", ntohs (((struct sockaddr_in *) &storage)->sin_port));
  fflush (stdout);
  return fd;
}

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
        accept (listener, NULL, NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "listen") == 0)
    {
      hold_until_stdin_closes (listen_on (argv[2]));
      return 0;
    }
  if (argc == 5 && strcmp (argv[1], "connect") == 0)
    {
      struct sockaddr_storage storage;
      socklen_t length = make_address (argv[2], atoi (argv[3]), &storage);

      for (int i = 0; i < atoi (argv[4]); i++)
        {
          int fd = socket (storage.ss_family, SOCK_STREAM, 0);

          if (fd < 0 || connect (fd, (struct sockaddr *) &storage, length) < 0)
            {
              perror ("mci-test-peer: connect");
              return 1;
            }
        }
      printf ("connected\n");
      fflush (stdout);
      hold_until_stdin_closes (-1);
      return 0;
    }
  fprintf (stderr, "usage: mci-test-peer listen ADDRESS | connect ADDRESS PORT N\n");
  return 2;
}
