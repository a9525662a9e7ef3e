/* mci-untrusted.h: text from others, made safe to show
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *mci_untrusted_sanitize (const char *text,
                                  guint       max_chars);
gboolean  mci_untrusted_is_safe  (gunichar    c);

G_END_DECLS
