/* mci-application.c: the application, its command line and its one window
 *
 * The command line is GApplication's, read in handle-local-options: --text, --json,
 * --watch, --events and --trace run there and return, before the application registers on the bus or opens a
 * display; without them the window opens. A bad option exits 2 with one line, as the
 * reports always did.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-application"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "mci-application.h"
#include "mci-gtk-compat.h"
#include "mci-proc-source.h"
#include "mci-recorder.h"
#include "mci-report-command.h"
#include "mci-fleet-source.h"
#include "mci-server-dialog.h"
#include "mci-ssh-source.h"
#include "mci-trace-command.h"
#include "mci-tracer.h"
#include "mci-watch-command.h"
#include "mci-window.h"

struct _MciApplication
{
  AdwApplication  parent_instance;

  char           *proc_root;
  GStrv           hosts;               /* --host: one window, "All servers" for several */
  gboolean        numeric;
  gboolean        bad_command_line;
  double          resolve_timeout;
  int             max_hops;            /* NOT_GIVEN, or what --max-hops said */
  int             probe_timeout;
  double          interval;            /* INTERVAL_NOT_GIVEN, or what --interval said */
  double          watch;               /* INTERVAL_NOT_GIVEN, or --watch's seconds */
  int             history_window;      /* NOT_GIVEN, or --history-window's seconds */
  int             history_max_records; /* NOT_GIVEN, or --history-max-records */
  MciSourceKind   source;
  char           *max_hops_help;       /* the options' descriptions that say a default */
  char           *probe_timeout_help;
  MciResolver    *resolver;
};

G_DEFINE_FINAL_TYPE (MciApplication, mci_application, ADW_TYPE_APPLICATION)

/* --max-hops and --probe-timeout when the command line did not say them */
#define NOT_GIVEN G_MININT
#define INTERVAL_NOT_GIVEN (-G_MAXDOUBLE)
#define DEFAULT_RATES_INTERVAL 1.0
#define MCI_RECENT_SERVERS_MAX 10

enum {
  PROP_0,
  PROP_PROC_ROOT,
  PROP_NUMERIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A capture is another thing to look at than the live machine: its own instance. */
static void
update_uniqueness (MciApplication *self)
{
  GApplicationFlags flags = g_application_get_flags (G_APPLICATION (self));

  g_assert (!g_application_get_is_registered (G_APPLICATION (self)));

  if (self->proc_root != NULL || self->hosts != NULL)
    g_application_set_flags (G_APPLICATION (self), flags | G_APPLICATION_NON_UNIQUE);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  mci_gtk_compat_show_about (gtk_application_get_active_window (GTK_APPLICATION (user_data)));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* closing, rather than quitting at once, lets the window save its size */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (windows->data);
      windows = next;
    }
}

static void
connect_to_server_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  GtkApplication *application = user_data;
  GtkWindow *parent = gtk_application_get_active_window (application);

  gtk_window_present (GTK_WINDOW (mci_server_dialog_new (MCI_APPLICATION (application), parent)));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "connect-to-server", connect_to_server_action },
  { "quit", quit_action },
};

/* AdwApplication loads style.css from the resource base path and follows the system's
 * dark preference by itself. */
static void
mci_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (mci_application_parent_class)->startup (application);

#ifdef __GLIBC__
  /* Every sample makes and frees megabytes (the tables, their rows). glibc raises its
   * mmap threshold after such frees and then keeps the memory in the heap for good: 30 MB
   * more resident at 50k sockets. A fixed threshold gives it back at once. */
  mallopt (M_MMAP_THRESHOLD, 256 * 1024);
#endif
  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.refresh",
                                         (const char *[]) { "<Control>r", "F5", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.search",
                                         (const char *[]) { "<Control>f", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.save",
                                         (const char *[]) { "<Control>s", NULL });
}

