/* mci-mock-resolver.h: a GResolver whose answers a test decides
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  MCI_MOCK_ANSWER, /* the name set for the address, or "no name" */
  MCI_MOCK_NEVER,  /* never answers; only cancellation ends the look-up */
} MciMockMode;

#define MCI_TYPE_MOCK_RESOLVER (mci_mock_resolver_get_type ())

G_DECLARE_FINAL_TYPE (MciMockResolver, mci_mock_resolver, MCI, MOCK_RESOLVER, GResolver)

MciMockResolver *mci_mock_resolver_new            (MciMockMode      mode,
                                                   guint            delay_ms);
void             mci_mock_resolver_set_name       (MciMockResolver *self,
                                                   const char      *address,
                                                   const char      *name);
void             mci_mock_resolver_set_addresses  (MciMockResolver *self,
                                                   const char      *name,
                                                   const char      *addresses);
guint            mci_mock_resolver_get_calls      (MciMockResolver *self);
guint            mci_mock_resolver_get_max_in_flight (MciMockResolver *self);
guint            mci_mock_resolver_get_in_flight  (MciMockResolver *self);
guint            mci_mock_resolver_get_cancelled  (MciMockResolver *self);
GPtrArray       *mci_mock_resolver_get_order      (MciMockResolver *self);

G_END_DECLS
