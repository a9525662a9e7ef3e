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
  guint      pending;
} Run;

static void
on_traced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;

  run->hops = mci_trace_finish (result, &run->error);
  g_main_loop_quit (run->loop);
}

typedef struct
{
  Run   *run;
  guint  index;
} Lookup;

static void
on_name (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autofree char *name = g_resolver_lookup_by_address_finish (G_RESOLVER (source), result, NULL);

  if (name != NULL && lookup->run->names != NULL)
    lookup->run->names[lookup->index] = mci_resolver_sanitize_name (name);
  if (lookup->run->names != NULL && --lookup->run->pending == 0)
    g_main_loop_quit (lookup->run->loop);
  g_free (lookup);
}

static gboolean
on_budget_spent (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Every answering hop's name at once, for @seconds at most. */
static void
name_hops (Run    *run,
           double  seconds)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint timeout_id;

  for (guint i = 0; i < run->hops->len; i++)
    {
      const MciHop *hop = &g_array_index (run->hops, MciHop, i);
      char text[MCI_ADDRESS_STRLEN];
      g_autoptr(GInetAddress) address = NULL;
      Lookup *lookup;

      if (hop->kind == MCI_HOP_SILENT)
        continue;
      address = g_inet_address_new_from_string (mci_address_to_string (&hop->address, text));
      lookup = g_new (Lookup, 1);
      lookup->run = run;
      lookup->index = i;
      run->pending++;
      g_resolver_lookup_by_address_async (resolver, address, cancellable, on_name, lookup);
    }
  if (run->pending == 0)
    return;
  timeout_id = g_timeout_add ((guint) (seconds * 1000), on_budget_spent, run->loop);
  g_main_loop_run (run->loop);
  g_clear_handle_id (&timeout_id, g_source_remove);
  g_cancellable_cancel (cancellable);
  /* let the cancelled look-ups come back before their Run goes */
  while (run->pending > 0 && g_main_context_iteration (NULL, TRUE))
    ;
}

static void
print_hops (const Run *run)
{
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
              hop->rtt_ms,
              hop->kind == MCI_HOP_TARGET ? _("  (the target)")
              : hop->kind == MCI_HOP_UNREACHABLE ? _("  (unreachable from here)") : "");
    }
}

/* The last router before the end of the route that has a name. */
static void
print_summary (const Run             *run,
               const MciTraceCommand *command)
{
  const MciHop *last = run->hops->len > 0
                     ? &g_array_index (run->hops, MciHop, run->hops->len - 1) : NULL;
  char text[MCI_ADDRESS_STRLEN];

  if (last == NULL || last->kind == MCI_HOP_SILENT || last->kind == MCI_HOP_ROUTER)
    printf (_("The target did not answer within %u hops.\n"), command->max_hops);
  for (guint i = run->hops->len; i > 0; i--)
    {
      const MciHop *hop = &g_array_index (run->hops, MciHop, i - 1);

      if (hop->kind != MCI_HOP_ROUTER || run->names[i - 1] == NULL)
        continue;
      printf (_("Last named hop: %s (%s), hop %u\n"), run->names[i - 1],
              mci_address_to_string (&hop->address, text), hop->ttl);
      return;
    }
  printf (_("No hop before the target has a name.\n"));
}

int
mci_trace_command_run (const MciTraceCommand *command)
{
  Run run = { 0 };
  MciAddress target;
  int status = 0;

  g_return_val_if_fail (command != NULL, 1);

  if (!mci_address_parse (&target, command->address))
    {
      g_printerr (_("%s: “%s” is not an IPv4 or IPv6 address\n"), g_get_prgname (),
                  command->address);
      return 2;
    }
  printf (_("Tracing the route to %s, at most %u hops\n"), command->address, command->max_hops);
  fflush (stdout);
  run.loop = g_main_loop_new (NULL, FALSE);
  mci_trace_async (&target, command->max_hops, command->probe_timeout_ms, NULL, NULL, NULL,
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
