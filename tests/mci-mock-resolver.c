/* mci-mock-resolver.c: a GResolver whose answers a test decides
 *
 * Installed with g_resolver_set_default (), it answers reverse look-ups after a
 * chosen delay, or never, and counts what it was asked.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "mci-mock-resolver.h"

struct _MciMockResolver
{
  GResolver   parent_instance;
  MciMockMode mode;
  guint       delay_ms;
  GHashTable *names;     /* address string → name */
  GHashTable *forward;   /* name → comma-separated addresses */
  GPtrArray  *order;     /* address strings, in the order asked */
  guint       calls;
  guint       in_flight;
  guint       max_in_flight;
  guint       cancelled;
};

G_DEFINE_FINAL_TYPE (MciMockResolver, mci_mock_resolver, G_TYPE_RESOLVER)

typedef struct
{
  MciMockResolver *self;
  GTask           *task;
  char            *address;
  guint            timeout_id;
  gulong           cancelled_id;
  gboolean         done;
} Pending;

static void
pending_complete (Pending *pending,
                  GError  *error,
                  char    *name)
{
  if (pending->done)
    return;
  pending->done = TRUE;
  pending->self->in_flight--;
  g_clear_handle_id (&pending->timeout_id, g_source_remove);
  if (error != NULL)
    g_task_return_error (pending->task, error);
  else if (name != NULL)
    g_task_return_pointer (pending->task, name, g_free);
  else
    g_task_return_new_error (pending->task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                             "No name for %s", pending->address);
}

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_free (pending->address);
  g_free (pending);
}

static gboolean
answer (gpointer user_data)
{
  Pending *pending = user_data;
  const char *name = g_hash_table_lookup (pending->self->names, pending->address);

  pending->timeout_id = 0;
  pending_complete (pending, NULL, g_strdup (name));
  g_object_unref (pending->task);
  return G_SOURCE_REMOVE;
}

static gboolean
answer_cancelled (gpointer user_data)
{
  Pending *pending = g_task_get_task_data (user_data);

  if (!pending->done)
    {
      pending->self->cancelled++;
      pending_complete (pending, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"), NULL);
      g_object_unref (pending->task);
    }
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  Pending *pending = user_data;

  /* not from inside g_cancellable_cancel (): a real resolver answers later too */
  g_idle_add_full (G_PRIORITY_DEFAULT, answer_cancelled, g_object_ref (pending->task),
                   g_object_unref);
}

static void
mock_lookup_by_address_async (GResolver           *resolver,
                              GInetAddress        *address,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  MciMockResolver *self = MCI_MOCK_RESOLVER (resolver);
  Pending *pending = g_new0 (Pending, 1);

  pending->self = self;
  pending->task = g_task_new (resolver, cancellable, callback, user_data);
  pending->address = g_inet_address_to_string (address);
  g_task_set_task_data (pending->task, pending, pending_free);
  /* answer as the mock says, even when cancelled: the caller must cope */
  g_task_set_check_cancellable (pending->task, FALSE);

  self->calls++;
  self->in_flight++;
  self->max_in_flight = MAX (self->max_in_flight, self->in_flight);
  g_ptr_array_add (self->order, g_strdup (pending->address));

  if (cancellable != NULL)
    pending->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled),
                                                   pending, NULL);
  if (self->mode == MCI_MOCK_ANSWER)
    pending->timeout_id = g_timeout_add (self->delay_ms, answer, pending);
}

static char *
mock_lookup_by_address_finish (GResolver     *resolver,
                               GAsyncResult  *result,
                               GError       **error)
{
  Pending *pending = g_task_get_task_data (G_TASK (result));

  if (pending->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (G_TASK (result)), pending->cancelled_id);
  pending->cancelled_id = 0;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
mock_lookup_by_address (GResolver     *resolver,
                        GInetAddress  *address,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "The mock resolver answers asynchronously only");
  return NULL;
}

static void
mci_mock_resolver_finalize (GObject *object)
{
  MciMockResolver *self = MCI_MOCK_RESOLVER (object);

  g_hash_table_unref (self->names);
  g_hash_table_unref (self->forward);
  g_ptr_array_unref (self->order);
  G_OBJECT_CLASS (mci_mock_resolver_parent_class)->finalize (object);
}

/* Forward look-ups answer at once (from an idle), from mci_mock_resolver_set_addresses(). */
static gboolean
answer_forward (gpointer data)
{
  GTask *task = data;
  MciMockResolver *self = g_task_get_source_object (task);
  const char *name = g_task_get_task_data (task);
  const char *addresses = g_hash_table_lookup (self->forward, name);
  g_auto(GStrv) parts = NULL;
  GList *list = NULL;

  if (addresses == NULL)
    {
      g_task_return_new_error (task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                               "No address for %s", name);
      return G_SOURCE_REMOVE;
    }
  parts = g_strsplit (addresses, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    list = g_list_append (list, g_inet_address_new_from_string (parts[i]));
  g_task_return_pointer (task, list, (GDestroyNotify) g_resolver_free_addresses);
  return G_SOURCE_REMOVE;
}

static void
mock_lookup_by_name_async (GResolver           *resolver,
                           const char          *hostname,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (resolver, cancellable, callback, user_data);

  MCI_MOCK_RESOLVER (resolver)->calls++;
  g_task_set_task_data (task, g_strdup (hostname), g_free);
  g_idle_add_full (G_PRIORITY_DEFAULT, answer_forward, task, g_object_unref);
}

static GList *
mock_lookup_by_name_finish (GResolver     *resolver,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mci_mock_resolver_set_addresses (MciMockResolver *self,
                                 const char      *name,
                                 const char      *addresses)
{
  g_hash_table_insert (self->forward, g_strdup (name), g_strdup (addresses));
}

static void
mci_mock_resolver_class_init (MciMockResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name_async = mock_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = mock_lookup_by_name_finish;
  G_OBJECT_CLASS (klass)->finalize = mci_mock_resolver_finalize;
  resolver_class->lookup_by_address = mock_lookup_by_address;
  resolver_class->lookup_by_address_async = mock_lookup_by_address_async;
  resolver_class->lookup_by_address_finish = mock_lookup_by_address_finish;
}

static void
mci_mock_resolver_init (MciMockResolver *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->forward = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->order = g_ptr_array_new_with_free_func (g_free);
}

MciMockResolver *
mci_mock_resolver_new (MciMockMode mode,
                       guint       delay_ms)
{
  MciMockResolver *self = g_object_new (MCI_TYPE_MOCK_RESOLVER, NULL);

  self->mode = mode;
  self->delay_ms = delay_ms;
  return self;
}

void
mci_mock_resolver_set_name (MciMockResolver *self,
                            const char      *address,
                            const char      *name)
{
  g_hash_table_insert (self->names, g_strdup (address), g_strdup (name));
}

guint
mci_mock_resolver_get_calls (MciMockResolver *self)
{
  return self->calls;
}

guint
mci_mock_resolver_get_max_in_flight (MciMockResolver *self)
{
  return self->max_in_flight;
}

guint
mci_mock_resolver_get_in_flight (MciMockResolver *self)
{
  return self->in_flight;
}

guint
mci_mock_resolver_get_cancelled (MciMockResolver *self)
{
  return self->cancelled;
}

GPtrArray *
mci_mock_resolver_get_order (MciMockResolver *self)
{
  return self->order;
}
