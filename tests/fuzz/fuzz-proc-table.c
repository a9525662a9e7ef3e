/* fuzz-proc-table.c: libFuzzer target for /proc/net/tcp and tcp6
 *
 * The first byte picks the format (even: tcp, odd: tcp6); the rest is the file.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <sys/socket.h>

#include "fuzz-report.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(MciProcTable) table = mci_proc_table_new ();
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();
  MciAddress address;

  if (size < 1)
    return 0;

  mci_proc_table_parse (table, (const char *) data + 1, size - 1,
                        data[0] & 1 ? AF_INET6 : AF_INET);
  /* a machine with addresses, so that rows are told local from distant */
  mci_address_parse (&address, "10.0.2.10");
  mci_local_machine_add_address (machine, &address);
  mci_address_parse (&address, "2001:db8::1");
  mci_local_machine_add_address (machine, &address);
  mci_fuzz_report (table, machine, NULL);
  return 0;
}