/* The recent servers, most recent first, for the Connect to Server dialog. */
static void
remember_server (const char *destination)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) old = g_settings_get_strv (settings, "recent-servers");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_strv_builder_add (builder, destination);
  for (guint i = 0; old[i] != NULL && n < MCI_RECENT_SERVERS_MAX; i++)
    if (!g_str_equal (old[i], destination))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-servers", (const char * const *) recent);
}

/* A window on @source: the live machine, a capture or a server. */
static GtkWindow *
open_window (MciApplication *self,
             MciSource      *source)
{
  g_autoptr(MciSampler) sampler = mci_sampler_new_for_source (source);
  g_autoptr(MciConnectionModel) model = NULL;
  g_autoptr(MciRecorder) recorder = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWindow *window;

  if (!self->numeric && self->resolver == NULL)
    self->resolver = mci_resolver_new ();
  mci_sampler_set_owners (sampler, TRUE);
  model = mci_connection_model_new (sampler, self->resolver);
  /* records closes for the live machine over netlink only; says so for the rest */
  recorder = mci_recorder_new (sampler,
                               g_settings_get_uint (settings, "history-window")
                               * G_TIME_SPAN_SECOND,
                               g_settings_get_uint (settings, "history-max-records"));
  mci_connection_model_set_recorder (model, recorder);
  window = GTK_WINDOW (mci_window_new (GTK_APPLICATION (self), model, settings));
  gtk_window_present (window);
  return window;
}

/**
 * mci_application_open_server:
 * @destination: "[USER@]HOST[:PORT]"
 *
 * Opens a window on a server, read over ssh, and remembers it among the recent ones.
 * Returns: FALSE, with @error, for a name that is refused.
 */
gboolean
mci_application_open_server (MciApplication  *self,
                             const char      *destination,
                             GError         **error)
{
  g_autoptr(MciSource) source = NULL;

  g_return_val_if_fail (MCI_IS_APPLICATION (self), FALSE);

  source = mci_ssh_source_new (destination, error);
  if (source == NULL)
    return FALSE;
  open_window (self, source);
  remember_server (destination);
  return TRUE;
}

/**
 * mci_application_open_servers:
 * @destinations: "[USER@]HOST[:PORT]" each, at least one
 *
 * Opens one window on the servers: a server's own for one, "All servers" for several,
 * each keeping its own pace. All are remembered among the recent ones.
 * Returns: FALSE, with @error, for the first name that is refused; nothing opens then.
 */
