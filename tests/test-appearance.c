/* test-appearance.c: what the window looks like, measured on the real window under Xvfb
 *
 * Badge contrast is read from the pixels the window's renderer draws, in light and dark,
 * on plain, selected, lit (new or grown) rows; the whole-row light from the pixels
 * between the cells; the status pages, About and the badges' fit from the widgets.
 * Runs through tests/gui-wrapper.sh, with GSETTINGS_BACKEND=memory.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <math.h>
#include <unistd.h>

#include "mci-application.h"
#include "mci-badge-strip.h"
#include "mci-endpoint-cell.h"
#include "mci-host-cell.h"
#include "mci-mock-resolver.h"
#include "mci-owner-cell.h"
#include "mci-proc-source.h"
#include "mci-row-cell.h"
#include "mci-states-cell.h"
#include "mci-test-util.h"
#include "mci-test-window-util.h"
#include "mci-window.h"

static GtkApplication *application;
static MciMockResolver *mock;

static const char * const mock_names[][2] = {
  { "198.51.100.23", "proxy-1.example.net" },
  { "198.51.100.5", "admin-laptop.example.com" },
};

typedef struct
{
  GSettings *settings;
  MciWindow *window;
  char      *proc_root;   /* a copy the test changes */
} Fixture;

/* Pixels */

typedef struct
{
  GdkTexture *texture;
  guchar     *pixels;    /* B, G, R, A (premultiplied, opaque here) per pixel */
  int         width;
  int         height;
} Picture;

static void
picture_take (Picture   *picture,
              MciWindow *window)
{
  mci_test_wait_for_frame (GTK_WIDGET (window));
  picture->texture = mci_test_render_window (GTK_WIDGET (window));
  picture->width = gdk_texture_get_width (picture->texture);
  picture->height = gdk_texture_get_height (picture->texture);
  picture->pixels = g_malloc ((gsize) picture->width * picture->height * 4);
  gdk_texture_download (picture->texture, picture->pixels, picture->width * 4);
}

static void
picture_clear (Picture *picture)
{
  g_clear_object (&picture->texture);
  g_clear_pointer (&picture->pixels, g_free);
}

static guint32
pixel_at (Picture *picture,
          int      x,
          int      y)
{
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, picture->width);
  g_assert_cmpint (y, <, picture->height);
  return *(guint32 *) (picture->pixels + ((gsize) y * picture->width + x) * 4) & 0xffffff;
}

static double
linear (guint channel)
{
  double c = channel / 255.0;

  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (guint32 rgb)
{
  return 0.2126 * linear ((rgb >> 16) & 0xff) + 0.7152 * linear ((rgb >> 8) & 0xff)
         + 0.0722 * linear (rgb & 0xff);
}

/* WCAG 2's contrast ratio, 1 to 21. */
static double
contrast (guint32 a,
          guint32 b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static gboolean
bounds_in_window (GtkWidget       *widget,
                  MciWindow       *window,
                  graphene_rect_t *bounds)
{
  return gtk_widget_compute_bounds (widget, GTK_WIDGET (window), bounds);
}

/* The contrast of a badge's text against its background, as drawn: the background is
 * the colour most of the badge is, the text the pixel that stands out from it most
 * (the core of a stroke, where anti-aliasing blends nothing in). */
static double
measure_badge (Picture   *picture,
               MciWindow *window,
               GtkWidget *badge)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  graphene_rect_t bounds;
  guint32 background = 0, text;
  guint most = 0;
  double best = 1;

  g_assert_true (bounds_in_window (badge, window, &bounds));
  for (int y = bounds.origin.y; y < bounds.origin.y + bounds.size.height; y++)
    for (int x = bounds.origin.x; x < bounds.origin.x + bounds.size.width; x++)
      {
        gpointer key = GUINT_TO_POINTER (pixel_at (picture, x, y));
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1;

        g_hash_table_insert (counts, key, GUINT_TO_POINTER (n));
        if (n > most)
          {
            most = n;
            background = GPOINTER_TO_UINT (key);
          }
      }
  for (int y = bounds.origin.y; y < bounds.origin.y + bounds.size.height; y++)
    for (int x = bounds.origin.x; x < bounds.origin.x + bounds.size.width; x++)
      if (contrast ((text = pixel_at (picture, x, y)), background) > best)
        best = contrast (text, background);
  return best;
}

/* Widgets */

static void
collect (GtkWidget  *widget,
         GType       type,
         const char *css_class,
         GPtrArray  *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget)
      && (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, css_class, found);
}

