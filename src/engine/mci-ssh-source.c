/* mci-ssh-source.c: connections of a remote server, read over the system's ssh
 *
 * One long-lived `ssh` per server, the user's own client with their keys, agent,
 * ~/.ssh/config, jump hosts and known hosts; only BatchMode is forced, since nobody can
 * answer a password prompt here. On the server a POSIX sh loop (mci-ssh-script.sh,
 * sent as the remote command) prints the /proc files each time a line arrives on its
 * standard input, each between marker lines that carry a token chosen here for this
 * connection, so no file's content can end a frame early. The text goes through the
 * same parsers as a saved capture's.
 *
 * When the connection drops, the next reads fail in words with the time of the next
 * attempt, doubling up to a minute: whoever shows the data keeps the last sample.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-ssh-source"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gunixinputstream.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>

#include "mci-local-machine.h"
#include "mci-proc-table.h"
#include "mci-ssh-source.h"
#include "mci-untrusted.h"

#define BACKOFF_FIRST_S 1
#define BACKOFF_MAX_S   60
/* a day's worth of /proc/net/tcp on a very busy server is tens of MB; past this the
 * server is not sending what the script prints */
#define RESPONSE_MAX    (256 * 1024 * 1024)
#define STDERR_KEEP     4096

struct _MciSshSource
{
  MciSource     parent_instance;

  char         *destination;
  char         *user;
  char         *host;
  guint         port;
  double        timeout;

  /* the connection, on the sampler's thread only */
  GSubprocess  *ssh;
  char         *token;
  GByteArray   *response;
  GString      *stderr_text;
  GHashTable   *users;        /* uid → name, from the server's passwd */
  gboolean      ever_sampled;

  GMutex        lock;         /* for what other threads ask */
  gboolean      connected;
  GError       *last_error;
  gint64        next_attempt; /* monotonic µs */
  guint         backoff;      /* seconds */
};

enum {
  PROP_0,
  PROP_DESTINATION,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (MciSshSource, mci_ssh_source, MCI_TYPE_SOURCE)
G_DEFINE_QUARK (mci-ssh-error-quark, mci_ssh_error)

/* Destinations */

static gboolean
refuse_destination (const char  *destination,
                    const char  *why,
                    GError     **error)
{
  g_autofree char *shown = mci_untrusted_sanitize (destination, 0);

  g_set_error (error, MCI_SSH_ERROR, MCI_SSH_ERROR_REFUSED_NAME,
               _("“%s” is not a server’s name: %s"), shown, why);
  return FALSE;
}

static gboolean
has_unsafe_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p) || g_ascii_isspace (*p))
      return TRUE;
  return FALSE;
}

static gboolean
parse_port (const char  *text,
            guint       *port)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT16, &value, NULL))
    return FALSE;
  *port = (guint) value;
  return TRUE;
}

/* "[2001:db8::1]:2222", "host:2222", "host", or a bare IPv6 address without a port */
static gboolean
split_host_port (const char  *text,
                 char       **host,
                 guint       *port)
{
  const char *colon = strrchr (text, ':');

  *port = 0;
  if (text[0] == '[')
    {
      const char *close = strchr (text, ']');

      if (close == NULL || close == text + 1 || (close[1] != '\0' && close[1] != ':'))
        return FALSE;
      if (close[1] == ':' && !parse_port (close + 2, port))
        return FALSE;
      *host = g_strndup (text + 1, close - text - 1);
      return TRUE;
    }
  if (colon != NULL && strchr (text, ':') == colon)
    {
      if (colon == text || !parse_port (colon + 1, port))
        return FALSE;
      *host = g_strndup (text, colon - text);
      return TRUE;
    }
  *host = g_strdup (text);
  return TRUE;
}

/**
 * mci_ssh_parse_destination:
 * @destination: "[USER@]HOST[:PORT]", HOST an IPv6 address in brackets when it has a port
 * @port: (out): 0 when none is named: ssh's configuration decides
 *
 * Refuses what ssh could take for an option (a leading "-") and what no host name
 * holds (spaces, control characters): the name goes to ssh as an argument after "--",
 * never through a shell, but ssh passes it on to ProxyCommand and the like.
 */
