/* mci-local-machine.c: this machine's addresses and ephemeral ports
 *
 * Both come from the same proc root as the connections, so a capture taken on
 * another machine is classified with that machine's addresses.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-local-machine"

#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "mci-local-machine.h"
#include "mci-proc-file.h"

/* Past this many addresses a hash beats scanning them. */
#define LINEAR_SCAN_MAX 16

struct _MciLocalMachine
{
  GArray     *addresses;   /* the first LINEAR_SCAN_MAX, for scanning */
  GHashTable *address_set; /* all of them, owned copies */
  guint       ephemeral_low;
  guint       ephemeral_high;
};

MciLocalMachine *
mci_local_machine_new (void)
{
  MciLocalMachine *self = g_new0 (MciLocalMachine, 1);

  self->addresses = g_array_new (FALSE, FALSE, sizeof (MciAddress));
  self->address_set = g_hash_table_new_full ((GHashFunc) mci_address_hash,
                                             (GEqualFunc) mci_address_equal, g_free, NULL);
  self->ephemeral_low = MCI_DEFAULT_EPHEMERAL_LOW;
  self->ephemeral_high = MCI_DEFAULT_EPHEMERAL_HIGH;
  return self;
}

void
mci_local_machine_free (MciLocalMachine *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->addresses);
  g_hash_table_unref (self->address_set);
  g_free (self);
}

void
mci_local_machine_add_address (MciLocalMachine  *self,
                               const MciAddress *address)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (address != NULL);

  if (mci_local_machine_is_local (self, address))
    return;

  g_hash_table_add (self->address_set, g_memdup2 (address, sizeof *address));
  if (self->addresses->len < LINEAR_SCAN_MAX)
    g_array_append_vals (self->addresses, address, 1);
}

/* fib_trie lists each address of the machine as "|-- a.b.c.d" followed by a line
 * "/32 host LOCAL"; the Local table repeats the Main one, which is harmless. */
void
mci_local_machine_parse_fib_trie (MciLocalMachine *self,
                                  const char      *text)
{
  g_auto(GStrv) lines = NULL;
  MciAddress last = { 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *leaf = strstr (lines[i], "|-- ");
      guint8 bytes[4];

      if (leaf != NULL)
        {
          memset (&last, 0, sizeof last);
          if (inet_pton (AF_INET, g_strstrip (lines[i] + (leaf - lines[i]) + 4), bytes) == 1)
            mci_address_init_ipv4 (&last, bytes);
        }
      else if (strstr (lines[i], "host LOCAL") != NULL && mci_address_is_set (&last))
        mci_local_machine_add_address (self, &last);
    }
}

/* if_inet6: "fe800000000000000000000000000001 02 40 20 80 eth0", the address
 * as 32 hex digits in network order. */
void
mci_local_machine_parse_if_inet6 (MciLocalMachine *self,
                                  const char      *text)
{
  g_auto(GStrv) lines = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint8 bytes[16];
      MciAddress address;
      guint j;

      for (j = 0; j < 16; j++)
        {
          int high = g_ascii_xdigit_value (lines[i][2 * j]);
          int low = high < 0 ? -1 : g_ascii_xdigit_value (lines[i][2 * j + 1]);

          if (low < 0)
            break;
          bytes[j] = (guint8) (high << 4 | low);
        }

      if (j == 16)
        {
          mci_address_init_ipv6 (&address, bytes);
          mci_local_machine_add_address (self, &address);
        }
    }
}

/* "32768\t60999" */
gboolean
mci_local_machine_parse_port_range (MciLocalMachine *self,
                                    const char      *text)
{
  guint64 low, high;
  char *end;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  low = g_ascii_strtoull (text, &end, 10);
  if (end == text)
    return FALSE;
  text = end;
  high = g_ascii_strtoull (text, &end, 10);
  if (end == text || low == 0 || low > high || high > G_MAXUINT16)
    return FALSE;

  self->ephemeral_low = (guint) low;
  self->ephemeral_high = (guint) high;
  return TRUE;
}

typedef void (*ParseFunc) (MciLocalMachine *self,
                           const char      *text);

static gboolean
load_file (MciLocalMachine *self,
           const char      *directory,
           const char      *name,
           ParseFunc        parse)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = mci_proc_file_read (path, name, &error);

  /* These only refine the classification: without them, loopback still counts as
   * local and the kernel's default port range applies. */
  if (bytes == NULL)
    {
      g_debug ("%s", error->message);
      return FALSE;
    }

  parse (self, g_bytes_get_data (bytes, NULL));
  return TRUE;
}

static void
parse_port_range (MciLocalMachine *self,
                  const char      *text)
{
  if (!mci_local_machine_parse_port_range (self, text))
    g_debug ("Ignoring an ephemeral port range that does not parse: %s", text);
}

/* @proc_root: a directory laid out like /proc/net. @sysctl_root: where the live
 * machine keeps ip_local_port_range (/proc/sys/net/ipv4); NULL for a saved proc
 * root, which may hold a copy of that file beside tcp. */
MciLocalMachine *
mci_local_machine_load (const char *proc_root,
                        const char *sysctl_root)
{
  MciLocalMachine *self;

  g_return_val_if_fail (proc_root != NULL, NULL);

  self = mci_local_machine_new ();
  load_file (self, proc_root, "fib_trie", mci_local_machine_parse_fib_trie);
  load_file (self, proc_root, "if_inet6", mci_local_machine_parse_if_inet6);
  load_file (self, sysctl_root != NULL ? sysctl_root : proc_root, "ip_local_port_range",
             parse_port_range);
  return self;
}

gboolean
mci_local_machine_is_local (MciLocalMachine  *self,
                            const MciAddress *address)
{
  const MciAddress *addresses;

  g_return_val_if_fail (self != NULL, FALSE);

  if (mci_address_is_loopback (address))
    return TRUE;
  if (g_hash_table_size (self->address_set) > LINEAR_SCAN_MAX)
    return g_hash_table_contains (self->address_set, address);

  addresses = (const MciAddress *) (gpointer) self->addresses->data;
  for (guint i = 0; i < self->addresses->len; i++)
    if (mci_address_equal (&addresses[i], address))
      return TRUE;
  return FALSE;
}

gboolean
mci_local_machine_is_ephemeral_port (MciLocalMachine *self,
                                     guint            port)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return port >= self->ephemeral_low && port <= self->ephemeral_high;
}

void
mci_local_machine_get_ephemeral_range (MciLocalMachine *self,
                                       guint           *low,
                                       guint           *high)
{
  g_return_if_fail (self != NULL);
  if (low != NULL)
    *low = self->ephemeral_low;
  if (high != NULL)
    *high = self->ephemeral_high;
}
