/* mci-count-cell.c: the Connections column: how many
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-count-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-count-cell.h"

struct _MciCountCell
{
  MciRowCell  parent_instance;

  GtkWidget  *label;
  gulong      search_id;
};

G_DEFINE_FINAL_TYPE (MciCountCell, mci_count_cell, MCI_TYPE_ROW_CELL)

/* "3 · 41 closed in 10 min": what closed in the recorder's window beside what is open. */
static void
append_closed (char              **text,
               MciConnectionModel *model,
               MciRow             *row)
{
  MciRecorder *recorder = mci_connection_model_get_recorder (model);
  guint n_closed = mci_row_get_n_closed (row);
  g_autofree char *open = g_steal_pointer (text);
  g_autofree char *span = NULL;

  if (recorder == NULL || !mci_recorder_is_recording (recorder))
    {
      *text = g_steal_pointer (&open);
      return;
    }
  span = mci_recorder_format_window (mci_history_get_window (mci_recorder_get_history (recorder)));
  /* the same words as the --watch report's section headers */
  *text = g_strdup_printf (ngettext ("%s · %u closed in %s", "%s · %u closed in %s", n_closed),
                           open, n_closed, span);
}

static char *
format_lifetime (GTimeSpan lifetime)
{
  gint64 seconds = lifetime / G_TIME_SPAN_SECOND;

  if (seconds < 60)
    /* Translators: how long a closed connection lived, in seconds */
    return g_strdup_printf (_("%.1f s"), (double) lifetime / G_TIME_SPAN_SECOND);
  if (seconds < 3600)
    return g_strdup_printf (_("%d min %d s"), (int) (seconds / 60), (int) (seconds % 60));
  return g_strdup_printf (_("%d h %d min"), (int) (seconds / 3600), (int) (seconds / 60 % 60));
}

/* A closed connection of the history: when it closed, and after how long where a sample
 * saw it open. */
static char *
format_closed_at (MciConnectionRow *row)
{
  g_autoptr(GDateTime) time =
    g_date_time_new_from_unix_local (mci_connection_row_get_closed_at (row) / G_USEC_PER_SEC);
  g_autofree char *clock = g_date_time_format (time, "%X");
  GTimeSpan lifetime = mci_connection_row_get_lifetime (row);
  g_autofree char *lived = NULL;

  if (lifetime < 0)
    /* Translators: %s is the time a connection closed */
    return g_strdup_printf (_("closed at %s"), clock);
  lived = format_lifetime (lifetime);
  /* Translators: the time a connection closed, and how long it had been open */
  return g_strdup_printf (_("closed at %s after %s"), clock, lived);
}

/* How many of the row's connections the search shows. */
static guint
count_shown (MciRow     *row,
             const char *search)
{
  if (*search == '\0')
    return mci_row_get_n_connections (row);
  if (mci_row_get_kind (row) == MCI_ROW_SECTION)
    return mci_section_row_get_n_shown (MCI_SECTION_ROW (row));
  return mci_row_count_matches (row, search);
}

/* A section or a group counts "shown of total" while a search hides some of its
 * connections, as its rows below do; a connection has no count. */
static void
mci_count_cell_update (MciRowCell *cell,
                       MciRow     *row)
{
  MciConnectionModel *model = mci_row_cell_get_model (cell);
  guint total = mci_row_get_n_connections (row), shown;
  g_autofree char *text = NULL;

  if (MCI_IS_CONNECTION_ROW (row)
      && mci_connection_row_get_closed_at (MCI_CONNECTION_ROW (row)) != 0)
    {
      text = format_closed_at (MCI_CONNECTION_ROW (row));
      gtk_label_set_text (GTK_LABEL (MCI_COUNT_CELL (cell)->label), text);
      return;
    }
  if (mci_row_get_kind (row) == MCI_ROW_CONNECTION)
    {
      gtk_label_set_text (GTK_LABEL (MCI_COUNT_CELL (cell)->label), NULL);
      return;
    }
  shown = count_shown (row, mci_connection_model_get_search (model));
  if (shown < total)
    /* Translators: a section's or a group's count while searching: shown of total */
    text = g_strdup_printf (_("%u of %u"), shown, total);
  else
    text = g_strdup_printf ("%u", total);
  if (mci_row_get_kind (row) != MCI_ROW_CONNECTION)
    append_closed (&text, model, row);
  gtk_label_set_text (GTK_LABEL (MCI_COUNT_CELL (cell)->label), text);
}

static char *
mci_count_cell_describe (MciRowCell *cell,
                         MciRow     *row)
{
  if (MCI_IS_CONNECTION_ROW (row)
      && mci_connection_row_get_closed_at (MCI_CONNECTION_ROW (row)) != 0)
    return g_strdup (gtk_label_get_text (GTK_LABEL (MCI_COUNT_CELL (cell)->label)));
  if (mci_row_get_kind (row) == MCI_ROW_CONNECTION)
    return g_strdup (_("One connection"));
  return g_strdup_printf (ngettext ("%s connection", "%s connections",
                                    mci_row_get_n_connections (row)),
                          gtk_label_get_text (GTK_LABEL (MCI_COUNT_CELL (cell)->label)));
}

static void
mci_count_cell_bind (MciRowCell     *cell,
                     GtkTreeListRow *list_row)
{
  MciCountCell *self = MCI_COUNT_CELL (cell);

  self->search_id = g_signal_connect_swapped (mci_row_cell_get_model (cell), "notify::search",
                                              G_CALLBACK (mci_row_cell_update), self);
}

static void
mci_count_cell_unbind (MciRowCell *cell)
{
  g_clear_signal_handler (&MCI_COUNT_CELL (cell)->search_id, mci_row_cell_get_model (cell));
}

static void
mci_count_cell_class_init (MciCountCellClass *klass)
{
  MciRowCellClass *cell_class = MCI_ROW_CELL_CLASS (klass);

  cell_class->update = mci_count_cell_update;
  cell_class->describe = mci_count_cell_describe;
  cell_class->bind = mci_count_cell_bind;
  cell_class->unbind = mci_count_cell_unbind;
}

static void
mci_count_cell_init (MciCountCell *self)
{
  self->label = mci_row_cell_new_label (1);
  /* a narrow window cuts "3 · 41 closed in 10 min" with an ellipsis, not mid-word */
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_widget_add_css_class (self->label, "count");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}
