/* mci-pending-sort.c: an ordering the model owes, done when idle
 *
 * Host names arrive between refreshes, in bursts, and each may move its group: the
 * model orders its lists again once, when idle, with "sort", or at the next refresh,
 * which orders them anyway and cancels what is pending.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-pending-sort"

#include "config.h"

#include "mci-pending-sort.h"

struct _MciPendingSort
{
  GObject  parent_instance;

  guint    idle_id;
  gboolean dirty;
};

G_DEFINE_FINAL_TYPE (MciPendingSort, mci_pending_sort, G_TYPE_OBJECT)

enum {
  SORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mci_pending_sort_dispose (GObject *object)
{
  MciPendingSort *self = (MciPendingSort *) object;

  g_clear_handle_id (&self->idle_id, g_source_remove);

  G_OBJECT_CLASS (mci_pending_sort_parent_class)->dispose (object);
}

static void
mci_pending_sort_class_init (MciPendingSortClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mci_pending_sort_dispose;

  signals[SORT] = g_signal_new ("sort", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mci_pending_sort_init (MciPendingSort *self)
{
}

MciPendingSort *
mci_pending_sort_new (void)
{
  return g_object_new (MCI_TYPE_PENDING_SORT, NULL);
}

/* A value changed: the view sorts at the next flush. */
void
mci_pending_sort_mark (MciPendingSort *self)
{
  g_return_if_fail (MCI_IS_PENDING_SORT (self));

  self->dirty = TRUE;
}

static gboolean
on_idle (gpointer data)
{
  MciPendingSort *self = data;

  self->idle_id = 0;
  mci_pending_sort_flush (self);
  return G_SOURCE_REMOVE;
}

/* A value changed between refreshes: the view sorts when idle, or at the next flush. */
void
mci_pending_sort_queue (MciPendingSort *self)
{
  g_return_if_fail (MCI_IS_PENDING_SORT (self));

  self->dirty = TRUE;
  if (self->idle_id == 0)
    self->idle_id = g_idle_add (on_idle, self);
}

void
mci_pending_sort_flush (MciPendingSort *self)
{
  g_return_if_fail (MCI_IS_PENDING_SORT (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (!self->dirty)
    return;
  self->dirty = FALSE;
  g_signal_emit (self, signals[SORT], 0);
}

/* What is pending is done otherwise. */
void
mci_pending_sort_cancel (MciPendingSort *self)
{
  g_return_if_fail (MCI_IS_PENDING_SORT (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);
  self->dirty = FALSE;
}