static GPtrArray *
find_all (MciWindow  *window,
          GType       type,
          const char *css_class)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (GTK_WIDGET (window), type, css_class, found);
  return found;
}

/* The row widget a cell's child is in: the parent of GTK's cell. */
static GtkWidget *
row_widget_of (GtkWidget *widget)
{
  while (widget != NULL && !MCI_IS_ROW_CELL (widget))
    widget = gtk_widget_get_parent (widget);
  g_assert_nonnull (widget);
  return gtk_widget_get_parent (gtk_widget_get_parent (widget));
}

/* The cell of @type showing the group @endpoint. */
static GtkWidget *
find_cell (MciWindow  *window,
           GType       type,
           const char *endpoint)
{
  g_autoptr(GPtrArray) cells = find_all (window, type, NULL);

  for (guint i = 0; i < cells->len; i++)
    {
      MciRow *row = mci_row_cell_get_row (g_ptr_array_index (cells, i));

      if (row != NULL && g_str_equal (mci_row_get_endpoint (row), endpoint))
        return g_ptr_array_index (cells, i);
    }
  g_assert_not_reached ();
}

/* Set up */

static void
open_window_on (Fixture     *f,
                MciSource   *source,
                MciResolver *resolver,
                int          width)
{
  g_settings_set_int (f->settings, "window-width", width);
  g_settings_set_int (f->settings, "window-height", 700);
  f->window = mci_test_open_window (application, f->settings, source, resolver, 600000, 0);
  mci_test_wait_for_frame (GTK_WIDGET (f->window));
}

/* A window on a copy of @fixture whose cues last the whole test. */
static void
open_window (Fixture    *f,
             const char *fixture,
             int         width)
{
  g_autoptr(MciSource) source = NULL;

  f->proc_root = g_dir_make_tmp ("mci-adw-appearance-XXXXXX", NULL);
  mci_test_copy_fixture (fixture, f->proc_root);
  source = mci_proc_source_new (f->proc_root);
  open_window_on (f, source, NULL, width);
}

static void
refresh_with (Fixture    *f,
              const char *fixture)
{
  MciConnectionModel *model = mci_window_get_model (f->window);
  guint n_samples = mci_connection_model_get_n_samples (model) + 1;

  mci_test_copy_fixture (fixture, f->proc_root);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL));
  mci_test_wait_for_samples (model, n_samples);
  mci_test_wait_for_frame (GTK_WIDGET (f->window));
}

static void
select_group (Fixture    *f,
              const char *endpoint)
{
  guint position = mci_test_find_shown (f->window, endpoint);

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (mci_window_get_selection (f->window), position);
  mci_test_wait_for_frame (GTK_WIDGET (f->window));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->settings = g_settings_new (APP_ID);
  g_settings_set_uint (f->settings, "refresh-interval", 0);
}