gboolean
mci_ssh_parse_destination (const char  *destination,
                           char       **user,
                           char       **host,
                           guint       *port,
                           GError     **error)
{
  g_autofree char *parsed_user = NULL;
  g_autofree char *parsed_host = NULL;
  guint parsed_port = 0;
  const char *at, *rest;

  g_return_val_if_fail (destination != NULL, FALSE);

  if (destination[0] == '\0')
    return refuse_destination (destination, _("the name is empty"), error);
  if (destination[0] == '-')
    return refuse_destination (destination, _("it starts with “-”, as an option would"), error);
  if (!g_utf8_validate (destination, -1, NULL) || has_unsafe_characters (destination))
    return refuse_destination (destination, _("it holds spaces or control characters"), error);

  at = strrchr (destination, '@');
  rest = at != NULL ? at + 1 : destination;
  if (at != NULL)
    parsed_user = g_strndup (destination, at - destination);
  if (parsed_user != NULL && parsed_user[0] == '\0')
    return refuse_destination (destination, _("the user name before “@” is empty"), error);
  if (!split_host_port (rest, &parsed_host, &parsed_port))
    return refuse_destination (destination,
                               _("write it as [USER@]HOST[:PORT], an IPv6 address in brackets"),
                               error);
  if (parsed_host[0] == '\0' || parsed_host[0] == '-')
    return refuse_destination (destination, _("the host name is empty or starts with “-”"),
                               error);

  if (user != NULL)
    *user = g_steal_pointer (&parsed_user);
  if (host != NULL)
    *host = g_steal_pointer (&parsed_host);
  if (port != NULL)
    *port = parsed_port;
  return TRUE;
}

/* The connection */

static char *
make_token (void)
{
  return g_strdup_printf ("%08x%08x", g_random_int (), g_random_int ());
}

/* The server's side: POSIX sh, as dash, bash and BusyBox run it, and cat. Each file
 * goes out between "@mci-TOKEN NAME" and "@mci-TOKEN end STATUS" lines, the last with a
 * newline of its own before it; a response ends with "@mci-TOKEN done". The user names
 * come once, as a greeting; then each line on standard input asks for a sample. */
static const char server_script[] =
  "LC_ALL=C; export LC_ALL\n"
  "mci_frame() {\n"
  "  printf '@mci-@TOKEN@ %s\\n' \"$1\"; shift\n"
  "  \"$@\" 2>/dev/null; mci_status=$?\n"
  "  printf '\\n@mci-@TOKEN@ end %s\\n' \"$mci_status\"\n"
  "}\n"
  "mci_users() { getent passwd 2>/dev/null || cat /etc/passwd; }\n"
  "mci_frame passwd mci_users\n"
  "printf '@mci-@TOKEN@ done\\n'\n"
  "while read -r mci_request; do\n"
  "  mci_frame tcp cat /proc/net/tcp\n"
  "  mci_frame tcp6 cat /proc/net/tcp6\n"
  "  mci_frame fib_trie cat /proc/net/fib_trie\n"
  "  mci_frame if_inet6 cat /proc/net/if_inet6\n"
  "  mci_frame ip_local_port_range cat /proc/sys/net/ipv4/ip_local_port_range\n"
  "  printf '@mci-@TOKEN@ done\\n'\n"
  "done\n";

/* The remote command: whatever the login shell (csh, fish…), sh runs the loop. */
static char *
load_script (const char *token)
{
  g_auto(GStrv) parts = g_strsplit (server_script, "@TOKEN@", -1);
  g_autofree char *body = g_strjoinv (token, parts);
  g_autoptr(GString) quoted = g_string_new ("exec sh -c '");

  /* ' becomes '\'' inside the single quotes */
  for (const char *p = body; *p != '\0'; p++)
    if (*p == '\'')
      g_string_append (quoted, "'\\''");
    else
      g_string_append_c (quoted, *p);
  g_string_append_c (quoted, '\'');
  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

static GPtrArray *
build_argv (MciSshSource *self,
            const char   *script)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  const char *config = g_getenv ("MCI_SSH_CONFIG");

  g_ptr_array_add (argv, g_strdup (g_getenv ("MCI_SSH") != NULL ? g_getenv ("MCI_SSH") : "ssh"));
  g_ptr_array_add (argv, g_strdup ("-T"));
  g_ptr_array_add (argv, g_strdup ("-o"));
  g_ptr_array_add (argv, g_strdup ("BatchMode=yes"));
  if (config != NULL && config[0] != '\0')
    {
      g_ptr_array_add (argv, g_strdup ("-F"));
      g_ptr_array_add (argv, g_strdup (config));
    }
  if (self->user != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("-l"));
      g_ptr_array_add (argv, g_strdup (self->user));
    }
  if (self->port != 0)
    {
      g_ptr_array_add (argv, g_strdup ("-p"));
      g_ptr_array_add (argv, g_strdup_printf ("%u", self->port));
    }
  g_ptr_array_add (argv, g_strdup ("--"));
  g_ptr_array_add (argv, g_strdup (self->host));
  g_ptr_array_add (argv, g_strdup (script));
  g_ptr_array_add (argv, NULL);
  return argv;
}

