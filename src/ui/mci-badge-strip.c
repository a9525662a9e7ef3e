/* mci-badge-strip.c: the States column's badges, in the forms that fit
 *
 * One badge per state present, in the report's order. Each state has its full form
 * ("6 × ESTABLISHED") and a short one ("6 EST"); the strip shows all full forms if they
 * fit, else all short ones, else as many short ones as fit and a "+2" that holds the
 * rest in its tooltip. A word is never cut: the strip asks for no less than its "+n",
 * and shows only what its width holds. Every form is a label made on update, so that
 * allocating only picks which to show and never changes a text.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-badge-strip"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mci-badge-strip.h"

#define SPACING 4

typedef struct
{
  MciTcpState  state;
  GtkWidget   *full;
  GtkWidget   *abbreviated;
} Badge;

struct _MciBadgeStrip
{
  GtkWidget  parent_instance;

  GArray    *badges;      /* of Badge, the states present in the report's order */
  GPtrArray *overflows;   /* "+1", "+2"...: the k-th holds k hidden states */
  guint      n_shown;     /* of the badges, as allocated; the rest are in the overflow */
  gboolean   abbreviate;
  guint      states[MCI_TCP_N_STATES];   /* what the badges show */
  gboolean   single;
};

G_DEFINE_FINAL_TYPE (MciBadgeStrip, mci_badge_strip, GTK_TYPE_WIDGET)

static const char * const kind_classes[] = {
  [MCI_TCP_STATE_KIND_ESTABLISHED] = "established",
  [MCI_TCP_STATE_KIND_OPENING] = "opening",
  [MCI_TCP_STATE_KIND_CLOSING] = "closing",
  [MCI_TCP_STATE_KIND_WAITING] = "waiting",
  [MCI_TCP_STATE_KIND_LISTENING] = "listening",
};

/* What each kind of state means, for a badge's tooltip. */
static const char * const kind_meanings[] = {
  [MCI_TCP_STATE_KIND_ESTABLISHED] = N_("Open: data can flow both ways"),
  [MCI_TCP_STATE_KIND_OPENING] = N_("Being opened: the handshake is not finished"),
  [MCI_TCP_STATE_KIND_CLOSING] = N_("Being closed"),
  [MCI_TCP_STATE_KIND_WAITING] = N_("Closing: waiting for the other end, or for late packets"),
  [MCI_TCP_STATE_KIND_LISTENING] = N_("Waiting for connections"),
};

/* The short forms, after ss(8)'s and netstat's habits: what the name begins with. */
static const char * const short_names[MCI_TCP_N_STATES] = {
  [MCI_TCP_STATE_ESTABLISHED] = "EST",
  [MCI_TCP_STATE_SYN_SENT] = "SYN_S",
  [MCI_TCP_STATE_SYN_RECV] = "SYN_R",
  [MCI_TCP_STATE_FIN_WAIT1] = "FIN_W1",
  [MCI_TCP_STATE_FIN_WAIT2] = "FIN_W2",
  [MCI_TCP_STATE_TIME_WAIT] = "TIME_W",
  [MCI_TCP_STATE_CLOSE] = "CLOSE",
  [MCI_TCP_STATE_CLOSE_WAIT] = "CLOSE_W",
  [MCI_TCP_STATE_LAST_ACK] = "LAST_A",
  [MCI_TCP_STATE_LISTEN] = "LISTEN",
  [MCI_TCP_STATE_CLOSING] = "CLOSING",
};

static GtkWidget *
new_badge (MciBadgeStrip *self,
           const char    *text,
           const char    *kind_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  /* the strip is read as one, in full forms: its forms would be read twice */
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_add_css_class (label, "badge");
  gtk_widget_add_css_class (label, kind_class);
  gtk_widget_set_parent (label, GTK_WIDGET (self));
  return label;
}

static void
clear_badges (MciBadgeStrip *self)
{
  for (guint i = 0; i < self->badges->len; i++)
    {
      Badge *badge = &g_array_index (self->badges, Badge, i);

      gtk_widget_unparent (badge->full);
      gtk_widget_unparent (badge->abbreviated);
    }
  g_array_set_size (self->badges, 0);
  for (guint i = 0; i < self->overflows->len; i++)
    gtk_widget_unparent (g_ptr_array_index (self->overflows, i));
  g_ptr_array_set_size (self->overflows, 0);
}

