/* mci-deny-netlink.c: runs a command in which netlink sockets are refused
 *
 *   mci-deny-netlink COMMAND [ARGUMENTS...]
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "mci-test-util.h"

int
main (int   argc,
      char *argv[])
{
  if (argc < 2)
    {
      fprintf (stderr, "usage: mci-deny-netlink COMMAND [ARGUMENTS...]\n");
      return 2;
    }
  mci_test_deny_netlink ();
  execvp (argv[1], argv + 1);
  perror (argv[1]);
  return 127;
}
