/* mci-row-cell.c: one cell of the connections tree
 *
 * One widget type for every column, as Nautilus does with its view cells: it holds the
 * row it shows, follows the row's notifications while bound, and carries the change
 * cues as style classes so that every cell of a row lights up together.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-row-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-row-cell.h"

struct _MciRowCell
{
  GtkWidget           parent_instance;

  MciColumn           column;
  MciConnectionModel *model;
  MciRow             *row;
  GtkTreeListRow     *list_row;
  gulong              notify_id;
  gulong              search_id;

  GtkWidget          *expander;   /* endpoint */
  GtkWidget          *label;      /* endpoint, count, host name */
  GtkWidget          *detail;     /* endpoint: "10 duplicates" */
  GtkWidget          *badges[MCI_TCP_N_STATES];   /* states: made when needed */
};

G_DEFINE_FINAL_TYPE (MciRowCell, mci_row_cell, GTK_TYPE_WIDGET)

static void
mci_row_cell_dispose (GObject *object)
{
  MciRowCell *self = (MciRowCell *) object;
  GtkWidget *child;

  mci_row_cell_unbind (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (mci_row_cell_parent_class)->dispose (object);
}

static void
mci_row_cell_class_init (MciRowCellClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mci_row_cell_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "mci-row-cell");
}

static void
mci_row_cell_init (MciRowCell *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "row-cell");
}

static GtkWidget *
new_label (MciRowCell *self,
           float       xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  return label;
}

static void
build_endpoint (MciRowCell *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  self->label = new_label (self, 0);
  self->detail = new_label (self, 0);
  gtk_widget_add_css_class (self->detail, "dim-label");
  gtk_box_append (GTK_BOX (box), self->label);
  gtk_box_append (GTK_BOX (box), self->detail);
  self->expander = gtk_tree_expander_new ();
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (self->expander), box);
  gtk_widget_set_hexpand (self->expander, TRUE);
  gtk_widget_set_parent (self->expander, GTK_WIDGET (self));
}

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
get_badge (MciRowCell *self,
           guint       index)
{
  if (self->badges[index] == NULL)
    {
      self->badges[index] = new_label (self, 0.5);
      gtk_widget_add_css_class (self->badges[index], "badge");
      gtk_widget_set_parent (self->badges[index], GTK_WIDGET (self));
    }
  return self->badges[index];
}

static void
set_badge_kind (GtkWidget       *badge,
                MciTcpStateKind  kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_classes); i++)
    if (i != kind)
      gtk_widget_remove_css_class (badge, kind_classes[i]);
  gtk_widget_add_css_class (badge, kind_classes[kind]);
}

/* The whole name, for one cut short. Asked for when the pointer rests, rather than set
 * on every update: setting a tooltip makes GTK 4.8 ask the X server where the pointer
 * is, a round trip per cell that made a refresh of the tree take 100 ms. */
static gboolean
query_host_tooltip (MciRowCell *self,
                    int         x,
                    int         y,
                    gboolean    keyboard,
                    GtkTooltip *tooltip)
{
  const char *name = self->row != NULL ? mci_row_get_host_name (self->row) : NULL;

  if (name == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, name);
  return TRUE;
}

