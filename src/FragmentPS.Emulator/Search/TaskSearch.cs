using System;
using FragmentPS.Emulator.Json;
using FragmentPS.Emulator.Store;

namespace FragmentPS.Emulator.Search
{
    /// <summary>
    /// Runs a <see cref="TaskQuery"/> against the store, read at the store version the search is pinned to:
    /// a page and the total count of matches at that version.
    /// Without filters, the page is a walk of the order's sorted index and the count is known. With filters,
    /// the first page scans every task once (page and count together, <see cref="ScanPager"/>); the count is
    /// then cached, and later pages walk the index, falling back to a scan when the matches are too rare.
    /// </summary>
    internal static class TaskSearch
    {
        public static byte[] Run(TaskStore store, TaskQuery query, TotalCountCache counts)
        {
            (KeysetPage<TaskRecord> page, int total, long snapshot) = store.Read(reader =>
            {
                long pinned = query.Cursor is { } cursor ? reader.ReadableSnapshot(cursor.Snapshot) : reader.Version;
                var index = reader.Index(query.OrderBy);
                Func<KeysetEntry<TaskChain>, TaskRecord?> accept = entry => Visible(entry, query, pinned);
                if (query.FilterKey.Length == 0)
                {
                    KeysetPage<TaskRecord> all = KeysetPager.Read(index, query.Descending, query.Cursor?.Position, query.Limit, accept)!;
                    int count = pinned == reader.Version ? reader.Count : counts.GetOrCount(pinned, "", () => reader.CountVisible(pinned, _ => true));
                    return (all, count, pinned);
                }
                int walkBudget = (20 * query.Limit) + 1000;
                if (counts.TryGet(pinned, query.FilterKey, out int known) &&
                    KeysetPager.Read(index, query.Descending, query.Cursor?.Position, query.Limit, accept, walkBudget) is { } walked)
                {
                    return (walked, known, pinned);
                }
                (KeysetPage<TaskRecord> scanned, int matches) = ScanPager.Read(reader, query, pinned);
                counts.Set(pinned, query.FilterKey, matches);
                return (scanned, matches, pinned);
            });

            // Serialized after the lock is released: records never change once stored.
            Cursor At(KeysetPosition? position) => new Cursor(CursorKind.Tasks, query.OrderBy, query.Descending, position, snapshot);
            return PageJson.Write(page.Items, task => task.Json, query.Limit,
                At(query.Cursor?.Position).Encode(),
                page.HasPrevious ? At(page.Previous).Encode() : null,
                page.Next is { } next ? At(next).Encode() : null,
                total);
        }

        /// <summary>The task an index entry stands for at <paramref name="snapshot"/>, if it matches the query.</summary>
        private static TaskRecord? Visible(KeysetEntry<TaskChain> entry, TaskQuery query, long snapshot)
        {
            TaskRecord? task = entry.Value!.VisibleAt(snapshot);
            // Entries of other versions of the task (an older updated_at, say) are not where it stood then.
            if (task is null || task.SortKey(query.OrderBy) != entry.Key) return null;
            return query.Matches(task) ? task : null;
        }
    }
}
