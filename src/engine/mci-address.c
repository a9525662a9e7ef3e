/* mci-address.c: an IPv4 or IPv6 address as a plain value
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-address"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "mci-address.h"
#include "mci-decimal.h"

G_STATIC_ASSERT (MCI_ADDRESS_STRLEN == INET6_ADDRSTRLEN);

static const guint8 ipv4_mapped_prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

void
mci_address_init_ipv4 (MciAddress   *self,
                       const guint8  bytes[4])
{
  memset (self, 0, sizeof *self);
  self->family = AF_INET;
  memcpy (self->bytes, bytes, 4);
}

void
mci_address_init_ipv6 (MciAddress   *self,
                       const guint8  bytes[16])
{
  memset (self, 0, sizeof *self);
  self->family = AF_INET6;
  memcpy (self->bytes, bytes, 16);
}

/* For GResolver and the other GIO APIs that take addresses as objects. */
GInetAddress *
mci_address_to_inet_address (const MciAddress *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (mci_address_is_set (self), NULL);

  return g_inet_address_new_from_bytes (self->bytes, self->family == AF_INET6
                                                     ? G_SOCKET_FAMILY_IPV6
                                                     : G_SOCKET_FAMILY_IPV4);
}

gboolean
mci_address_parse (MciAddress *self,
                   const char *text)
{
  guint8 bytes[16];

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (inet_pton (AF_INET, text, bytes) == 1)
    mci_address_init_ipv4 (self, bytes);
  else if (inet_pton (AF_INET6, text, bytes) == 1)
    mci_address_init_ipv6 (self, bytes);
  else
    return FALSE;

  return TRUE;
}

/* inet_ntop () prints IPv4 through printf; a report of tens of thousands of lines
 * formats two addresses a line. */
const char *
mci_address_to_string (const MciAddress *self,
                       char              buffer[MCI_ADDRESS_STRLEN])
{
  char *out = buffer;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->family == AF_INET6)
    return inet_ntop (AF_INET6, self->bytes, buffer, MCI_ADDRESS_STRLEN);
  if (self->family != AF_INET)
    {
      buffer[0] = '\0';
      return buffer;
    }
  for (guint i = 0; i < 4; i++)
    {
      out += mci_decimal_write (out, self->bytes[i]);
      *out++ = i < 3 ? '.' : '\0';
    }
  return buffer;
}

/* "a.b.c.d:port" or "[v6]:port"; without a port (port < 0), the bare address. */
char *
mci_address_format_endpoint (const MciAddress *self,
                             int               port)
{
  char buffer[MCI_ADDRESS_STRLEN];

  char endpoint[MCI_ADDRESS_STRLEN + 10], *out = endpoint;
  gsize length;

  mci_address_to_string (self, buffer);
  if (port < 0)
    return g_strdup (buffer);
  length = strlen (buffer);
  if (self->family == AF_INET6)
    *out++ = '[';
  memcpy (out, buffer, length);
  out += length;
  if (self->family == AF_INET6)
    *out++ = ']';
  *out++ = ':';
  out += mci_decimal_write (out, (guint) port);
  *out = '\0';
  return g_strdup (endpoint);
}

gboolean
mci_address_equal (const MciAddress *a,
                   const MciAddress *b)
{
  return memcmp (a, b, sizeof *a) == 0;
}

guint
mci_address_hash (const MciAddress *self)
{
  guint hash = 2166136261u;

  for (guint i = 0; i < sizeof *self; i++)
    hash = (hash ^ ((const guint8 *) self)[i]) * 16777619u;

  return hash;
}

/* IPv4 sorts before IPv6, then by the bytes, as people read them. */
int
mci_address_compare (const MciAddress *a,
                     const MciAddress *b)
{
  if (a->family != b->family)
    return a->family < b->family ? -1 : 1;
  return memcmp (a->bytes, b->bytes, sizeof a->bytes);
}

gboolean
mci_address_is_set (const MciAddress *self)
{
  return self->family == AF_INET || self->family == AF_INET6;
}

gboolean
mci_address_is_loopback (const MciAddress *self)
{
  static const guint8 ipv6_loopback[16] = { [15] = 1 };

  if (self->family == AF_INET)
    return self->bytes[0] == 127;
  if (self->family == AF_INET6)
    return memcmp (self->bytes, ipv6_loopback, 16) == 0;
  return FALSE;
}

gboolean
mci_address_is_any (const MciAddress *self)
{
  static const guint8 zeroes[16];

  if (self->family == AF_INET)
    return memcmp (self->bytes, zeroes, 4) == 0;
  if (self->family == AF_INET6)
    return memcmp (self->bytes, zeroes, 16) == 0;
  return FALSE;
}

/* A dual-stack socket shows its IPv4 peers as ::ffff:a.b.c.d; people think of them as IPv4. */
void
mci_address_unmap_ipv4 (MciAddress *self)
{
  guint8 ipv4[4];

  if (self->family != AF_INET6 || memcmp (self->bytes, ipv4_mapped_prefix, 12) != 0)
    return;

  memcpy (ipv4, self->bytes + 12, 4);
  mci_address_init_ipv4 (self, ipv4);
}

static gboolean
in_prefix (const MciAddress *self,
           const guint8     *prefix,
           guint             bits)
{
  guint whole = bits / 8, rest = bits % 8;

  if (memcmp (self->bytes, prefix, whole) != 0)
    return FALSE;
  return rest == 0 || (self->bytes[whole] >> (8 - rest)) == (prefix[whole] >> (8 - rest));
}

typedef struct
{
  guint8      family;
  guint8      prefix[16];
  guint       bits;
  const char *name;
} Range;

/* What kind of address this is, in words: loopback, private, documentation... public. */
const char *
mci_address_describe_class (const MciAddress *self)
{
  static const Range ranges[] = {
    { AF_INET, { 127 }, 8, N_("Loopback: this machine") },
    { AF_INET, { 10 }, 8, N_("Private (RFC 1918)") },
    { AF_INET, { 172, 16 }, 12, N_("Private (RFC 1918)") },
    { AF_INET, { 192, 168 }, 16, N_("Private (RFC 1918)") },
    { AF_INET, { 100, 64 }, 10, N_("Shared address space (RFC 6598), as carriers use for NAT") },
    { AF_INET, { 169, 254 }, 16, N_("Link-local") },
    { AF_INET, { 192, 0, 2 }, 24, N_("Documentation (RFC 5737)") },
    { AF_INET, { 198, 51, 100 }, 24, N_("Documentation (RFC 5737)") },
    { AF_INET, { 203, 0, 113 }, 24, N_("Documentation (RFC 5737)") },
    { AF_INET, { 224 }, 4, N_("Multicast") },
    { AF_INET6, { [15] = 1 }, 128, N_("Loopback: this machine") },
    { AF_INET6, { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff }, 96, N_("IPv4-mapped") },
    { AF_INET6, { 0xfc }, 7, N_("Unique local (RFC 4193)") },
    { AF_INET6, { 0xfe, 0x80 }, 10, N_("Link-local") },
    { AF_INET6, { 0x20, 0x01, 0x0d, 0xb8 }, 32, N_("Documentation (RFC 3849)") },
    { AF_INET6, { 0xff }, 8, N_("Multicast") },
  };

  g_return_val_if_fail (self != NULL, NULL);

  /* what a listening socket bound to no one address shows: not somewhere out there */
  if (mci_address_is_any (self))
    return _("Any address of this machine (a wildcard)");
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    if (ranges[i].family == self->family && in_prefix (self, ranges[i].prefix, ranges[i].bits))
      return _(ranges[i].name);
  return _("Public");
}
