/* test-fleet-window.c: "All servers", a window over a fleet of real sshd servers, each in
 * a namespace of its own, one of which stops answering
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <unistd.h>

#include "mci-application.h"
#include "mci-fleet-source.h"
#include "mci-group-row.h"
#include "mci-ssh-source.h"
#include "mci-server-cell.h"
#include "mci-server-dialog.h"
#include "mci-test-sshd.h"
#include "mci-test-util.h"
#include "mci-test-window-util.h"
#include "mci-window.h"

/* As many as the CLI's fleet test: the twenty */
#define FLEET_SIZE       20
#define BAD              7
/* Each server's own timeout here: long, so that a window that waited for the hung server
 * would show nothing new for this long; the good servers' news must come well before. */
#define FLEET_TIMEOUT_S  40
#define CLIENTS          2
#define MORE_CLIENTS     3

static GtkApplication *application;

/* The connections shown in the group of this side's connections to @server's service:
 * the inbound group on its service port, in its Server column; 0 when not shown. */
static guint
count_shown (MciWindow  *window,
             const char *server)
{
  GListModel *rows = G_LIST_MODEL (mci_window_get_selection (window));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) list_row = g_list_model_get_item (rows, i);
      g_autoptr(MciRow) row = gtk_tree_list_row_get_item (list_row);
      const MciEndpointKey *key;

      if (mci_row_get_kind (row) != MCI_ROW_GROUP)
        continue;
      key = mci_row_get_key (row);
      if (key->section == MCI_SECTION_INBOUND && key->local_port == MCI_TEST_SSHD_SERVICE_PORT
          && g_strcmp0 (mci_server_cell_get_server (row), server) == 0)
        return mci_row_get_n_connections (row);
    }
  return 0;
}

typedef struct
{
  MciWindow    *window;
  MciTestSshd **servers;
  guint         n_servers;
  guint         skip;      /* a server not to look at, or G_MAXUINT */
  guint         expected;
} Expectation;

static gboolean
all_show (gpointer data)
{
  Expectation *e = data;

  for (guint i = 0; i < e->n_servers; i++)
    if (i != e->skip && count_shown (e->window, e->servers[i]->address) != e->expected)
      return FALSE;
  return TRUE;
}

static MciFleetSource *
window_fleet (MciWindow *window)
{
  MciSampler *sampler = mci_connection_model_get_sampler (mci_window_get_model (window));

  return MCI_FLEET_SOURCE (mci_sampler_get_source (sampler));
}

static gboolean
all_answered (gpointer data)
{
  MciFleetSource *fleet = window_fleet (data);

  for (guint i = 0; i < mci_fleet_source_get_n_servers (fleet); i++)
    if (mci_fleet_source_get_server_state (fleet, i, NULL, NULL) != MCI_SERVER_ANSWERED)
      return FALSE;
  return TRUE;
}

static gboolean
is_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Closes @window and waits until its source is gone, and with it every ssh it started,
 * before the test stops the servers: a session sshd forks for an ssh still connecting
 * would outlive its namespace. It also shows that a window lets go of its servers. */
static void
destroy_window (MciWindow *window)
{
  MciSampler *sampler = mci_connection_model_get_sampler (mci_window_get_model (window));
  gpointer source = mci_sampler_get_source (sampler);

  g_object_add_weak_pointer (source, &source);
  gtk_window_destroy (GTK_WINDOW (window));
  if (!mci_test_ssh_poll_until (is_cleared, &source, MCI_TEST_WAIT_MS))
    g_error ("the window's source was never finalized");
}

/* A window on a fleet, as the application opens one, with the servers' timeout chosen. */
static MciWindow *
open_fleet_window (const char * const *destinations,
                   double              timeout)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSource) source = mci_fleet_source_new (destinations, &error);
  g_autoptr(MciSampler) sampler = NULL;
  g_autoptr(MciConnectionModel) model = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  MciWindow *window;

  g_assert_no_error (error);
  mci_fleet_source_set_timeout (MCI_FLEET_SOURCE (source), timeout);
  sampler = mci_sampler_new_for_source (source);
  model = mci_connection_model_new (sampler, NULL);
  window = mci_window_new (application, model, settings);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* Twenty servers in one window, a Server column saying whose each group is; then one is
 * blackholed: while its read still hangs, the nineteen others' new connections show,
 * its own rows stay, and the status line names it. */
