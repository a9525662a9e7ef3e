/* mci-row-cell.c: a cell of the connections tree, what every kind of cell shares
 *
 * A small base class, as Nautilus' NautilusViewCell is: it holds the row it shows,
 * follows the row's notifications while bound, carries the change cues as style classes
 * so that every cell of a row lights up together, and names itself for a screen reader.
 * What a cell shows is its subclass's: MciEndpointCell, MciOwnerCell, MciCountCell,
 * MciHostCell, MciStatesCell, MciTrafficCell.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-row-cell"

#include "config.h"

#include "mci-gtk-compat.h"
#include "mci-row-cell.h"

typedef struct
{
  MciConnectionModel *model;
  MciRow             *row;
  GtkTreeListRow     *list_row;
  gulong              notify_id;
} MciRowCellPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MciRowCell, mci_row_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_class (GtkWidget  *widget,
           const char *css_class,
           gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

/* The cue is the cells' (their text strikes through when closed) and the row's: the
 * row paints the light, whole, behind all its cells and the gaps between them. */
static void
update_change (MciRowCell *self,
               MciRow     *row)
{
  static const char * const classes[] = {
    [MCI_ROW_CHANGE_NEW] = "new",
    [MCI_ROW_CHANGE_CLOSED] = "closed",
    [MCI_ROW_CHANGE_GROWN] = "grown",
  };
  MciRowChange change = mci_row_get_change (row);
  GtkWidget *row_widget = mci_gtk_compat_get_column_view_row (GTK_WIDGET (self));

  for (guint i = MCI_ROW_CHANGE_NEW; i < G_N_ELEMENTS (classes); i++)
    {
      set_class (GTK_WIDGET (self), classes[i], change == i);
      if (row_widget != NULL)
        set_class (row_widget, classes[i], change == i);
    }
  /* a group kept for its closes in the window, none of its connections open */
  set_class (GTK_WIDGET (self), "all-closed", mci_row_is_all_closed (row));
}

/* Named after what it shows; so is GTK's cell around it. */
static void
mci_row_cell_real_set_label (MciRowCell *self,
                             const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  mci_gtk_compat_name_column_view_cell (GTK_WIDGET (self), label);
}

static void
mci_row_cell_dispose (GObject *object)
{
  MciRowCell *self = (MciRowCell *) object;
  MciRowCellPrivate *priv = mci_row_cell_get_instance_private (self);
  GtkWidget *child;

  mci_row_cell_unbind (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&priv->model);

  G_OBJECT_CLASS (mci_row_cell_parent_class)->dispose (object);
}

