/* mci-report-command.c: --text and --json, for a terminal or a script
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-report-command"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <stdio.h>

#include "mci-fleet.h"
#include "mci-proc-source.h"
#include "mci-report-command.h"
#include "mci-resolver.h"
#include "mci-ssh-source.h"

static void
warn_skipped_lines (MciSnapshot *snapshot)
{
  guint skipped = mci_snapshot_get_skipped_lines (snapshot);

  if (skipped == 0)
    return;
  g_printerr (ngettext ("%s: %u line of the connection tables could not be read and was skipped\n",
                        "%s: %u lines of the connection tables could not be read and were skipped\n",
                        skipped),
              g_get_prgname (), skipped);
}

/* The name @user_data (an MciResolver) has for @address, without asking: an
 * MciHostnameFunc. */
const char *
mci_report_command_cached_name (const MciAddress *address,
                                gpointer          user_data)
{
  const char *name = NULL;

  if (mci_resolver_lookup (user_data, address, FALSE, &name) != MCI_LOOKUP_NAMED)
    return NULL;
  return name;
}

/* Asks @resolver for the name of every distant peer of @snapshot; the answers come
 * later, on the main context. */
void
mci_report_command_ask_names (MciResolver *resolver,
                              MciSnapshot *snapshot)
{
  MciSectionKind distant[] = { MCI_SECTION_INBOUND, MCI_SECTION_OUTBOUND, MCI_SECTION_DISTANT };

  /* the sections of the other grouping are empty */
  for (guint k = 0; k < G_N_ELEMENTS (distant); k++)
    {
      const MciSection *section = mci_snapshot_get_section (snapshot, distant[k]);

      for (guint g = 0; g < section->n_groups; g++)
        mci_resolver_lookup (resolver, mci_endpoint_group_get_peer (&section->groups[g]), TRUE,
                             NULL);
    }
}

/* Asks for the name of every distant peer, then waits for the answers up to
 * @budget seconds all in all: a dead DNS server costs the budget, never more. */
static MciResolver *
resolve_peers (MciSnapshot *snapshot,
               double       budget)
{
  MciResolver *resolver = mci_resolver_new ();

  mci_report_command_ask_names (resolver, snapshot);
  mci_resolver_wait (resolver, budget);
  return resolver;
}

/* One sample, or with rates the second of two @command->rates_interval apart: the
 * source measures each socket against itself in the sample before. */
static MciSnapshot *
sample (const MciReportCommand  *command,
        MciSource               *source,
        GError                 **error)
{
  g_autoptr(MciSnapshot) first = NULL;

  if (command->rates_interval <= 0)
    return mci_source_read (source, NULL, error);
  first = mci_source_read (source, NULL, error);
  if (first == NULL)
    return NULL;
  g_usleep (command->rates_interval * G_USEC_PER_SEC);
  return mci_source_read (source, NULL, error);
}

/* Traffic costs the kernel a third more: only for the reports that show it. */
static gboolean
wants_traffic (const MciReportCommand *command)
{
  return command->format == MCI_REPORT_FORMAT_JSON || (command->flags & MCI_REPORT_TRAFFIC)
         || command->rates_interval > 0;
}

/* The owners of a live sample: in JSON unless asked not to, in text on request. */
static gboolean
wants_owners (const MciReportCommand *command,
              MciSource              *source)
{
  if (!mci_source_is_this_machine (source))
    return FALSE;
  if (command->format == MCI_REPORT_FORMAT_JSON)
    return !command->no_owners;
  return (command->flags & MCI_REPORT_PROCESSES) != 0;
}

static gboolean
print_report (const char *report)
{
  fputs (report, stdout);
  if (fflush (stdout) != 0)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

/* Every name checked before any ssh starts: one refused is a usage error. */
static GPtrArray *
make_host_sources (const char * const *hosts)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; hosts[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      MciSource *source = mci_ssh_source_new (hosts[i], &error);

      if (source == NULL)
        {
          g_printerr ("%s: %s\n", g_get_prgname (), error->message);
          return NULL;
        }
      g_ptr_array_add (sources, source);
    }
  return g_steal_pointer (&sources);
}

