/* mci-section-row.c: a section of the connections tree: distant inbound, outbound, ...
 *
 * It lists its endpoint groups (the model keeps that list) and counts its connections,
 * the duplicates it left out and how many a search shows.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-section-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mci-group-row.h"
#include "mci-row-private.h"
#include "mci-section-row.h"

struct _MciSectionRow
{
  MciRow      parent_instance;

  GListStore *groups;
  guint       n_shown;
  guint       n_duplicates;
};

G_DEFINE_FINAL_TYPE (MciSectionRow, mci_section_row, MCI_TYPE_ROW)

enum {
  PROP_0,
  PROP_N_SHOWN,
  PROP_N_DUPLICATES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mci_section_row_finalize (GObject *object)
{
  MciSectionRow *self = (MciSectionRow *) object;

  g_clear_object (&self->groups);

  G_OBJECT_CLASS (mci_section_row_parent_class)->finalize (object);
}

static void
mci_section_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MciSectionRow *self = MCI_SECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_N_SHOWN:
      g_value_set_uint (value, self->n_shown);
      break;
    case PROP_N_DUPLICATES:
      g_value_set_uint (value, self->n_duplicates);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GListModel *
mci_section_row_dup_children (MciRow *row)
{
  return g_object_ref (G_LIST_MODEL (((MciSectionRow *) row)->groups));
}

static void
mci_section_row_class_init (MciSectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mci_section_row_finalize;
  object_class->get_property = mci_section_row_get_property;
  MCI_ROW_CLASS (klass)->dup_children = mci_section_row_dup_children;

  properties[PROP_N_SHOWN] = g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_DUPLICATES] =
    g_param_spec_uint ("n-duplicates", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mci_section_row_init (MciSectionRow *self)
{
  self->groups = g_list_store_new (MCI_TYPE_GROUP_ROW);
}

static const char *
section_title (MciSectionKind section)
{
  switch (section)
    {
    case MCI_SECTION_INBOUND:
      return _("Distant inbound");
    case MCI_SECTION_OUTBOUND:
      return _("Distant outbound");
    case MCI_SECTION_LOOPING:
      return _("Looping");
    case MCI_SECTION_LISTENING:
      return _("Listening");
    case MCI_SECTION_DISTANT:
      return _("Distant, by address");
    case MCI_N_SECTIONS:
    default:
      g_assert_not_reached ();
    }
}

MciSectionRow *
mci_section_row_new (MciSectionKind section)
{
  MciSectionRow *self;
  MciEndpointKey key = { 0 };

  g_return_val_if_fail (section < MCI_N_SECTIONS, NULL);

  self = g_object_new (MCI_TYPE_SECTION_ROW, NULL);
  key.section = section;
  mci_row_init_identity (MCI_ROW (self), MCI_ROW_SECTION, &key,
                         g_strdup (section_title (section)));
  return self;
}

/* The model adds and removes the groups. */
GListStore *
mci_section_row_get_groups (MciSectionRow *self)
{
  g_return_val_if_fail (MCI_IS_SECTION_ROW (self), NULL);

  return self->groups;
}

guint
mci_section_row_get_n_shown (MciSectionRow *self)
{
  g_return_val_if_fail (MCI_IS_SECTION_ROW (self), 0);

  return self->n_shown;
}

guint
mci_section_row_get_n_duplicates (MciSectionRow *self)
{
  g_return_val_if_fail (MCI_IS_SECTION_ROW (self), 0);

  return self->n_duplicates;
}

static void
set_uint (MciSectionRow *self,
          guint         *field,
          guint          value,
          guint          prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
mci_section_row_update (MciSectionRow    *self,
                        const MciSection *section)
{
  g_return_if_fail (MCI_IS_SECTION_ROW (self));
  g_return_if_fail (section != NULL);

  mci_row_set_n_connections (MCI_ROW (self), section->n_connections);
  mci_row_set_traffic (MCI_ROW (self), &section->traffic);
  set_uint (self, &self->n_duplicates, section->n_duplicates, PROP_N_DUPLICATES);
}

void
mci_section_row_set_n_shown (MciSectionRow *self,
                             guint          n_shown)
{
  g_return_if_fail (MCI_IS_SECTION_ROW (self));

  set_uint (self, &self->n_shown, n_shown, PROP_N_SHOWN);
}