static char *
format_badge (MciTcpState  state,
              guint        count,
              gboolean     single,
              gboolean     abbreviated)
{
  const char *name = abbreviated ? short_names[state] : mci_tcp_state_to_string (state);

  if (single)
    return g_strdup (name);
  /* Translators: a state badge's short form, "6 EST": a count and a state's short name */
  return abbreviated ? g_strdup_printf (C_("badge", "%u %s"), count, name)
                     : g_strdup_printf ("%u × %s", count, name);
}

static void
name_strip (MciBadgeStrip *self)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (guint i = 0; i < self->badges->len; i++)
    g_string_append_printf (name, "%s%s", i > 0 ? ", " : "",
                            gtk_label_get_text (GTK_LABEL (g_array_index (self->badges, Badge,
                                                                          i).full)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name->len > 0 ? name->str : _("No states"), -1);
}

/* @states: the count of each state; @single: a connection's, which shows no counts. */
void
mci_badge_strip_set_states (MciBadgeStrip *self,
                            const guint    states[MCI_TCP_N_STATES],
                            gboolean       single)
{
  const MciTcpState *order;
  guint n_states;

  g_return_if_fail (MCI_IS_BADGE_STRIP (self));
  g_return_if_fail (states != NULL);

  /* rows notify for any change; most leave the states as they were */
  if (single == self->single && self->badges->len > 0
      && memcmp (states, self->states, sizeof self->states) == 0)
    return;
  memcpy (self->states, states, sizeof self->states);
  self->single = single;
  clear_badges (self);
  order = mci_tcp_state_report_order (&n_states);
  for (guint i = 0; i < n_states; i++)
    {
      const char *kind = kind_classes[mci_tcp_state_get_kind (order[i])];
      g_autofree char *full = NULL, *abbreviated = NULL;
      Badge badge = { order[i], NULL, NULL };

      if (states[order[i]] == 0)
        continue;
      full = format_badge (order[i], states[order[i]], single, FALSE);
      abbreviated = format_badge (order[i], states[order[i]], single, TRUE);
      badge.full = new_badge (self, full, kind);
      badge.abbreviated = new_badge (self, abbreviated, kind);
      g_array_append_val (self->badges, badge);
    }
  name_strip (self);
  for (guint k = 1; k <= self->badges->len; k++)
    {
      g_autofree char *text = g_strdup_printf ("+%u", k);

      g_ptr_array_add (self->overflows, new_badge (self, text, "listening"));
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Sizes */

static int
natural_width (GtkWidget *child)
{
  int natural;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* The width of the first @n badges, full or short, side by side. */
static int
badges_width (MciBadgeStrip *self,
              guint          n,
              gboolean       abbreviated)
{
  int width = 0;

  for (guint i = 0; i < n; i++)
    {
      Badge *badge = &g_array_index (self->badges, Badge, i);

      width += natural_width (abbreviated ? badge->abbreviated : badge->full)
               + (i > 0 ? SPACING : 0);
    }
  return width;
}

static int
overflow_width (MciBadgeStrip *self,
                guint          n_hidden)
{
  return n_hidden == 0 ? 0 : natural_width (g_ptr_array_index (self->overflows, n_hidden - 1));
}

/* Chooses the forms for @width: sets n_shown and abbreviate. */
static void
choose_forms (MciBadgeStrip *self,
              int            width)
{
  guint n = self->badges->len;

  self->abbreviate = FALSE;
  self->n_shown = n;
  if (badges_width (self, n, FALSE) <= width)
    return;
  self->abbreviate = TRUE;
  while (self->n_shown > 0
         && badges_width (self, self->n_shown, TRUE)
            + (self->n_shown < n ? SPACING + overflow_width (self, n - self->n_shown) : 0) > width)
    self->n_shown--;
}

static void
mci_badge_strip_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  MciBadgeStrip *self = MCI_BADGE_STRIP (widget);
  guint n = self->badges->len;

  /* at least the "+n" of all states: a narrow window still shows every column whole */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = overflow_width (self, n);
      *natural = badges_width (self, n, FALSE);
      return;
    }
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_natural;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, NULL, &child_natural, NULL, NULL);
      *minimum = *natural = MAX (*natural, child_natural);
    }
}

