/* mci-test-util.h: what several test programs need
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-snapshot.h"

G_BEGIN_DECLS

char                   *mci_test_fixture_path (const char     *name);
MciSnapshot            *mci_test_load_fixture (const char     *name);
const MciEndpointGroup *mci_test_find_group   (MciSnapshot    *snapshot,
                                               MciSectionKind  kind,
                                               const char     *local_address,
                                               int             local_port,
                                               const char     *remote_address,
                                               int             remote_port);
char                   *mci_test_describe     (MciSnapshot    *snapshot);
void                    mci_test_require_root (const char     *why);
void                    mci_test_deny_netlink (void);
void                    mci_test_iterate_for  (guint           ms);

G_END_DECLS

G_BEGIN_DECLS

int          mci_test_listen           (const char  *address,
                                        guint16     *port);
int          mci_test_connect          (const char  *address,
                                        guint16      port);
int          mci_test_accept           (int          listener);
void         mci_test_transfer         (int          from,
                                        int          to,
                                        gsize        size);
MciSnapshot *mci_test_sample_until     (gboolean   (*done) (MciSnapshot *snapshot,
                                                            gpointer     data),
                                        gpointer     data);

G_END_DECLS
