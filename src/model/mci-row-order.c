/* mci-row-order.c: the order a view shows rows in, kept by the model itself
 *
 * A GtkSortListModel over the whole tree sorts everything again on the main thread
 * whenever a count changes, and tells the view with one items-changed over all of it,
 * which costs GTK 4.8 75 ms at 10k groups. The model instead keeps each list in the
 * chosen order: rows remember which of their values changed since their list was last
 * ordered, and only the rows whose value for the sort column changed (and the new ones)
 * are taken out and put back where they now belong. A refresh in which 1% of the groups
 * grow costs k log n comparisons and 2k small items-changed, and every other row, with
 * its expansion and selection, stays where it was.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#define G_LOG_DOMAIN "mci-row-order"

#include "config.h"

#include <string.h>

#include "mci-row-order.h"
#include "mci-row-private.h"

/* The settings' names, in MciSortColumn order. */
static const char * const column_names[MCI_N_SORT_COLUMNS] = {
  "endpoint", "process", "connections", "host-name", "states", "traffic",
};

const char *
mci_sort_column_to_name (MciSortColumn column)
{
  g_return_val_if_fail (column < MCI_N_SORT_COLUMNS, NULL);

  return column_names[column];
}

gboolean
mci_sort_column_from_name (const char    *name,
                           MciSortColumn *column)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  for (guint i = 0; i < MCI_N_SORT_COLUMNS; i++)
    if (g_str_equal (name, column_names[i]))
      {
        *column = i;
        return TRUE;
      }
  return FALSE;
}

/* Comparing */

static int
compare_uint (guint64 a,
              guint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
compare_text (const char *a,
              const char *b)
{
  int result;

  /* rows without a name go last in ascending order */
  if (a == NULL || b == NULL)
    return a == b ? 0 : a == NULL ? 1 : -1;
  result = strcmp (a, b);
  return result < 0 ? -1 : result > 0 ? 1 : 0;
}

/* States sort by how many connections are established, then in the report's order. */
static int
compare_states (MciRow *a,
                MciRow *b)
{
  const guint *x = mci_row_get_states (a), *y = mci_row_get_states (b);
  const MciTcpState *order;
  guint n_states;

  order = mci_tcp_state_report_order (&n_states);
  for (guint i = 0; i < n_states; i++)
    if (x[order[i]] != y[order[i]])
      return compare_uint (x[order[i]], y[order[i]]);
  return 0;
}

/* Traffic sorts by both rates together, then by both totals: rows measured once only
 * still get an order, and those without figures go with the idle ones. */
static int
compare_traffic (MciRow *a,
                 MciRow *b)
{
  const MciTraffic *x = mci_row_get_traffic (a), *y = mci_row_get_traffic (b);
  int result;

  result = compare_uint (x->sent_per_second + x->received_per_second,
                         y->sent_per_second + y->received_per_second);
  if (result != 0)
    return result;
  return compare_uint (x->bytes_sent + x->bytes_received, y->bytes_sent + y->bytes_received);
}

static int
compare_column (MciSortColumn column,
                MciRow       *a,
                MciRow       *b)
{
  switch (column)
    {
    case MCI_SORT_ENDPOINT:
      return compare_text (mci_row_get_sort_key (a), mci_row_get_sort_key (b));
    case MCI_SORT_PROCESS:
      return compare_text (mci_row_get_owner (a), mci_row_get_owner (b));
    case MCI_SORT_CONNECTIONS:
      return compare_uint (mci_row_get_n_connections (a), mci_row_get_n_connections (b));
    case MCI_SORT_HOST_NAME:
      return compare_text (mci_row_get_host_name (a), mci_row_get_host_name (b));
    case MCI_SORT_TRAFFIC:
      return compare_traffic (a, b);
    case MCI_SORT_STATES:
    case MCI_N_SORT_COLUMNS:
    default:
      return compare_states (a, b);
    }
}

/* A total order: rows equal in the column follow their endpoints, in ascending order
 * whatever the direction, as the reports list groups of equal counts. */
int
mci_row_order_compare (const MciRowOrder *order,
                       MciRow            *a,
                       MciRow            *b)
{
  int result;

  g_return_val_if_fail (order != NULL, 0);

  result = compare_column (order->column, a, b);
  if (order->descending)
    result = -result;
  if (result == 0 && order->column != MCI_SORT_ENDPOINT)
    result = compare_text (mci_row_get_sort_key (a), mci_row_get_sort_key (b));
  return result;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return mci_row_order_compare (user_data, *(MciRow **) a, *(MciRow **) b);
}

/* Ordering */

typedef struct
{
  const MciRowOrder *order;
  MciRow           **rows;
} ByOrder;

static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  ByOrder *by = user_data;

  return mci_row_order_compare (by->order, by->rows[*(const guint *) a],
                                by->rows[*(const guint *) b]);
}

