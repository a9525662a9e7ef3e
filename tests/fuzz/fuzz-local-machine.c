/* fuzz-local-machine.c: libFuzzer target for what tells this machine's addresses and
 * ports: /proc/net/fib_trie, /proc/net/if_inet6 and ip_local_port_range
 *
 * The first byte picks the reader (0: fib_trie, 1: if_inet6, 2: the port range, modulo
 * 3); the rest is the file. The machine it describes then classifies a fixed table that
 * has every kind of row.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "fuzz-report.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(MciProcTable) table = NULL;
  g_autoptr(MciLocalMachine) machine = NULL;
  g_autofree char *text = NULL;

  if (size < 1)
    return 0;

  table = mci_fuzz_table_new ();
  machine = mci_local_machine_new ();
  /* the machine's readers take NUL-terminated text, as mci_proc_file_read () gives */
  text = g_strndup ((const char *) data + 1, size - 1);
  switch (data[0] % 3)
    {
    case 0:
      mci_local_machine_parse_fib_trie (machine, text);
      break;
    case 1:
      mci_local_machine_parse_if_inet6 (machine, text);
      break;
    default:
      mci_local_machine_parse_port_range (machine, text);
      break;
    }
  mci_fuzz_report (table, machine, NULL);
  return 0;
}