static void
mci_row_cell_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MciRowCellPrivate *priv = mci_row_cell_get_instance_private (MCI_ROW_CELL (object));

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, priv->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_row_cell_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MciRowCellPrivate *priv = mci_row_cell_get_instance_private (MCI_ROW_CELL (object));

  switch (prop_id)
    {
    case PROP_MODEL:
      priv->model = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_row_cell_class_init (MciRowCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mci_row_cell_dispose;
  object_class->get_property = mci_row_cell_get_property;
  object_class->set_property = mci_row_cell_set_property;
  klass->set_label = mci_row_cell_real_set_label;

  /**
   * MciRowCell:model:
   *
   * The model the rows come from: some cells follow its search, or ask it for names.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, MCI_TYPE_CONNECTION_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "mci-row-cell");
}

static void
mci_row_cell_init (MciRowCell *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "row-cell");
}

/* Shows the bound row again: after the row changed, or something else it depends on. */
void
mci_row_cell_update (MciRowCell *self)
{
  MciRowCellPrivate *priv;
  MciRowCellClass *klass;
  g_autofree char *label = NULL;

  g_return_if_fail (MCI_IS_ROW_CELL (self));

  priv = mci_row_cell_get_instance_private (self);
  if (priv->row == NULL)
    return;
  klass = MCI_ROW_CELL_GET_CLASS (self);
  klass->update (self, priv->row);
  update_change (self, priv->row);
  label = klass->describe (self, priv->row);
  klass->set_label (self, label);
}

void
mci_row_cell_bind (MciRowCell     *self,
                   GtkTreeListRow *list_row)
{
  MciRowCellPrivate *priv;
  MciRowCellClass *klass;

  g_return_if_fail (MCI_IS_ROW_CELL (self));
  g_return_if_fail (GTK_IS_TREE_LIST_ROW (list_row));

  priv = mci_row_cell_get_instance_private (self);
  klass = MCI_ROW_CELL_GET_CLASS (self);
  mci_row_cell_unbind (self);
  priv->row = gtk_tree_list_row_get_item (list_row);
  priv->list_row = g_object_ref (list_row);
  priv->notify_id = g_signal_connect_swapped (priv->row, "notify",
                                              G_CALLBACK (mci_row_cell_update), self);
  if (klass->bind != NULL)
    klass->bind (self, list_row);
  mci_row_cell_update (self);
}

void
mci_row_cell_unbind (MciRowCell *self)
{
  MciRowCellPrivate *priv;
  MciRowCellClass *klass;

  g_return_if_fail (MCI_IS_ROW_CELL (self));

  priv = mci_row_cell_get_instance_private (self);
  if (priv->row == NULL)
    return;
  klass = MCI_ROW_CELL_GET_CLASS (self);
  g_clear_signal_handler (&priv->notify_id, priv->row);
  if (klass->unbind != NULL)
    klass->unbind (self);
  g_clear_object (&priv->row);
  g_clear_object (&priv->list_row);
}

/* The row shown, or NULL while unbound. */
MciRow *
mci_row_cell_get_row (MciRowCell *self)
{
  MciRowCellPrivate *priv;

  g_return_val_if_fail (MCI_IS_ROW_CELL (self), NULL);

  priv = mci_row_cell_get_instance_private (self);
  return priv->row;
}

GtkTreeListRow *
mci_row_cell_get_list_row (MciRowCell *self)
{
  MciRowCellPrivate *priv;

  g_return_val_if_fail (MCI_IS_ROW_CELL (self), NULL);

  priv = mci_row_cell_get_instance_private (self);
  return priv->list_row;
}

MciConnectionModel *
mci_row_cell_get_model (MciRowCell *self)
{
  MciRowCellPrivate *priv;

  g_return_val_if_fail (MCI_IS_ROW_CELL (self), NULL);

  priv = mci_row_cell_get_instance_private (self);
  return priv->model;
}

/* For subclasses: a one-line label, aligned at @xalign. */
GtkWidget *
mci_row_cell_new_label (float xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  return label;
}

/* The text the cell's tooltip shows now, or NULL. */
char *
mci_row_cell_get_tooltip_text (MciRowCell *self)
{
  MciRowCellPrivate *priv;
  MciRowCellClass *klass;

  g_return_val_if_fail (MCI_IS_ROW_CELL (self), NULL);

  priv = mci_row_cell_get_instance_private (self);
  klass = MCI_ROW_CELL_GET_CLASS (self);
  if (priv->row == NULL || klass->get_tooltip == NULL)
    return NULL;
  return klass->get_tooltip (self, priv->row);
}

/* Asked for when the pointer rests, rather than set on every update: setting a tooltip
 * makes GTK 4.8 ask the X server where the pointer is, a round trip per cell that made a
 * refresh of the tree take 100 ms. */
static gboolean
query_tooltip (MciRowCell *self,
               int         x,
               int         y,
               gboolean    keyboard,
               GtkTooltip *tooltip)
{
  g_autofree char *text = mci_row_cell_get_tooltip_text (self);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* For subclasses that have get_tooltip: @widget, a child, shows its text. */
void
mci_row_cell_add_tooltip (MciRowCell *self,
                          GtkWidget  *widget)
{
  g_return_if_fail (MCI_IS_ROW_CELL (self));
  g_return_if_fail (MCI_ROW_CELL_GET_CLASS (self)->get_tooltip != NULL);

  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect_swapped (widget, "query-tooltip", G_CALLBACK (query_tooltip), self);
}