/* A new order for the whole list (a header click): the rows that may stay are the
 * longest run of them already in that order, so that a column that sorts much as the
 * last one did moves few rows. */
static guint8 *
find_unordered_all (const MciRowOrder *order,
                    MciRow           **rows,
                    guint              n_rows)
{
  g_autofree guint *by_order = g_new (guint, MAX (n_rows, 1));
  g_autofree guint *tails = g_new (guint, MAX (n_rows, 1));
  g_autofree guint *previous = g_new (guint, MAX (n_rows, 1));
  guint8 *moves = g_new (guint8, MAX (n_rows, 1));
  guint length = 0;

  for (guint i = 0; i < n_rows; i++)
    {
      by_order[i] = i;
      moves[i] = TRUE;
    }
  g_qsort_with_data (by_order, n_rows, sizeof (guint), compare_positions,
                     &(ByOrder) { order, rows });
  /* the longest increasing run of old places, read in the new order */
  for (guint k = 0; k < n_rows; k++)
    {
      guint low = 0, high = length;

      while (low < high)
        {
          guint middle = low + (high - low) / 2;

          if (by_order[tails[middle]] < by_order[k])
            low = middle + 1;
          else
            high = middle;
        }
      previous[k] = low > 0 ? tails[low - 1] : G_MAXUINT;
      tails[low] = k;
      length = MAX (length, low + 1);
    }
  for (guint k = length > 0 ? tails[length - 1] : G_MAXUINT; k != G_MAXUINT; k = previous[k])
    moves[by_order[k]] = FALSE;
  return moves;
}

/* Which of @rows must move: those whose value for the column changed, unless they are
 * still in order between two neighbours that stay. */
static guint8 *
find_unordered (const MciRowOrder *order,
                MciRow           **rows,
                guint              n_rows,
                gboolean           everything)
{
  guint mask = MCI_SORT_CHANGED (order->column);
  guint8 *moves;

  if (everything)
    {
      for (guint i = 0; i < n_rows; i++)
        mci_row_take_sort_changes (rows[i]);
      return find_unordered_all (order, rows, n_rows);
    }
  moves = g_new0 (guint8, MAX (n_rows, 1));
  for (guint i = 0; i < n_rows; i++)
    moves[i] = (mci_row_take_sort_changes (rows[i]) & mask) != 0;
  for (guint i = 0; i < n_rows; i++)
    {
      if (!moves[i] || (i > 0 && moves[i - 1]) || (i + 1 < n_rows && moves[i + 1]))
        continue;
      if ((i == 0 || mci_row_order_compare (order, rows[i - 1], rows[i]) <= 0)
          && (i + 1 == n_rows || mci_row_order_compare (order, rows[i], rows[i + 1]) <= 0))
        moves[i] = FALSE;
    }
  return moves;
}