static void
place (GtkWidget *child,
       int       *x,
       int        height)
{
  int width = natural_width (child), child_height;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &child_height, NULL, NULL);
  gtk_widget_set_child_visible (child, TRUE);
  gtk_widget_size_allocate (child, &(GtkAllocation) { *x, (height - child_height) / 2, width,
                                                      child_height }, -1);
  *x += width + SPACING;
}

static void
mci_badge_strip_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  MciBadgeStrip *self = MCI_BADGE_STRIP (widget);
  guint n = self->badges->len;
  int x = 0;

  choose_forms (self, width);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_child_visible (child, FALSE);
  for (guint i = 0; i < self->n_shown; i++)
    {
      Badge *badge = &g_array_index (self->badges, Badge, i);

      place (self->abbreviate ? badge->abbreviated : badge->full, &x, height);
    }
  if (self->n_shown < n)
    place (g_ptr_array_index (self->overflows, n - self->n_shown - 1), &x, height);
}

/* Tooltips: a badge says its state in full; the overflow lists what it holds. */

/* The tooltip of @badge, one of the strip's: NULL for none. */
char *
mci_badge_strip_get_tooltip_text (MciBadgeStrip *self,
                                  GtkWidget     *badge)
{
  GString *text;

  g_return_val_if_fail (MCI_IS_BADGE_STRIP (self), NULL);

  for (guint i = 0; i < self->badges->len; i++)
    {
      Badge *b = &g_array_index (self->badges, Badge, i);

      if (b->full == badge || b->abbreviated == badge)
        return g_strdup_printf ("%s\n%s", gtk_label_get_text (GTK_LABEL (b->full)),
                                _(kind_meanings[mci_tcp_state_get_kind (b->state)]));
    }
  if (!g_ptr_array_find (self->overflows, badge, NULL))
    return NULL;
  /* the "+n": the states it stands for, in full */
  text = g_string_new (NULL);
  for (guint i = self->n_shown; i < self->badges->len; i++)
    g_string_append_printf (text, "%s%s", i > self->n_shown ? "\n" : "",
                            gtk_label_get_text (GTK_LABEL (g_array_index (self->badges, Badge,
                                                                          i).full)));
  return g_string_free (text, FALSE);
}

static gboolean
mci_badge_strip_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard,
                               GtkTooltip *tooltip)
{
  GtkWidget *badge = gtk_widget_pick (widget, x, y, GTK_PICK_DEFAULT);
  g_autofree char *text = NULL;

  while (badge != NULL && gtk_widget_get_parent (badge) != widget)
    badge = gtk_widget_get_parent (badge);
  if (badge == NULL || (text = mci_badge_strip_get_tooltip_text (MCI_BADGE_STRIP (widget),
                                                                 badge)) == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* What is on view, for tests: the shown badges' texts, joined by ", ". */
char *
mci_badge_strip_get_shown_text (MciBadgeStrip *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (MCI_IS_BADGE_STRIP (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_child_visible (child))
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "",
                              gtk_label_get_text (GTK_LABEL (child)));
  return g_string_free (text, FALSE);
}

/* GObject */

static void
mci_badge_strip_dispose (GObject *object)
{
  MciBadgeStrip *self = MCI_BADGE_STRIP (object);

  if (self->badges != NULL)
    clear_badges (self);
  g_clear_pointer (&self->badges, g_array_unref);
  g_clear_pointer (&self->overflows, g_ptr_array_unref);

  G_OBJECT_CLASS (mci_badge_strip_parent_class)->dispose (object);
}

static void
mci_badge_strip_class_init (MciBadgeStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mci_badge_strip_dispose;
  widget_class->measure = mci_badge_strip_measure;
  widget_class->size_allocate = mci_badge_strip_size_allocate;
  widget_class->query_tooltip = mci_badge_strip_query_tooltip;
  gtk_widget_class_set_css_name (widget_class, "mci-badge-strip");
}

static void
mci_badge_strip_init (MciBadgeStrip *self)
{
  self->badges = g_array_new (FALSE, FALSE, sizeof (Badge));
  self->overflows = g_ptr_array_new ();
  /* asked for when the pointer rests: no tooltip text is set on every update */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
mci_badge_strip_new (void)
{
  return g_object_new (MCI_TYPE_BADGE_STRIP, NULL);
}
