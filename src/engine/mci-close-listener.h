/* mci-close-listener.h: the kernel's word of each TCP socket it destroys
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib-object.h>

#include "mci-socket-memory.h"

G_BEGIN_DECLS

#define MCI_TYPE_CLOSE_LISTENER (mci_close_listener_get_type ())

G_DECLARE_FINAL_TYPE (MciCloseListener, mci_close_listener, MCI, CLOSE_LISTENER, GObject)

MciCloseListener *mci_close_listener_new          (MciSocketMemory   *memory,
                                                   GError           **error);
guint             mci_close_listener_get_received (MciCloseListener  *self);
guint             mci_close_listener_get_missed   (MciCloseListener  *self);
void              mci_close_listener_set_queue_size (MciCloseListener *self,
                                                     int               bytes);

G_END_DECLS