gboolean
mci_application_open_servers (MciApplication      *self,
                              const char * const  *destinations,
                              GError             **error)
{
  g_autoptr(MciSource) source = NULL;

  g_return_val_if_fail (MCI_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (destinations != NULL && destinations[0] != NULL, FALSE);

  if (destinations[1] == NULL)
    return mci_application_open_server (self, destinations[0], error);
  source = mci_fleet_source_new (destinations, error);
  if (source == NULL)
    return FALSE;
  open_window (self, source);
  /* backwards, so that the first given is the most recent */
  for (guint i = g_strv_length ((GStrv) destinations); i > 0; i--)
    remember_server (destinations[i - 1]);
  return TRUE;
}

static void
mci_application_activate (GApplication *application)
{
  MciApplication *self = MCI_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autoptr(MciSource) source = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (self->hosts != NULL)
    {
      /* the names were checked on the command line */
      g_assert (mci_application_open_servers (self, (const char * const *) self->hosts, NULL));
      return;
    }
  source = self->proc_root != NULL ? mci_proc_source_new (self->proc_root)
                                   : mci_source_new_live (self->source, TRUE);
  open_window (self, source);
}

/* The command line */

static gboolean
given (MciApplication *self,
       GVariantDict   *options,
       const char     *option)
{
  /* the numbers are read into fields (see add_option_entries ()) */
  if (g_str_equal (option, "max-hops"))
    return self->max_hops != NOT_GIVEN;
  if (g_str_equal (option, "probe-timeout"))
    return self->probe_timeout != NOT_GIVEN;
  if (g_str_equal (option, "interval"))
    return self->interval != INTERVAL_NOT_GIVEN;
  if (g_str_equal (option, "watch"))
    return self->watch != INTERVAL_NOT_GIVEN;
  if (g_str_equal (option, "history-window"))
    return self->history_window != NOT_GIVEN;
  if (g_str_equal (option, "history-max-records"))
    return self->history_max_records != NOT_GIVEN;
  return g_variant_dict_contains (options, option);
}

static int
run_trace (MciApplication *self,
           const char     *address,
           gboolean        numeric)
{
  int max_hops = self->max_hops != NOT_GIVEN ? self->max_hops : MCI_TRACER_DEFAULT_MAX_HOPS;
  int probe_timeout = self->probe_timeout != NOT_GIVEN ? self->probe_timeout
                                                       : MCI_TRACER_DEFAULT_PROBE_TIMEOUT_MS;
  /* a negative number becomes a large one, which the command refuses as well */
  MciTraceCommand command = { address, (guint) max_hops, (guint) probe_timeout,
                              numeric, self->resolve_timeout };

  return mci_trace_command_run (&command);
}

static int
run_report (MciApplication     *self,
            GVariantDict       *options,
            const char         *proc_root,
            const char * const *hosts,
            gboolean            numeric)
{
  MciReportCommand command = { MCI_REPORT_FORMAT_TEXT, MCI_REPORT_FLAGS_NONE, proc_root,
                               numeric, self->resolve_timeout, self->source };

  if (g_variant_dict_contains (options, "json"))
    command.format = MCI_REPORT_FORMAT_JSON;
  if (g_variant_dict_contains (options, "listening"))
    command.flags |= MCI_REPORT_LISTENING;
  if (g_variant_dict_contains (options, "processes"))
    command.flags |= MCI_REPORT_PROCESSES;
  if (g_variant_dict_contains (options, "traffic"))
    command.flags |= MCI_REPORT_TRAFFIC;
  if (g_variant_dict_contains (options, "rates"))
    command.rates_interval = given (self, options, "interval") ? self->interval
                                                               : DEFAULT_RATES_INTERVAL;
  command.no_owners = g_variant_dict_contains (options, "no-processes");
  command.hosts = hosts;
  if (g_variant_dict_contains (options, "by-address"))
    command.grouping = MCI_GROUPING_ADDRESS;
  return mci_report_command_run (&command);
}

/* --watch, --json --watch and --events: until Ctrl+C. */
static int
run_watch (MciApplication *self,
           GVariantDict   *options,
           const char     *proc_root,
           gboolean        numeric)
{
  MciWatchCommand command = { MCI_WATCH_TEXT, MCI_REPORT_FLAGS_NONE, proc_root, numeric,
                              self->source, MCI_WATCH_DEFAULT_INTERVAL,
                              MCI_HISTORY_DEFAULT_WINDOW, MCI_HISTORY_DEFAULT_MAX_RECORDS,
                              g_variant_dict_contains (options, "no-processes") };

  if (g_variant_dict_contains (options, "events"))
    command.format = MCI_WATCH_EVENTS;
  else if (g_variant_dict_contains (options, "json"))
    command.format = MCI_WATCH_JSON;
  if (g_variant_dict_contains (options, "listening"))
    command.flags |= MCI_REPORT_LISTENING;
  if (g_variant_dict_contains (options, "processes"))
    command.flags |= MCI_REPORT_PROCESSES;
  if (g_variant_dict_contains (options, "traffic"))
    command.flags |= MCI_REPORT_TRAFFIC;
  /* 0: the default; --watch without a number */
  if (self->watch > 0)
    command.interval = self->watch;
  if (self->history_window != NOT_GIVEN)
    command.history_window = (GTimeSpan) self->history_window * G_TIME_SPAN_SECOND;
  if (self->history_max_records != NOT_GIVEN)
    command.history_max_records = self->history_max_records;
  return mci_watch_command_run (&command);
}

/* The window: the command line may say what to show too, before the application
 * registers (a capture is not unique). -1 lets GApplication register, then activate. */
static int
prepare_window (MciApplication *self,
                char           *proc_root,
                GStrv           hosts,
                gboolean        numeric)
{
  for (guint i = 0; hosts != NULL && hosts[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!mci_ssh_parse_destination (hosts[i], NULL, NULL, NULL, &error))
        {
          g_printerr ("%s: %s\n", g_get_prgname (), error->message);
          return 2;
        }
    }
  if (hosts != NULL)
    {
      g_strfreev (self->hosts);
      self->hosts = g_strdupv (hosts);
      update_uniqueness (self);
    }
  if (proc_root != NULL)
    {
      g_free (self->proc_root);
      self->proc_root = proc_root;
      update_uniqueness (self);
    }
  self->numeric = self->numeric || numeric;
  return -1;
}

/* Options that another one rules out, or that do nothing without another: said, never
 * ignored. Each row: an option, then a mode it needs (NULL: none) and the options it
 * cannot be used with. */
static const struct
{
  const char *option;
  const char *needs[3];
  const char *excludes[11];
} combinations[] = {
  { "trace", { NULL }, { "text", "json", "proc", "listening", "processes", "traffic", "rates",
                         "source", "no-processes", "watch", "events" } },
  { "events", { NULL }, { "text", "json", "watch", "proc", "listening", "processes",
                          "traffic", "rates" } },
  { "watch", { NULL }, { "rates" } },
  { "listening", { "text", "watch" }, { "json" } },
  { "processes", { "text", "watch" }, { "json" } },
  { "traffic", { "text", "watch" }, { "json" } },
  { "no-processes", { "json", "events" }, { NULL } },
  { "history-window", { "watch", "events" }, { NULL } },
  { "history-max-records", { "watch", "events" }, { NULL } },
  { "by-address", { "text", "json" }, { "watch", "events" } },
  { "rates", { "text", "json" }, { "proc" } },
  { "interval", { "rates" }, { NULL } },
  { "max-hops", { "trace" }, { NULL } },
  { "probe-timeout", { "trace" }, { NULL } },
  { "source", { NULL }, { "proc" } },
  /* a server's owners are not this machine's to read, and /proc there has no traffic */
  { "host", { NULL }, { "proc", "source", "trace", "processes", "traffic", "rates", "watch",
                        "events" } },
};

static int
check_combinations (MciApplication *self,
                    GVariantDict   *options)
{
  for (guint i = 0; i < G_N_ELEMENTS (combinations); i++)
    {
      const char *option = combinations[i].option;
      const char * const *needs = combinations[i].needs;

      if (!given (self, options, option))
        continue;
      if (needs[0] != NULL && !given (self, options, needs[0])
          && (needs[1] == NULL || !given (self, options, needs[1])))
        {
          if (needs[1] != NULL)
            g_printerr (_("%s: --%s goes with --%s or --%s only\n"), g_get_prgname (), option,
                        needs[0], needs[1]);
          else
            g_printerr (_("%s: --%s goes with --%s only\n"), g_get_prgname (), option, needs[0]);
          return 2;
        }
      for (guint j = 0; j < G_N_ELEMENTS (combinations[i].excludes); j++)
        if (combinations[i].excludes[j] != NULL
            && given (self, options, combinations[i].excludes[j]))
          {
            g_printerr (_("%s: --%s and --%s cannot be used together\n"), g_get_prgname (),
                        option, combinations[i].excludes[j]);
            return 2;
          }
    }
  return -1;
}

/* --watch's seconds, --history-window and --history-max-records. */
static int
check_history_values (MciApplication *self,
                      GVariantDict   *options)
{
  /* 0 is --watch without a number: the default */
  if (given (self, options, "watch") && self->watch != 0
      && !(self->watch >= 0.1 && self->watch <= 3600))
    {
      g_printerr (_("%s: --watch takes a number of seconds from 0.1 to 3600\n"),
                  g_get_prgname ());
      return 2;
    }
  if (given (self, options, "history-window")
      && !(self->history_window >= 1 && self->history_window <= 86400))
    {
      g_printerr (_("%s: --history-window takes a number of seconds from 1 to 86400\n"),
                  g_get_prgname ());
      return 2;
    }
  if (given (self, options, "history-max-records")
      && !(self->history_max_records >= 1 && self->history_max_records <= 10000000))
    {
      g_printerr (_("%s: --history-max-records takes a number from 1 to 10000000\n"),
                  g_get_prgname ());
      return 2;
    }
  return -1;
}

/* --source and --interval, checked and kept. Returns an exit status, or -1 to go on. */
static int
check_values (MciApplication *self,
              GVariantDict   *options)
{
  const char *source = NULL;

  if (g_variant_dict_lookup (options, "source", "&s", &source)
      && !mci_source_kind_from_string (source, &self->source))
    {
      g_printerr (_("%s: --source takes netlink or proc\n"), g_get_prgname ());
      return 2;
    }
  /* /proc knows no traffic: asking for it there would print nothing, silently */
  if (self->source == MCI_SOURCE_PROC
      && (given (self, options, "traffic") || given (self, options, "rates")))
    {
      g_printerr (_("%s: --source proc has no traffic figures for --traffic or --rates\n"),
                  g_get_prgname ());
      return 2;
    }
  if (given (self, options, "interval") && !(self->interval >= 0.1 && self->interval <= 60))
    {
      g_printerr (_("%s: --interval takes a number of seconds from 0.1 to 60\n"),
                  g_get_prgname ());
      return 2;
    }
  return check_history_values (self, options);
}

/* What every mode shares: the checks the command line always made, in its order.
 * Returns an exit status, or -1 to go on. */
static int
check_options (GVariantDict *options,
               double        resolve_timeout)
{
  g_autofree const char **remaining = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_contains (options, "text") && g_variant_dict_contains (options, "json"))
    {
      g_printerr (_("%s: --text and --json cannot be used together\n"), g_get_prgname ());
      return 2;
    }
  /* NaN compares false to everything: it would pass a range check and reach a cast */
  if (!isfinite (resolve_timeout) || resolve_timeout < 0 || resolve_timeout > 3600)
    {
      g_printerr (_("%s: --resolve-timeout takes a number of seconds from 0 to 3600\n"),
                  g_get_prgname ());
      return 2;
    }
  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &remaining)
      && remaining[0] != NULL)
    {
      g_printerr (_("%s: unexpected argument “%s”\n"), g_get_prgname (), remaining[0]);
      return 2;
    }
  return -1;
}

