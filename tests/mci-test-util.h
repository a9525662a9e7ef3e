/* mci-test-util.h: what several test programs need
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "mci-connection-model.h"
#include "mci-lookup.h"
#include <sys/types.h>

#include "mci-sampler.h"
#include "mci-snapshot.h"
#include "mci-source.h"

G_BEGIN_DECLS

char                   *mci_test_fixture_path (const char     *name);
MciSnapshot            *mci_test_load_fixture (const char     *name);
const MciEndpointGroup *mci_test_find_group   (MciSnapshot    *snapshot,
                                               MciSectionKind  kind,
                                               const char     *local_address,
                                               int             local_port,
                                               const char     *remote_address,
                                               int             remote_port);
char                   *mci_test_describe     (MciSnapshot    *snapshot);
void                    mci_test_require_root (const char     *why);
void                    mci_test_run_command  (const char     *command_line);
long                    mci_test_resident_kib (void);
void                    mci_test_deny_netlink (void);
void                    mci_test_iterate_for  (guint           ms);
MciSnapshot            *mci_test_read_source  (MciSource      *source);

typedef struct
{
  char *out;
  char *err;
  int   status;
} MciTestRun;

void         mci_test_run_clear        (MciTestRun        *run);
void         mci_test_run              (MciTestRun        *run,
                                        const char        *input,
                                        const char        *first,
                                        ...) G_GNUC_NULL_TERMINATED;
const char  *mci_test_binary           (void);
void         mci_test_assert_one_line_error (const MciTestRun *run,
                                             int               status,
                                             const char       *needle);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MciTestRun, mci_test_run_clear)

G_END_DECLS

G_BEGIN_DECLS

/* How long a test waits for something before it fails: ample under a sanitizer on a
 * loaded machine, short against the suites' time limits. */
#define MCI_TEST_WAIT_MS 10000

typedef gboolean (*MciTestCondition) (gpointer data);

gboolean     mci_test_wait_until       (MciTestCondition  done,
                                        gpointer          data,
                                        guint             timeout_ms);
void         mci_test_wait_for_at      (MciTestCondition  done,
                                        gpointer          data,
                                        const char       *what,
                                        const char       *file,
                                        int               line,
                                        const char       *func);
gboolean     mci_test_cleared          (gpointer          pointer);
void         mci_test_wait_for_lookup  (MciLookup        *lookup);
void         mci_test_wait_for_samples (MciConnectionModel *model,
                                        guint               n_samples);
void         mci_test_wait_for_sample_to_end (MciConnectionModel *model);

/* What a list model told of its changes: connect mci_test_count_items_changed() to its
 * "items-changed" with one of these. */
typedef struct
{
  guint n_changes;
  guint removed;
  guint added;
} MciTestItemsChanged;

void         mci_test_count_items_changed (GListModel          *model,
                                           guint                position,
                                           guint                removed,
                                           guint                added,
                                           MciTestItemsChanged *changes);

/* Runs the main context until @done holds, and fails the test, naming @what, if it
 * does not within MCI_TEST_WAIT_MS. */
#define mci_test_wait_for(done, data, what) \
  mci_test_wait_for_at ((done), (data), (what), __FILE__, __LINE__, G_STRFUNC)

G_END_DECLS

G_BEGIN_DECLS

int          mci_test_listen              (const char  *address,
                                           guint16     *port);
int          mci_test_connect             (const char  *address,
                                           guint16      port);
int          mci_test_accept              (int          listener);
guint16      mci_test_local_port          (int          fd);

/* A child process in a cgroup of the test's own, for units. */
typedef struct
{
  pid_t  pid;
  char  *directory;  /* the cgroup's */
  char  *unit;       /* its name: what the unit map calls it */
} MciTestCgroupChild;

/* Runs in the child: makes its sockets, returns the port the test asks about. */
typedef guint16 (*MciTestCgroupBody) (void);

void         mci_test_cgroup_child_start  (MciTestCgroupChild *child,
                                           const char         *prefix,
                                           MciTestCgroupBody   body,
                                           guint16            *port);
void         mci_test_cgroup_child_stop   (MciTestCgroupChild *child);
void         mci_test_wait_for_peer_close (int          fd);
void         mci_test_transfer            (int          from,
                                           int          to,
                                           gsize        size);
MciSnapshot *mci_test_sampler_sample       (MciSampler  *sampler);
MciSnapshot *mci_test_sample_until        (gboolean   (*done) (MciSnapshot *snapshot,
                                                               gpointer     data),
                                           gpointer     data);

G_END_DECLS
