/* mci-application.c: the application and its one window
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-application"

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "mci-application.h"
#include "mci-window.h"

struct _MciApplication
{
  GtkApplication  parent_instance;

  char           *proc_root;
  gboolean        numeric;
  MciResolver    *resolver;
};

G_DEFINE_FINAL_TYPE (MciApplication, mci_application, GTK_TYPE_APPLICATION)

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "Most Connected IP developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_about_dialog (window,
                         "program-name", _("Most Connected IP"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("See which machines this one talks to, and how much"),
                         "website", "https://github.com/mostconnectedip/most-connected-ip",
                         "license-type", GTK_LICENSE_APACHE_2_0,
                         "authors", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
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

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
mci_application_startup (GApplication *application)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  G_APPLICATION_CLASS (mci_application_parent_class)->startup (application);

#ifdef __GLIBC__
  /* Every sample makes and frees megabytes (the tables, their rows). glibc raises its
   * mmap threshold after such frees and then keeps the memory in the heap for good: 30 MB
   * more resident at 50k sockets. A fixed threshold gives it back at once. */
  mallopt (M_MMAP_THRESHOLD, 256 * 1024);
#endif
  gtk_css_provider_load_from_resource (provider,
                                       "/io/github/mostconnectedip/MostConnectedIp/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.refresh",
                                         (const char *[]) { "<Control>r", "F5", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.search",
                                         (const char *[]) { "<Control>f", NULL });
}

static void
mci_application_activate (GApplication *application)
{
  MciApplication *self = MCI_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autoptr(MciSource) source = NULL;
  g_autoptr(MciSampler) sampler = NULL;
  g_autoptr(MciConnectionModel) model = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (window == NULL)
    {
      if (!self->numeric && self->resolver == NULL)
        self->resolver = mci_resolver_new ();
      source = mci_source_new_for_proc_root (self->proc_root);
      sampler = mci_sampler_new_for_source (source);
      mci_sampler_set_owners (sampler, TRUE);
      model = mci_connection_model_new (sampler, self->resolver);
      settings = g_settings_new (APP_ID);
      window = GTK_WINDOW (mci_window_new (GTK_APPLICATION (application), model, settings));
    }
  gtk_window_present (window);
}

static void
mci_application_finalize (GObject *object)
{
  MciApplication *self = (MciApplication *) object;

  g_free (self->proc_root);
  g_clear_object (&self->resolver);

  G_OBJECT_CLASS (mci_application_parent_class)->finalize (object);
}

static void
mci_application_class_init (MciApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = mci_application_finalize;
  application_class->startup = mci_application_startup;
  application_class->activate = mci_application_activate;
}

static void
mci_application_init (MciApplication *self)
{
}

/* @proc_root: a saved capture to show instead of the live machine, or NULL.
 * @numeric: whether to leave addresses without names. */
MciApplication *
mci_application_new (const char *proc_root,
                     gboolean    numeric)
{
  MciApplication *self;
  GApplicationFlags flags = G_APPLICATION_DEFAULT_FLAGS;

  /* a capture is another thing to look at than the live machine: its own instance */
  if (proc_root != NULL)
    flags |= G_APPLICATION_NON_UNIQUE;
  self = g_object_new (MCI_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/mostconnectedip/MostConnectedIp",
                       NULL);
  self->proc_root = g_strdup (proc_root);
  self->numeric = numeric;
  return self;
}
