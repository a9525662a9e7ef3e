/* mci-test-window-util.h: what the window tests and the screenshot helper share
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-lookup-window.h"
#include "mci-window.h"

G_BEGIN_DECLS

GtkApplication  *mci_test_register_application   (guint               refresh_ms);
MciWindow       *mci_test_open_window           (GtkApplication     *application,
                                                 GSettings          *settings,
                                                 MciSource          *source,
                                                 MciResolver        *resolver,
                                                 guint               cue_ms,
                                                 guint               recorder_seconds);
MciLookupWindow *mci_test_find_lookup_window    (void);
guint            mci_test_find_shown            (MciWindow          *window,
                                                 const char         *endpoint);
char            *mci_test_read_clipboard        (GtkWidget          *widget);
void             mci_test_wait_for_frame        (GtkWidget          *widget);
GdkTexture      *mci_test_render_window         (GtkWidget          *window);
gboolean         mci_test_page_is_not_loading   (gpointer            window);
void             mci_test_save_picture          (GtkWidget          *window,
                                                 const char         *name);
MciWindow       *mci_test_newest_window         (GtkApplication     *application);
guint            mci_test_count_windows         (GtkApplication     *application);
GtkColumnViewColumn *mci_test_get_column      (MciWindow          *window,
                                                 const char         *title);
gboolean         mci_test_column_visible        (MciWindow          *window,
                                                 const char         *title);
void             mci_test_copy_fixture          (const char         *name,
                                                 const char         *destination);
void             mci_test_remove_tree           (const char         *path);
void             mci_test_press_key             (GtkWidget          *widget,
                                                 guint               keyval,
                                                 GdkModifierType     modifiers);
GtkWidget       *mci_test_get_focus_row         (GtkWidget          *widget);

typedef gboolean (*MciTestWidgetMatch) (GtkWidget *widget,
                                        gpointer   data);

GtkWidget       *mci_test_find_widget           (GtkWidget          *widget,
                                                 MciTestWidgetMatch  match,
                                                 gpointer            data);

G_END_DECLS
