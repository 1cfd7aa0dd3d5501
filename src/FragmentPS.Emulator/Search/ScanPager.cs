using System.Collections.Generic;
using FragmentPS.Emulator.Store;

namespace FragmentPS.Emulator.Search
{
    /// <summary>
    /// A filtered search's page and total_count in one pass over every task, with no index walk: the page is
    /// the <c>limit</c> first matches after the cursor (a bounded heap), the previous page the <c>limit</c> last
    /// matches up to it. Costs the same however rare the matches are, where an index walk would cross the whole
    /// index to find a few.
    /// </summary>
    internal static class ScanPager
    {
        public static (KeysetPage<StoredTask> Page, int Total) Read(ITaskReader reader, SearchCriteria criteria, long snapshot)
        {
            IComparer<KeysetPosition> pageOrder = PageOrder(criteria.Descending);
            IComparer<KeysetPosition> reverseOrder = Comparer<KeysetPosition>.Create((a, b) => pageOrder.Compare(b, a));
            KeysetPosition? after = criteria.Cursor?.Position;
            int keep = criteria.Limit + 1;
            // Each heap has its worst entry on top, so a better one can push it out.
            var following = new PriorityQueue<StoredTask, KeysetPosition>(reverseOrder);
            var preceding = new PriorityQueue<StoredTask, KeysetPosition>(pageOrder);

            int total = reader.CountVisible(snapshot, task =>
            {
                if (!criteria.Matches(task)) return false;
                var position = new KeysetPosition(task.SortKey(criteria.OrderBy), task.Uid);
                bool isAfter = after is null || pageOrder.Compare(position, after.Value) > 0;
                Offer(isAfter ? following : preceding, task, position, keep);
                return true;
            });

            var page = new KeysetPage<StoredTask>();
            List<(StoredTask Task, KeysetPosition Position)> next = Drain(following);
            next.Reverse();
            for (int i = 0; i < next.Count && i < criteria.Limit; i++) page.Items.Add(next[i].Task);
            if (next.Count > criteria.Limit) page.Next = next[criteria.Limit - 1].Position;
            if (after is not null)
            {
                page.HasPrevious = preceding.Count > 0;
                if (preceding.Count == keep && preceding.TryPeek(out _, out KeysetPosition start)) page.Previous = start;
            }
            return (page, total);
        }

        /// <summary>Ascending (sort key, uid), or descending for a '-' order_by.</summary>
        public static IComparer<KeysetPosition> PageOrder(bool descending) => Comparer<KeysetPosition>.Create((a, b) =>
        {
            int order = a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Uid.CompareTo(b.Uid);
            return descending ? -order : order;
        });

        private static void Offer(PriorityQueue<StoredTask, KeysetPosition> heap, StoredTask task, KeysetPosition position, int keep)
        {
            if (heap.Count < keep) heap.Enqueue(task, position);
            else heap.EnqueueDequeue(task, position);
        }

        /// <summary>The heap's entries, worst first.</summary>
        private static List<(StoredTask, KeysetPosition)> Drain(PriorityQueue<StoredTask, KeysetPosition> heap)
        {
            var entries = new List<(StoredTask, KeysetPosition)>(heap.Count);
            while (heap.TryDequeue(out StoredTask? task, out KeysetPosition position)) entries.Add((task, position));
            return entries;
        }
    }
}