static void
close_window (Fixture *f)
{
  gpointer model = f->window != NULL ? mci_window_get_model (f->window) : NULL;

  if (model != NULL)
    g_object_add_weak_pointer (model, &model);
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  mci_test_wait_for (mci_test_cleared, &model, "the closed window's model to be freed");
  if (f->proc_root != NULL)
    mci_test_remove_tree (f->proc_root);
  g_clear_pointer (&f->proc_root, g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_window (f);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
  g_settings_reset (f->settings, "window-width");
  g_settings_reset (f->settings, "window-height");
  g_clear_object (&f->settings);
}

/* Badge contrast (issue #13, item 1) */

enum { PLAIN, SELECTED, LIT, LIT_SELECTED, N_ROW_STATES };

static const char * const row_state_names[] = { "plain", "selected", "lit", "lit and selected" };

/* Measures every badge on view; counts them by the state of their row. */
static void
assert_badges_readable (Fixture    *f,
                        const char *style,
                        guint       n_measured[N_ROW_STATES])
{
  g_autoptr(GPtrArray) badges = find_all (f->window, GTK_TYPE_LABEL, "badge");
  Picture picture = { 0 };

  picture_take (&picture, f->window);
  g_assert_cmpuint (badges->len, >, 0);
  for (guint i = 0; i < badges->len; i++)
    {
      GtkWidget *badge = g_ptr_array_index (badges, i);
      GtkWidget *row = row_widget_of (badge);
      gboolean selected = (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED) != 0;
      gboolean lit = gtk_widget_has_css_class (row, "new")
                     || gtk_widget_has_css_class (row, "grown");
      guint state = (lit ? LIT : PLAIN) + (selected ? 1 : 0);
      double ratio = measure_badge (&picture, f->window, badge);

      g_test_message ("%s, %s row: “%s” %.2f:1", style, row_state_names[state],
                      gtk_label_get_text (GTK_LABEL (badge)), ratio);
      if (ratio < 4.5)
        g_error ("badge “%s” on a %s row in the %s style has a contrast of %.2f:1",
                 gtk_label_get_text (GTK_LABEL (badge)), row_state_names[state], style, ratio);
      n_measured[state]++;
    }
  picture_clear (&picture);
}

static void
check_badges_in_style (Fixture            *f,
                       AdwColorScheme      scheme,
                       const char         *style)
{
  guint n_measured[N_ROW_STATES] = { 0 };

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);

  /* at rest: nothing lit */
  open_window (f, "showcase", 1000);
  select_group (f, "192.0.2.10:443 ← 198.51.100.23");
  assert_badges_readable (f, style, n_measured);
  close_window (f);

  /* every group new (lit), one of them selected */
  open_window (f, "empty", 1000);
  refresh_with (f, "showcase");
  select_group (f, "192.0.2.10:443 ← 198.51.100.23");
  assert_badges_readable (f, style, n_measured);
  close_window (f);

  /* a group that grew, selected, and one that is new */
  open_window (f, "refresh-1", 1000);
  refresh_with (f, "refresh-2");
  select_group (f, "192.0.2.10:22 ← 198.51.100.7");
  assert_badges_readable (f, style, n_measured);
  close_window (f);

  for (guint i = 0; i < N_ROW_STATES; i++)
    if (n_measured[i] == 0)
      g_error ("no badge measured on a %s row in the %s style", row_state_names[i], style);
}

static void
test_badge_contrast (Fixture       *f,
                     gconstpointer  data)
{
  check_badges_in_style (f, ADW_COLOR_SCHEME_FORCE_LIGHT, "light");
  check_badges_in_style (f, ADW_COLOR_SCHEME_FORCE_DARK, "dark");
}

/* The whole-row light (item 9) */

/* The colours along a line @dy below the top of the group @endpoint's row, from @from_x
 * past the start of its first cell to near the end of its last (the States column's: a
 * capture shows no Traffic), across the gaps between the cells; the row's edges, where
 * the view draws its own lines, are left out. */
