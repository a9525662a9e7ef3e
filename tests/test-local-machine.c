/* test-local-machine.c: this machine's addresses and ephemeral ports
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "mci-local-machine.h"
#include "mci-test-util.h"

static gboolean
is_local (MciLocalMachine *machine,
          const char      *text)
{
  MciAddress address;

  g_assert_true (mci_address_parse (&address, text));
  return mci_local_machine_is_local (machine, &address);
}

static void
test_loopback_always_local (void)
{
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();

  g_assert_true (is_local (machine, "127.0.0.1"));
  g_assert_true (is_local (machine, "127.45.3.9"));
  g_assert_true (is_local (machine, "::1"));
  g_assert_false (is_local (machine, "128.0.0.1"));
  g_assert_false (is_local (machine, "192.0.2.1"));
  g_assert_false (is_local (machine, "::2"));
}

static void
test_fib_trie (void)
{
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();
  const char *trie =
    "Main:\n"
    "  +-- 0.0.0.0/0 3 0 5\n"
    "     |-- 0.0.0.0\n"
    "        /0 universe UNICAST\n"
    "     +-- 192.0.2.0/24 2 0 2\n"
    "        +-- 192.0.2.0/30 2 0 2\n"
    "           |-- 192.0.2.0\n"
    "              /24 link UNICAST\n"
    "           |-- 192.0.2.2\n"
    "              /32 host LOCAL\n"
    "        |-- 192.0.2.255\n"
    "           /32 link BROADCAST\n"
    "     |-- 198.51.100.9\n"
    "        /32 host LOCAL\n";

  mci_local_machine_parse_fib_trie (machine, trie);
  g_assert_true (is_local (machine, "192.0.2.2"));
  g_assert_true (is_local (machine, "198.51.100.9"));
  g_assert_false (is_local (machine, "192.0.2.0"));
  g_assert_false (is_local (machine, "192.0.2.255"));
  g_assert_false (is_local (machine, "0.0.0.0"));
}

static void
test_if_inet6 (void)
{
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();

  mci_local_machine_parse_if_inet6 (machine,
                                    "20010db8000000000000000000000001 02 40 00 80     eth0\n"
                                    "fe800000000000000000000000000001 02 40 20 80     eth0\n"
                                    "not a line\n"
                                    "20010db8\n");
  g_assert_true (is_local (machine, "2001:db8::1"));
  g_assert_true (is_local (machine, "fe80::1"));
  g_assert_false (is_local (machine, "2001:db8::2"));
}

/* Past the linear scan's size the lookup goes through a hash; both must agree. */
static void
test_many_addresses (void)
{
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();

  for (guint i = 1; i <= 200; i++)
    {
      g_autofree char *text = g_strdup_printf ("198.51.100.%u", i);
      MciAddress address;

      g_assert_true (mci_address_parse (&address, text));
      mci_local_machine_add_address (machine, &address);
      mci_local_machine_add_address (machine, &address);
    }
  for (guint i = 1; i <= 200; i++)
    {
      g_autofree char *text = g_strdup_printf ("198.51.100.%u", i);

      g_assert_true (is_local (machine, text));
    }
  g_assert_false (is_local (machine, "198.51.100.201"));
}

static void
test_port_range (void)
{
  g_autoptr(MciLocalMachine) machine = mci_local_machine_new ();
  guint low, high;

  g_assert_true (mci_local_machine_is_ephemeral_port (machine, 32768));
  g_assert_true (mci_local_machine_is_ephemeral_port (machine, 60999));
  g_assert_false (mci_local_machine_is_ephemeral_port (machine, 61000));

  g_assert_true (mci_local_machine_parse_port_range (machine, "1024\t65535\n"));
  mci_local_machine_get_ephemeral_range (machine, &low, &high);
  g_assert_cmpuint (low, ==, 1024);
  g_assert_cmpuint (high, ==, 65535);

  g_assert_false (mci_local_machine_parse_port_range (machine, "junk"));
  g_assert_false (mci_local_machine_parse_port_range (machine, "5000 4000"));
  g_assert_false (mci_local_machine_parse_port_range (machine, "1000 70000"));
  g_assert_false (mci_local_machine_parse_port_range (machine, "1000"));
  mci_local_machine_get_ephemeral_range (machine, &low, &high);
  g_assert_cmpuint (low, ==, 1024);
}

static void
test_load_fixture (void)
{
  g_autofree char *path = mci_test_fixture_path ("repeated-rows");
  g_autoptr(MciLocalMachine) machine = mci_local_machine_load (path, NULL);
  guint low, high;

  g_assert_true (is_local (machine, "192.0.2.10"));
  g_assert_false (is_local (machine, "192.0.2.99"));
  mci_local_machine_get_ephemeral_range (machine, &low, &high);
  g_assert_cmpuint (low, ==, 40000);
  g_assert_cmpuint (high, ==, 50000);
}

/* Missing files leave loopback and the kernel's default range: no error. */
static void
test_load_missing (void)
{
  g_autoptr(MciLocalMachine) machine = mci_local_machine_load ("/nonexistent", NULL);
  guint low, high;

  g_assert_true (is_local (machine, "127.0.0.1"));
  mci_local_machine_get_ephemeral_range (machine, &low, &high);
  g_assert_cmpuint (low, ==, MCI_DEFAULT_EPHEMERAL_LOW);
  g_assert_cmpuint (high, ==, MCI_DEFAULT_EPHEMERAL_HIGH);
}

/* The live machine: its own sysctl gives the range, whatever it is. */
static void
test_load_live (void)
{
  g_autoptr(MciLocalMachine) machine = mci_local_machine_load ("/proc/net", "/proc/sys/net/ipv4");
  g_autofree char *contents = NULL;
  guint low, high;

  g_assert_true (g_file_get_contents ("/proc/sys/net/ipv4/ip_local_port_range", &contents, NULL,
                                      NULL));
  mci_local_machine_get_ephemeral_range (machine, &low, &high);
  g_assert_cmpuint (low, ==, g_ascii_strtoull (contents, NULL, 10));
  g_assert_true (is_local (machine, "127.0.0.1"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/local-machine/loopback-always-local", test_loopback_always_local);
  g_test_add_func ("/local-machine/fib-trie", test_fib_trie);
  g_test_add_func ("/local-machine/if-inet6", test_if_inet6);
  g_test_add_func ("/local-machine/many-addresses", test_many_addresses);
  g_test_add_func ("/local-machine/port-range", test_port_range);
  g_test_add_func ("/local-machine/load-fixture", test_load_fixture);
  g_test_add_func ("/local-machine/load-missing", test_load_missing);
  g_test_add_func ("/local-machine/load-live", test_load_live);

  return g_test_run ();
}