/* Where @row goes among @stay, from @low on. */
static guint
find_place (const MciRowOrder *order,
            GPtrArray         *stay,
            guint              low,
            MciRow            *row)
{
  guint high = stay->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (mci_row_order_compare (order, g_ptr_array_index (stay, middle), row) <= 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* The rows that stay, and where they are before and after. */
typedef struct
{
  GPtrArray *rows;       /* borrowed */
  guint     *before;
  guint     *after;
} Stay;

/* The new order: @moving's rows (in order) among @stay's, where they belong. */
static MciRow **
merge (const MciRowOrder *order,
       Stay              *stay,
       GPtrArray         *moving)
{
  MciRow **target = g_new (MciRow *, stay->rows->len + moving->len);
  guint low = 0, s = 0, t = 0;

  for (guint j = 0; j < moving->len; j++)
    {
      low = find_place (order, stay->rows, low, g_ptr_array_index (moving, j));
      for (; s < low; s++, t++)
        {
          stay->after[s] = t;
          target[t] = g_ptr_array_index (stay->rows, s);
        }
      target[t++] = g_ptr_array_index (moving, j);
    }
  for (; s < stay->rows->len; s++, t++)
    {
      stay->after[s] = t;
      target[t] = g_ptr_array_index (stay->rows, s);
    }
  return target;
}

/* Two places that change with at most this many rows that stay between them become one
 * items-changed, those rows taken out and put back with them. None are: profiled at 20k
 * live sockets with churn, an items-changed away from the rows GTK 4.8's list view keeps
 * widgets for (two hundred and more around those shown) costs it under 0.1 ms, but
 * every row taken out and put back among them costs a new row widget, made and bound.
 * Under churn the rows that change sit side by side at the top, and merging (three rows
 * apart) re-made twice as many rows as moved, and doubled the longest stall. */
#define MERGE_GAP 0

/* Slot @s is the place before the row that stays @s (after the last one if @s is
 * stay->rows->len): [start, end) in the list before (@before) or after. */
static guint
slot_start (Stay     *stay,
            guint     s,
            gboolean  before)
{
  return s == 0 ? 0 : (before ? stay->before : stay->after)[s - 1] + 1;
}

static guint
slot_end (Stay     *stay,
          guint     s,
          gboolean  before,
          guint     n_rows)
{
  return s == stay->rows->len ? n_rows : (before ? stay->before : stay->after)[s];
}

static gboolean
slot_changes (Stay  *stay,
              guint  s,
              guint  n_before,
              guint  n_after)
{
  return slot_end (stay, s, TRUE, n_before) > slot_start (stay, s, TRUE)
         || slot_end (stay, s, FALSE, n_after) > slot_start (stay, s, FALSE);
}

/* Replaces slots @first to @last (and the rows that stay between them) with what they
 * hold in @target. */
static void
splice_slots (const MciRowOrderList *rows,
              gpointer               list,
              Stay                  *stay,
              MciRow               **target,
              guint                  first,
              guint                  last,
              guint                  n_before,
              guint                  n_after,
              GPtrArray             *moved)
{
  guint start = slot_start (stay, first, TRUE), end = slot_end (stay, last, TRUE, n_before);
  guint new_start = slot_start (stay, first, FALSE);
  guint new_end = slot_end (stay, last, FALSE, n_after);

  /* the list may hold the only reference to a row it gives back */
  for (guint t = new_start; t < new_end; t++)
    g_ptr_array_add (moved, g_object_ref (target[t]));
  rows->splice (list, start, end - start, target + new_start, new_end - new_start);
}

/* In clusters, from the end, so that the places still to change do not move. */
static void
splice_changes (const MciRowOrderList *rows,
                gpointer               list,
                Stay                  *stay,
                MciRow               **target,
                guint                  n_before,
                guint                  n_after,
                GPtrArray             *moved)
{
  guint first = G_MAXUINT, last = G_MAXUINT;

  for (guint s = stay->rows->len + 1; s-- > 0; )
    {
      if (!slot_changes (stay, s, n_before, n_after))
        continue;
      if (first != G_MAXUINT && first - s > MERGE_GAP)
        {
          splice_slots (rows, list, stay, target, first, last, n_before, n_after, moved);
          first = G_MAXUINT;
        }
      if (first == G_MAXUINT)
        last = s;
      first = s;
    }
  if (first != G_MAXUINT)
    splice_slots (rows, list, stay, target, first, last, n_before, n_after, moved);
}

/* Puts @list back in @order: the rows whose value for the column changed (all of them
 * if @everything) and @fresh (rows not yet in the list) go where they belong, in as few
 * items-changed as the places that change allow (one a place, see MERGE_GAP); the
 * others stay. Adds the rows taken out and put back, or new, to @moved (if not NULL)
 * and returns how many rows moved or are new. */
guint
mci_row_order_apply (const MciRowOrder     *order,
                     const MciRowOrderList *rows,
                     gpointer               list,
                     guint                  n_rows,
                     GPtrArray             *fresh,
                     gboolean               everything,
                     GPtrArray             *moved)
{
  g_autofree MciRow **all = g_new (MciRow *, MAX (n_rows, 1));
  g_autofree MciRow **target = NULL;
  g_autofree guint8 *moves = NULL;
  g_autoptr(GPtrArray) moving = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) put_back = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) stay_rows = g_ptr_array_sized_new (n_rows);
  g_autofree guint *before = g_new (guint, n_rows + 1);
  g_autofree guint *after = g_new (guint, n_rows + 1);
  Stay stay = { stay_rows, before, after };

  g_return_val_if_fail (order != NULL && rows != NULL, 0);

  for (guint i = 0; i < n_rows; i++)
    all[i] = rows->peek (list, i);
  moves = find_unordered (order, all, n_rows, everything);
  for (guint i = 0; i < n_rows; i++)
    {
      if (moves[i])
        {
          g_ptr_array_add (moving, g_object_ref (all[i]));
          continue;
        }
      before[stay_rows->len] = i;
      g_ptr_array_add (stay_rows, all[i]);
    }
  for (guint i = 0; fresh != NULL && i < fresh->len; i++)
    {
      MciRow *row = g_ptr_array_index (fresh, i);

      mci_row_take_sort_changes (row);
      g_ptr_array_add (moving, g_object_ref (row));
    }
  if (moving->len == 0)
    return 0;
  g_ptr_array_sort_with_data (moving, compare_rows, (gpointer) order);
  target = merge (order, &stay, moving);
  splice_changes (rows, list, &stay, target, n_rows, stay_rows->len + moving->len, put_back);
  if (moved != NULL)
    g_ptr_array_extend_and_steal (moved, g_steal_pointer (&put_back));
  return moving->len;
}