static GHashTable *
colours_along (Picture    *picture,
               MciWindow  *window,
               const char *endpoint,
               int         from_x,
               int         dy)
{
  GHashTable *colours = g_hash_table_new (NULL, NULL);
  graphene_rect_t first, last;

  g_assert_true (bounds_in_window (find_cell (window, MCI_TYPE_ENDPOINT_CELL, endpoint), window,
                                   &first));
  g_assert_true (bounds_in_window (find_cell (window, MCI_TYPE_STATES_CELL, endpoint), window,
                                   &last));
  for (int x = first.origin.x + from_x; x < last.origin.x + last.size.width - 8; x++)
    g_hash_table_add (colours, GUINT_TO_POINTER (pixel_at (picture, x, first.origin.y + dy)));
  return colours;
}

static guint32
only_colour (GHashTable *colours)
{
  GHashTableIter iter;
  gpointer key;

  g_assert_cmpuint (g_hash_table_size (colours), ==, 1);
  g_hash_table_iter_init (&iter, colours);
  g_assert_true (g_hash_table_iter_next (&iter, &key, NULL));
  return GPOINTER_TO_UINT (key);
}

/* A new group and a grown one are lit edge to edge, through the gaps between the cells
 * (a line above their text crosses only the light); the grown one has its own mark at
 * its start, and a plain row neither. */
static void
test_row_light (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *fresh, *grown, *plain;
  Picture picture = { 0 };
  g_autoptr(GHashTable) fresh_line = NULL, grown_line = NULL, plain_line = NULL;
  graphene_rect_t bounds;
  guint32 fresh_colour, grown_colour, plain_colour, grown_mark;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  open_window (f, "refresh-1", 1000);
  refresh_with (f, "refresh-2");
  fresh = row_widget_of (find_cell (f->window, MCI_TYPE_STATES_CELL,
                                    "192.0.2.10 → 203.0.113.20:25"));
  grown = row_widget_of (find_cell (f->window, MCI_TYPE_STATES_CELL,
                                    "192.0.2.10:22 ← 198.51.100.7"));
  plain = row_widget_of (find_cell (f->window, MCI_TYPE_STATES_CELL,
                                    "192.0.2.10 → 203.0.113.6:443"));
  g_assert_true (gtk_widget_has_css_class (fresh, "new"));
  g_assert_true (gtk_widget_has_css_class (grown, "grown"));
  g_assert_false (gtk_widget_has_css_class (plain, "new"));
  g_assert_false (gtk_widget_has_css_class (plain, "grown"));

  picture_take (&picture, f->window);
  fresh_line = colours_along (&picture, f->window, "192.0.2.10 → 203.0.113.20:25", 8, 3);
  grown_line = colours_along (&picture, f->window, "192.0.2.10:22 ← 198.51.100.7", 12, 3);
  plain_line = colours_along (&picture, f->window, "192.0.2.10 → 203.0.113.6:443", 8, 3);
  fresh_colour = only_colour (fresh_line);
  grown_colour = only_colour (grown_line);
  plain_colour = only_colour (plain_line);
  g_assert_cmphex (fresh_colour, !=, plain_colour);
  g_assert_cmphex (grown_colour, !=, plain_colour);
  g_assert_cmphex (grown_colour, !=, fresh_colour);
  g_assert_true (bounds_in_window (find_cell (f->window, MCI_TYPE_ENDPOINT_CELL,
                                              "192.0.2.10:22 ← 198.51.100.7"),
                                   f->window, &bounds));
  grown_mark = pixel_at (&picture, bounds.origin.x + 7, bounds.origin.y + 3);
  g_assert_cmphex (grown_mark, !=, grown_colour);
  g_assert_cmphex (grown_mark, !=, plain_colour);
  picture_clear (&picture);
}

/* Badges that fit (item 2) */

