/* fuzz-proc-table.c: libFuzzer target for everything that reads /proc text
 *
 * The first byte picks the reader (tcp, tcp6, fib_trie, if_inet6); the parsed rows
 * then go through the classifier and both reports, so that whatever a hostile or
 * broken proc root holds reaches every consumer.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <sys/socket.h>

#include "mci-proc-table.h"
#include "mci-report.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static void
report (MciProcTable    *table,
        MciLocalMachine *machine)
{
  guint skipped = mci_proc_table_get_skipped_lines (table);
  g_autoptr(MciSnapshot) snapshot =
    mci_snapshot_new (mci_proc_table_steal_connections (table), machine, skipped, NULL);
  g_autofree char *text = mci_report_format_text (snapshot, MCI_REPORT_LISTENING, NULL, NULL);
  g_autofree char *json = mci_report_format_json (snapshot, NULL, NULL);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_utf8_validate (json, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(MciProcTable) table = mci_proc_table_new ();
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();
  g_autofree char *text = NULL;

  if (size < 1)
    return 0;

  /* the machine's readers take NUL-terminated text, as mci_proc_file_read () gives */
  text = g_strndup ((const char *) data + 1, size - 1);
  switch (data[0] & 3)
    {
    case 0:
      mci_proc_table_parse (table, (const char *) data + 1, size - 1, AF_INET);
      break;
    case 1:
      mci_proc_table_parse (table, (const char *) data + 1, size - 1, AF_INET6);
      break;
    case 2:
      mci_local_machine_parse_fib_trie (machine, text);
      mci_local_machine_parse_port_range (machine, text);
      break;
    default:
      mci_local_machine_parse_if_inet6 (machine, text);
      break;
    }

  report (table, machine);
  return 0;
}
