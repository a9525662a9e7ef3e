/* mci-sock-diag.h: the kernel's TCP sockets over netlink (sock_diag), with tcp_info
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-connection.h"

G_BEGIN_DECLS

/* What one buffer of a dump said: more to come, the end, or an error. */
typedef enum
{
  MCI_SOCK_DIAG_MORE,
  MCI_SOCK_DIAG_DONE,
  MCI_SOCK_DIAG_FAILED,
} MciSockDiagStatus;

/* Where a dump stands while its replies are read; zero it before the first buffer. */
typedef struct
{
  guint32  seq;            /* the request's: replies to anything else are ignored */
  guint    n_malformed;    /* messages too short to be what they say */
  gboolean interrupted;    /* NLM_F_DUMP_INTR: the table changed under the dump */
} MciSockDiagParse;

typedef struct _MciSockDiag MciSockDiag;

/* What a dump asks of the kernel beyond the sockets themselves. */
typedef enum
{
  MCI_SOCK_DIAG_NONE     = 0,
  MCI_SOCK_DIAG_TCP_INFO = 1 << 0,  /* bytes, RTT, retransmits: costs the kernel a third */
} MciSockDiagFlags;

MciSockDiag       *mci_sock_diag_new   (GError          **error);
void               mci_sock_diag_free  (MciSockDiag      *self);
void               mci_sock_diag_set_per_family (MciSockDiag *self,
                                                 gboolean     per_family);
gboolean           mci_sock_diag_dump  (MciSockDiag      *self,
                                        MciSockDiagFlags  flags,
                                        GArray           *connections,
                                        gboolean         *interrupted,
                                        GCancellable     *cancellable,
                                        GError          **error);

guint              mci_sock_diag_get_n_malformed (MciSockDiag *self);
void               mci_sock_diag_drop_repeated   (GArray      *connections);

MciSockDiagStatus  mci_sock_diag_parse (MciSockDiagParse *parse,
                                        const guint8     *data,
                                        gsize             length,
                                        GArray           *connections,
                                        GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MciSockDiag, mci_sock_diag_free)

G_END_DECLS