static void
test_fleet (void)
{
  MciTestSshd *servers[FLEET_SIZE];
  const char *destinations[FLEET_SIZE + 1] = { NULL };
  Expectation expectation = { NULL, servers, FLEET_SIZE, G_MAXUINT, CLIENTS };
  g_autofree char *title = g_strdup_printf ("All servers (%u)", FLEET_SIZE);
  g_autofree char *answered = g_strdup_printf ("%u of %u servers answered", FLEET_SIZE - 1,
                                               FLEET_SIZE);
  g_autofree char *late = NULL;
  g_autoptr(GTimer) timer = NULL;
  MciWindow *window;

  for (guint i = 0; i < FLEET_SIZE; i++)
    {
      servers[i] = mci_test_sshd_start (40 + i, MCI_TEST_SSHD_NONE, CLIENTS);
      destinations[i] = servers[i]->address;
    }
  timer = g_timer_new ();
  window = open_fleet_window (destinations, FLEET_TIMEOUT_S);
  expectation.window = window;
  /* twenty handshakes, eight at a time, on a machine that is busy */
  if (!mci_test_ssh_poll_until (all_answered, window, MCI_TEST_SSH_RECONNECT_MS))
    g_error ("not all answered: %s", mci_window_get_status (window));
  g_test_message ("all %u servers answered after %.1f s", FLEET_SIZE,
                  g_timer_elapsed (timer, NULL));
  g_assert_true (mci_test_ssh_poll_until (all_show, &expectation, MCI_TEST_WAIT_MS));
  g_assert_cmpstr (mci_window_get_page (window), ==, "tree");
  g_assert_true (mci_test_column_visible (window, "Server"));
  g_assert_false (mci_test_column_visible (window, "Process"));
  g_assert_false (mci_test_column_visible (window, "Traffic"));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), title));

  mci_test_sshd_blackhole (servers[BAD]);
  for (guint i = 0; i < FLEET_SIZE; i++)
    for (guint k = 0; i != BAD && k < MORE_CLIENTS; k++)
      {
        int fd = mci_test_connect (servers[i]->address, MCI_TEST_SSHD_SERVICE_PORT);

        g_array_append_val (servers[i]->clients, fd);
      }
  expectation.skip = BAD;
  expectation.expected = CLIENTS + MORE_CLIENTS;
  /* half the hung read's timeout: a window that waited for it would show nothing new */
  g_assert_true (mci_test_ssh_poll_until (all_show, &expectation, FLEET_TIMEOUT_S * 1000 / 2));
  /* the bad server's read still hangs, its last rows stay, the status line says since when */
  g_assert_cmpint (mci_fleet_source_get_server_state (window_fleet (window), BAD, NULL, NULL),
                   ==, MCI_SERVER_LATE);
  g_assert_cmpuint (count_shown (window, servers[BAD]->address), ==, CLIENTS);
  late = g_strdup_printf ("%s: no answer since", servers[BAD]->address);
  g_test_message ("status: %s", mci_window_get_status (window));
  g_assert_nonnull (strstr (mci_window_get_status (window), answered));
  g_assert_nonnull (strstr (mci_window_get_status (window), late));
  mci_test_save_picture (GTK_WIDGET (window), "fleet-window.png");

  destroy_window (window);
  for (guint i = 0; i < FLEET_SIZE; i++)
    mci_test_sshd_stop (servers[i]);
}

/* --host twice: one window, "All servers (2)"; --host once: the server's own window, no
 * Server column; a refused name among several: no window at all. */