static GtkWidget *
find_ancestor (GtkWidget *widget,
               GType      type)
{
  while (widget != NULL && !G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    widget = gtk_widget_get_parent (widget);
  g_assert_nonnull (widget);
  return widget;
}

/* Every badge on view is whole: allocated its natural width, inside its column's cell and
 * inside the part of the tree on view. Returns how many were checked. */
static guint
assert_badges_whole (MciWindow *window)
{
  g_autoptr(GPtrArray) badges = find_all (window, GTK_TYPE_LABEL, "badge");
  GtkWidget *view = find_ancestor (GTK_WIDGET (mci_window_get_column_view (window)),
                                   GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t visible;

  g_assert_true (bounds_in_window (view, window, &visible));
  for (guint i = 0; i < badges->len; i++)
    {
      GtkWidget *badge = g_ptr_array_index (badges, i);
      GtkWidget *cell = gtk_widget_get_parent (find_ancestor (badge, MCI_TYPE_STATES_CELL));
      const char *text = gtk_label_get_text (GTK_LABEL (badge));
      graphene_rect_t bounds, cell_bounds;
      int natural;

      gtk_widget_measure (badge, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_true (bounds_in_window (badge, window, &bounds));
      g_assert_true (bounds_in_window (cell, window, &cell_bounds));
      g_test_message ("“%s”: %g wide of %d, at %g–%g in a cell at %g–%g", text,
                      bounds.size.width, natural, bounds.origin.x,
                      bounds.origin.x + bounds.size.width, cell_bounds.origin.x,
                      cell_bounds.origin.x + cell_bounds.size.width);
      if (bounds.size.width < natural
          || bounds.origin.x < cell_bounds.origin.x
          || bounds.origin.x + bounds.size.width > cell_bounds.origin.x + cell_bounds.size.width
          || bounds.origin.x + bounds.size.width > visible.origin.x + visible.size.width)
        g_error ("badge “%s” is cut: %g wide of %d, at %g–%g, its cell %g–%g, "
                 "the view %g–%g",
                 text, bounds.size.width, natural, bounds.origin.x,
                 bounds.origin.x + bounds.size.width, cell_bounds.origin.x,
                 cell_bounds.origin.x + cell_bounds.size.width, visible.origin.x,
                 visible.origin.x + visible.size.width);
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (badge))));
    }
  return badges->len;
}

static char *
shown_states (MciWindow  *window,
              const char *endpoint)
{
  return mci_states_cell_get_shown_text (MCI_STATES_CELL (find_cell (window,
                                                                     MCI_TYPE_STATES_CELL,
                                                                     endpoint)));
}

/* What the "+n" of @endpoint's row holds, in its tooltip. */
static char *
overflow_tooltip (MciWindow  *window,
                  const char *endpoint)
{
  GtkWidget *cell = find_cell (window, MCI_TYPE_STATES_CELL, endpoint);
  g_autoptr(GPtrArray) badges = g_ptr_array_new ();
  GtkWidget *strip = gtk_widget_get_first_child (cell);

  collect (cell, GTK_TYPE_LABEL, "badge", badges);
  for (guint i = 0; i < badges->len; i++)
    if (gtk_label_get_text (GTK_LABEL (g_ptr_array_index (badges, i)))[0] == '+')
      return mci_badge_strip_get_tooltip_text (MCI_BADGE_STRIP (strip),
                                               g_ptr_array_index (badges, i));
  return NULL;
}

/* At 600 pixels the States column is narrow: short forms, then "+n" with the rest in a
 * tooltip, and never a badge cut; at 1200 the full forms. */
