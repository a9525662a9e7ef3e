/* mci-decimal.h: numbers as decimal text, without printf
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most digits of a guint64 */
#define MCI_DECIMAL_MAX 20

guint mci_decimal_write  (char    *out,
                          guint64  value);
void  mci_decimal_append (GString *out,
                          guint64  value);

G_END_DECLS