static void
test_open_servers (void)
{
  MciTestSshd *a = mci_test_sshd_start (70, MCI_TEST_SSHD_NONE, 1);
  MciTestSshd *b = mci_test_sshd_start (71, MCI_TEST_SSHD_NONE, 1);
  const char *both[] = { a->address, b->address, NULL };
  const char *one[] = { a->address, NULL };
  const char *refused[] = { a->address, "-oProxyCommand=x", NULL };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) recent = NULL;
  g_autoptr(GError) error = NULL;
  guint before = mci_test_count_windows (application);
  MciWindow *window;

  g_assert_true (mci_application_open_servers (MCI_APPLICATION (application), both, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mci_test_count_windows (application), ==, before + 1);
  window = mci_test_newest_window (application);
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)),
                                   "All servers (2)"));
  g_assert_true (mci_test_column_visible (window, "Server"));
  mci_test_wait_for (mci_test_page_is_not_loading, window, "the fleet's first sample");
  recent = g_settings_get_strv (settings, "recent-servers");
  g_assert_cmpstr (recent[0], ==, a->address);
  g_assert_cmpstr (recent[1], ==, b->address);
  destroy_window (window);

  g_assert_true (mci_application_open_servers (MCI_APPLICATION (application), one, &error));
  window = mci_test_newest_window (application);
  g_assert_false (mci_test_column_visible (window, "Server"));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "All servers"));
  destroy_window (window);

  g_assert_false (mci_application_open_servers (MCI_APPLICATION (application), refused,
                                                &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (mci_test_count_windows (application), ==, before);
  mci_test_sshd_stop (a);
  mci_test_sshd_stop (b);
}

static MciServerDialog *
find_dialog (void)
{
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (MCI_IS_SERVER_DIALOG (l->data))
      return l->data;
  return NULL;
}

/* Connect to Server…, "Open All in One Window": the recent servers, one window; the
 * button is not offered for a single recent server. */
static void
test_dialog_all (void)
{
  MciTestSshd *a = mci_test_sshd_start (72, MCI_TEST_SSHD_NONE, 1);
  MciTestSshd *b = mci_test_sshd_start (73, MCI_TEST_SSHD_NONE, 1);
  const char *recent[] = { a->address, b->address, NULL };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  MciTestSshd *both[] = { a, b };
  Expectation expectation = { NULL, both, G_N_ELEMENTS (both), G_MAXUINT, 1 };
  guint before = mci_test_count_windows (application);
  MciServerDialog *dialog;
  MciWindow *window;
  GtkWidget *all;

  g_settings_set_strv (settings, "recent-servers", recent + 1);
  g_action_group_activate_action (G_ACTION_GROUP (application), "connect-to-server", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  all = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), MCI_TYPE_SERVER_DIALOG,
                                                    "all_button");
  g_assert_false (gtk_widget_get_visible (all));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_settings_set_strv (settings, "recent-servers", recent);
  g_action_group_activate_action (G_ACTION_GROUP (application), "connect-to-server", NULL);
  dialog = find_dialog ();
  all = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), MCI_TYPE_SERVER_DIALOG,
                                                    "all_button");
  g_assert_true (gtk_widget_get_visible (all));
  g_signal_emit_by_name (all, "clicked");
  g_assert_null (find_dialog ());
  g_assert_cmpuint (mci_test_count_windows (application), ==, before + 1);
  window = mci_test_newest_window (application);
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)),
                                   "All servers (2)"));
  expectation.window = window;
  g_assert_true (mci_test_ssh_poll_until (all_show, &expectation, MCI_TEST_WAIT_MS));
  destroy_window (window);
  mci_test_sshd_stop (a);
  mci_test_sshd_stop (b);
}

/* No server answers at all: the error page says so, with the first server's reason; there
 * is nothing old to show. */
