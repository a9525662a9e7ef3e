/* mci-test-sshd.h: real OpenSSH servers, each in a network namespace of its own
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

#include "mci-test-util.h"

G_BEGIN_DECLS

/* The port every server's test service listens on, beside sshd's 22. */
#define MCI_TEST_SSHD_SERVICE_PORT 7000

typedef enum
{
  MCI_TEST_SSHD_NONE    = 0,
  MCI_TEST_SSHD_BUSYBOX = 1 << 0, /* the session's shell and tools are BusyBox's */
  MCI_TEST_SSHD_NO_SSHD = 1 << 1, /* the namespace only: nothing listens on 22 */
  MCI_TEST_SSHD_NO_PROC = 1 << 2, /* the session sees an empty /proc */
} MciTestSshdFlags;

typedef struct
{
  guint        index;
  GPid         holder_pid;  /* holds the namespace */
  GSubprocess *holder;
  GSubprocess *sshd;
  GSubprocess *service;     /* accepts and keeps MCI_TEST_SSHD_SERVICE_PORT's connections */
  char        *address;     /* 198.51.100.x */
  char        *config;      /* its sshd_config */
  GArray      *clients;     /* fds this side keeps connected to its service */
} MciTestSshd;

void         mci_test_ssh_setup        (void);
const char  *mci_test_ssh_directory    (void);
char        *mci_test_ssh_write_config (const char       *identity);
const char  *mci_test_ssh_wrong_key    (void);
void         mci_test_ssh_client_in_namespace (void);
void         mci_test_ssh_teardown     (void);
gboolean     mci_test_ssh_poll_until   (MciTestCondition  done,
                                        gpointer          data,
                                        guint             timeout_ms);

/* Long enough for a reconnection's back-off (1, 2, 4 s…) and a failed attempt or two. */
#define MCI_TEST_SSH_RECONNECT_MS 40000

MciTestSshd *mci_test_sshd_start       (guint             index,
                                        MciTestSshdFlags  flags,
                                        guint             n_clients);
void         mci_test_sshd_start_sshd  (MciTestSshd      *server);
void         mci_test_sshd_kill_sshd   (MciTestSshd      *server);
void         mci_test_sshd_blackhole   (MciTestSshd      *server);
char        *mci_test_sshd_run_inside  (MciTestSshd      *server,
                                        const char       *first,
                                        ...) G_GNUC_NULL_TERMINATED;
void         mci_test_sshd_stop        (MciTestSshd      *server);

G_END_DECLS
