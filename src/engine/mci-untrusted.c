/* mci-untrusted.c: text from others, made safe to show
 *
 * Host names come from whoever runs a DNS server; process names and command lines from
 * any local user (prctl (PR_SET_NAME) and argv are theirs to choose). All of it reaches
 * terminals (--text, --json), the clipboard and labels, so all of it goes through here
 * first. What is replaced, each character by U+FFFD so that the reader sees that
 * something was there:
 *
 *  - control characters (Unicode Cc: C0, DEL, C1). Without ESC (or the C1 CSI and OSC)
 *    an escape sequence is inert: "\x1b[2J" becomes "�[2J", printed as text.
 *  - format characters (Cf): the bidirectional controls that make text read differently
 *    from what it is (U+061C, U+200E/F, U+202A–E, U+2066–9; CVE-2021-42574), and the
 *    invisible ones that make two names look alike (U+200B–D, U+2060, U+FEFF)
 *  - line and paragraph separators (U+2028, U+2029), which some terminals break on
 *
 * Bytes that are not UTF-8 become U+FFFD too.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-untrusted"

#include "config.h"

#include <string.h>

#include "mci-untrusted.h"

gboolean
mci_untrusted_is_safe (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return FALSE;
    default:
      return TRUE;
    }
}

/* @text: NUL-terminated, in any encoding. @max_chars: where to cut it, in characters; 0
 * for no limit. Returns valid UTF-8 with only safe characters, maybe empty. */
char *
mci_untrusted_sanitize (const char *text,
                        guint       max_chars)
{
  g_autofree char *valid = NULL;
  GString *clean;
  guint n_chars = 0;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  clean = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0' && (max_chars == 0 || n_chars < max_chars);
       p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (clean, mci_untrusted_is_safe (c) ? c : 0xFFFD);
    }
  return g_string_free (clean, FALSE);
}