/* The command line and user, or why the process cannot be seen. */
static gboolean
query_owner_tooltip (MciRowCell *self,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip)
{
  g_autofree char *text = self->row != NULL ? mci_row_describe_owner (self->row) : NULL;

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

GtkWidget *
mci_row_cell_new (MciColumn           column,
                  MciConnectionModel *model)
{
  MciRowCell *self = g_object_new (MCI_TYPE_ROW_CELL, NULL);

  self->column = column;
  self->model = g_object_ref (model);
  switch (column)
    {
    case MCI_COLUMN_ENDPOINT:
      build_endpoint (self);
      break;
    case MCI_COLUMN_PROCESS:
      self->label = new_label (self, 0);
      gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (self->label, TRUE);
      gtk_widget_set_has_tooltip (self->label, TRUE);
      g_signal_connect_swapped (self->label, "query-tooltip", G_CALLBACK (query_owner_tooltip), self);
      gtk_widget_set_parent (self->label, GTK_WIDGET (self));
      break;
    case MCI_COLUMN_COUNT:
      self->label = new_label (self, 1);
      gtk_widget_set_hexpand (self->label, TRUE);
      gtk_widget_add_css_class (self->label, "count");
      gtk_widget_set_parent (self->label, GTK_WIDGET (self));
      break;
    case MCI_COLUMN_HOST_NAME:
      self->label = new_label (self, 0);
      gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_has_tooltip (self->label, TRUE);
      g_signal_connect_swapped (self->label, "query-tooltip", G_CALLBACK (query_host_tooltip), self);
      gtk_widget_set_hexpand (self->label, TRUE);
      gtk_widget_set_parent (self->label, GTK_WIDGET (self));
      break;
    case MCI_COLUMN_STATES:
    default:
      gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 4);
      break;
    }
  return GTK_WIDGET (self);
}

