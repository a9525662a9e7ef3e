/* test-i18n.c: the window in French and in German
 *
 * Run with LANGUAGE=fr or LANGUAGE=de; the catalogues are the build's (po/), bound
 * here as the installed program binds its own.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>

#include "mci-application.h"
#include "mci-test-util.h"
#include "mci-test-window-util.h"
#include "mci-window.h"

typedef struct
{
  const char *language;
  const char *column;       /* the Endpoint column's title */
  const char *section;      /* the first section */
  const char *duplicates;   /* the looping section's detail, a plural */
  const char *updated;      /* the status line's start */
} Expected;

static const Expected expectations[] = {
  { "fr", "Point de terminaison", "Entrantes distantes", "12 doublons", "Actualisé à" },
  { "de", "Endpunkt", "Eingehend von außen", "12 Duplikate", "Aktualisiert um" },
};

static const Expected *expected;
static GtkApplication *application;

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;
  return FALSE;
}

static void
test_window (void)
{
  g_autofree char *proc_root = mci_test_fixture_path ("showcase");
  g_autoptr(MciSampler) sampler = mci_sampler_new (proc_root);
  g_autoptr(MciConnectionModel) model = mci_connection_model_new (sampler, NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GtkColumnViewColumn) column = NULL;
  MciWindow *window;

  window = mci_window_new (application, model, settings);
  gtk_window_present (GTK_WINDOW (window));
  mci_test_wait_for_samples (model, 1);
  mci_test_wait_for_frame (GTK_WIDGET (window));

  column = g_list_model_get_item (gtk_column_view_get_columns (mci_window_get_column_view (window)), 0);
  g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, expected->column);
  g_assert_cmpstr (mci_row_get_endpoint (mci_connection_model_get_section (model, 0)), ==,
                   expected->section);
  g_assert_true (find_label (GTK_WIDGET (window), expected->section));
  g_assert_true (find_label (GTK_WIDGET (window), expected->duplicates));
  g_assert_true (g_str_has_prefix (mci_window_get_status (window), expected->updated));
  /* the kernel's names for states are not translated */
  g_assert_true (find_label (GTK_WIDGET (window), "8 × ESTABLISHED"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *catalogues = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    if (g_strcmp0 (language, expectations[i].language) == 0)
      expected = &expectations[i];
  g_assert_nonnull (expected);

  gtk_test_init (&argc, &argv, NULL);
  catalogues = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, catalogues);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = GTK_APPLICATION (mci_application_new ("/nonexistent", TRUE));
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_test_add_func ("/i18n/window", test_window);
  return g_test_run ();
}
