/* fuzz-report.c: what every harness does with what it parsed
 *
 * The parsed rows (or a fixed table, for the harnesses that parse the machine) go through
 * the classifier, the snapshot and both reports, so that whatever a hostile proc root or
 * DNS server holds reaches every consumer.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "fuzz-report.h"
#include "mci-report.h"
#include "mci-untrusted.h"

/* distant inbound and outbound, looping, listening, IPv6 and mapped: every section */
static const char table_v4[] =
  "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
  "   0: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 11 1\n"
  "   1: 0A02000A:0016 057100CB:C350 01 0000002A:00000007 02:000A7D5C 00000000  1000        0 12 1\n"
  "   2: 0A02000A:C350 057100CB:01BB 01 00000000:00000000 00:00000000 00000000  1000        0 13 1\n"
  "   3: 0100007F:C351 0100007F:0277 01 00000000:00000000 00:00000000 00000000  1000        0 14 1\n"
  "   4: 0100007F:0277 0100007F:C351 01 00000000:00000000 00:00000000 00000000  1000        0 15 1\n"
  "   5: 0A02000A:0050 057100CB:C352 06 00000000:00000000 03:00001770 00000000     0        0 0 3\n";
static const char table_v6[] =
  "   0: B80D0120000000000000000001000000:01BB B80D0120000000000000000077000000:C4E0 01 00000000:00000000 00:00000000 00000000     0        0 21 1\n"
  "   1: 0000000000000000FFFF00000A02000A:01BB 0000000000000000FFFF0000076433C6:C3B4 01 00000000:00000005 00:00000000 00000000     0        0 22 1\n";

MciProcTable *
mci_fuzz_table_new (void)
{
  MciProcTable *table = mci_proc_table_new ();

  mci_proc_table_parse (table, table_v4, strlen (table_v4), AF_INET);
  mci_proc_table_parse (table, table_v6, strlen (table_v6), AF_INET6);
  return table;
}

/* No control, format or separator character but the newlines that end lines, and
 * valid UTF-8. */
void
mci_fuzz_assert_safe (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    g_assert_true (*p == '\n' || mci_untrusted_is_safe (g_utf8_get_char (p)));
}

static const char *
same_name (const MciAddress *address,
           gpointer          user_data)
{
  return user_data;
}

/* @hostname: every peer's name, or NULL for none. */
void
mci_fuzz_report (MciProcTable    *table,
                 MciLocalMachine *machine,
                 const char      *hostname)
{
  mci_fuzz_report_rows (mci_proc_table_steal_connections (table), machine,
                        mci_proc_table_get_skipped_lines (table), hostname);
}

/* @rows: (transfer full): MciConnection rows, from any reader. */
void
mci_fuzz_report_rows (GArray          *rows,
                      MciLocalMachine *machine,
                      guint            skipped,
                      const char      *hostname)
{
  g_autoptr(MciSnapshot) snapshot = mci_snapshot_new (rows, machine, skipped, NULL);
  MciHostnameFunc names = hostname != NULL ? same_name : NULL;
  g_autofree char *text = mci_report_format_text (snapshot,
                                                  MCI_REPORT_LISTENING | MCI_REPORT_TRAFFIC,
                                                  names, (gpointer) hostname);
  g_autofree char *json = mci_report_format_json (snapshot, names, (gpointer) hostname);

  mci_fuzz_assert_safe (text);
  mci_fuzz_assert_safe (json);
}
