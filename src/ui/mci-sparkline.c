/* mci-sparkline.c: a small graph of a series, newest at the right
 *
 * The series' whole window spans the width, so that a group seen for a minute is a
 * short line at the right end and the graphs of a column compare; the height is the
 * series' own highest value. Drawn with cairo in the widget's colour (CSS "color", the
 * theme's accent by style.css), filled faintly below.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-sparkline"

#include "config.h"

#include "mci-gtk-compat.h"
#include "mci-sparkline.h"

struct _MciSparkline
{
  GtkWidget  parent_instance;
  MciSeries *series;
};

G_DEFINE_FINAL_TYPE (MciSparkline, mci_sparkline, GTK_TYPE_WIDGET)

static void
trace (cairo_t         *cr,
       const MciSeries *series,
       double           width,
       double           height)
{
  guint length = mci_series_get_length (series);
  guint capacity = MAX (mci_series_get_capacity (series), 2);
  double max = MAX (mci_series_get_max (series), 1);
  double step = width / (capacity - 1);

  for (guint i = 0; i < length; i++)
    {
      double x = width - (length - 1 - i) * step;
      double y = 1 + (height - 2) * (1 - mci_series_get (series, i) / max);

      if (i == 0)
        cairo_move_to (cr, length == 1 ? width - 3 : x, y);
      cairo_line_to (cr, x, y);
    }
}

/* Where the line starts: the oldest value's place, a few pixels for a lone one. */
static double
first_x (const MciSeries *series,
         double           width)
{
  guint length = mci_series_get_length (series);

  if (length == 1)
    return width - 3;
  return width - (length - 1) * width / (MAX (mci_series_get_capacity (series), 2) - 1);
}

static void
mci_sparkline_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  MciSparkline *self = MCI_SPARKLINE (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  guint length = self->series != NULL ? mci_series_get_length (self->series) : 0;
  cairo_t *cr;
  GdkRGBA color;

  if (length == 0 || width <= 1 || height <= 2)
    return;
  mci_gtk_compat_get_color (widget, &color);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (length == 1)
    {
      /* one sample is a point, not a line: a dot at its height, where the newest go
       * (a filled strip of three pixels read as a stray separator) */
      double max = MAX (mci_series_get_max (self->series), 1);
      double y = 1 + (height - 2) * (1 - mci_series_get (self->series, 0) / max);

      gdk_cairo_set_source_rgba (cr, &color);
      cairo_arc (cr, width - 2, MIN (MAX (y, 2), height - 2), 1.5, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_destroy (cr);
      return;
    }
  trace (cr, self->series, width, height);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_stroke_preserve (cr);
  /* the area below, closed along the bottom back to the first value */
  cairo_line_to (cr, width, height);
  cairo_line_to (cr, first_x (self->series, width), height);
  cairo_close_path (cr);
  color.alpha *= 0.25;
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
mci_sparkline_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 24 : 8;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 80 : 16;
}

static void
mci_sparkline_dispose (GObject *object)
{
  g_clear_pointer (&MCI_SPARKLINE (object)->series, mci_series_unref);
  G_OBJECT_CLASS (mci_sparkline_parent_class)->dispose (object);
}

static void
mci_sparkline_class_init (MciSparklineClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mci_sparkline_dispose;
  widget_class->snapshot = mci_sparkline_snapshot;
  widget_class->measure = mci_sparkline_measure;
  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mci_sparkline_init (MciSparkline *self)
{
}

GtkWidget *
mci_sparkline_new (void)
{
  return g_object_new (MCI_TYPE_SPARKLINE, NULL);
}

/* Draws @series (NULL: nothing) from now on, and again on mci_sparkline_changed (). */
void
mci_sparkline_set_series (MciSparkline *self,
                          MciSeries    *series)
{
  g_return_if_fail (MCI_IS_SPARKLINE (self));

  if (self->series == series)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  g_clear_pointer (&self->series, mci_series_unref);
  self->series = series != NULL ? mci_series_ref (series) : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

MciSeries *
mci_sparkline_get_series (MciSparkline *self)
{
  g_return_val_if_fail (MCI_IS_SPARKLINE (self), NULL);

  return self->series;
}

/* The series got a value. */
void
mci_sparkline_changed (MciSparkline *self)
{
  g_return_if_fail (MCI_IS_SPARKLINE (self));

  gtk_widget_queue_draw (GTK_WIDGET (self));
}
