/* mci-lookup-window.c: Look Up: who is this address?
 *
 * Shows an MciLookup as it fills in. Closing the window stops whatever still runs.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-lookup-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mci-gtk-compat.h"
#include "mci-lookup-window.h"
#include "mci-tracer.h"

struct _MciLookupWindow
{
  GtkWindow  parent_instance;

  MciLookup *lookup;

  GtkSpinner *spinner;
  GtkButton  *stop_button;
  GtkLabel   *connections_title;
  GtkLabel   *address_label;
  GtkLabel   *class_label;
  GtkLabel   *reverse_label;
  GtkLabel   *forward_label;
  GtkLabel   *connections_label;
  GtkLabel   *last_hop_label;
  GtkLabel   *trace_label;
};

G_DEFINE_FINAL_TYPE (MciLookupWindow, mci_lookup_window, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LOOKUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A value is read out after its title, "Address: 192.0.2.1", as it is seen: the title
 * is the label before it in the grid. (Through mnemonic-widget, GTK 4.8 read the value
 * first and the title after it.) */
static void
name_value (GtkLabel *label)
{
  GtkWidget *title = gtk_widget_get_prev_sibling (GTK_WIDGET (label));
  g_autofree char *name = NULL;

  g_assert (GTK_IS_LABEL (title));

  /* Translators: what a screen reader reads for a value of Look Up: its title, its value */
  name = g_strdup_printf (_("%s: %s"), gtk_label_get_text (GTK_LABEL (title)),
                          gtk_label_get_text (label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
set_text (GtkLabel   *label,
          const char *text,
          const char *otherwise)
{
  gtk_label_set_text (label, text != NULL && *text != '\0' ? text : otherwise);
  name_value (label);
}

/* Each field by its own part's state: a name that failed at once says so while the
 * trace goes on, and after Stop nothing claims to be still at work. */
static void
update (MciLookupWindow *self)
{
  MciLookup *lookup = self->lookup;
  MciLookupPartState reverse = mci_lookup_get_state (lookup, MCI_LOOKUP_PART_REVERSE);
  MciLookupPartState trace = mci_lookup_get_state (lookup, MCI_LOOKUP_PART_TRACE);
  gboolean busy = mci_lookup_get_busy (lookup);

  set_text (self->reverse_label, mci_lookup_get_reverse_name (lookup),
            reverse == MCI_LOOKUP_PART_RUNNING ? _("Looking up…")
            : reverse == MCI_LOOKUP_PART_STOPPED ? _("Stopped before an answer")
            : _("None"));
  set_text (self->forward_label, mci_lookup_get_forward (lookup), "…");
  set_text (self->connections_label, mci_lookup_get_connections (lookup), "…");
  set_text (self->trace_label, mci_lookup_get_trace (lookup),
            trace == MCI_LOOKUP_PART_RUNNING ? _("Tracing…")
            : trace == MCI_LOOKUP_PART_STOPPED ? _("Stopped before any hop answered")
            : _("No hop answered"));
  set_text (self->last_hop_label, mci_lookup_get_last_named_hop (lookup),
            trace == MCI_LOOKUP_PART_RUNNING ? _("Tracing…") : "—");
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lookup.stop", busy);
}

static const char * const hideable[] = {
  "reverse_title", "reverse_copy", "forward_title", "forward_copy", "connections_copy",
  "last_hop_title", "last_hop_copy", "trace_title", "trace_copy",
};

/* Hides a field's title, value and copy button. */
static void
hide_field (MciLookupWindow *self,
            const char      *field)
{
  const char * const parts[] = { "title", "label", "copy" };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s_%s", field, parts[i]);
      GObject *widget = gtk_widget_get_template_child (GTK_WIDGET (self),
                                                       MCI_TYPE_LOOKUP_WINDOW, name);

      gtk_widget_set_visible (GTK_WIDGET (widget), FALSE);
    }
}

/* Only the parts that mean something: a wildcard is this machine, no one address out
 * there; a capture's connections may be another machine's, and a route from here says
 * nothing of that one. */
static void
show_fields (MciLookupWindow *self)
{
  if (mci_lookup_is_wildcard (self->lookup))
    {
      const char * const fields[] = { "reverse", "forward", "connections", "last_hop", "trace" };

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        hide_field (self, fields[i]);
      gtk_widget_set_visible (GTK_WIDGET (self->stop_button), FALSE);
      return;
    }
  if (!mci_lookup_get_capture (self->lookup))
    return;
  hide_field (self, "last_hop");
  hide_field (self, "trace");
  gtk_label_set_text (self->connections_title, _("Connections in the capture"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->connections_title),
                               _("A saved capture may come from another machine: "
                                 "no route is traced from this one"));
}

/* The value a copy button stands for, from the lookup, not from its label: where there
 * is none yet, the label's placeholder ("None", "…") is not something to paste. */
static const char *
field_value (MciLookupWindow *self,
             const char      *field)
{
  MciLookup *lookup = self->lookup;

  return g_str_equal (field, "address") ? mci_lookup_get_address (lookup)
       : g_str_equal (field, "class") ? mci_lookup_get_address_class (lookup)
       : g_str_equal (field, "reverse") ? mci_lookup_get_reverse_name (lookup)
       : g_str_equal (field, "forward") ? mci_lookup_get_forward (lookup)
       : g_str_equal (field, "connections") ? mci_lookup_get_connections (lookup)
       : g_str_equal (field, "last_hop") ? mci_lookup_get_last_named_hop (lookup)
       : mci_lookup_get_trace (lookup);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  const char *value = field_value (MCI_LOOKUP_WINDOW (widget),
                                   g_variant_get_string (parameter, NULL));

  if (value == NULL || *value == '\0')
    {
      gtk_widget_error_bell (widget);
      return;
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), value);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  mci_lookup_cancel (MCI_LOOKUP_WINDOW (widget)->lookup);
}

static gboolean
mci_lookup_window_close_request (GtkWindow *window)
{
  mci_lookup_cancel (MCI_LOOKUP_WINDOW (window)->lookup);
  return GTK_WINDOW_CLASS (mci_lookup_window_parent_class)->close_request (window);
}

static void
mci_lookup_window_dispose (GObject *object)
{
  MciLookupWindow *self = (MciLookupWindow *) object;

  if (self->lookup != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->lookup, self);
      mci_lookup_cancel (self->lookup);
    }
  g_clear_object (&self->lookup);
  gtk_widget_dispose_template (GTK_WIDGET (self), MCI_TYPE_LOOKUP_WINDOW);

  G_OBJECT_CLASS (mci_lookup_window_parent_class)->dispose (object);
}

