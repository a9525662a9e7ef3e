/* mci-states-cell.c: the States column: one badge per TCP state present, as fits
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-states-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-badge-strip.h"
#include "mci-states-cell.h"

struct _MciStatesCell
{
  MciRowCell  parent_instance;

  GtkWidget  *strip;
};

G_DEFINE_FINAL_TYPE (MciStatesCell, mci_states_cell, MCI_TYPE_ROW_CELL)

/* One badge per state present, in the forms that fit; a section has none. */
static void
mci_states_cell_update (MciRowCell *cell,
                        MciRow     *row)
{
  static const guint none[MCI_TCP_N_STATES] = { 0 };
  MciStatesCell *self = MCI_STATES_CELL (cell);
  MciRowKind kind = mci_row_get_kind (row);
  /* one socket has a state, not a tally of one: a connection, a lone listening socket */
  gboolean single = kind == MCI_ROW_CONNECTION
                    || (mci_row_get_section (row) == MCI_SECTION_LISTENING
                        && mci_row_get_n_connections (row) == 1);

  mci_badge_strip_set_states (MCI_BADGE_STRIP (self->strip),
                              kind == MCI_ROW_SECTION ? none : mci_row_get_states (row),
                              single);
}

static char *
mci_states_cell_describe (MciRowCell *cell,
                          MciRow     *row)
{
  if (mci_row_get_kind (row) == MCI_ROW_SECTION)
    return g_strdup (_("No states"));
  return g_strdup (mci_row_get_states_text (row));
}

static void
mci_states_cell_class_init (MciStatesCellClass *klass)
{
  MciRowCellClass *cell_class = MCI_ROW_CELL_CLASS (klass);

  cell_class->update = mci_states_cell_update;
  cell_class->describe = mci_states_cell_describe;
}

static void
mci_states_cell_init (MciStatesCell *self)
{
  self->strip = mci_badge_strip_new ();
  gtk_widget_set_hexpand (self->strip, TRUE);
  gtk_widget_set_parent (self->strip, GTK_WIDGET (self));
}

/* What the cell shows, for tests: the badges on view, joined by ", ". */
char *
mci_states_cell_get_shown_text (MciStatesCell *self)
{
  g_return_val_if_fail (MCI_IS_STATES_CELL (self), NULL);

  return mci_badge_strip_get_shown_text (MCI_BADGE_STRIP (self->strip));
}