static void
test_none_answer (void)
{
  MciTestSshd *a = mci_test_sshd_start (77, MCI_TEST_SSHD_NO_SSHD, 0);
  MciTestSshd *b = mci_test_sshd_start (78, MCI_TEST_SSHD_NO_SSHD, 0);
  const char *both[] = { a->address, b->address, NULL };
  MciWindow *window = open_fleet_window (both, MCI_SSH_DEFAULT_TIMEOUT);
  const GError *error;

  mci_test_wait_for (mci_test_page_is_not_loading, window, "the fleet's first sample");
  g_assert_cmpstr (mci_window_get_page (window), ==, "error");
  error = mci_connection_model_get_error (mci_window_get_model (window));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "No server answered: "));
  g_assert_nonnull (strstr (error->message, a->address));
  destroy_window (window);
  mci_test_sshd_stop (a);
  mci_test_sshd_stop (b);
}

typedef struct
{
  MciWindow  *window;
  const char *distant;
  guint       expected;
  MciRow     *row;       /* (out) */
} DistantRow;

/* Whether the group of distant address @distant, by address, counts @expected. */
static gboolean
shows_distant (gpointer data)
{
  DistantRow *d = data;
  GListModel *rows = G_LIST_MODEL (mci_window_get_selection (d->window));
  char text[MCI_ADDRESS_STRLEN];

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) list_row = g_list_model_get_item (rows, i);
      g_autoptr(MciRow) row = gtk_tree_list_row_get_item (list_row);
      const MciEndpointKey *key;

      if (mci_row_get_kind (row) != MCI_ROW_GROUP)
        continue;
      key = mci_row_get_key (row);
      if (key->section == MCI_SECTION_DISTANT
          && g_str_equal (mci_address_to_string (&key->remote_address, text), d->distant)
          && mci_row_get_n_connections (row) == d->expected)
        {
          g_set_object (&d->row, row);
          return TRUE;
        }
    }
  return FALSE;
}

/* By address, this side's address is one group over all the servers: on each, its two
 * connections to the service and its ssh session, summed, and the Server column says on
 * how many servers it is; back by endpoint, each server's groups again. */
static void
test_by_address (void)
{
  MciTestSshd *servers[3];
  const char *destinations[G_N_ELEMENTS (servers) + 1] = { NULL };
  Expectation expectation = { NULL, servers, G_N_ELEMENTS (servers), G_MAXUINT, CLIENTS };
  DistantRow distant = { NULL, "198.51.100.1", G_N_ELEMENTS (servers) * (CLIENTS + 1), NULL };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  MciWindow *window;

  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      servers[i] = mci_test_sshd_start (74 + i, MCI_TEST_SSHD_NONE, CLIENTS);
      destinations[i] = servers[i]->address;
    }
  window = open_fleet_window (destinations, MCI_SSH_DEFAULT_TIMEOUT);
  expectation.window = distant.window = window;
  g_assert_true (mci_test_ssh_poll_until (all_show, &expectation, MCI_TEST_SSH_RECONNECT_MS));

  g_settings_set_string (settings, "group-by", "address");
  g_assert_true (mci_test_ssh_poll_until (shows_distant, &distant, MCI_TEST_WAIT_MS));
  g_assert_cmpuint (mci_row_get_key (distant.row)->host, ==, MCI_ENDPOINT_KEY_ALL_HOSTS);
  g_assert_cmpuint (mci_group_row_count_servers (MCI_GROUP_ROW (distant.row)), ==,
                    G_N_ELEMENTS (servers));
  mci_test_save_picture (GTK_WIDGET (window), "fleet-by-address.png");

  g_settings_set_string (settings, "group-by", "endpoint");
  g_assert_true (mci_test_ssh_poll_until (all_show, &expectation, MCI_TEST_WAIT_MS));
  g_clear_object (&distant.row);
  destroy_window (window);
  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    mci_test_sshd_stop (servers[i]);
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
  g_test_add_func ("/fleet-window/open-servers", test_open_servers);
  g_test_add_func ("/fleet-window/dialog-all", test_dialog_all);
  g_test_add_func ("/fleet-window/none-answer", test_none_answer);
  g_test_add_func ("/fleet-window/by-address", test_by_address);
  g_test_add_func ("/fleet-window/fleet", test_fleet);
  status = g_test_run ();
  mci_test_ssh_teardown ();
  return status;
}