static void
set_connected (MciSshSource *self,
               gboolean      connected)
{
  g_mutex_lock (&self->lock);
  self->connected = connected;
  g_mutex_unlock (&self->lock);
}

static void
disconnect (MciSshSource *self)
{
  if (self->ssh == NULL)
    return;
  g_subprocess_force_exit (self->ssh);
  g_subprocess_wait (self->ssh, NULL, NULL);
  g_clear_object (&self->ssh);
  set_connected (self, FALSE);
}

/* Keeps the last STDERR_KEEP bytes ssh wrote, without ever blocking on it. */
static void
drain_stderr (MciSshSource *self)
{
  GPollableInputStream *err;
  char chunk[1024];
  gssize n;

  if (self->ssh == NULL)
    return;
  err = G_POLLABLE_INPUT_STREAM (g_subprocess_get_stderr_pipe (self->ssh));
  while ((n = g_pollable_input_stream_read_nonblocking (err, chunk, sizeof chunk, NULL,
                                                        NULL)) > 0)
    {
      g_string_append_len (self->stderr_text, chunk, n);
      if (self->stderr_text->len > STDERR_KEEP)
        g_string_erase (self->stderr_text, 0, self->stderr_text->len - STDERR_KEEP);
    }
}

/* Waits up to the rest of @deadline for ssh to have something on standard output. */
static gboolean
wait_readable (int           fd,
               gint64        deadline,
               GCancellable *cancellable)
{
  struct pollfd fds[2] = { { .fd = fd, .events = POLLIN } };
  GPollFD cancel_fd;
  gboolean with_cancellable = cancellable != NULL
                              && g_cancellable_make_pollfd (cancellable, &cancel_fd);
  gint64 left;
  int n;

  if (with_cancellable)
    {
      fds[1].fd = cancel_fd.fd;
      fds[1].events = POLLIN;
    }
  do
    {
      left = (deadline - g_get_monotonic_time ()) / 1000;
      n = poll (fds, with_cancellable ? 2 : 1, (int) CLAMP (left, 0, G_MAXINT));
    }
  while (n < 0 && errno == EINTR);
  if (with_cancellable)
    g_cancellable_release_fd (cancellable);
  return n > 0 && (fds[0].revents != 0);
}

typedef enum
{
  READ_DONE,
  READ_EOF,
  READ_TIMED_OUT,
  READ_CANCELLED,
  READ_TOO_BIG,
} ReadResult;

static gboolean
ends_response (MciSshSource *self)
{
  g_autofree char *done = g_strdup_printf ("\n@mci-%s done\n", self->token);
  gsize n = strlen (done);

  /* the hello's frame has no newline before it when passwd was empty: never, as the
   * end marker line always ends in one */
  return self->response->len >= n
         && memcmp (self->response->data + self->response->len - n, done, n) == 0;
}

/* Reads one whole response into self->response. */
static ReadResult
read_response (MciSshSource *self,
               GCancellable *cancellable)
{
  int fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (g_subprocess_get_stdout_pipe (self->ssh)));
  gint64 deadline = g_get_monotonic_time () + (gint64) (self->timeout * G_USEC_PER_SEC);
  guint8 chunk[65536];

  g_byte_array_set_size (self->response, 0);
  g_byte_array_append (self->response, (const guint8 *) "\n", 1);
  while (!ends_response (self))
    {
      gssize n;

      if (g_cancellable_is_cancelled (cancellable))
        return READ_CANCELLED;
      if (!wait_readable (fd, deadline, cancellable))
        return g_cancellable_is_cancelled (cancellable) ? READ_CANCELLED : READ_TIMED_OUT;
      n = read (fd, chunk, sizeof chunk);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n <= 0)
        return READ_EOF;
      if (self->response->len + n > RESPONSE_MAX)
        return READ_TOO_BIG;
      g_byte_array_append (self->response, chunk, n);
    }
  return READ_DONE;
}

