/* mci-row-owner.c: who owns a group's or a connection's sockets, as a row shows it
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-row-owner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mci-row-owner.h"

/* Copies only what changed: this runs for every group on every refresh. Returns whether
 * the text changed; @searchable_changed whether the text or the users did. */
gboolean
mci_row_owner_set (MciRowOwner    *self,
                   const char     *text,
                   const char     *users,
                   MciOwnerHidden  hidden,
                   gboolean       *searchable_changed)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (searchable_changed != NULL, FALSE);

  self->hidden = hidden;
  *searchable_changed = FALSE;
  if (g_strcmp0 (self->users, users) != 0)
    {
      g_free (self->users);
      self->users = g_strdup (users);
      *searchable_changed = TRUE;
    }
  if (g_strcmp0 (self->text, text) == 0)
    return FALSE;
  g_free (self->text);
  self->text = g_strdup (text);
  *searchable_changed = TRUE;
  return TRUE;
}

/* A group's unit, beside what its processes are. Returns whether it changed. */
gboolean
mci_row_owner_set_unit (MciRowOwner *self,
                        const char  *unit)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (g_strcmp0 (self->unit, unit) == 0)
    return FALSE;
  g_free (self->unit);
  self->unit = g_strdup (unit);
  return TRUE;
}

/* What the Process cell's tooltip says: the command line, unit and user of @process (a
 * connection's, or NULL), the processes of a group, or why the process cannot be seen. */
char *
mci_row_owner_describe (const MciRowOwner *self,
                        const MciOwner    *process)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->text == NULL)
    return NULL;
  if (self->hidden == MCI_OWNER_HIDDEN_OTHER_USER)
    return g_strdup_printf (_("Owned by %s. The processes of other users can only be seen "
                              "when this program runs as root."), self->users);
  if (self->hidden == MCI_OWNER_HIDDEN_SANDBOX)
    return g_strdup_printf (_("Owned by %s. The process is outside this program’s sandbox, "
                              "which only sees its own processes."), self->users);
  if (process != NULL && process->pid != 0 && process->unit != NULL)
    return g_strdup_printf (_("%s\nUnit: %s\nUser: %s"),
                            process->command_line != NULL ? process->command_line : self->text,
                            process->unit, process->user);
  if (process != NULL && process->units_unseen != NULL)
    return g_strdup_printf (_("%s\nUser: %s\n%s"),
                            process->command_line != NULL ? process->command_line : self->text,
                            process->user, process->units_unseen);
  if (process != NULL)
    return g_strdup_printf (_("%s\nUser: %s"),
                            process->command_line != NULL ? process->command_line : self->text,
                            process->user);
  /* a group: its unit too, unless that is what it is called already */
  if (self->unit != NULL && g_strcmp0 (self->unit, self->text) != 0)
    return g_strdup_printf (_("%s\nUnit: %s\nUser: %s"), self->text, self->unit, self->users);
  return g_strdup_printf (_("%s\nUser: %s"), self->text, self->users);
}

void
mci_row_owner_clear (MciRowOwner *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->users, g_free);
  g_clear_pointer (&self->unit, g_free);
}
