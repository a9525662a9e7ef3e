/* mci-test-window-util.c: what the window tests and the screenshot helper share
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "mci-test-window-util.h"

/* The Look Up window that is open, or NULL. */
MciLookupWindow *
mci_test_find_lookup_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (MCI_IS_LOOKUP_WINDOW (window))
        return MCI_LOOKUP_WINDOW (window);
    }
  return NULL;
}
