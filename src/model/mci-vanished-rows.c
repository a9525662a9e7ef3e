/* mci-vanished-rows.c: the one rule for rows that a new snapshot no longer has
 *
 * A vanished row stays one refresh, shown as closed, so that a person sees what went;
 * on the refresh after it goes. Removals are made in contiguous runs, as few
 * items-changed as possible, from the end so that positions still to visit do not move.
 * Groups in a section and connections in a group follow it alike.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-vanished-rows"

#include "config.h"

#include "mci-vanished-rows.h"

#define NO_RUN G_MAXUINT

void
mci_vanished_rows_sweep (const MciVanishedRows *rows,
                         gpointer               list,
                         guint                  n_rows)
{
  guint run_end = NO_RUN;

  g_return_if_fail (rows != NULL);

  for (guint i = n_rows; i-- > 0; )
    {
      MciVanished vanished = rows->check (list, i);

      if (vanished == MCI_VANISHED_BEFORE)
        {
          if (run_end == NO_RUN)
            run_end = i + 1;
          continue;
        }
      if (vanished == MCI_VANISHED_NOW)
        rows->close (list, i);
      if (run_end != NO_RUN)
        rows->remove (list, i + 1, run_end - (i + 1));
      run_end = NO_RUN;
    }
  if (run_end != NO_RUN)
    rows->remove (list, 0, run_end);
}
