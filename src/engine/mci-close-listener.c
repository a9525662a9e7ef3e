/* mci-close-listener.c: the kernel's word of each TCP socket it destroys
 *
 * The kernel announces every TCP socket it destroys on two sock_diag multicast groups,
 * to any user: an inet_diag_msg with the four-tuple, the cookie and the final tcp_info,
 * as a dump's reply is, but with sequence number 0 and uid and inode 0. A thread of
 * its own blocks in poll () on the netlink socket and on an eventfd that stops it,
 * parses with the dump's parser, looks each socket up in the samples' memory, and
 * queues the records; an idle source on the main context of whoever made the listener
 * hands them out there as the "closed" signal, in batches.
 *
 * A burst of closes can overflow the socket's queue: the kernel then drops messages and
 * the next read fails with ENOBUFS. That error does not say how many; the socket's drop
 * counter (SO_MEMINFO) does, one per message, and each message is one close: "missed"
 * is that counter, exact.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-close-listener"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mci-close-listener.h"
#include "mci-sock-diag.h"

/* One destroy message is about 400 bytes, but a netlink socket's queue is charged
 * for each at over 1 KiB: 8 MiB holds a burst of several thousand. Without privilege
 * the queue is what net.core.rmem_max allows, often 208 KiB. */
#define SOCKET_BUFFER  (8 * 1024 * 1024)
#define RECEIVE_BUFFER (16 * 1024)
/* closes read before a batch goes to the main context, however many more wait */
#define BATCH_LIMIT    1024

struct _MciCloseListener
{
  GObject          parent_instance;
  int              fd;
  int              stop_fd;   /* eventfd: the thread's signal to stop */
  GThread         *thread;
  MciSocketMemory *memory;    /* NULL: records are not joined to samples */
  GMainContext    *context;   /* where "closed" is emitted */
  GMutex           mutex;     /* guards pending and delivery */
  GArray          *pending;   /* MciClosedConnection, read, not yet handed out */
  GSource         *delivery;  /* the idle that hands them out, or NULL */
  guint            received;  /* atomic */
  guint            overflows; /* atomic: ENOBUFS, each one or more closes lost */
};

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MciCloseListener, mci_close_listener, G_TYPE_OBJECT)

static GArray *
new_batch (void)
{
  GArray *batch = g_array_new (FALSE, TRUE, sizeof (MciClosedConnection));

  g_array_set_clear_func (batch, (GDestroyNotify) mci_closed_connection_clear);
  return batch;
}

static void
stop_thread (MciCloseListener *self)
{
  guint64 one = 1;

  if (self->thread == NULL)
    return;
  while (write (self->stop_fd, &one, sizeof one) < 0 && errno == EINTR)
    ;
  g_thread_join (g_steal_pointer (&self->thread));
}

/* Run on the thread of the context: no delivery is being dispatched meanwhile. */
static void
mci_close_listener_dispose (GObject *object)
{
  MciCloseListener *self = MCI_CLOSE_LISTENER (object);

  stop_thread (self);
  g_mutex_lock (&self->mutex);
  if (self->delivery != NULL)
    g_source_destroy (self->delivery);
  g_clear_pointer (&self->delivery, g_source_unref);
  g_mutex_unlock (&self->mutex);
  G_OBJECT_CLASS (mci_close_listener_parent_class)->dispose (object);
}

