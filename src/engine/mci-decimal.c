/* mci-decimal.c: numbers as decimal text, without printf
 *
 * The reports write several numbers for each of tens of thousands of connections;
 * printf's parsing of its format was a tenth of a large report's time.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-decimal"

#include "config.h"

#include "mci-decimal.h"

/* Writes @value at @out (room for as many digits as it has, MCI_DECIMAL_MAX at most),
 * without a NUL; returns how many characters. */
guint
mci_decimal_write (char    *out,
                   guint64  value)
{
  char digits[MCI_DECIMAL_MAX];
  guint n = 0;

  g_return_val_if_fail (out != NULL, 0);

  do
    digits[n++] = '0' + value % 10;
  while ((value /= 10) > 0);
  for (guint i = 0; i < n; i++)
    out[i] = digits[n - 1 - i];
  return n;
}

void
mci_decimal_append (GString *out,
                    guint64  value)
{
  char digits[MCI_DECIMAL_MAX];

  g_return_if_fail (out != NULL);

  g_string_append_len (out, digits, mci_decimal_write (digits, value));
}