/* Errors in words */

typedef struct
{
  const char  *needle; /* in ssh's stderr, in the C locale */
  MciSshError  code;
} SshFailure;

static const SshFailure ssh_failures[] = {
  { "REMOTE HOST IDENTIFICATION HAS CHANGED", MCI_SSH_ERROR_HOST_KEY_CHANGED },
  { "Host key verification failed", MCI_SSH_ERROR_HOST_KEY_UNKNOWN },
  { "Could not resolve hostname", MCI_SSH_ERROR_UNKNOWN_HOST },
  { "Name or service not known", MCI_SSH_ERROR_UNKNOWN_HOST },
  { "Connection refused", MCI_SSH_ERROR_CONNECTION_REFUSED },
  { "Permission denied", MCI_SSH_ERROR_AUTHENTICATION },
  { "Too many authentication failures", MCI_SSH_ERROR_AUTHENTICATION },
  { "No route to host", MCI_SSH_ERROR_UNREACHABLE },
  { "Network is unreachable", MCI_SSH_ERROR_UNREACHABLE },
  { "timed out", MCI_SSH_ERROR_TIMED_OUT },
  { "Connection closed by", MCI_SSH_ERROR_DROPPED },
  { "Connection reset", MCI_SSH_ERROR_DROPPED },
  { "closed by remote host", MCI_SSH_ERROR_DROPPED },
  { "Broken pipe", MCI_SSH_ERROR_DROPPED },
};

/* ssh's last line on stderr, made safe to show: the detail for what has no words here */
static char *
last_stderr_line (MciSshSource *self)
{
  g_auto(GStrv) lines = g_strsplit (self->stderr_text->str, "\n", -1);

  for (guint i = g_strv_length (lines); i > 0; i--)
    {
      g_strstrip (lines[i - 1]);
      if (lines[i - 1][0] != '\0')
        return mci_untrusted_sanitize (lines[i - 1], 200);
    }
  return NULL;
}

static char *
describe_failure (MciSshSource *self,
                  MciSshError   code)
{
  const char *host = self->destination;

  switch (code)
    {
    case MCI_SSH_ERROR_HOST_KEY_CHANGED:
      return g_strdup_printf (_("The host key of %s has changed since it was last seen: it may be "
                                "an attack, or the server was reinstalled; check it, then "
                                "correct known_hosts"), host);
    case MCI_SSH_ERROR_HOST_KEY_UNKNOWN:
      return g_strdup_printf (_("The host key of %s is not known: connect once with ssh in a "
                                "terminal to check and accept it"), host);
    case MCI_SSH_ERROR_UNKNOWN_HOST:
      return g_strdup_printf (_("Unknown host: %s has no address"), host);
    case MCI_SSH_ERROR_CONNECTION_REFUSED:
      return g_strdup_printf (_("%s refused the connection: is its SSH server running?"), host);
    case MCI_SSH_ERROR_AUTHENTICATION:
      return g_strdup_printf (_("Authentication failed on %s: add your key to the agent "
                                "(ssh-add); this window cannot answer a password prompt"), host);
    case MCI_SSH_ERROR_UNREACHABLE:
      return g_strdup_printf (_("%s cannot be reached from here"), host);
    case MCI_SSH_ERROR_TIMED_OUT:
      return g_strdup_printf (_("%s did not answer in time"), host);
    case MCI_SSH_ERROR_DROPPED:
      return g_strdup_printf (_("The connection to %s dropped"), host);
    case MCI_SSH_ERROR_PROTOCOL:
      return g_strdup_printf (_("%s answered with something else than the connection tables"),
                              host);
    case MCI_SSH_ERROR_REFUSED_NAME:
    case MCI_SSH_ERROR_PROC_UNREADABLE:
    case MCI_SSH_ERROR_FAILED:
    default:
      {
        g_autofree char *detail = last_stderr_line (self);

        if (detail == NULL)
          return g_strdup_printf (_("ssh to %s failed"), host);
        return g_strdup_printf (_("ssh to %s failed: %s"), host, detail);
      }
    }
}

