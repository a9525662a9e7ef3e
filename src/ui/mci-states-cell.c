/* mci-states-cell.c: the States column: one badge per TCP state present
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-states-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-states-cell.h"

struct _MciStatesCell
{
  MciRowCell  parent_instance;

  GtkWidget  *badges[MCI_TCP_N_STATES];   /* made when needed */
};

G_DEFINE_FINAL_TYPE (MciStatesCell, mci_states_cell, MCI_TYPE_ROW_CELL)

static const char * const kind_classes[] = {
  [MCI_TCP_STATE_KIND_ESTABLISHED] = "established",
  [MCI_TCP_STATE_KIND_OPENING] = "opening",
  [MCI_TCP_STATE_KIND_CLOSING] = "closing",
  [MCI_TCP_STATE_KIND_WAITING] = "waiting",
  [MCI_TCP_STATE_KIND_LISTENING] = "listening",
};

/* The badge for the @index-th state shown. Badges are made when first needed: a view
 * may rebuild all its visible cells at once, and most rows have one or two states. */
static GtkWidget *
get_badge (MciStatesCell *self,
           guint          index)
{
  g_assert (index < G_N_ELEMENTS (self->badges));

  if (self->badges[index] == NULL)
    {
      self->badges[index] = mci_row_cell_new_label (0.5);
      gtk_widget_add_css_class (self->badges[index], "badge");
      gtk_widget_set_parent (self->badges[index], GTK_WIDGET (self));
    }
  return self->badges[index];
}

static void
set_badge_kind (GtkWidget       *badge,
                MciTcpStateKind  kind)
{
  g_assert (kind < G_N_ELEMENTS (kind_classes));

  for (guint i = 0; i < G_N_ELEMENTS (kind_classes); i++)
    if (i != kind)
      gtk_widget_remove_css_class (badge, kind_classes[i]);
  gtk_widget_add_css_class (badge, kind_classes[kind]);
}

/* One badge per state present, in the report's order; a section has none. */
static void
mci_states_cell_update (MciRowCell *cell,
                        MciRow     *row)
{
  MciStatesCell *self = MCI_STATES_CELL (cell);
  const guint *states = mci_row_get_states (row);
  gboolean section = mci_row_get_kind (row) == MCI_ROW_SECTION;
  /* one socket has a state, not a tally of one: a connection, a lone listening socket */
  gboolean single = mci_row_get_kind (row) == MCI_ROW_CONNECTION
                    || (mci_row_get_section (row) == MCI_SECTION_LISTENING
                        && mci_row_get_n_connections (row) == 1);
  const MciTcpState *order;
  guint n_states, shown = 0;

  order = mci_tcp_state_report_order (&n_states);
  for (guint i = 0; i < n_states && !section; i++)
    {
      g_autofree char *text = NULL;
      GtkWidget *badge;

      if (states[order[i]] == 0)
        continue;
      badge = get_badge (self, shown++);
      text = single ? g_strdup (mci_tcp_state_to_string (order[i]))
                    : g_strdup_printf ("%u × %s", states[order[i]],
                                       mci_tcp_state_to_string (order[i]));
      gtk_label_set_text (GTK_LABEL (badge), text);
      set_badge_kind (badge, mci_tcp_state_get_kind (order[i]));
      gtk_widget_set_visible (badge, TRUE);
    }
  for (guint i = shown; i < G_N_ELEMENTS (self->badges) && self->badges[i] != NULL; i++)
    gtk_widget_set_visible (self->badges[i], FALSE);
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
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
}