/* One server's part: its report, or why there is none (said on stderr too). */
static char *
format_host (const MciReportCommand *command,
             MciFleet               *fleet,
             guint                   index,
             gboolean                several,
             MciResolver            *resolver)
{
  const char *host = command->hosts[index];
  MciSnapshot *snapshot = mci_fleet_get_snapshot (fleet, index);
  MciHostnameFunc names = resolver != NULL ? mci_report_command_cached_name : NULL;
  g_autofree char *report = NULL;

  if (snapshot == NULL)
    {
      const char *message = mci_fleet_get_error (fleet, index)->message;

      g_printerr ("%s: %s\n", g_get_prgname (), message);
      if (command->format == MCI_REPORT_FORMAT_JSON && several)
        return mci_report_format_json_failure (host, message);
      return NULL;
    }
  warn_skipped_lines (snapshot);
  if (command->format == MCI_REPORT_FORMAT_JSON)
    return mci_report_format_json_for_host (snapshot, host, names, resolver);
  report = mci_report_format_text (snapshot, command->flags, names, resolver);
  if (!several)
    return g_steal_pointer (&report);
  /* a heading of symbols, not words: the same in every language, for scripts */
  return g_strdup_printf ("== %s ==\n%s\n", host, report);
}

/* The servers of --host, read all at once over ssh; names are looked up on this side.
 * Several give a block of text or a JSON array member each, in the order given. */
static int
run_hosts (const MciReportCommand *command)
{
  g_autoptr(GPtrArray) sources = make_host_sources (command->hosts);
  g_autoptr(MciFleet) fleet = NULL;
  g_autoptr(MciResolver) resolver = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean several, all_read = TRUE;
  guint n;

  if (sources == NULL)
    return 2;
  n = sources->len;
  several = n > 1;
  fleet = mci_fleet_new ((MciSource * const *) sources->pdata, n);
  mci_fleet_read (fleet, NULL);
  if (!command->numeric)
    {
      resolver = mci_resolver_new ();
      for (guint i = 0; i < n; i++)
        if (mci_fleet_get_snapshot (fleet, i) != NULL)
          mci_report_command_ask_names (resolver, mci_fleet_get_snapshot (fleet, i));
      mci_resolver_wait (resolver, command->resolve_timeout);
    }
  if (several && command->format == MCI_REPORT_FORMAT_JSON)
    g_string_append (out, "[\n");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *part = format_host (command, fleet, i, several, resolver);

      all_read = all_read && mci_fleet_get_snapshot (fleet, i) != NULL;
      if (part == NULL)
        continue;
      if (several && command->format == MCI_REPORT_FORMAT_JSON && out->len > 2)
        g_string_append (out, ",\n");
      g_string_append (out, part);
    }
  if (several && command->format == MCI_REPORT_FORMAT_JSON)
    g_string_append (out, "]\n");
  if (!print_report (out->str))
    return 1;
  return all_read ? 0 : 1;
}

/* Returns the process's exit status; every failure has been said on stderr. */
int
mci_report_command_run (const MciReportCommand *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSource) source = NULL;
  g_autoptr(MciSnapshot) snapshot = NULL;
  g_autoptr(MciResolver) resolver = NULL;
  g_autofree char *report = NULL;

  g_return_val_if_fail (command != NULL, 1);

  if (command->hosts != NULL)
    return run_hosts (command);
  source = command->proc_root != NULL ? mci_proc_source_new (command->proc_root)
                                      : mci_source_new_live (command->source,
                                                             wants_traffic (command));
  snapshot = sample (command, source, &error);
  if (snapshot == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return 1;
    }
  /* why netlink was not used, or that the table changed under the dump */
  if (mci_snapshot_get_note (snapshot) != NULL)
    g_printerr ("%s: %s\n", g_get_prgname (), mci_snapshot_get_note (snapshot));

  mci_snapshot_set_grouping (snapshot, command->grouping);
  if (wants_owners (command, source))
    {
      g_autoptr(MciOwnerMap) owners = mci_owner_map_new ("/proc");

      mci_snapshot_add_owners (snapshot, owners);
    }
  warn_skipped_lines (snapshot);
  if (!command->numeric)
    resolver = resolve_peers (snapshot, command->resolve_timeout);

  if (command->format == MCI_REPORT_FORMAT_JSON)
    report = mci_report_format_json (snapshot, resolver != NULL ? mci_report_command_cached_name : NULL, resolver);
  else
    report = mci_report_format_text (snapshot, command->flags, resolver != NULL ? mci_report_command_cached_name : NULL,
                                     resolver);

  return print_report (report) ? 0 : 1;
}
