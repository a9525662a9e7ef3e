/* mci-section-graphs.c: the pane of larger graphs: each section's total, and the traffic
 *
 * One graph per section of the grouping shown (made again when the grouping changes)
 * and one of the traffic of them all, each under a title that says the figure now.
 * The series are the model's; the pane only redraws when the model counts a sample.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-section-graphs"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-section-graphs.h"
#include "mci-sparkline.h"

struct _MciSectionGraphs
{
  GtkWidget           parent_instance;
  MciConnectionModel *model;
  GPtrArray          *titles;      /* GtkLabel, one a graph */
  GPtrArray          *graphs;      /* MciSparkline; the last is the traffic's */
};

G_DEFINE_FINAL_TYPE (MciSectionGraphs, mci_section_graphs, GTK_TYPE_WIDGET)

static void
add_graph (MciSectionGraphs *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *graph = mci_sparkline_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "caption");
  gtk_widget_set_size_request (graph, -1, 40);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), graph);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
  g_ptr_array_add (self->titles, title);
  g_ptr_array_add (self->graphs, graph);
}

static void
clear_graphs (MciSectionGraphs *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_ptr_array_set_size (self->titles, 0);
  g_ptr_array_set_size (self->graphs, 0);
}

static char *
describe_traffic (MciSeries *series)
{
  guint length = series != NULL ? mci_series_get_length (series) : 0;
  g_autofree char *rate = NULL;

  if (length == 0)
    return g_strdup (_("Traffic"));
  rate = g_format_size ((guint64) mci_series_get (series, length - 1));
  /* Translators: the graphs pane's traffic title: bytes per second both ways, now */
  return g_strdup_printf (_("Traffic: %s/s"), rate);
}

/* Titles with the figures now, and the series, which appear with the first sample. */
static void
update (MciSectionGraphs *self)
{
  GListModel *sections = mci_connection_model_get_sections (self->model);
  guint n = g_list_model_get_n_items (sections);
  MciSeries *traffic = mci_connection_model_get_traffic_history (self->model);
  g_autofree char *traffic_title = describe_traffic (traffic);

  for (guint i = 0; i < n && i < self->graphs->len; i++)
    {
      g_autoptr(MciRow) section = g_list_model_get_item (sections, i);
      g_autofree char *title = g_strdup_printf (_("%s: %u"), mci_row_get_endpoint (section),
                                                mci_row_get_n_connections (section));

      gtk_label_set_text (g_ptr_array_index (self->titles, i), title);
      gtk_accessible_update_property (g_ptr_array_index (self->graphs, i),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      mci_sparkline_set_series (g_ptr_array_index (self->graphs, i), mci_row_get_history (section));
    }
  gtk_label_set_text (g_ptr_array_index (self->titles, n), traffic_title);
  gtk_accessible_update_property (g_ptr_array_index (self->graphs, n),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, traffic_title, -1);
  mci_sparkline_set_series (g_ptr_array_index (self->graphs, n), traffic);
}

/* A graph a section, and one of the traffic. */
static void
rebuild (MciSectionGraphs *self)
{
  GListModel *sections = mci_connection_model_get_sections (self->model);

  clear_graphs (self);
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    add_graph (self);
  add_graph (self);
  update (self);
}

static void
mci_section_graphs_dispose (GObject *object)
{
  MciSectionGraphs *self = MCI_SECTION_GRAPHS (object);

  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->model, self);
      g_signal_handlers_disconnect_by_data (mci_connection_model_get_sections (self->model), self);
    }
  clear_graphs (self);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (mci_section_graphs_parent_class)->dispose (object);
}

static void
mci_section_graphs_finalize (GObject *object)
{
  MciSectionGraphs *self = MCI_SECTION_GRAPHS (object);

  g_clear_pointer (&self->titles, g_ptr_array_unref);
  g_clear_pointer (&self->graphs, g_ptr_array_unref);
  G_OBJECT_CLASS (mci_section_graphs_parent_class)->finalize (object);
}

static void
mci_section_graphs_class_init (MciSectionGraphsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mci_section_graphs_dispose;
  G_OBJECT_CLASS (klass)->finalize = mci_section_graphs_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "section-graphs");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mci_section_graphs_init (MciSectionGraphs *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);
  gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (layout), TRUE);
  self->titles = g_ptr_array_new ();
  self->graphs = g_ptr_array_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Graphs of the sections and the traffic"), -1);
}

/* Once, before the pane is shown. */
void
mci_section_graphs_set_model (MciSectionGraphs   *self,
                              MciConnectionModel *model)
{
  g_return_if_fail (MCI_IS_SECTION_GRAPHS (self));
  g_return_if_fail (MCI_IS_CONNECTION_MODEL (model));
  g_return_if_fail (self->model == NULL);

  self->model = g_object_ref (model);
  g_signal_connect_swapped (model, "notify::n-samples", G_CALLBACK (update), self);
  g_signal_connect_swapped (mci_connection_model_get_sections (model), "items-changed",
                            G_CALLBACK (rebuild), self);
  rebuild (self);
}

/* What tests look at: the graphs, the traffic's last. */
guint
mci_section_graphs_get_n_graphs (MciSectionGraphs *self)
{
  g_return_val_if_fail (MCI_IS_SECTION_GRAPHS (self), 0);

  return self->graphs->len;
}

GtkWidget *
mci_section_graphs_get_graph (MciSectionGraphs *self,
                              guint             index)
{
  g_return_val_if_fail (MCI_IS_SECTION_GRAPHS (self), NULL);
  g_return_val_if_fail (index < self->graphs->len, NULL);

  return g_ptr_array_index (self->graphs, index);
}

const char *
mci_section_graphs_get_title (MciSectionGraphs *self,
                              guint             index)
{
  g_return_val_if_fail (MCI_IS_SECTION_GRAPHS (self), NULL);
  g_return_val_if_fail (index < self->titles->len, NULL);

  return gtk_label_get_text (g_ptr_array_index (self->titles, index));
}
