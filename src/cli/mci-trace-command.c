/* mci-trace-command.c: most-connected-ip --trace ADDRESS
 *
 * Prints the route to an address and names the last hop before it that has a reverse
 * name: what the original script wished for when an address has no name of its own.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-trace-command"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "mci-resolver.h"
#include "mci-trace-command.h"
#include "mci-tracer.h"

typedef struct
{
  GMainLoop *loop;
  GArray    *hops;
  GError    *error;
  char     **names;      /* per hop, sanitised; NULL when none */
} Run;

static void
on_traced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;

  run->hops = mci_tracer_trace_finish (result, &run->error);
  g_main_loop_quit (run->loop);
}

/* Every answering hop's name at once, through the resolver the reports use, for
 * @seconds at most. */
static void
name_hops (Run    *run,
           double  seconds)
{
  g_autoptr(MciResolver) resolver = NULL;
  const char *name;

  g_assert (run->hops != NULL && run->names != NULL);

  resolver = mci_resolver_new ();
  for (guint i = 0; i < run->hops->len; i++)
    {
      const MciHop *hop = &g_array_index (run->hops, MciHop, i);

      if (hop->kind != MCI_HOP_SILENT)
        mci_resolver_lookup (resolver, &hop->address, TRUE, NULL);
    }
  mci_resolver_wait (resolver, seconds);
  for (guint i = 0; i < run->hops->len; i++)
    {
      const MciHop *hop = &g_array_index (run->hops, MciHop, i);

      name = NULL;
      if (hop->kind != MCI_HOP_SILENT
          && mci_resolver_lookup (resolver, &hop->address, FALSE, &name) == MCI_LOOKUP_NAMED)
        run->names[i] = g_strdup (name);
    }
}

/* What follows an answering hop: how it ended the route, if it did. */
static const char *
describe_end (MciHopKind kind)
{
  switch (kind)
    {
    case MCI_HOP_TARGET:
      return _("  (the target)");
    case MCI_HOP_UNREACHABLE:
      return _("  (unreachable from here)");
    case MCI_HOP_REFUSED:
      return _("  (refused: not the target)");
    case MCI_HOP_SILENT:
    case MCI_HOP_ROUTER:
      break;
    }
  return "";
}

static void
print_hops (const Run *run)
{
  g_assert (run->hops != NULL && run->names != NULL);

  for (guint i = 0; i < run->hops->len; i++)
    {
      const MciHop *hop = &g_array_index (run->hops, MciHop, i);
      char text[MCI_ADDRESS_STRLEN];

      if (hop->kind == MCI_HOP_SILENT)
        {
          printf ("%3u  *\n", hop->ttl);
          continue;
        }
      printf ("%3u  %-39s %-30s %6.1f ms%s\n", hop->ttl,
              mci_address_to_string (&hop->address, text),
              run->names[i] != NULL ? run->names[i] : "",
              hop->rtt_ms, describe_end (hop->kind));
    }
}

/* Whether the target answered, then the last router before it that has a name. A
 * router that refused in the target's place is no answer from the target: said so. */
static void
print_summary (const Run             *run,
               const MciTraceCommand *command)
{
  const MciHop *hops;
  const MciHop *last;
  int named;
  char text[MCI_ADDRESS_STRLEN];

  g_assert (run->hops != NULL && run->names != NULL);

  hops = (const MciHop *) (gpointer) run->hops->data;
  last = run->hops->len > 0 ? &hops[run->hops->len - 1] : NULL;
  named = mci_tracer_find_last_named_hop (hops, (const char * const *) run->names, run->hops->len);
  if (last == NULL || last->kind == MCI_HOP_SILENT || last->kind == MCI_HOP_ROUTER)
    printf (_("The target did not answer within %u hops.\n"), command->max_hops);
  else if (last->kind == MCI_HOP_REFUSED)
    printf (_("The target was not reached: %s refused the probes at hop %u.\n"),
            mci_address_to_string (&last->address, text), last->ttl);
  if (named < 0)
    {
      printf (_("No hop before the target has a name.\n"));
      return;
    }
  printf (_("Last named hop: %s (%s), hop %u\n"), run->names[named],
          mci_address_to_string (&hops[named].address, text), hops[named].ttl);
}

/* Returns the process's exit status: 2 for bounds or an address it cannot take, 1 when
 * the trace fails; every failure has been said on stderr. */
int
mci_trace_command_run (const MciTraceCommand *command)
{
  Run run = { 0 };
  MciAddress target;
  int status = 0;

  g_return_val_if_fail (command != NULL, 1);

  if (command->max_hops < 1 || command->max_hops > MCI_TRACER_MAX_HOPS
      || command->probe_timeout_ms < 100 || command->probe_timeout_ms > 60000)
    {
      g_printerr (_("%s: --max-hops takes 1 to 255, --probe-timeout 100 to 60000\n"),
                  g_get_prgname ());
      return 2;
    }
  if (!mci_address_parse (&target, command->address))
    {
      g_printerr (_("%s: “%s” is not an IPv4 or IPv6 address\n"), g_get_prgname (),
                  command->address);
      return 2;
    }
  printf (_("Tracing the route to %s, at most %u hops\n"), command->address, command->max_hops);
  fflush (stdout);
  run.loop = g_main_loop_new (NULL, FALSE);
  mci_tracer_trace_async (&target, command->max_hops, command->probe_timeout_ms, NULL, NULL, NULL,
                          on_traced, &run);
  g_main_loop_run (run.loop);
  if (run.hops == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), run.error->message);
      status = 1;
    }
  else
    {
      run.names = g_new0 (char *, run.hops->len + 1);
      if (!command->numeric)
        name_hops (&run, command->resolve_timeout);
      print_hops (&run);
      print_summary (&run, command);
    }
  g_clear_error (&run.error);
  g_clear_pointer (&run.hops, g_array_unref);
  g_strfreev (run.names);
  g_main_loop_unref (run.loop);
  return status;
}