/* Why ssh stopped, from what it said; @fallback when it said nothing known. */
static void
set_ssh_error (MciSshSource  *self,
               MciSshError    fallback,
               GError       **error)
{
  MciSshError code = fallback;
  g_autofree char *message = NULL;

  drain_stderr (self);
  g_debug ("ssh to %s stopped; it said: %s", self->destination, self->stderr_text->str);
  for (guint i = 0; i < G_N_ELEMENTS (ssh_failures); i++)
    if (strstr (self->stderr_text->str, ssh_failures[i].needle) != NULL)
      {
        code = ssh_failures[i].code;
        break;
      }
  message = describe_failure (self, code);
  g_set_error_literal (error, MCI_SSH_ERROR, code, message);
}

static gboolean
fail_read (MciSshSource  *self,
           ReadResult     result,
           GError       **error)
{
  switch (result)
    {
    case READ_CANCELLED:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      break;
    case READ_TIMED_OUT:
      set_ssh_error (self, MCI_SSH_ERROR_TIMED_OUT, error);
      break;
    case READ_TOO_BIG:
      set_ssh_error (self, MCI_SSH_ERROR_PROTOCOL, error);
      break;
    case READ_EOF:
    default:
      /* let ssh finish saying why before its words are read */
      g_subprocess_wait (self->ssh, NULL, NULL);
      set_ssh_error (self, self->ever_sampled ? MCI_SSH_ERROR_DROPPED : MCI_SSH_ERROR_FAILED,
                     error);
      break;
    }
  disconnect (self);
  return FALSE;
}

/* Frames */

typedef struct
{
  const char *name;
  gsize       name_length;
  const char *data;
  gsize       length;
  int         status;
} Frame;

static gboolean
frame_is (const Frame *frame,
          const char  *name)
{
  return frame->name_length == strlen (name) && memcmp (frame->name, name, frame->name_length) == 0;
}

/* Splits a response, which starts with a newline of this side's, into its frames; FALSE
 * when it is not what the script prints. */
static gboolean
split_frames (const char *token,
              const char *response,
              gsize       length,
              GArray     *frames)
{
  g_autofree char *begin = g_strdup_printf ("\n@mci-%s ", token);
  g_autofree char *end = g_strdup_printf ("\n@mci-%s end ", token);
  const char *p = response;
  const char *limit = p + length;
  gsize begin_len = strlen (begin), end_len = strlen (end);

  while (limit - p > (gssize) begin_len && memcmp (p, begin, begin_len) == 0)
    {
      Frame frame = { 0 };
      const char *eol, *stop;

      frame.name = p + begin_len;
      eol = memchr (frame.name, '\n', limit - frame.name);
      if (eol == NULL)
        return FALSE;
      frame.name_length = eol - frame.name;
      if (frame_is (&frame, "done"))
        return eol + 1 == limit;
      /* an empty file's end marker starts with the begin line's own newline */
      stop = memmem (eol, limit - eol, end, end_len);
      if (stop == NULL)
        return FALSE;
      frame.data = eol + 1;
      frame.length = stop < frame.data ? 0 : (gsize) (stop - frame.data);
      frame.status = (int) g_ascii_strtoll (stop + end_len, NULL, 10);
      g_array_append_val (frames, frame);
      p = memchr (stop + end_len, '\n', limit - stop - end_len);
      if (p == NULL)
        return FALSE;
    }
  return FALSE;
}

static const Frame *
find_frame (GArray     *frames,
            const char *name)
{
  for (guint i = 0; i < frames->len; i++)
    if (frame_is (&g_array_index (frames, Frame, i), name))
      return &g_array_index (frames, Frame, i);
  return NULL;
}

/* The frame's text, NUL-terminated, or NULL when the file could not be read there. */
static char *
frame_text (GArray     *frames,
            const char *name)
{
  const Frame *frame = find_frame (frames, name);

  if (frame == NULL || frame->status != 0)
    return NULL;
  return g_strndup (frame->data, frame->length);
}