static int
mci_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  MciApplication *self = MCI_APPLICATION (application);
  g_autofree char *proc_root = NULL;
  g_autofree char *trace = NULL;
  g_auto(GStrv) hosts = NULL;
  gboolean numeric = g_variant_dict_contains (options, "numeric");
  int status;

  g_variant_dict_lookup (options, "proc", "^ay", &proc_root);
  g_variant_dict_lookup (options, "host", "^as", &hosts);
  g_variant_dict_lookup (options, "trace", "s", &trace);
  if ((status = check_options (options, self->resolve_timeout)) >= 0
      || (status = check_combinations (self, options)) >= 0
      || (status = check_values (self, options)) >= 0)
    return status;
  if (trace != NULL)
    return run_trace (self, trace, numeric);
  if (given (self, options, "watch") || g_variant_dict_contains (options, "events"))
    return run_watch (self, options, proc_root, numeric);
  if (g_variant_dict_contains (options, "text") || g_variant_dict_contains (options, "json"))
    return run_report (self, options, proc_root, (const char * const *) hosts, numeric);

  return prepare_window (self, g_steal_pointer (&proc_root), hosts, numeric);
}

/* GOptionContext calls every group's error hook when parsing fails: the message gets the
 * program's name, as every other usage error has, and the exit status becomes 2. */