static void
test_badges_fit (Fixture       *f,
                 gconstpointer  data)
{
  const char *two_states = "192.0.2.10:443 ← 198.51.100.23";   /* 6 ESTABLISHED, 3 TIME_WAIT */
  g_autofree char *narrow = NULL, *wide = NULL, *tooltip = NULL, *single = NULL;

  open_window (f, "showcase", 600);
  g_assert_cmpuint (assert_badges_whole (f->window), >, 10);
  narrow = shown_states (f->window, two_states);
  g_test_message ("at 600 px: %s", narrow);
  g_assert_true (g_str_equal (narrow, "6 EST, 3 TIME_W") || g_str_equal (narrow, "6 EST, +1")
                 || g_str_equal (narrow, "+2"));
  tooltip = overflow_tooltip (f->window, two_states);
  if (g_str_equal (narrow, "+2"))
    g_assert_cmpstr (tooltip, ==, "6 × ESTABLISHED\n3 × TIME_WAIT");
  else if (g_str_equal (narrow, "6 EST, +1"))
    g_assert_cmpstr (tooltip, ==, "3 × TIME_WAIT");
  single = shown_states (f->window, "192.0.2.10:443 ← 198.51.100.47");
  g_assert_true (g_str_equal (single, "3 EST") || g_str_equal (single, "+1"));
  close_window (f);

  open_window (f, "showcase", 1400);
  assert_badges_whole (f->window);
  wide = shown_states (f->window, two_states);
  g_assert_cmpstr (wide, ==, "6 × ESTABLISHED, 3 × TIME_WAIT");
}

/* Tooltips and long names (item 13) */

static char *
tooltip_of (MciWindow  *window,
            GType       type,
            const char *endpoint)
{
  return mci_row_cell_get_tooltip_text (MCI_ROW_CELL (find_cell (window, type, endpoint)));
}

static gboolean
names_in (gpointer data)
{
  return mci_resolver_get_n_pending (data) == 0;
}

/* Host names are cut at their start, keeping the domain; endpoints, sections and badges
 * say more in their tooltips. */
static void
test_tooltips (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *proc_root = mci_test_fixture_path ("showcase");
  g_autoptr(MciSource) source = mci_proc_source_new (proc_root);
  g_autoptr(MciResolver) resolver = mci_resolver_new ();
  const char *laptop = "192.0.2.10:22 ← 198.51.100.5";
  g_autofree char *host = NULL, *endpoint = NULL, *inbound = NULL, *looping = NULL;
  g_autofree char *badge_tip = NULL;
  GtkWidget *host_label, *strip;

  open_window_on (f, source, resolver, 600);
  mci_test_wait_for (names_in, resolver, "the host names");
  mci_test_wait_for_frame (GTK_WIDGET (f->window));
  host_label = gtk_widget_get_first_child (find_cell (f->window, MCI_TYPE_HOST_CELL, laptop));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (host_label)), ==, "admin-laptop.example.com");
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (host_label)), ==, PANGO_ELLIPSIZE_START);
  g_assert_true (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (host_label))));
  host = tooltip_of (f->window, MCI_TYPE_HOST_CELL, laptop);
  g_assert_cmpstr (host, ==, "admin-laptop.example.com");

  endpoint = tooltip_of (f->window, MCI_TYPE_ENDPOINT_CELL, laptop);
  g_assert_cmpstr (endpoint, ==, laptop);
  inbound = tooltip_of (f->window, MCI_TYPE_ENDPOINT_CELL, "Distant inbound");
  g_assert_nonnull (strstr (inbound, "other machines opened to this one"));
  looping = tooltip_of (f->window, MCI_TYPE_ENDPOINT_CELL, "Looping");
  g_assert_nonnull (strstr (looping, "this machine to itself"));

  strip = gtk_widget_get_first_child (find_cell (f->window, MCI_TYPE_STATES_CELL, laptop));
  g_assert_true (gtk_widget_get_has_tooltip (strip));
  badge_tip = mci_badge_strip_get_tooltip_text (MCI_BADGE_STRIP (strip),
                                                gtk_widget_get_first_child (strip));
  g_assert_cmpstr (badge_tip, ==, "1 × ESTABLISHED\nOpen: data can flow both ways");
}

typedef struct
{
  MciWindow  *window;
  const char *endpoint;
} RowWait;