/* "name:x:uid:…" lines; names are the server's, made safe for showing. */
static void
load_users (MciSshSource *self,
            const char   *passwd)
{
  g_auto(GStrv) lines = g_strsplit (passwd, "\n", -1);

  g_hash_table_remove_all (self->users);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ":", 4);
      guint64 uid;

      if (g_strv_length (fields) < 4 || fields[0][0] == '\0'
          || !g_ascii_string_to_unsigned (fields[2], 10, 0, G_MAXUINT32, &uid, NULL))
        continue;
      g_hash_table_insert (self->users, GUINT_TO_POINTER ((guint) uid),
                           mci_untrusted_sanitize (fields[0], 64));
    }
}

static MciLocalMachine *
parse_machine (GArray *frames)
{
  MciLocalMachine *machine = mci_local_machine_new ();
  g_autofree char *fib_trie = frame_text (frames, "fib_trie");
  g_autofree char *if_inet6 = frame_text (frames, "if_inet6");
  g_autofree char *range = frame_text (frames, "ip_local_port_range");

  /* as for a capture, these only refine the classification */
  if (fib_trie != NULL)
    mci_local_machine_parse_fib_trie (machine, fib_trie);
  if (if_inet6 != NULL)
    mci_local_machine_parse_if_inet6 (machine, if_inet6);
  if (range != NULL && !mci_local_machine_parse_port_range (machine, range))
    g_debug ("Ignoring an ephemeral port range that does not parse: %s", range);
  return machine;
}

/**
 * mci_ssh_parse_response:
 * @host: the server, for the messages
 * @token: the connection's token, as the script printed it
 * @response: a newline, then what the script printed for one request
 *
 * Untrusted input: whatever the server sent. Returns: (nullable): the sample, or
 * %NULL and @error.
 */
MciSnapshot *
mci_ssh_parse_response (const char  *host,
                        const char  *token,
                        const char  *response,
                        gsize        length,
                        GDateTime   *sampled_at,
                        GError     **error)
{
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  g_autoptr(MciProcTable) table = mci_proc_table_new ();
  g_autoptr(MciLocalMachine) machine = NULL;
  const Frame *tcp, *tcp6;

  g_return_val_if_fail (host != NULL && token != NULL && response != NULL, NULL);

  if (!split_frames (token, response, length, frames))
    {
      g_set_error (error, MCI_SSH_ERROR, MCI_SSH_ERROR_PROTOCOL,
                   _("%s answered with something else than the connection tables"), host);
      return NULL;
    }
  tcp = find_frame (frames, "tcp");
  tcp6 = find_frame (frames, "tcp6");
  if (tcp == NULL || tcp->status != 0)
    {
      g_set_error (error, MCI_SSH_ERROR, MCI_SSH_ERROR_PROC_UNREADABLE,
                   _("/proc/net/tcp cannot be read on %s"), host);
      return NULL;
    }
  mci_proc_table_parse (table, tcp->data, tcp->length, AF_INET);
  /* no tcp6 is a server with IPv6 disabled */
  if (tcp6 != NULL && tcp6->status == 0)
    mci_proc_table_parse (table, tcp6->data, tcp6->length, AF_INET6);
  machine = parse_machine (frames);
  return mci_snapshot_new (mci_proc_table_steal_connections (table), machine,
                           mci_proc_table_get_skipped_lines (table), sampled_at);
}

/* Connecting and asking */

static gboolean
connect_ssh (MciSshSource  *self,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *script = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  g_autofree char *passwd = NULL;
  ReadResult result;

  g_free (self->token);
  self->token = make_token ();
  script = load_script (self->token);
  argv = build_argv (self, script);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* ssh's words are matched in English */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  g_string_truncate (self->stderr_text, 0);
  self->ever_sampled = FALSE;
  self->ssh = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
  if (self->ssh == NULL)
    return FALSE;

  result = read_response (self, cancellable);
  if (result != READ_DONE)
    return fail_read (self, result, error);
  if (!split_frames (self->token, (const char *) self->response->data, self->response->len,
                     frames))
    {
      set_ssh_error (self, MCI_SSH_ERROR_PROTOCOL, error);
      disconnect (self);
      return FALSE;
    }
  passwd = frame_text (frames, "passwd");
  g_mutex_lock (&self->lock);
  load_users (self, passwd != NULL ? passwd : "");
  g_mutex_unlock (&self->lock);
  set_connected (self, TRUE);
  return TRUE;
}

