/* fuzz-untrusted.c: libFuzzer target for the sanitiser of text from others
 *
 * The first byte picks the road: even, a host name (mci_resolver_sanitize_name), which
 * then names every peer in both reports; odd, a process name or command line
 * (mci_untrusted_sanitize), cut at the first byte's value in characters (0: never).
 * Whatever comes out must be safe to print.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "fuzz-report.h"
#include "mci-resolver.h"
#include "mci-untrusted.h"

static void
host_name (const char *text)
{
  g_autofree char *name = mci_resolver_sanitize_name (text);
  g_autoptr(MciProcTable) table = NULL;
  g_autoptr(MciLocalMachine) machine = NULL;

  if (name == NULL)
    return;
  mci_fuzz_assert_safe (name);
  g_assert_cmpuint (g_utf8_strlen (name, -1), <=, MCI_HOSTNAME_MAX_CHARS);
  g_assert_false (g_str_has_suffix (name, "."));
  table = mci_fuzz_table_new ();
  machine = mci_local_machine_new ();
  mci_fuzz_report (table, machine, name);
}

static void
process_name (const char *text,
              guint       max_chars)
{
  g_autofree char *clean = mci_untrusted_sanitize (text, max_chars);

  mci_fuzz_assert_safe (clean);
  g_assert_null (strchr (clean, '\n'));
  if (max_chars > 0)
    g_assert_cmpuint (g_utf8_strlen (clean, -1), <=, max_chars);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = NULL;

  if (size < 1)
    return 0;

  text = g_strndup ((const char *) data + 1, size - 1);
  if ((data[0] & 1) == 0)
    host_name (text);
  else
    process_name (text, data[0] >> 1);
  return 0;
}
