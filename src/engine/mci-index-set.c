/* mci-index-set.c: a set of indices into an array the caller owns
 *
 * Deduplicating 100k sockets per second through GHashTable costs more than parsing
 * them; open addressing over plain indices with the hash kept in the slot costs a
 * fraction, and the array the indices point into may grow between calls.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-index-set"

#include "config.h"

#include <string.h>

#include "mci-index-set.h"

typedef struct
{
  guint hash;
  guint index_plus_one; /* 0: empty slot */
} Slot;

struct _MciIndexSet
{
  MciIndexHashFunc  hash_func;
  MciIndexEqualFunc equal_func;
  Slot             *slots;
  guint             mask;
  guint             size;
};

static guint
capacity_for (guint n_items)
{
  guint capacity = 16;

  /* at most half full keeps linear probing short */
  while (capacity < n_items * 2)
    capacity *= 2;
  return capacity;
}

MciIndexSet *
mci_index_set_new (guint             expected_size,
                   MciIndexHashFunc  hash_func,
                   MciIndexEqualFunc equal_func)
{
  MciIndexSet *self;
  guint capacity = capacity_for (expected_size);

  g_return_val_if_fail (hash_func != NULL, NULL);
  g_return_val_if_fail (equal_func != NULL, NULL);

  self = g_new0 (MciIndexSet, 1);
  self->hash_func = hash_func;
  self->equal_func = equal_func;
  self->slots = g_new0 (Slot, capacity);
  self->mask = capacity - 1;
  return self;
}

void
mci_index_set_free (MciIndexSet *self)
{
  if (self == NULL)
    return;
  g_free (self->slots);
  g_free (self);
}

static void
place (Slot  *slots,
       guint  mask,
       Slot   slot)
{
  guint i = slot.hash & mask;

  while (slots[i].index_plus_one != 0)
    i = (i + 1) & mask;
  slots[i] = slot;
}

static void
grow (MciIndexSet *self)
{
  guint old_capacity = self->mask + 1;
  guint new_capacity = old_capacity * 2;
  Slot *slots = g_new0 (Slot, new_capacity);

  for (guint i = 0; i < old_capacity; i++)
    if (self->slots[i].index_plus_one != 0)
      place (slots, new_capacity - 1, self->slots[i]);

  g_free (self->slots);
  self->slots = slots;
  self->mask = new_capacity - 1;
}

/* Adds @index, unless an equal one is there: then returns that one and adds nothing.
 * Returns MCI_INDEX_SET_NONE when @index was added. */
guint
mci_index_set_insert (MciIndexSet   *self,
                      gconstpointer  base,
                      guint          index)
{
  guint hash;
  guint i;

  g_return_val_if_fail (self != NULL, MCI_INDEX_SET_NONE);
  g_return_val_if_fail (index < G_MAXUINT - 1, MCI_INDEX_SET_NONE);

  if ((self->size + 1) * 2 > self->mask + 1)
    grow (self);

  hash = self->hash_func (base, index);
  for (i = hash & self->mask; self->slots[i].index_plus_one != 0; i = (i + 1) & self->mask)
    {
      guint other = self->slots[i].index_plus_one - 1;

      if (self->slots[i].hash == hash && self->equal_func (base, other, index))
        return other;
    }

  self->slots[i].hash = hash;
  self->slots[i].index_plus_one = index + 1;
  self->size++;
  return MCI_INDEX_SET_NONE;
}

/* A fast mix over machine words; the keys here are a few dozen bytes. */
guint
mci_index_set_hash_bytes (gconstpointer data,
                          gsize         length)
{
  const guint8 *p = data;
  guint64 hash = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^ length;
  guint64 word = 0;

  for (; length >= 8; p += 8, length -= 8)
    {
      memcpy (&word, p, 8);
      hash = (hash ^ word) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      hash ^= hash >> 32;
    }

  word = 0;
  memcpy (&word, p, length);
  hash = (hash ^ word) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  hash ^= hash >> 29;
  return (guint) hash;
}
