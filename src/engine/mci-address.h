/* mci-address.h: an IPv4 or IPv6 address as a plain value
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* INET6_ADDRSTRLEN, without dragging <netinet/in.h> into every header */
#define MCI_ADDRESS_STRLEN 46

/* A value type, compared with memcmp (): the unused bytes are always zero. */
typedef struct
{
  guint8 family;    /* AF_INET, AF_INET6, or 0 for "no address" */
  guint8 bytes[16]; /* network byte order; IPv4 uses the first four */
} MciAddress;

void        mci_address_init_ipv4     (MciAddress       *self,
                                       const guint8      bytes[4]);
void        mci_address_init_ipv6     (MciAddress       *self,
                                       const guint8      bytes[16]);
gboolean    mci_address_parse         (MciAddress       *self,
                                       const char       *text);
const char *mci_address_to_string     (const MciAddress *self,
                                       char              buffer[MCI_ADDRESS_STRLEN]);
char       *mci_address_format_endpoint (const MciAddress *self,
                                         int               port);
gboolean    mci_address_equal         (const MciAddress *a,
                                       const MciAddress *b);
guint       mci_address_hash          (const MciAddress *self);
int         mci_address_compare       (const MciAddress *a,
                                       const MciAddress *b);
gboolean    mci_address_is_set        (const MciAddress *self);
gboolean    mci_address_is_loopback   (const MciAddress *self);
gboolean    mci_address_is_any        (const MciAddress *self);
void        mci_address_unmap_ipv4    (MciAddress       *self);
const char *mci_address_describe_class (const MciAddress *self);
GInetAddress *mci_address_to_inet_address (const MciAddress *self);

G_END_DECLS