static void
update_endpoint (MciRowCell *self)
{
  gboolean section = mci_row_get_kind (self->row) == MCI_ROW_SECTION;
  guint n_duplicates = section ? mci_section_row_get_n_duplicates (MCI_SECTION_ROW (self->row))
                                : 0;
  g_autofree char *detail = NULL;

  gtk_label_set_text (GTK_LABEL (self->label), mci_row_get_endpoint (self->row));
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

/* A section counts "shown of total" while a search hides some; a connection has none. */
static void
update_count (MciRowCell *self)
{
  guint total = mci_row_get_n_connections (self->row);
  g_autofree char *text = NULL;

  if (mci_row_get_kind (self->row) == MCI_ROW_CONNECTION)
    text = NULL;
  else if (mci_row_get_kind (self->row) == MCI_ROW_SECTION
           && *mci_connection_model_get_search (self->model) != '\0')
    /* Translators: a section's count while searching: shown of total */
    text = g_strdup_printf (_("%u of %u"),
                            mci_section_row_get_n_shown (MCI_SECTION_ROW (self->row)), total);
  else
    text = g_strdup_printf ("%u", total);
  gtk_label_set_text (GTK_LABEL (self->label), text);
}

/* Names are shown as text, never as markup: they come from whoever runs the DNS. */
static void
update_host_name (MciRowCell *self)
{
  const char *name = mci_row_get_host_name (self->row);
  gboolean pending = mci_row_get_host_pending (self->row);

  gtk_label_set_text (GTK_LABEL (self->label), pending ? "…" : name);
  /* an empty label would be read out as "GtkLabel" */
  gtk_widget_set_visible (self->label, pending || name != NULL);
  if (pending)
    gtk_widget_add_css_class (self->label, "pending");
  else
    gtk_widget_remove_css_class (self->label, "pending");
}

/* One badge per state present, in the report's order. */
static void
update_process (MciRowCell *self)
{
  const char *owner = mci_row_get_owner (self->row);

  gtk_label_set_text (GTK_LABEL (self->label), owner);
  gtk_widget_set_visible (self->label, owner != NULL);
}

static void
update_states (MciRowCell *self)
{
  const guint *states = mci_row_get_states (self->row);
  gboolean section = mci_row_get_kind (self->row) == MCI_ROW_SECTION;
  gboolean single = mci_row_get_kind (self->row) == MCI_ROW_CONNECTION;
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

static void
update_change (MciRowCell *self)
{
  MciRowChange change = mci_row_get_change (self->row);

  if (change == MCI_ROW_CHANGE_NEW)
    gtk_widget_add_css_class (GTK_WIDGET (self), "new");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "new");
  if (change == MCI_ROW_CHANGE_CLOSED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "closed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "closed");
}

/* What a screen reader says for this cell: its text, or why there is none. */
static char *
describe (MciRowCell *self)
{
  MciRowKind kind = mci_row_get_kind (self->row);
  const char *name;

  switch (self->column)
    {
    case MCI_COLUMN_ENDPOINT:
      if (gtk_widget_get_visible (self->detail))
        return g_strdup_printf ("%s, %s", mci_row_get_endpoint (self->row),
                                gtk_label_get_text (GTK_LABEL (self->detail)));
      return g_strdup (mci_row_get_endpoint (self->row));
    case MCI_COLUMN_COUNT:
      if (kind == MCI_ROW_CONNECTION)
        return g_strdup (_("One connection"));
      return g_strdup_printf (ngettext ("%s connection", "%s connections",
                                        mci_row_get_n_connections (self->row)),
                              gtk_label_get_text (GTK_LABEL (self->label)));
    case MCI_COLUMN_PROCESS:
      name = mci_row_get_owner (self->row);
      return g_strdup (name != NULL ? name : _("No process"));
    case MCI_COLUMN_HOST_NAME:
      if (mci_row_get_host_pending (self->row))
        return g_strdup (_("Looking up the host name"));
      name = mci_row_get_host_name (self->row);
      return g_strdup (name != NULL ? name : _("No host name"));
    case MCI_COLUMN_STATES:
    default:
      if (kind == MCI_ROW_SECTION)
        return g_strdup (_("No states"));
      return g_strdup (mci_row_get_states_text (self->row));
    }
}

/* GTK 4.8 names a column view's cells and rows after their types ("GtkColumnViewCell"),
 * which is what a screen reader would read: they are named after what they show. */
static void
update_accessible (MciRowCell *self)
{
  g_autofree char *text = describe (self);
  GtkWidget *column_cell = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkWidget *row = column_cell != NULL ? gtk_widget_get_parent (column_cell) : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  if (column_cell != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (column_cell),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  if (self->column != MCI_COLUMN_ENDPOINT)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
update (MciRowCell *self)
{
  switch (self->column)
    {
    case MCI_COLUMN_ENDPOINT:
      update_endpoint (self);
      break;
    case MCI_COLUMN_PROCESS:
      update_process (self);
      break;
    case MCI_COLUMN_COUNT:
      update_count (self);
      break;
    case MCI_COLUMN_HOST_NAME:
      update_host_name (self);
      break;
    case MCI_COLUMN_STATES:
    default:
      update_states (self);
      break;
    }
  update_change (self);
  update_accessible (self);
}

void
mci_row_cell_bind (MciRowCell     *self,
                   GtkTreeListRow *list_row)
{
  g_return_if_fail (MCI_IS_ROW_CELL (self));
  g_return_if_fail (GTK_IS_TREE_LIST_ROW (list_row));

  mci_row_cell_unbind (self);
  self->row = gtk_tree_list_row_get_item (list_row);
  self->list_row = g_object_ref (list_row);
  if (self->expander != NULL)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (self->expander), list_row);
  self->notify_id = g_signal_connect_swapped (self->row, "notify", G_CALLBACK (update), self);
  if (self->column == MCI_COLUMN_COUNT)
    self->search_id = g_signal_connect_swapped (self->model, "notify::search",
                                                G_CALLBACK (update), self);
  if (self->column == MCI_COLUMN_HOST_NAME)
    mci_connection_model_show_host_name (self->model, self->row);
  update (self);
}

void
mci_row_cell_unbind (MciRowCell *self)
{
  g_return_if_fail (MCI_IS_ROW_CELL (self));

  if (self->row == NULL)
    return;
  g_clear_signal_handler (&self->notify_id, self->row);
  g_clear_signal_handler (&self->search_id, self->model);
  if (self->expander != NULL)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (self->expander), NULL);
  g_clear_object (&self->row);
  g_clear_object (&self->list_row);
}

MciRow *
mci_row_cell_get_row (MciRowCell *self)
{
  g_return_val_if_fail (MCI_IS_ROW_CELL (self), NULL);

  return self->row;
}

GtkTreeListRow *
mci_row_cell_get_list_row (MciRowCell *self)
{
  g_return_val_if_fail (MCI_IS_ROW_CELL (self), NULL);

  return self->list_row;
}