static void
on_option_error (GOptionContext  *context,
                 GOptionGroup    *group,
                 gpointer         user_data,
                 GError         **error)
{
  MciApplication *self = user_data;

  self->bad_command_line = TRUE;
  g_prefix_error (error, "%s: ", g_get_prgname ());
}

static gboolean
mci_application_local_command_line (GApplication   *application,
                                    char         ***arguments,
                                    int            *exit_status)
{
  MciApplication *self = MCI_APPLICATION (application);
  gboolean handled;

  handled = G_APPLICATION_CLASS (mci_application_parent_class)->local_command_line (application,
                                                                                    arguments,
                                                                                    exit_status);
  if (self->bad_command_line)
    *exit_status = 2;
  return handled;
}

/* GObject */

static void
mci_application_finalize (GObject *object)
{
  MciApplication *self = (MciApplication *) object;

  g_free (self->proc_root);
  g_strfreev (self->hosts);
  g_free (self->max_hops_help);
  g_free (self->probe_timeout_help);
  g_clear_object (&self->resolver);

  G_OBJECT_CLASS (mci_application_parent_class)->finalize (object);
}

static void
mci_application_constructed (GObject *object)
{
  G_OBJECT_CLASS (mci_application_parent_class)->constructed (object);

  update_uniqueness (MCI_APPLICATION (object));
}

