/* mci-endpoint-cell.c: the Endpoint column: the tree's expander, the endpoint, a section's
 * duplicates
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-endpoint-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-endpoint-cell.h"
#include "mci-gtk-compat.h"

struct _MciEndpointCell
{
  MciRowCell  parent_instance;

  GtkWidget  *expander;
  GtkWidget  *label;
  GtkWidget  *detail;     /* a section's "10 duplicates" */
  gulong      expanded_id;
};

G_DEFINE_FINAL_TYPE (MciEndpointCell, mci_endpoint_cell, MCI_TYPE_ROW_CELL)

static void
mci_endpoint_cell_update (MciRowCell *cell,
                          MciRow     *row)
{
  MciEndpointCell *self = MCI_ENDPOINT_CELL (cell);
  gboolean section = mci_row_get_kind (row) == MCI_ROW_SECTION;
  guint n_duplicates = section ? mci_section_row_get_n_duplicates (MCI_SECTION_ROW (row)) : 0;
  g_autofree char *detail = NULL;

  gtk_label_set_text (GTK_LABEL (self->label), mci_row_get_endpoint (row));
  if (section && n_duplicates > 0)
    detail = g_strdup_printf (ngettext ("%u duplicate", "%u duplicates", n_duplicates),
                              n_duplicates);
  gtk_label_set_text (GTK_LABEL (self->detail), detail);
  gtk_widget_set_visible (self->detail, detail != NULL);
  if (section)
    gtk_widget_add_css_class (self->label, "section-title");
  else
    gtk_widget_remove_css_class (self->label, "section-title");
}

/* What the sections' names mean: "distant" and "looping" are this program's words. */
static const char *
describe_section (MciSectionKind section)
{
  switch (section)
    {
    case MCI_SECTION_INBOUND:
      return _("Distant inbound: connections that other machines opened to this one");
    case MCI_SECTION_OUTBOUND:
      return _("Distant outbound: connections that this machine opened to other machines");
    case MCI_SECTION_LOOPING:
      return _("Looping: connections from this machine to itself, over loopback or its own "
               "addresses");
    case MCI_SECTION_LISTENING:
    default:
      return _("Listening: sockets waiting for connections");
    }
}

static char *
mci_endpoint_cell_get_tooltip (MciRowCell *cell,
                               MciRow     *row)
{
  if (mci_row_get_kind (row) == MCI_ROW_SECTION)
    return g_strdup (describe_section (mci_row_get_section (row)));
  return g_strdup (mci_row_get_endpoint (row));
}

static char *
mci_endpoint_cell_describe (MciRowCell *cell,
                            MciRow     *row)
{
  MciEndpointCell *self = MCI_ENDPOINT_CELL (cell);

  if (gtk_widget_get_visible (self->detail))
    return g_strdup_printf ("%s, %s", mci_row_get_endpoint (row),
                            gtk_label_get_text (GTK_LABEL (self->detail)));
  return g_strdup (mci_row_get_endpoint (row));
}

/* The first column's cell stands for its expander and its whole row too. */
static void
mci_endpoint_cell_set_label (MciRowCell *cell,
                             const char *label)
{
  MciEndpointCell *self = MCI_ENDPOINT_CELL (cell);

  MCI_ROW_CELL_CLASS (mci_endpoint_cell_parent_class)->set_label (cell, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  mci_gtk_compat_name_column_view_row (GTK_WIDGET (self), label);
}

static void
mci_endpoint_cell_bind (MciRowCell     *cell,
                        GtkTreeListRow *list_row)
{
  MciEndpointCell *self = MCI_ENDPOINT_CELL (cell);
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (self->expander);

  gtk_tree_expander_set_list_row (expander, list_row);
  self->expanded_id = g_signal_connect_swapped (list_row, "notify::expanded",
                                                G_CALLBACK (mci_gtk_compat_name_tree_expander),
                                                expander);
  mci_gtk_compat_name_tree_expander (expander);
}

static void
mci_endpoint_cell_unbind (MciRowCell *cell)
{
  MciEndpointCell *self = MCI_ENDPOINT_CELL (cell);

  g_clear_signal_handler (&self->expanded_id, mci_row_cell_get_list_row (cell));
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (self->expander), NULL);
}

static void
mci_endpoint_cell_class_init (MciEndpointCellClass *klass)
{
  MciRowCellClass *cell_class = MCI_ROW_CELL_CLASS (klass);

  cell_class->update = mci_endpoint_cell_update;
  cell_class->describe = mci_endpoint_cell_describe;
  cell_class->get_tooltip = mci_endpoint_cell_get_tooltip;
  cell_class->set_label = mci_endpoint_cell_set_label;
  cell_class->bind = mci_endpoint_cell_bind;
  cell_class->unbind = mci_endpoint_cell_unbind;
}

static void
mci_endpoint_cell_init (MciEndpointCell *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  self->label = mci_row_cell_new_label (0);
  /* a narrow window squeezes the column: keep both ends of the endpoint, the whole of
   * it is in the tooltip */
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_MIDDLE);
  self->detail = mci_row_cell_new_label (0);
  gtk_widget_add_css_class (self->detail, "dim-label");
  gtk_box_append (GTK_BOX (box), self->label);
  gtk_box_append (GTK_BOX (box), self->detail);
  self->expander = gtk_tree_expander_new ();
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (self->expander), box);
  mci_row_cell_add_tooltip (MCI_ROW_CELL (self), box);
  gtk_widget_set_hexpand (self->expander, TRUE);
  gtk_widget_set_parent (self->expander, GTK_WIDGET (self));
}