/* Shows the lookup as it fills in, and starts it. */
static void
mci_lookup_window_constructed (GObject *object)
{
  MciLookupWindow *self = (MciLookupWindow *) object;
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (mci_lookup_window_parent_class)->constructed (object);

  g_assert (MCI_IS_LOOKUP (self->lookup));

  title = g_strdup_printf (_("Look Up %s"), mci_lookup_get_address (self->lookup));
  gtk_window_set_title (GTK_WINDOW (self), title);
  set_text (self->address_label, mci_lookup_get_address (self->lookup), "…");
  set_text (self->class_label, mci_lookup_get_address_class (self->lookup), "…");
  show_fields (self);
  g_signal_connect_swapped (self->lookup, "notify", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->lookup, "part-changed", G_CALLBACK (update), self);
  mci_lookup_start (self->lookup, MCI_TRACER_DEFAULT_MAX_HOPS,
                    MCI_TRACER_DEFAULT_PROBE_TIMEOUT_MS);
  update (self);
}

static void
mci_lookup_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MciLookupWindow *self = MCI_LOOKUP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOOKUP:
      g_value_set_object (value, self->lookup);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_lookup_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MciLookupWindow *self = MCI_LOOKUP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOOKUP:
      self->lookup = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mci_lookup_window_class_init (MciLookupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mci_lookup_window_constructed;
  object_class->dispose = mci_lookup_window_dispose;
  object_class->get_property = mci_lookup_window_get_property;
  object_class->set_property = mci_lookup_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = mci_lookup_window_close_request;

  /**
   * MciLookupWindow:lookup:
   *
   * What is being learnt about the address, not started yet: the window starts it.
   */
  properties[PROP_LOOKUP] =
    g_param_spec_object ("lookup", NULL, NULL, MCI_TYPE_LOOKUP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/mostconnectedip/MostConnectedIp/mci-lookup-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MciLookupWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, MciLookupWindow, stop_button);
  gtk_widget_class_bind_template_child (widget_class, MciLookupWindow, connections_title);
  gtk_widget_class_bind_template_child (widget_class, MciLookupWindow, address_label);
  gtk_widget_class_bind_template_child (widget_class, MciLookupWindow, class_label);
  gtk_widget_class_bind_template_child (widget_class, MciLookupWindow, reverse_label);
  gtk_widget_class_bind_template_child (widget_class, MciLookupWindow, forward_label);
  gtk_widget_class_bind_template_child (widget_class, MciLookupWindow, connections_label);
  gtk_widget_class_bind_template_child (widget_class, MciLookupWindow, last_hop_label);
  gtk_widget_class_bind_template_child (widget_class, MciLookupWindow, trace_label);
  /* the fields' titles and copy buttons, for hide_field */
  for (guint i = 0; i < G_N_ELEMENTS (hideable); i++)
    gtk_widget_class_bind_template_child_full (widget_class, hideable[i], FALSE, 0);
  gtk_widget_class_install_action (widget_class, "lookup.copy", "s", copy_action);
  gtk_widget_class_install_action (widget_class, "lookup.stop", NULL, stop_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mci_lookup_window_init (MciLookupWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mci_gtk_compat_name_button (self->stop_button);
}

/* Opens on @address and starts every part at once. @snapshot, if any, gives the
 * connections to it: this machine's, or a saved capture's when @capture. */
MciLookupWindow *
mci_lookup_window_new (GtkWindow        *parent,
                       const MciAddress *address,
                       MciSnapshot      *snapshot,
                       gboolean          capture)
{
  g_autoptr(MciLookup) lookup = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (address != NULL, NULL);

  lookup = mci_lookup_new (address);
  mci_lookup_set_capture (lookup, capture);
  if (snapshot != NULL)
    mci_lookup_set_snapshot (lookup, snapshot);
  return g_object_new (MCI_TYPE_LOOKUP_WINDOW,
                       "transient-for", parent,
                       "application", gtk_window_get_application (parent),
                       "lookup", lookup,
                       NULL);
}

MciLookup *
mci_lookup_window_get_lookup (MciLookupWindow *self)
{
  g_return_val_if_fail (MCI_IS_LOOKUP_WINDOW (self), NULL);

  return self->lookup;
}
