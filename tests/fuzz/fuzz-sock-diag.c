/* fuzz-sock-diag.c: libFuzzer target for the sock_diag dump parser
 *
 * The input is one receive buffer of replies, as the kernel writes them for request
 * 0; whatever rows it yields go through the snapshot and both reports.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <linux/netlink.h>
#include <string.h>

#include "fuzz-report.h"
#include "mci-sock-diag.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* the receive buffer is malloc ()ed, so aligned: the parser may rely on it */
  g_autofree guint8 *buffer = g_memdup2 (data, size);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();
  g_autoptr(GError) error = NULL;
  MciSockDiagParse parse = { 0 };
  MciAddress address;

  if (mci_sock_diag_parse (&parse, buffer, size, rows, &error) == MCI_SOCK_DIAG_FAILED)
    g_assert_nonnull (error);
  else
    g_assert_no_error (error);
  mci_address_parse (&address, "192.0.2.1");
  mci_local_machine_add_address (machine, &address);
  mci_fuzz_report_rows (g_steal_pointer (&rows), machine, parse.n_malformed, NULL);
  return 0;
}
