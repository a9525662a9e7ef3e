/* fuzz-ssh-response.c: libFuzzer target for what a server sends back over ssh
 *
 * The input is one response, as the server's script prints it for the token
 * "0123456789abcdef": frames of /proc files between marker lines. Whatever a server
 * sends, the reading side must come back with a sample or an error, and reports of the
 * sample hold nothing unsafe for a terminal.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "fuzz-report.h"
#include "mci-report.h"
#include "mci-ssh-source.h"

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSnapshot) snapshot = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  /* as the reading side keeps it: a newline of its own, then what came */
  g_autofree char *response = g_malloc (size + 1);

  response[0] = '\n';
  memcpy (response + 1, data, size);
  snapshot = mci_ssh_parse_response ("fuzz.example", "0123456789abcdef", response, size + 1,
                                     NULL, &error);
  if (snapshot == NULL)
    {
      g_assert_nonnull (error);
      mci_fuzz_assert_safe (error->message);
      return 0;
    }
  text = mci_report_format_text (snapshot, MCI_REPORT_LISTENING, NULL, NULL);
  json = mci_report_format_json_for_host (snapshot, "fuzz.example", NULL, NULL);
  mci_fuzz_assert_safe (text);
  mci_fuzz_assert_safe (json);
  return 0;
}