static void
mci_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MciApplication *self = MCI_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_PROC_ROOT:
      g_value_set_string (value, self->proc_root);
      break;
    case PROP_NUMERIC:
      g_value_set_boolean (value, self->numeric);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_application_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MciApplication *self = MCI_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_PROC_ROOT:
      self->proc_root = g_value_dup_string (value);
      break;
    case PROP_NUMERIC:
      self->numeric = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_application_class_init (MciApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = mci_application_constructed;
  object_class->finalize = mci_application_finalize;
  object_class->get_property = mci_application_get_property;
  object_class->set_property = mci_application_set_property;
  application_class->startup = mci_application_startup;
  application_class->activate = mci_application_activate;
  application_class->local_command_line = mci_application_local_command_line;
  application_class->handle_local_options = mci_application_handle_local_options;

  /**
   * MciApplication:proc-root:
   *
   * A saved capture to show instead of the live machine, or %NULL.
   */
  properties[PROP_PROC_ROOT] = g_param_spec_string ("proc-root", NULL, NULL, NULL, flags);
  /**
   * MciApplication:numeric:
   *
   * Whether to leave addresses without names.
   */
  properties[PROP_NUMERIC] = g_param_spec_boolean ("numeric", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* GApplication's main option group has no user data: --watch's optional number is read
 * for the one application there is. */
static MciApplication *parsing_application;

static gboolean
parse_watch (const char  *option_name,
             const char  *value,
             gpointer     data,
             GError     **error)
{
  char *end = NULL;

  parsing_application->watch = 0;
  if (value == NULL)
    return TRUE;
  parsing_application->watch = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !isfinite (parsing_application->watch))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Cannot parse number value “%s” for --watch"), value);
      return FALSE;
    }
  return TRUE;
}

/* The options come back in the GVariantDict of handle-local-options, but for the numbers:
 * GApplication leaves a number out of it when it is 0, and 0 means something to
 * --resolve-timeout and is refused from --max-hops. Those are read into fields. */