static void
mci_close_listener_finalize (GObject *object)
{
  MciCloseListener *self = MCI_CLOSE_LISTENER (object);

  if (self->fd >= 0)
    close (self->fd);
  if (self->stop_fd >= 0)
    close (self->stop_fd);
  g_clear_pointer (&self->memory, mci_socket_memory_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_mutex_clear (&self->mutex);
  G_OBJECT_CLASS (mci_close_listener_parent_class)->finalize (object);
}

static void
mci_close_listener_class_init (MciCloseListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mci_close_listener_dispose;
  object_class->finalize = mci_close_listener_finalize;

  /**
   * MciCloseListener::closed:
   * @closed: (element-type MciClosedConnection): the closes read since the last emission
   *
   * Emitted on the main context that was the thread's default when the listener was
   * made, oldest close first.
   */
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
mci_close_listener_init (MciCloseListener *self)
{
  self->fd = -1;
  self->stop_fd = -1;
  g_mutex_init (&self->mutex);
  self->pending = new_batch ();
}

static gboolean
deliver (gpointer data)
{
  MciCloseListener *self = data;
  g_autoptr(GArray) batch = NULL;

  g_mutex_lock (&self->mutex);
  batch = g_steal_pointer (&self->pending);
  self->pending = new_batch ();
  g_clear_pointer (&self->delivery, g_source_unref);
  g_mutex_unlock (&self->mutex);

  g_signal_emit (self, signals[CLOSED], 0, batch);
  return G_SOURCE_REMOVE;
}

/* On the listener's thread: joins each close to the samples' memory and queues it. */
static void
queue (MciCloseListener *self,
       GArray           *connections)
{
  g_autoptr(GArray) batch = new_batch ();
  gint64 now = g_get_real_time ();

  g_array_set_size (batch, connections->len);
  for (guint i = 0; i < connections->len; i++)
    {
      MciClosedConnection *closed = &g_array_index (batch, MciClosedConnection, i);

      closed->connection = g_array_index (connections, MciConnection, i);
      closed->closed_at = now;
      if (self->memory != NULL)
        mci_socket_memory_recall (self->memory, closed);
    }
  g_atomic_int_add (&self->received, connections->len);
  g_array_set_size (connections, 0);

  g_mutex_lock (&self->mutex);
  /* the records' texts now belong to pending */
  g_array_append_vals (self->pending, batch->data, batch->len);
  g_array_set_clear_func (batch, NULL);
  if (self->delivery == NULL)
    {
      self->delivery = g_idle_source_new ();
      g_source_set_priority (self->delivery, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->delivery, deliver, self, NULL);
      g_source_set_static_name (self->delivery, "[mci] closed connections");
      g_source_attach (self->delivery, self->context);
    }
  g_mutex_unlock (&self->mutex);
}

/* Reads what the socket holds, up to BATCH_LIMIT closes. FALSE when it cannot be read
 * any more. */
static gboolean
read_closes (MciCloseListener *self,
             guint8           *buffer,
             GArray           *connections)
{
  while (connections->len < BATCH_LIMIT)
    {
      struct sockaddr_nl sender = { 0 };
      socklen_t sender_length = sizeof sender;
      MciSockDiagParse parse = { 0 };  /* announcements have sequence number 0 */
      ssize_t length = recvfrom (self->fd, buffer, RECEIVE_BUFFER, MSG_DONTWAIT,
                                 (struct sockaddr *) &sender, &sender_length);

      if (length < 0 && errno == EINTR)
        continue;
      if (length < 0 && errno == ENOBUFS)
        {
          g_atomic_int_inc (&self->overflows);
          continue;
        }
      if (length < 0)
        return errno == EAGAIN;
      /* only the kernel (port 0) announces closes */
      if (sender_length < sizeof sender || sender.nl_pid != 0)
        continue;
      (void) mci_sock_diag_parse (&parse, buffer, length, connections, NULL);
    }
  return TRUE;
}

static gpointer
listen_in_thread (gpointer data)
{
  MciCloseListener *self = data;
  g_autofree guint8 *buffer = g_malloc (RECEIVE_BUFFER);
  g_autoptr(GArray) connections = g_array_new (FALSE, FALSE, sizeof (MciConnection));
  struct pollfd ready[2] = { { self->fd, POLLIN, 0 }, { self->stop_fd, POLLIN, 0 } };

  for (;;)
    {
      if (poll (ready, G_N_ELEMENTS (ready), -1) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      if (ready[1].revents != 0)
        break;
      if (!read_closes (self, buffer, connections))
        {
          g_debug ("Closed connections cannot be read any more: %s", g_strerror (errno));
          break;
        }
      if (connections->len > 0)
        queue (self, connections);
    }
  return NULL;
}

static gboolean
open_socket (MciCloseListener  *self,
             GError           **error)
{
  struct sockaddr_nl local = {
    .nl_family = AF_NETLINK,
    .nl_groups = 1 << (SKNLGRP_INET_TCP_DESTROY - 1) | 1 << (SKNLGRP_INET6_TCP_DESTROY - 1),
  };
  int size = SOCKET_BUFFER;

  self->fd = socket (AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (self->fd < 0 || bind (self->fd, (struct sockaddr *) &local, sizeof local) < 0)
    return FALSE;
  /* a bigger queue loses fewer closes in a burst, but is a help, not a need */
  if (setsockopt (self->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0)
    (void) setsockopt (self->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  self->stop_fd = eventfd (0, EFD_CLOEXEC);
  return self->stop_fd >= 0;
}

static gboolean
start (MciCloseListener  *self,
       GError           **error)
{
  g_autoptr(GError) thread_error = NULL;
  int saved;

  if (open_socket (self, error))
    {
      self->thread = g_thread_try_new ("mci-close-listener", listen_in_thread, self,
                                       &thread_error);
      if (self->thread != NULL)
        return TRUE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Closed connections are not recorded: %s"), thread_error->message);
      return FALSE;
    }
  saved = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("Closed connections are not recorded: %s"), g_strerror (saved));
  return FALSE;
}

/**
 * mci_close_listener_new:
 * @memory: (nullable): what the samples saw of each socket, to join each close to
 *
 * Starts listening for closed TCP connections; "closed" is emitted on the thread-
 * default main context of the caller. %NULL, with @error in words, where the kernel
 * or a sandbox refuses.
 */
MciCloseListener *
mci_close_listener_new (MciSocketMemory  *memory,
                        GError          **error)
{
  g_autoptr(MciCloseListener) self = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MCI_TYPE_CLOSE_LISTENER, NULL);
  self->memory = memory != NULL ? mci_socket_memory_ref (memory) : NULL;
  self->context = g_main_context_ref_thread_default ();
  if (!start (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Closes read since the start, the ones not yet handed out included. */
guint
mci_close_listener_get_received (MciCloseListener *self)
{
  g_return_val_if_fail (MCI_IS_CLOSE_LISTENER (self), 0);

  return g_atomic_int_get (&self->received);
}

/* How many closes the kernel dropped because the queue was full: the socket's drop
 * counter, one per message. Where SO_MEMINFO is refused (kernels before 4.12), the
 * count of ENOBUFS errors, each one or more closes: at least as many as there were. */
guint
mci_close_listener_get_missed (MciCloseListener *self)
{
  guint32 meminfo[SK_MEMINFO_VARS] = { 0 };
  socklen_t length = sizeof meminfo;

  g_return_val_if_fail (MCI_IS_CLOSE_LISTENER (self), 0);

  if (getsockopt (self->fd, SOL_SOCKET, SO_MEMINFO, meminfo, &length) == 0
      && length > SK_MEMINFO_DROPS * sizeof (guint32))
    return meminfo[SK_MEMINFO_DROPS];
  return g_atomic_int_get (&self->overflows);
}

/* For tests: a queue small enough for a burst to overflow. */
void
mci_close_listener_set_queue_size (MciCloseListener *self,
                                   int               bytes)
{
  g_return_if_fail (MCI_IS_CLOSE_LISTENER (self));
  g_return_if_fail (bytes > 0);

  (void) setsockopt (self->fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof bytes);
}
