/* mci-server-dialog.c: Connect to Server…, with the recent servers
 *
 * The name is checked here, in words, before any ssh starts; connecting itself happens
 * in the server's window, off the main thread, whose status line says how it goes.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-server-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-server-dialog.h"

struct _MciServerDialog
{
  GtkWindow       parent_instance;

  MciApplication *application;
  GtkEntry       *entry;
  GtkLabel       *error_label;
  GtkLabel       *recent_heading;
  GtkListBox     *recent_list;
  GtkWidget      *all_button;
};

G_DEFINE_FINAL_TYPE (MciServerDialog, mci_server_dialog, GTK_TYPE_WINDOW)

/* Opens @destination's window and closes the dialog, or says why it cannot. */
void
mci_server_dialog_connect (MciServerDialog *self,
                           const char      *destination)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (destination));

  g_return_if_fail (MCI_IS_SERVER_DIALOG (self));

  if (!mci_application_open_server (self->application, stripped, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * mci_server_dialog_connect_all:
 *
 * Opens the recent servers together, in one "All servers" window, and closes the dialog.
 */
void
mci_server_dialog_connect_all (MciServerDialog *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-servers");
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MCI_IS_SERVER_DIALOG (self));

  if (recent[0] == NULL)
    return;
  /* the settings' names were checked when they were added; one edited by hand is said */
  if (!mci_application_open_servers (self->application, (const char * const *) recent, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_entry_activate (MciServerDialog *self)
{
  mci_server_dialog_connect (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
on_entry_changed (MciServerDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
on_recent_activated (MciServerDialog *self,
                     GtkListBoxRow   *row)
{
  GtkWidget *label = gtk_list_box_row_get_child (row);

  mci_server_dialog_connect (self, gtk_label_get_text (GTK_LABEL (label)));
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  on_entry_activate (MCI_SERVER_DIALOG (widget));
}

static void
connect_all_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  mci_server_dialog_connect_all (MCI_SERVER_DIALOG (widget));
}

static void
fill_recent (MciServerDialog *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-servers");

  for (guint i = 0; recent[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (recent[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_widget_set_margin_start (label, 12);
      gtk_list_box_append (self->recent_list, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_heading), recent[0] != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), recent[0] != NULL);
  gtk_widget_set_visible (self->all_button, recent[0] != NULL && recent[1] != NULL);
}

static void
mci_server_dialog_dispose (GObject *object)
{
  MciServerDialog *self = MCI_SERVER_DIALOG (object);

  g_clear_object (&self->application);
  gtk_widget_dispose_template (GTK_WIDGET (self), MCI_TYPE_SERVER_DIALOG);
  G_OBJECT_CLASS (mci_server_dialog_parent_class)->dispose (object);
}

static void
mci_server_dialog_class_init (MciServerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mci_server_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mostconnectedip/"
                                               "MostConnectedIp/mci-server-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MciServerDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, MciServerDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, MciServerDialog, recent_heading);
  gtk_widget_class_bind_template_child (widget_class, MciServerDialog, recent_list);
  gtk_widget_class_bind_template_child (widget_class, MciServerDialog, all_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated);
  gtk_widget_class_install_action (widget_class, "server.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "server.connect-all", NULL, connect_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mci_server_dialog_init (MciServerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MciServerDialog *
mci_server_dialog_new (MciApplication *application,
                       GtkWindow      *parent)
{
  MciServerDialog *self;

  g_return_val_if_fail (MCI_IS_APPLICATION (application), NULL);

  self = g_object_new (MCI_TYPE_SERVER_DIALOG, "application", application,
                       "transient-for", parent, NULL);
  self->application = g_object_ref (application);
  fill_recent (self);
  return self;
}

GtkListBox *
mci_server_dialog_get_recent (MciServerDialog *self)
{
  g_return_val_if_fail (MCI_IS_SERVER_DIALOG (self), NULL);
  return self->recent_list;
}
