/* test-ssh-window.c: a server's window, over ssh to a real sshd in a namespace
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "mci-application.h"
#include "mci-server-dialog.h"
#include "mci-test-sshd.h"
#include "mci-test-util.h"
#include "mci-test-window-util.h"
#include "mci-window.h"

static GtkApplication *application;

/* The first sample's page, and why it is not the tree when it is not. */
static void
wait_for_tree (MciWindow *window)
{
  const GError *error;

  mci_test_wait_for (mci_test_page_is_not_loading, window, "the server's first sample");
  error = mci_connection_model_get_error (mci_window_get_model (window));
  g_assert_no_error ((GError *) error);
  g_assert_cmpstr (mci_window_get_page (window), ==, "tree");
}

static gboolean
says_old (gpointer data)
{
  const char *status = mci_window_get_status (data);

  return strstr (status, "Old data") != NULL && strstr (status, "dropped") != NULL;
}

static gboolean
says_updated (gpointer data)
{
  return g_str_has_prefix (mci_window_get_status (data), "Updated at");
}

/* --host's window: titled with the server, no owners, the service's group there; when
 * sshd dies it keeps its rows and says they are old, and carries on once sshd is back. */
static void
test_server_window (void)
{
  MciTestSshd *server = mci_test_sshd_start (0, MCI_TEST_SSHD_NONE, 2);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) recent = NULL;
  g_autofree char *endpoint = g_strdup_printf ("%s:7000", server->address);
  MciWindow *window;

  g_assert_true (mci_application_open_server (MCI_APPLICATION (application), server->address,
                                              &error));
  g_assert_no_error (error);
  window = mci_test_newest_window (application);
  wait_for_tree (window);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), server->address));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)),
                            "host names looked up on this machine"));
  g_assert_false (mci_test_column_visible (window, "Process"));
  g_assert_cmpuint (mci_test_find_shown (window, endpoint), >, 0);
  recent = g_settings_get_strv (settings, "recent-servers");
  g_assert_cmpstr (recent[0], ==, server->address);

  mci_test_sshd_kill_sshd (server);
  g_assert_true (mci_test_ssh_poll_until (says_old, window, MCI_TEST_WAIT_MS));
  g_assert_cmpstr (mci_window_get_page (window), ==, "tree");
  g_assert_cmpuint (mci_test_find_shown (window, endpoint), >, 0);
  mci_test_save_picture (GTK_WIDGET (window), "ssh-window-old-data.png");
  mci_test_sshd_start_sshd (server);
  g_assert_true (mci_test_ssh_poll_until (says_updated, window, MCI_TEST_SSH_RECONNECT_MS));

  gtk_window_destroy (GTK_WINDOW (window));
  mci_test_sshd_stop (server);
}

/* Connect to Server…: a refused name said in the dialog, a recent server a click away. */
static void
test_dialog (void)
{
  MciTestSshd *server = mci_test_sshd_start (1, MCI_TEST_SSHD_NONE, 1);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  const char *recent[] = { server->address, "198.51.100.250", NULL };
  MciServerDialog *dialog;
  GtkListBoxRow *first;
  guint before = mci_test_count_windows (application);

  g_settings_set_strv (settings, "recent-servers", recent);
  g_action_group_activate_action (G_ACTION_GROUP (application), "connect-to-server", NULL);
  dialog = NULL;
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (MCI_IS_SERVER_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  first = gtk_list_box_get_row_at_index (mci_server_dialog_get_recent (dialog), 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (first))), ==,
                   server->address);
  g_assert_nonnull (gtk_list_box_get_row_at_index (mci_server_dialog_get_recent (dialog), 1));

  mci_server_dialog_connect (dialog, "-oProxyCommand=x");
  mci_test_save_picture (GTK_WIDGET (dialog), "ssh-dialog.png");
  g_assert_cmpuint (mci_test_count_windows (application), ==, before);
  g_signal_emit_by_name (mci_server_dialog_get_recent (dialog), "row-activated", first);
  g_assert_cmpuint (mci_test_count_windows (application), ==, before + 1);
  wait_for_tree (mci_test_newest_window (application));
  gtk_window_destroy (GTK_WINDOW (mci_test_newest_window (application)));
  mci_test_sshd_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  application = mci_test_register_application (500);
  /* after the display's connection: the namespace has no X server in it */
  mci_test_ssh_setup ();
  mci_test_ssh_client_in_namespace ();
  g_test_add_func ("/ssh-window/server-window", test_server_window);
  g_test_add_func ("/ssh-window/dialog", test_dialog);
  status = g_test_run ();
  mci_test_ssh_teardown ();
  return status;
}
