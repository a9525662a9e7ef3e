/* mci-proc-table.c: the rows of /proc/net/tcp and tcp6, parsed
 *
 * Each line is walked once with a cursor, no sscanf (): files reach tens of MB. The
 * format is the kernel's (net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv6/tcp_ipv6.c):
 *
 *   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *    0: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1145 …
 *
 * Addresses are 32-bit words printed with %08X from the kernel's __be32 values, so
 * storing each parsed word back in host order restores network byte order.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-proc-table"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/socket.h>

#include "mci-index-set.h"
#include "mci-proc-file.h"
#include "mci-proc-table.h"

/* The 4-tuple is the first 38 bytes of a row, with no padding inside. */
#define TUPLE_SIZE (G_STRUCT_OFFSET (MciConnection, remote_port) + sizeof (guint16))
G_STATIC_ASSERT (G_STRUCT_OFFSET (MciConnection, remote_address) == sizeof (MciAddress));
G_STATIC_ASSERT (G_STRUCT_OFFSET (MciConnection, local_port) == 2 * sizeof (MciAddress));
G_STATIC_ASSERT (TUPLE_SIZE == 2 * sizeof (MciAddress) + 2 * sizeof (guint16));

struct _MciProcTable
{
  GArray      *connections;
  MciIndexSet *seen;
  guint        skipped_lines;
  guint        repeated_rows;
};

typedef enum
{
  LINE_ROW,
  LINE_IGNORED,
  LINE_MALFORMED,
} LineKind;

typedef struct
{
  const char *p;
  const char *end;
} Cursor;