static gboolean
owned_by_three (gpointer data)
{
  RowWait *wait = data;
  MciConnectionModel *model = mci_window_get_model (wait->window);
  guint position;

  gtk_widget_activate_action (GTK_WIDGET (wait->window), "win.refresh", NULL);
  mci_test_wait_for_sample_to_end (model);
  position = mci_test_find_shown (wait->window, wait->endpoint);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  {
    g_autoptr(GtkTreeListRow) list_row = g_list_model_get_item (
      G_LIST_MODEL (mci_window_get_selection (wait->window)), position);
    g_autoptr(MciRow) row = gtk_tree_list_row_get_item (list_row);

    return g_strcmp0 (mci_row_get_owner (row), "3 processes") == 0;
  }
}

static GSubprocess *
start_peer (guint16 port)
{
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  GSubprocess *peer;
  g_autoptr(GDataInputStream) out = NULL;

  peer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                           &error, g_getenv ("MCI_TEST_PEER"), "connect", "127.0.0.1",
                           port_text, "1", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (peer));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "connected");
  return peer;
}

/* "3 processes" lists them in its tooltip: two peers and this test, on live loopback
 * sockets matched by their port. */
static void
test_process_tooltip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(MciSource) source = mci_source_new_live (MCI_SOURCE_NETLINK, TRUE);
  g_autoptr(GSubprocess) first = NULL, second = NULL;
  g_autofree char *endpoint = NULL, *tooltip = NULL;
  g_autofree char *first_line = NULL, *second_line = NULL, *own_line = NULL;
  guint16 port;
  int listener = mci_test_listen ("127.0.0.1", &port);
  int own = mci_test_connect ("127.0.0.1", port);
  RowWait wait = { NULL, NULL };

  first = start_peer (port);
  second = start_peer (port);
  endpoint = g_strdup_printf ("127.0.0.1 → 127.0.0.1:%u", port);
  open_window_on (f, source, NULL, 1000);
  wait.window = f->window;
  wait.endpoint = endpoint;
  mci_test_wait_for (owned_by_three, &wait, "the group of three processes");
  mci_test_wait_for_frame (GTK_WIDGET (f->window));
  tooltip = tooltip_of (f->window, MCI_TYPE_OWNER_CELL, endpoint);
  g_test_message ("%s", tooltip);
  first_line = g_strdup_printf ("\nmci-test-peer (%s)", g_subprocess_get_identifier (first));
  second_line = g_strdup_printf ("\nmci-test-peer (%s)", g_subprocess_get_identifier (second));
  own_line = g_strdup_printf ("(%d)", getpid ());
  g_assert_true (g_str_has_prefix (tooltip, "3 processes\n"));
  g_assert_nonnull (strstr (tooltip, first_line));
  g_assert_nonnull (strstr (tooltip, second_line));
  g_assert_nonnull (strstr (tooltip, own_line));

  g_output_stream_close (g_subprocess_get_stdin_pipe (first), NULL, NULL);
  g_output_stream_close (g_subprocess_get_stdin_pipe (second), NULL, NULL);
  g_subprocess_wait (first, NULL, NULL);
  g_subprocess_wait (second, NULL, NULL);
  close (own);
  close (listener);
}

/* Status pages (items 8 and 10) */

static AdwStatusPage *
shown_status_page (MciWindow *window)
{
  g_autoptr(GPtrArray) pages = find_all (window, ADW_TYPE_STATUS_PAGE, NULL);

  g_assert_cmpuint (pages->len, ==, 1);
  return g_ptr_array_index (pages, 0);
}

/* A capture without connections says so of the capture, not of this machine. */
static void
test_empty_capture (Fixture       *f,
                    gconstpointer  data)
{
  AdwStatusPage *page;

  open_window (f, "empty", 1000);
  g_assert_cmpstr (mci_window_get_page (f->window), ==, "empty");
  page = shown_status_page (f->window);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Connections");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "capture"));
  g_assert_null (strstr (adw_status_page_get_description (page), "machine"));
  g_assert_nonnull (adw_status_page_get_icon_name (page));
}