static void
add_option_entries (MciApplication *self)
{
  const GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the connections once, as text, and exit"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the connections once, as JSON, and exit"), NULL },
    { "listening", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Also list listening sockets in the text report"), NULL },
    { "processes", 'p', 0, G_OPTION_ARG_NONE, NULL,
      N_("Add the owning process (or user) of each group to the text report"), NULL },
    { "proc", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Read a saved copy of /proc/net instead of the live one"), N_("DIR") },
    { "numeric", 'n', 0, G_OPTION_ARG_NONE, NULL,
      N_("Do not look up host names"), NULL },
    { "source", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Ask the kernel over netlink (the default) or read /proc/net"), N_("netlink|proc") },
    { "traffic", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Add each group's traffic to the text report"), NULL },
    { "rates", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Take two samples --interval apart, for bytes per second"), NULL },
    { "interval", 0, 0, G_OPTION_ARG_DOUBLE, &self->interval,
      N_("Seconds between the two samples of --rates (default: 1)"), N_("SECONDS") },
    { "no-processes", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Leave the owners out of the JSON report, which is faster"), NULL },
    { "by-address", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Group the reports by distant address, over its ports and both directions"), NULL },
    { "resolve-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &self->resolve_timeout,
      N_("How long the reports wait for host names, all in all (default: 2)"), N_("SECONDS") },
    { "trace", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Trace the route to ADDRESS and name its last named hop, then exit"), N_("ADDRESS") },
    { "max-hops", 0, 0, G_OPTION_ARG_INT, &self->max_hops, self->max_hops_help, N_("N") },
    { "probe-timeout", 0, 0, G_OPTION_ARG_INT, &self->probe_timeout, self->probe_timeout_help,
      N_("MS") },
    { "host", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Show a server’s connections, read over ssh; may be given more than once"),
      N_("[USER@]HOST[:PORT]") },
    { "watch", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, parse_watch,
      N_("Print the text report (or with --json, a JSON line) every SECONDS (default: 2), "
         "with the connections closed lately, until Ctrl+C"), N_("SECONDS") },
    { "events", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print a JSON line for each connection that opens or closes, until Ctrl+C"), NULL },
    { "history-window", 0, 0, G_OPTION_ARG_INT, &self->history_window,
      N_("How long --watch and --events keep closed connections (default: 600)"),
      N_("SECONDS") },
    { "history-max-records", 0, 0, G_OPTION_ARG_INT, &self->history_max_records,
      N_("How many closed connections --watch and --events keep at most (default: 200000)"),
      N_("N") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    /* what is left over, to be refused rather than ignored */
    { G_OPTION_REMAINING, 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, NULL },
    { NULL }
  };
  GOptionGroup *errors = g_option_group_new ("mci-errors", "", "", self, NULL);

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  /* a group without entries, for its error hook only: it shows nowhere in --help */
  g_option_group_set_error_hook (errors, on_option_error);
  g_application_add_option_group (G_APPLICATION (self), errors);
}

static void
mci_application_init (MciApplication *self)
{
  self->resolve_timeout = 2.0;
  self->max_hops = NOT_GIVEN;
  self->probe_timeout = NOT_GIVEN;
  self->interval = INTERVAL_NOT_GIVEN;
  self->watch = INTERVAL_NOT_GIVEN;
  self->history_window = NOT_GIVEN;
  self->history_max_records = NOT_GIVEN;
  self->source = MCI_SOURCE_NETLINK;
  parsing_application = self;
  /* the descriptions are translated where GOptionContext would translate them: at --help,
   * in the domain main() bound; these two are formatted first, so already translated */
  self->max_hops_help =
    g_strdup_printf (_("How many hops --trace probes at most (default: %d)"),
                     MCI_TRACER_DEFAULT_MAX_HOPS);
  self->probe_timeout_help =
    g_strdup_printf (_("How long --trace waits for each hop, in milliseconds (default: %d)"),
                     MCI_TRACER_DEFAULT_PROBE_TIMEOUT_MS);
  add_option_entries (self);
}

/* @proc_root: a saved capture to show instead of the live machine, or NULL.
 * @numeric: whether to leave addresses without names. */
MciApplication *
mci_application_new (const char *proc_root,
                     gboolean    numeric)
{
  return g_object_new (MCI_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/io/github/mostconnectedip/MostConnectedIp",
                       "proc-root", proc_root,
                       "numeric", numeric,
                       NULL);
}
