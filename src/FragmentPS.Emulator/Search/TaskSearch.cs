using System;
using FragmentPS.Emulator.Json;
using FragmentPS.Emulator.Store;

namespace FragmentPS.Emulator.Search
{
    /// <summary>
    /// Runs a <see cref="SearchCriteria"/> against the store, read at the store version the search is pinned to:
    /// a page and the total count of matches at that version.
    /// Without filters, the page is a walk of the order's sorted index and the count is known. With filters,
    /// the first page scans every task once (page and count together, <see cref="ScanPager"/>); the count is
    /// then cached, and later pages walk the index, falling back to a scan when the matches are too rare.
    /// </summary>
    internal static class TaskSearch
    {
        public static byte[] Run(TaskStore store, SearchCriteria criteria, TotalCountCache counts)
        {
            (KeysetPage<StoredTask> page, int total, long snapshot) = store.Read(reader =>
            {
                long pinned = criteria.Cursor is { } cursor ? reader.ReadableSnapshot(cursor.Snapshot) : reader.Version;
                var index = reader.Index(criteria.OrderBy);
                Func<KeysetEntry<TaskChain>, StoredTask?> accept = entry => Visible(entry, criteria, pinned);
                if (criteria.FilterKey.Length == 0)
                {
                    KeysetPage<StoredTask> all = KeysetPager.Read(index, criteria.Descending, criteria.Cursor?.Position, criteria.Limit, accept)!;
                    int count = pinned == reader.Version ? reader.Count : counts.GetOrCount(pinned, "", () => reader.CountVisible(pinned, _ => true));
                    return (all, count, pinned);
                }
                int walkBudget = (20 * criteria.Limit) + 1000;
                if (counts.TryGet(pinned, criteria.FilterKey, out int known) &&
                    KeysetPager.Read(index, criteria.Descending, criteria.Cursor?.Position, criteria.Limit, accept, walkBudget) is { } walked)
                {
                    return (walked, known, pinned);
                }
                (KeysetPage<StoredTask> scanned, int matches) = ScanPager.Read(reader, criteria, pinned);
                counts.Set(pinned, criteria.FilterKey, matches);
                return (scanned, matches, pinned);
            });

            // Serialized after the lock is released: records never change once stored.
            return PageJson.Write(page, task => task.Json, criteria.Limit, criteria.Cursor?.Position,
                position => new Cursor(CursorKind.Tasks, criteria.OrderBy, criteria.Descending, position, snapshot).Encode(), total);
        }

        /// <summary>The task an index entry stands for at <paramref name="snapshot"/>, if it matches the criteria.</summary>
        private static StoredTask? Visible(KeysetEntry<TaskChain> entry, SearchCriteria criteria, long snapshot)
        {
            StoredTask? task = entry.Value!.VisibleAt(snapshot);
            // Entries of other versions of the task (an older updated_at, say) are not where it stood then.
            if (task is null || task.SortKey(criteria.OrderBy) != entry.Key) return null;
            return criteria.Matches(task) ? task : null;
        }
    }
}