static MciSnapshot *
request_sample (MciSshSource  *self,
                GCancellable  *cancellable,
                GError       **error)
{
  GOutputStream *input = g_subprocess_get_stdin_pipe (self->ssh);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) write_error = NULL;
  MciSnapshot *snapshot;
  ReadResult result;

  drain_stderr (self);
  if (!g_output_stream_write_all (input, "s\n", 2, NULL, cancellable, &write_error)
      || !g_output_stream_flush (input, cancellable, &write_error))
    {
      fail_read (self, g_cancellable_is_cancelled (cancellable) ? READ_CANCELLED : READ_EOF,
                 error);
      return NULL;
    }
  result = read_response (self, cancellable);
  if (result != READ_DONE)
    {
      fail_read (self, result, error);
      return NULL;
    }
  snapshot = mci_ssh_parse_response (self->destination, self->token,
                                     (const char *) self->response->data, self->response->len,
                                     now, error);
  if (snapshot == NULL)
    disconnect (self);
  else
    self->ever_sampled = TRUE;
  return snapshot;
}

/* Back-off */

static void
remember_failure (MciSshSource *self,
                  const GError *error)
{
  g_mutex_lock (&self->lock);
  self->backoff = self->backoff == 0 ? BACKOFF_FIRST_S : MIN (self->backoff * 2, BACKOFF_MAX_S);
  self->next_attempt = g_get_monotonic_time () + (gint64) self->backoff * G_USEC_PER_SEC;
  g_clear_error (&self->last_error);
  self->last_error = g_error_copy (error);
  g_mutex_unlock (&self->lock);
}

static void
forget_failures (MciSshSource *self)
{
  g_mutex_lock (&self->lock);
  self->backoff = 0;
  self->next_attempt = 0;
  g_clear_error (&self->last_error);
  g_mutex_unlock (&self->lock);
}

