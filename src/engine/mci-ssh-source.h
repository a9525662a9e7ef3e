/* mci-ssh-source.h: connections of a remote server, read over the system's ssh
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-source.h"

G_BEGIN_DECLS

#define MCI_TYPE_SSH_SOURCE (mci_ssh_source_get_type ())
G_DECLARE_FINAL_TYPE (MciSshSource, mci_ssh_source, MCI, SSH_SOURCE, MciSource)

/* How long a server may take to connect or to answer one request, by default. */
#define MCI_SSH_DEFAULT_TIMEOUT 10.0

/* Error codes in MCI_SSH_ERROR: what went wrong, for a test or a status line to tell
 * apart; the message says it in words. */
typedef enum
{
  MCI_SSH_ERROR_REFUSED_NAME,      /* a destination this side will not pass to ssh */
  MCI_SSH_ERROR_UNKNOWN_HOST,
  MCI_SSH_ERROR_CONNECTION_REFUSED,
  MCI_SSH_ERROR_AUTHENTICATION,
  MCI_SSH_ERROR_HOST_KEY_CHANGED,
  MCI_SSH_ERROR_HOST_KEY_UNKNOWN,
  MCI_SSH_ERROR_UNREACHABLE,
  MCI_SSH_ERROR_TIMED_OUT,
  MCI_SSH_ERROR_PROC_UNREADABLE,
  MCI_SSH_ERROR_DROPPED,
  MCI_SSH_ERROR_PROTOCOL,
  MCI_SSH_ERROR_FAILED,
} MciSshError;

#define MCI_SSH_ERROR (mci_ssh_error_quark ())
GQuark       mci_ssh_error_quark            (void);

gboolean     mci_ssh_parse_destination      (const char    *destination,
                                             char         **user,
                                             char         **host,
                                             guint         *port,
                                             GError       **error);
MciSnapshot *mci_ssh_parse_response       (const char    *host,
                                             const char    *token,
                                             const char    *response,
                                             gsize          length,
                                             GDateTime     *sampled_at,
                                             GError       **error);
MciSource   *mci_ssh_source_new             (const char    *destination,
                                             GError       **error);
const char  *mci_ssh_source_get_destination (MciSshSource  *self);
void         mci_ssh_source_set_timeout     (MciSshSource  *self,
                                             double         seconds);
const char  *mci_ssh_source_get_user_name   (MciSshSource  *self,
                                             guint          uid);
gboolean     mci_ssh_source_is_connected    (MciSshSource  *self);

G_END_DECLS
