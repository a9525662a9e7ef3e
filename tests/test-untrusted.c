/* test-untrusted.c: the one sanitiser for text from others (host names, process names,
 * command lines)
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include "mci-resolver.h"
#include "mci-untrusted.h"

#define REPLACEMENT "\xef\xbf\xbd"

static void
assert_replaced (gunichar c)
{
  char text[16] = "a";
  g_autofree char *clean = NULL;
  int n = g_unichar_to_utf8 (c, text + 1);

  text[1 + n] = 'b';
  clean = mci_untrusted_sanitize (text, 0);
  if (g_strcmp0 (clean, "a" REPLACEMENT "b") != 0)
    g_error ("U+%04X came through as “%s”", c, clean);
  g_assert_false (mci_untrusted_is_safe (c));
}

/* C0, DEL and C1: every one of them */
static void
test_control_characters (void)
{
  for (gunichar c = 0x01; c < 0x20; c++)
    assert_replaced (c);
  for (gunichar c = 0x7F; c < 0xA0; c++)
    assert_replaced (c);
}

/* the bidirectional controls, the invisible ones, and the separators */
static void
test_format_characters (void)
{
  static const gunichar named[] = {
    0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
    0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF, 0x2028, 0x2029,
  };

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    assert_replaced (named[i]);
}

/* ESC, the C1 CSI and OSC: without their introducer, sequences are inert text */
static void
test_escape_sequences (void)
{
  g_autofree char *ansi = mci_untrusted_sanitize ("\x1b[2J\x1b]0;pwn\x07name", 0);
  g_autofree char *c1 = mci_untrusted_sanitize ("\xc2\x9b" "2J\xc2\x9d" "0;pwn\xc2\x9c", 0);
  g_autofree char *raw_c1 = mci_untrusted_sanitize ("\x9b" "2J", 0);

  g_assert_cmpstr (ansi, ==, REPLACEMENT "[2J" REPLACEMENT "]0;pwn" REPLACEMENT "name");
  g_assert_cmpstr (c1, ==, REPLACEMENT "2J" REPLACEMENT "0;pwn" REPLACEMENT);
  g_assert_cmpstr (raw_c1, ==, REPLACEMENT "2J");
}

/* what people really call hosts and processes stays as it is */
static void
test_ordinary_text (void)
{
  static const char *const texts[] = {
    "", "nginx", "café.exämple.org", "日本語.jp", "مثال.إختبار", "postgres: writer",
    "<b>bold</b>&amp;", "emoji 😀", "tab-less", "a b",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *clean = mci_untrusted_sanitize (texts[i], 0);

      g_assert_cmpstr (clean, ==, texts[i]);
    }
}

static void
test_invalid_utf8_and_length (void)
{
  g_autofree char *invalid = mci_untrusted_sanitize ("bad\xff\xfe", 0);
  g_autofree char *cut = mci_untrusted_sanitize ("ééééé", 3);
  g_autofree char *cut_after_control = mci_untrusted_sanitize ("\x1b\x1b\x1b\x1b", 2);

  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_true (g_str_has_prefix (invalid, "bad"));
  g_assert_null (strchr (invalid, '\xff'));
  g_assert_cmpstr (cut, ==, "ééé");
  g_assert_cmpstr (cut_after_control, ==, REPLACEMENT REPLACEMENT);
}

/* host names take the same road, and lose their trailing dot */
static void
test_host_names (void)
{
  g_autofree char *zero_width = mci_resolver_sanitize_name ("pay\xe2\x80\x8bpal.com.");
  g_autofree char *arabic_mark = mci_resolver_sanitize_name ("abc\xd8\x9c" "cba.example");
  g_autofree char *bom = mci_resolver_sanitize_name ("\xef\xbb\xbf" "example.org");
  g_autofree char *dots = mci_resolver_sanitize_name ("host.example...");

  g_assert_cmpstr (zero_width, ==, "pay" REPLACEMENT "pal.com");
  g_assert_cmpstr (arabic_mark, ==, "abc" REPLACEMENT "cba.example");
  g_assert_cmpstr (bom, ==, REPLACEMENT "example.org");
  g_assert_null (mci_resolver_sanitize_name ("."));
  g_assert_null (mci_resolver_sanitize_name (".."));
  g_assert_cmpstr (dots, ==, "host.example");
  g_assert_null (mci_resolver_sanitize_name (""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/untrusted/control-characters", test_control_characters);
  g_test_add_func ("/untrusted/format-characters", test_format_characters);
  g_test_add_func ("/untrusted/escape-sequences", test_escape_sequences);
  g_test_add_func ("/untrusted/ordinary-text", test_ordinary_text);
  g_test_add_func ("/untrusted/invalid-utf8-and-length", test_invalid_utf8_and_length);
  g_test_add_func ("/untrusted/host-names", test_host_names);

  return g_test_run ();
}