/* The last failure again, with when the next attempt is, while that is not due. */
static gboolean
wait_for_next_attempt (MciSshSource  *self,
                       GError       **error)
{
  gint64 left;

  g_mutex_lock (&self->lock);
  left = self->next_attempt - g_get_monotonic_time ();
  if (self->last_error != NULL && left > 0)
    {
      guint seconds = (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

      g_set_error (error, self->last_error->domain, self->last_error->code,
                   ngettext ("%s; trying again in %u second", "%s; trying again in %u seconds",
                             seconds),
                   self->last_error->message, seconds);
    }
  g_mutex_unlock (&self->lock);
  return error == NULL || *error == NULL;
}

/* MciSource */

static MciSnapshot *
mci_ssh_source_read (MciSource     *source,
                     GCancellable  *cancellable,
                     GError       **error)
{
  MciSshSource *self = MCI_SSH_SOURCE (source);
  g_autoptr(GError) local_error = NULL;
  MciSnapshot *snapshot = NULL;

  if (self->ssh == NULL && !wait_for_next_attempt (self, error))
    return NULL;
  if (self->ssh != NULL || connect_ssh (self, cancellable, &local_error))
    snapshot = request_sample (self, cancellable, &local_error);
  if (snapshot != NULL)
    {
      forget_failures (self);
      return snapshot;
    }
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    remember_failure (self, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* Worth refreshing; but its processes are not this machine's to read. */
static gboolean
mci_ssh_source_is_live (MciSource *source)
{
  return TRUE;
}

static gboolean
mci_ssh_source_is_this_machine (MciSource *source)
{
  return FALSE;
}

static char *
mci_ssh_source_describe (MciSource *source)
{
  return mci_untrusted_sanitize (MCI_SSH_SOURCE (source)->destination, 0);
}

/* GObject */

static void
mci_ssh_source_constructed (GObject *object)
{
  MciSshSource *self = MCI_SSH_SOURCE (object);

  G_OBJECT_CLASS (mci_ssh_source_parent_class)->constructed (object);
  /* mci_ssh_source_new () parsed it; a bad one here is a programming error */
  if (!mci_ssh_parse_destination (self->destination, &self->user, &self->host, &self->port, NULL))
    g_critical ("Refused destination given to MciSshSource");
}

static void
mci_ssh_source_finalize (GObject *object)
{
  MciSshSource *self = MCI_SSH_SOURCE (object);

  disconnect (self);
  g_free (self->destination);
  g_free (self->user);
  g_free (self->host);
  g_free (self->token);
  g_byte_array_unref (self->response);
  g_string_free (self->stderr_text, TRUE);
  g_hash_table_unref (self->users);
  g_clear_error (&self->last_error);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (mci_ssh_source_parent_class)->finalize (object);
}

static void
mci_ssh_source_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MciSshSource *self = MCI_SSH_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DESTINATION:
      g_value_set_string (value, self->destination);
      break;
    case PROP_TIMEOUT:
      g_value_set_double (value, self->timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_ssh_source_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MciSshSource *self = MCI_SSH_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DESTINATION:
      self->destination = g_value_dup_string (value);
      break;
    case PROP_TIMEOUT:
      self->timeout = g_value_get_double (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A request written to an ssh that has just died must fail as EPIPE and be said as a
 * dropped connection, not kill the program with SIGPIPE; a handler somebody else set
 * stays. */
static void
ignore_sigpipe (void)
{
  struct sigaction action;

  if (sigaction (SIGPIPE, NULL, &action) == 0 && action.sa_handler == SIG_DFL)
    signal (SIGPIPE, SIG_IGN);
}

static void
mci_ssh_source_class_init (MciSshSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MciSourceClass *source_class = MCI_SOURCE_CLASS (klass);

  ignore_sigpipe ();
  object_class->constructed = mci_ssh_source_constructed;
  object_class->finalize = mci_ssh_source_finalize;
  object_class->get_property = mci_ssh_source_get_property;
  object_class->set_property = mci_ssh_source_set_property;
  source_class->read = mci_ssh_source_read;
  source_class->is_live = mci_ssh_source_is_live;
  source_class->is_this_machine = mci_ssh_source_is_this_machine;
  source_class->describe = mci_ssh_source_describe;

  properties[PROP_DESTINATION] =
    g_param_spec_string ("destination", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_double ("timeout", NULL, NULL, 0.1, 3600, MCI_SSH_DEFAULT_TIMEOUT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mci_ssh_source_init (MciSshSource *self)
{
  g_mutex_init (&self->lock);
  self->response = g_byte_array_new ();
  self->stderr_text = g_string_new (NULL);
  self->users = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

/**
 * mci_ssh_source_new:
 * @destination: "[USER@]HOST[:PORT]", as mci_ssh_parse_destination() reads it
 *
 * Returns: (nullable): the source, not yet connected (the first read connects), or
 *   %NULL and @error when the name is refused, before any process starts.
 */
MciSource *
mci_ssh_source_new (const char  *destination,
                    GError     **error)
{
  g_return_val_if_fail (destination != NULL, NULL);

  if (!mci_ssh_parse_destination (destination, NULL, NULL, NULL, error))
    return NULL;
  return g_object_new (MCI_TYPE_SSH_SOURCE, "destination", destination, NULL);
}

const char *
mci_ssh_source_get_destination (MciSshSource *self)
{
  g_return_val_if_fail (MCI_IS_SSH_SOURCE (self), NULL);

  return self->destination;
}

/* Call before the first read. */
void
mci_ssh_source_set_timeout (MciSshSource *self,
                            double        seconds)
{
  g_return_if_fail (MCI_IS_SSH_SOURCE (self));

  g_object_set (self, "timeout", seconds, NULL);
}

/* The server's name for @uid, from its passwd when the connection was made; NULL
 * when it has none. Valid until the next connection. */
const char *
mci_ssh_source_get_user_name (MciSshSource *self,
                              guint         uid)
{
  const char *name;

  g_return_val_if_fail (MCI_IS_SSH_SOURCE (self), NULL);

  g_mutex_lock (&self->lock);
  name = g_hash_table_lookup (self->users, GUINT_TO_POINTER (uid));
  g_mutex_unlock (&self->lock);
  return name;
}

gboolean
mci_ssh_source_is_connected (MciSshSource *self)
{
  gboolean connected;

  g_return_val_if_fail (MCI_IS_SSH_SOURCE (self), FALSE);

  g_mutex_lock (&self->lock);
  connected = self->connected;
  g_mutex_unlock (&self->lock);
  return connected;
}
