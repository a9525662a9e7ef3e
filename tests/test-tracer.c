/* test-tracer.c: the tracer itself, on loopback: this machine answers for its own
 * addresses, so every trace is one hop, the target; and the thread it hears hops on.
 * A router that answers in the target's place is tested through namespaces, in
 * test-trace.sh.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "mci-test-util.h"
#include "mci-tracer.h"

typedef struct
{
  GThread *thread;      /* the one that started the trace */
  gint     n_elsewhere; /* hops heard on any other */
  guint    n_hops;
  GArray  *hops;        /* the result */
  gboolean done;
} Heard;

static void
on_hop (const MciHop *hop,
        gpointer      data)
{
  Heard *heard = data;

  if (g_thread_self () != heard->thread)
    g_atomic_int_inc (&heard->n_elsewhere);
  heard->n_hops++;
}

static void
on_traced (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Heard *heard = data;
  g_autoptr(GError) error = NULL;

  heard->hops = mci_tracer_trace_finish (result, &error);
  g_assert_no_error (error);
  heard->done = TRUE;
}

/* As a test that drives its loop by hand does: the context is held only inside each
 * short iteration, so the worker nearly always finds it free. */
static void
trace_without_holding (const char *target,
                       Heard      *heard)
{
  MciAddress address;
  gint64 deadline = g_get_monotonic_time () + MCI_TEST_WAIT_MS * G_TIME_SPAN_MILLISECOND;

  g_assert_true (mci_address_parse (&address, target));
  heard->thread = g_thread_self ();
  mci_tracer_trace_async (&address, 3, 300, NULL, on_hop, heard, on_traced, heard);
  while (!heard->done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* Hops come to the thread that started the trace, whether or not it holds its main
 * context when the worker has one, and all of them before the result. */
static void
test_reports_on_calling_thread (void)
{
  static const char * const targets[] = { "127.0.0.1", "127.0.0.2", "::1", "127.0.0.3" };

  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      Heard heard = { 0 };

      trace_without_holding (targets[i], &heard);
      g_assert_cmpint (g_atomic_int_get (&heard.n_elsewhere), ==, 0);
      g_assert_cmpuint (heard.n_hops, ==, heard.hops->len);
      g_array_unref (heard.hops);
    }
}

/* This machine answers for its own addresses from the address asked, and for the
 * unspecified one (a listening socket's) from one of them: either way it is the target. */
static void
test_this_machine_is_the_target (void)
{
  static const char * const targets[] = { "127.0.0.2", "::1", "0.0.0.0", "::" };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      Heard heard = { 0 };
      const MciHop *hop;
      MciAddress address;

      trace_without_holding (targets[i], &heard);
      g_assert_cmpuint (heard.hops->len, ==, 1);
      hop = &g_array_index (heard.hops, MciHop, 0);
      g_assert_cmpint (hop->kind, ==, MCI_HOP_TARGET);
      g_assert_true (mci_address_parse (&address, targets[i]));
      g_assert_true (mci_address_equal (&hop->address, &address)
                     || mci_address_is_any (&address));
      g_array_unref (heard.hops);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tracer/reports-on-calling-thread", test_reports_on_calling_thread);
  g_test_add_func ("/tracer/this-machine-is-the-target", test_this_machine_is_the_target);

  return g_test_run ();
}
