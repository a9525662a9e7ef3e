/* mci-gtk-compat.h: what GTK 4.8 and libadwaita 1.2, the oldest this builds with, cannot do
 * themselves, and every version guard
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkSorter           *mci_gtk_compat_column_sorter_new       (GtkColumnViewColumn *column,
                                                             GCompareDataFunc     compare,
                                                             gpointer             data,
                                                             GDestroyNotify       destroy);
GtkColumnViewColumn *mci_gtk_compat_get_sort_column         (GtkColumnView       *column_view,
                                                             GtkSortType         *order);
gboolean             mci_gtk_compat_list_item_rebinds       (GtkListItem         *list_item,
                                                             gpointer             bound_item);
void                 mci_gtk_compat_name_column_view        (GtkColumnView       *column_view,
                                                             const char          *list_label,
                                                             const char          *headers_label);
void                 mci_gtk_compat_name_column_view_cell   (GtkWidget           *child,
                                                             const char          *label);
void                 mci_gtk_compat_name_column_view_row    (GtkWidget           *child,
                                                             const char          *label);
GtkWidget           *mci_gtk_compat_get_column_view_row     (GtkWidget           *child);
void                 mci_gtk_compat_column_view_tab_leaves  (GtkColumnView       *column_view);
gboolean             mci_gtk_compat_column_view_focus_row   (GtkColumnView       *column_view,
                                                             guint                position,
                                                             gboolean             select,
                                                             GtkWidget           *cell);
void                 mci_gtk_compat_name_drop_down          (GtkDropDown         *drop_down,
                                                             const char          *label);
void                 mci_gtk_compat_name_button             (GtkButton           *button);
void                 mci_gtk_compat_name_status_page        (AdwStatusPage       *page);
void                 mci_gtk_compat_name_tree_expander      (GtkTreeExpander     *expander);
void                 mci_gtk_compat_show_about              (GtkWindow           *parent);

void                 mci_gtk_compat_save_file_async         (GtkWindow           *parent,
                                                             const char          *title,
                                                             const char          *initial_name,
                                                             GListModel          *filters,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
void                 mci_gtk_compat_choose_folder_async     (GtkWindow           *parent,
                                                             const char          *title,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
GFile               *mci_gtk_compat_save_file_finish        (GAsyncResult        *result,
                                                             GError             **error);

void                 mci_gtk_compat_get_color               (GtkWidget           *widget,
                                                             GdkRGBA             *color);

G_END_DECLS
