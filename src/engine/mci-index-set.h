/* mci-index-set.h: a set of indices into an array the caller owns
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MCI_INDEX_SET_NONE G_MAXUINT

typedef guint    (*MciIndexHashFunc)  (gconstpointer base,
                                       guint         index);
typedef gboolean (*MciIndexEqualFunc) (gconstpointer base,
                                       guint         a,
                                       guint         b);

typedef struct _MciIndexSet MciIndexSet;

MciIndexSet *mci_index_set_new    (guint              expected_size,
                                   MciIndexHashFunc   hash_func,
                                   MciIndexEqualFunc  equal_func);
void         mci_index_set_free   (MciIndexSet       *self);
guint        mci_index_set_insert (MciIndexSet       *self,
                                   gconstpointer      base,
                                   guint              index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MciIndexSet, mci_index_set_free)

G_END_DECLS

G_BEGIN_DECLS

guint mci_index_set_hash_bytes (gconstpointer data,
                                gsize         length);

G_END_DECLS
