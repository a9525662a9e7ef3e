/* mci-local-machine.h: this machine's addresses and ephemeral ports
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

#include "mci-address.h"

G_BEGIN_DECLS

#define MCI_DEFAULT_EPHEMERAL_LOW  32768
#define MCI_DEFAULT_EPHEMERAL_HIGH 60999

typedef struct _MciLocalMachine MciLocalMachine;

MciLocalMachine *mci_local_machine_new                 (void);
MciLocalMachine *mci_local_machine_load                (const char       *proc_root,
                                                        const char       *sysctl_root);
void             mci_local_machine_free                (MciLocalMachine  *self);
void             mci_local_machine_add_address         (MciLocalMachine  *self,
                                                        const MciAddress *address);
void             mci_local_machine_parse_fib_trie      (MciLocalMachine  *self,
                                                        const char       *text);
void             mci_local_machine_parse_if_inet6      (MciLocalMachine  *self,
                                                        const char       *text);
gboolean         mci_local_machine_parse_port_range    (MciLocalMachine  *self,
                                                        const char       *text);
gboolean         mci_local_machine_is_local            (MciLocalMachine  *self,
                                                        const MciAddress *address);
gboolean         mci_local_machine_is_ephemeral_port   (MciLocalMachine  *self,
                                                        guint             port);
void             mci_local_machine_get_ephemeral_range (MciLocalMachine  *self,
                                                        guint            *low,
                                                        guint            *high);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MciLocalMachine, mci_local_machine_free)

G_END_DECLS