/* An unreadable capture says why, on the error page. */
static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(MciSource) source = mci_proc_source_new ("/nonexistent/mci-adw-capture");
  AdwStatusPage *page;

  open_window_on (f, source, NULL, 1000);
  g_assert_cmpstr (mci_window_get_page (f->window), ==, "error");
  page = shown_status_page (f->window);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "Cannot Read the Connections");
  g_assert_nonnull (strstr (adw_status_page_get_description (page),
                            "/nonexistent/mci-adw-capture/tcp"));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "No such file"));
}

typedef struct
{
  MciWindow  *window;
  const char *page;
} PageWait;

static gboolean
page_is (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (mci_window_get_page (wait->window), wait->page) == 0;
}

/* A search that matches nothing shows a page that names it and clears it. */
static void
test_no_match (Fixture       *f,
               gconstpointer  data)
{
  PageWait wait = { NULL, "no-match" };
  AdwStatusPage *page;

  open_window (f, "showcase", 1000);
  wait.window = f->window;
  mci_window_set_search (f->window, "nowhere.invalid");
  mci_test_wait_for (page_is, &wait, "the no-match page");
  page = shown_status_page (f->window);
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "“nowhere.invalid”"));

  /* a search that matches shows the tree again */
  mci_window_set_search (f->window, "198.51.100.23");
  wait.page = "tree";
  mci_test_wait_for (page_is, &wait, "the tree");

  mci_window_set_search (f->window, "nowhere.invalid");
  wait.page = "no-match";
  mci_test_wait_for (page_is, &wait, "the no-match page");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.clear-search", NULL));
  wait.page = "tree";
  mci_test_wait_for (page_is, &wait, "the tree after clearing the search");
  g_assert_cmpstr (mci_connection_model_get_search (mci_window_get_model (f->window)), ==, "");
}

/* About is libadwaita's, with the application's icon. */
static void
test_about (Fixture       *f,
            gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *about = NULL;

  open_window (f, "empty", 1000);
  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && about == NULL; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        about = window;
    }
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, APP_ID);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==,
                   "Most Connected IP");
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (f->window));
  gtk_window_destroy (about);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* names come from a stand-in: documentation addresses have none */
  mock = mci_mock_resolver_new (MCI_MOCK_ANSWER, 1);
  for (guint i = 0; i < G_N_ELEMENTS (mock_names); i++)
    mci_mock_resolver_set_name (mock, mock_names[i][0], mock_names[i][1]);
  g_resolver_set_default (G_RESOLVER (mock));
  application = GTK_APPLICATION (mci_application_new ("/nonexistent", TRUE));
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  g_test_add ("/appearance/badge-contrast", Fixture, NULL,
              fixture_set_up, test_badge_contrast, fixture_tear_down);
  g_test_add ("/appearance/badges-fit", Fixture, NULL,
              fixture_set_up, test_badges_fit, fixture_tear_down);
  g_test_add ("/appearance/tooltips", Fixture, NULL,
              fixture_set_up, test_tooltips, fixture_tear_down);
  g_test_add ("/appearance/process-tooltip", Fixture, NULL,
              fixture_set_up, test_process_tooltip, fixture_tear_down);
  g_test_add ("/appearance/row-light", Fixture, NULL,
              fixture_set_up, test_row_light, fixture_tear_down);
  g_test_add ("/appearance/empty-capture", Fixture, NULL,
              fixture_set_up, test_empty_capture, fixture_tear_down);
  g_test_add ("/appearance/unreadable", Fixture, NULL,
              fixture_set_up, test_unreadable, fixture_tear_down);
  g_test_add ("/appearance/no-match", Fixture, NULL,
              fixture_set_up, test_no_match, fixture_tear_down);
  g_test_add ("/appearance/about", Fixture, NULL,
              fixture_set_up, test_about, fixture_tear_down);

  status = g_test_run ();
  g_object_unref (application);
  g_object_unref (mock);
  return status;
}
