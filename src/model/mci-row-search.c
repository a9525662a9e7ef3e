/* mci-row-search.c: what the search field looks for, and how many connections it shows
 *
 * The text is kept stripped and casefolded, as the rows match it. Each section counts
 * the connections the search shows, closed groups left out, for its "shown of total".
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-row-search"

#include "config.h"

#include "mci-row-search.h"

struct _MciRowSearch
{
  GObject     parent_instance;

  GListModel *sections;      /* of MciSectionRow */
  char       *text;          /* casefolded, never NULL */
};

G_DEFINE_FINAL_TYPE (MciRowSearch, mci_row_search, G_TYPE_OBJECT)

static void
mci_row_search_finalize (GObject *object)
{
  MciRowSearch *self = (MciRowSearch *) object;

  g_clear_object (&self->sections);
  g_free (self->text);

  G_OBJECT_CLASS (mci_row_search_parent_class)->finalize (object);
}

static void
mci_row_search_class_init (MciRowSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mci_row_search_finalize;
}

static void
mci_row_search_init (MciRowSearch *self)
{
  self->text = g_strdup ("");
}

MciRowSearch *
mci_row_search_new (GListModel *sections)
{
  MciRowSearch *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (sections), NULL);

  self = g_object_new (MCI_TYPE_ROW_SEARCH, NULL);
  self->sections = g_object_ref (sections);
  return self;
}

const char *
mci_row_search_get_text (MciRowSearch *self)
{
  g_return_val_if_fail (MCI_IS_ROW_SEARCH (self), NULL);

  return self->text;
}

/* Returns whether the search changed; the counts follow it. */
gboolean
mci_row_search_set_text (MciRowSearch *self,
                         const char   *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (MCI_IS_ROW_SEARCH (self), FALSE);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  folded = g_utf8_casefold (stripped, -1);
  if (g_strcmp0 (self->text, folded) == 0)
    return FALSE;
  g_free (self->text);
  self->text = g_steal_pointer (&folded);
  mci_row_search_count_shown (self);
  return TRUE;
}

static guint
count_section (MciRowSearch  *self,
               MciSectionRow *section)
{
  GListModel *groups = G_LIST_MODEL (mci_section_row_get_groups (section));
  guint shown = 0, n = g_list_model_get_n_items (groups);

  if (*self->text == '\0')
    return mci_row_get_n_connections (MCI_ROW (section));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MciRow) row = g_list_model_get_item (groups, i);

      if (mci_row_get_change (row) != MCI_ROW_CHANGE_CLOSED)
        shown += mci_row_count_matches (row, self->text);
    }
  return shown;
}

/* After a refresh, or a new search. */
void
mci_row_search_count_shown (MciRowSearch *self)
{
  guint n;

  g_return_if_fail (MCI_IS_ROW_SEARCH (self));

  n = g_list_model_get_n_items (self->sections);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MciSectionRow) section = g_list_model_get_item (self->sections, i);

      mci_section_row_set_n_shown (section, count_section (self, section));
    }
}