/* hex digit value plus one; 0 means "not a hex digit" */
static const guint8 hex_plus_one[256] = {
  ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
  ['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
  ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
  ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

static guint
hash_row (gconstpointer base,
          guint         index)
{
  return mci_index_set_hash_bytes (&((const MciConnection *) base)[index], TUPLE_SIZE);
}

/* SO_REUSEPORT listeners share a 4-tuple; only their inode tells them apart. */
static gboolean
equal_rows (gconstpointer base,
            guint         a,
            guint         b)
{
  const MciConnection *row_a = &((const MciConnection *) base)[a];
  const MciConnection *row_b = &((const MciConnection *) base)[b];

  if (memcmp (row_a, row_b, TUPLE_SIZE) != 0)
    return FALSE;
  if (row_a->state == MCI_TCP_STATE_LISTEN || row_b->state == MCI_TCP_STATE_LISTEN)
    return row_a->inode == row_b->inode;
  return TRUE;
}

MciProcTable *
mci_proc_table_new (void)
{
  MciProcTable *self = g_new0 (MciProcTable, 1);

  self->connections = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  self->seen = mci_index_set_new (0, hash_row, equal_rows);
  return self;
}

void
mci_proc_table_free (MciProcTable *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->connections, g_array_unref);
  mci_index_set_free (self->seen);
  g_free (self);
}

static inline void
skip_spaces (Cursor *c)
{
  while (c->p < c->end && *c->p == ' ')
    c->p++;
}

static inline gboolean
expect_char (Cursor *c,
             char    ch)
{
  if (c->p >= c->end || *c->p != ch)
    return FALSE;
  c->p++;
  return TRUE;
}

static inline gboolean
parse_hex (Cursor  *c,
           guint    n_digits,
           guint32 *out)
{
  guint32 value = 0;

  if ((gsize) (c->end - c->p) < n_digits)
    return FALSE;

  for (guint i = 0; i < n_digits; i++)
    {
      guint8 digit = hex_plus_one[(guchar) c->p[i]];

      if (digit == 0)
        return FALSE;
      value = (value << 4) | (digit - 1);
    }

  c->p += n_digits;
  *out = value;
  return TRUE;
}

/* A field we do not use, of any length: one or more hex digits. */
static inline gboolean
skip_hex (Cursor *c)
{
  const char *start = c->p;

  while (c->p < c->end && hex_plus_one[(guchar) *c->p] != 0)
    c->p++;
  return c->p > start;
}

/* Fails for a number above @max, checked before it can wrap: 2^64 is not 0. */
static inline gboolean
parse_decimal (Cursor  *c,
               guint64  max,
               guint64 *out)
{
  const char *start = c->p;
  guint64 value = 0;

  for (; c->p < c->end && *c->p >= '0' && *c->p <= '9'; c->p++)
    {
      guint64 digit = (guint64) (*c->p - '0');

      if (value > (max - digit) / 10)
        return FALSE;
      value = value * 10 + digit;
    }

  *out = value;
  return c->p > start;
}

static gboolean
parse_endpoint (Cursor     *c,
                int         family,
                MciAddress *address,
                guint16    *port)
{
  guint n_words = family == AF_INET6 ? 4 : 1;
  guint8 bytes[16];
  guint32 value;

  for (guint i = 0; i < n_words; i++)
    {
      if (!parse_hex (c, 8, &value))
        return FALSE;
      memcpy (bytes + 4 * i, &value, 4);
    }

  if (family == AF_INET6)
    mci_address_init_ipv6 (address, bytes);
  else
    mci_address_init_ipv4 (address, bytes);
  mci_address_unmap_ipv4 (address);

  if (!expect_char (c, ':') || !parse_hex (c, 4, &value))
    return FALSE;
  *port = (guint16) value;
  return TRUE;
}

/* "st tx_queue:rx_queue tr:tm->when retrnsmt" */
static gboolean
parse_state_and_queues (Cursor        *c,
                        MciConnection *row)
{
  guint32 state;

  if (!parse_hex (c, 2, &state) || state == 0 || state >= MCI_TCP_N_STATES)
    return FALSE;
  row->state = state;

  skip_spaces (c);
  if (!parse_hex (c, 8, &row->tx_queue) || !expect_char (c, ':') ||
      !parse_hex (c, 8, &row->rx_queue))
    return FALSE;

  skip_spaces (c);
  if (!skip_hex (c) || !expect_char (c, ':') || !skip_hex (c))
    return FALSE;
  skip_spaces (c);
  return skip_hex (c);
}

/* "uid timeout inode", where timeout is signed and unused */
static gboolean
parse_owner (Cursor        *c,
             MciConnection *row)
{
  guint64 value;

  skip_spaces (c);
  if (!parse_decimal (c, G_MAXUINT32, &value))
    return FALSE;
  row->uid = (guint32) value;

  skip_spaces (c);
  if (c->p < c->end && *c->p == '-')
    c->p++;
  if (!parse_decimal (c, G_MAXUINT64, &value))
    return FALSE;

  skip_spaces (c);
  /* every row the kernel writes has fields after the inode: a line that ends
   * here was cut, maybe in the middle of the inode */
  if (!parse_decimal (c, G_MAXUINT64, &row->inode))
    return FALSE;
  return c->p < c->end && *c->p == ' ';
}

static LineKind
parse_line (const char    *line,
            const char    *end,
            int            family,
            MciConnection *row)
{
  Cursor c = { line, end };
  guint64 slot;

  skip_spaces (&c);
  if (c.p == c.end)
    return LINE_IGNORED;
  if (c.end - c.p >= 2 && memcmp (c.p, "sl", 2) == 0)
    return LINE_IGNORED;

  memset (row, 0, sizeof *row);
  if (!parse_decimal (&c, G_MAXUINT32, &slot) || !expect_char (&c, ':'))
    return LINE_MALFORMED;

  skip_spaces (&c);
  if (!parse_endpoint (&c, family, &row->local_address, &row->local_port) ||
      !expect_char (&c, ' ') ||
      !parse_endpoint (&c, family, &row->remote_address, &row->remote_port) ||
      !expect_char (&c, ' ') ||
      !parse_state_and_queues (&c, row) ||
      !parse_owner (&c, row))
    return LINE_MALFORMED;

  return LINE_ROW;
}

/* The kernel hands the file out a page per read () and does not freeze it between
 * reads: a socket can move in its hash table and come out twice. The later row is
 * the fresher one. */
static void
add_row (MciProcTable        *self,
         const MciConnection *row)
{
  guint index = self->connections->len;
  guint existing;

  g_array_append_vals (self->connections, row, 1);
  existing = mci_index_set_insert (self->seen, self->connections->data, index);
  if (existing == MCI_INDEX_SET_NONE)
    return;

  g_array_index (self->connections, MciConnection, existing) = *row;
  g_array_set_size (self->connections, index);
  self->repeated_rows++;
}

/* @family: AF_INET for the format of /proc/net/tcp, AF_INET6 for tcp6. */
void
mci_proc_table_parse (MciProcTable *self,
                      const char   *text,
                      gsize         length,
                      int           family)
{
  const char *end = text + length;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL || length == 0);
  g_return_if_fail (family == AF_INET || family == AF_INET6);

  for (const char *line = text; line < end;)
    {
      const char *eol = memchr (line, '\n', end - line);
      MciConnection row;

      if (eol == NULL)
        eol = end;

      switch (parse_line (line, eol, family, &row))
        {
        case LINE_ROW:
          add_row (self, &row);
          break;
        case LINE_MALFORMED:
          self->skipped_lines++;
          break;
        case LINE_IGNORED:
        default:
          break;
        }

      line = eol + 1;
    }
}

gboolean
mci_proc_table_load (MciProcTable  *self,
                     const char    *path,
                     int            family,
                     GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *text;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = mci_proc_file_read (path, _("the TCP connection table"), error);
  if (bytes == NULL)
    return FALSE;

  text = g_bytes_get_data (bytes, &length);
  mci_proc_table_parse (self, text, length, family);
  return TRUE;
}

const MciConnection *
mci_proc_table_get_connections (MciProcTable *self,
                                guint        *n_connections)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_connections != NULL)
    *n_connections = self->connections->len;
  return (const MciConnection *) (gpointer) self->connections->data;
}

/* Hands over the rows; the table is empty afterwards. */
GArray *
mci_proc_table_steal_connections (MciProcTable *self)
{
  GArray *connections;

  g_return_val_if_fail (self != NULL, NULL);

  connections = g_steal_pointer (&self->connections);
  self->connections = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  mci_index_set_free (self->seen);
  self->seen = mci_index_set_new (0, hash_row, equal_rows);
  return connections;
}

guint
mci_proc_table_get_skipped_lines (MciProcTable *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->skipped_lines;
}

guint
mci_proc_table_get_repeated_rows (MciProcTable *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->repeated_rows;
}
