/* test-sampler.c: snapshots taken on a worker thread
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mci-sampler.h"
#include "mci-test-util.h"

typedef struct
{
  MciSnapshot *snapshot;
  GError      *error;
  guint        calls;
} Result;

static void
result_clear (Result *result)
{
  g_clear_object (&result->snapshot);
  g_clear_error (&result->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
sampled (GObject      *object,
         GAsyncResult *async_result,
         gpointer      user_data)
{
  Result *result = user_data;

  result->snapshot = mci_sampler_sample_finish (MCI_SAMPLER (object), async_result, &result->error);
  result->calls++;
}

static gboolean
called (gpointer data)
{
  return ((Result *) data)->calls > 0;
}

static void
test_sample_fixture (void)
{
  g_autofree char *path = mci_test_fixture_path ("original-sample");
  g_autoptr(MciSampler) sampler = mci_sampler_new (path);
  g_auto(Result) result = { 0 };

  g_assert_false (mci_source_is_live (mci_sampler_get_source (sampler)));
  mci_sampler_sample_async (sampler, NULL, sampled, &result);
  g_assert_true (mci_sampler_is_sampling (sampler));
  mci_test_wait_for (called, &result, "the sample");

  g_assert_no_error (result.error);
  g_assert_false (mci_sampler_is_sampling (sampler));
  g_assert_cmpuint (mci_snapshot_get_section (result.snapshot, MCI_SECTION_LOOPING)->n_connections,
                    ==, 57);
}

/* A second request while one runs joins it: one worker, the same snapshot. */
static void
test_one_sample_in_flight (void)
{
  g_autofree char *path = mci_test_fixture_path ("original-sample");
  g_autoptr(MciSampler) sampler = mci_sampler_new (path);
  g_auto(Result) first = { 0 };
  g_auto(Result) second = { 0 };
  g_auto(Result) third = { 0 };

  mci_sampler_sample_async (sampler, NULL, sampled, &first);
  mci_sampler_sample_async (sampler, NULL, sampled, &second);
  mci_test_wait_for (called, &second, "the sample");
  g_assert_true (first.snapshot == second.snapshot);

  mci_sampler_sample_async (sampler, NULL, sampled, &third);
  mci_test_wait_for (called, &third, "the sample");
  g_assert_nonnull (third.snapshot);
  g_assert_true (third.snapshot != first.snapshot);
}

static void
test_missing_proc_root (void)
{
  g_autoptr(MciSampler) sampler = mci_sampler_new ("/nonexistent/net");
  g_auto(Result) result = { 0 };

  mci_sampler_sample_async (sampler, NULL, sampled, &result);
  mci_test_wait_for (called, &result, "the sample");
  g_assert_null (result.snapshot);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (result.error->message, ==,
                   "Could not read the TCP connection table “/nonexistent/net/tcp”: "
                   "No such file or directory");
}

/* A caller who cancels gets "cancelled"; the others still get the sample. */
static void
test_cancel_one_caller (void)
{
  g_autofree char *path = mci_test_fixture_path ("every-state");
  g_autoptr(MciSampler) sampler = mci_sampler_new (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Result) cancelled = { 0 };
  g_auto(Result) other = { 0 };

  mci_sampler_sample_async (sampler, cancellable, sampled, &cancelled);
  mci_sampler_sample_async (sampler, NULL, sampled, &other);
  g_cancellable_cancel (cancellable);
  mci_test_wait_for (called, &other, "the other caller's sample");
  mci_test_wait_for (called, &cancelled, "the cancelled caller's answer");
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (other.snapshot);
}

/* Disposed mid-sample: the callback still comes exactly once, with an answer. */
static void
test_dispose_in_flight (void)
{
  g_autofree char *path = mci_test_fixture_path ("original-sample");
  MciSampler *sampler = mci_sampler_new (path);
  g_auto(Result) result = { 0 };

  mci_sampler_sample_async (sampler, NULL, sampled, &result);
  g_object_run_dispose (G_OBJECT (sampler));
  g_object_unref (sampler);
  mci_test_wait_for (called, &result, "the sample");
  g_assert_true (result.snapshot != NULL || g_error_matches (result.error, G_IO_ERROR,
                                                             G_IO_ERROR_CANCELLED));
  /* a second callback may not come: the loop gets the chance to run one */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (result.calls, ==, 1);
}

static void
permission_denied_child (const char *directory)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MciSnapshot) snapshot = NULL;

  if (geteuid () == 0)
    g_assert_cmpint (setuid (65534), ==, 0);
  snapshot = mci_snapshot_new_from_proc (directory, NULL, &error);
  g_assert_null (snapshot);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "Permission denied"));
}

/* An unreadable table is an error in words, for an unprivileged user as for root
 * (who is made "nobody" in a child for this). */
static void
test_permission_denied (void)
{
  g_autofree char *directory = g_dir_make_tmp ("mci-denied-XXXXXX", NULL);
  g_autofree char *tcp = g_build_filename (directory, "tcp", NULL);

  if (g_test_subprocess ())
    {
      permission_denied_child (g_getenv ("MCI_TEST_DENIED_DIR"));
      return;
    }

  g_assert_true (g_file_set_contents (tcp, "", 0, NULL));
  g_assert_cmpint (g_chmod (directory, 0755), ==, 0);
  g_assert_cmpint (g_chmod (tcp, 0), ==, 0);
  g_setenv ("MCI_TEST_DENIED_DIR", directory, TRUE);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_unlink (tcp);
  g_rmdir (directory);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sampler/sample-fixture", test_sample_fixture);
  g_test_add_func ("/sampler/one-sample-in-flight", test_one_sample_in_flight);
  g_test_add_func ("/sampler/missing-proc-root", test_missing_proc_root);
  g_test_add_func ("/sampler/cancel-one-caller", test_cancel_one_caller);
  g_test_add_func ("/sampler/dispose-in-flight", test_dispose_in_flight);
  g_test_add_func ("/sampler/permission-denied", test_permission_denied);

  return g_test_run ();
}
