using System;
using System.Collections.Concurrent;

namespace FragmentPS.Emulator.Search
{
    /// <summary>
    /// total_count of a filtered search, by (store version, filters). Counting scans every task; without this,
    /// paging through a filtered search would scan the store once per page. A store version never changes, so
    /// an entry never goes stale; the cache is simply emptied when full.
    /// </summary>
    internal sealed class TotalCountCache
    {
        private const int Capacity = 256;

        private readonly ConcurrentDictionary<(long Snapshot, string Filters), int> _counts =
            new ConcurrentDictionary<(long, string), int>();

        public int GetOrCount(long snapshot, string filters, Func<int> count)
        {
            if (TryGet(snapshot, filters, out int known)) return known;
            int counted = count();
            Set(snapshot, filters, counted);
            return counted;
        }

        public bool TryGet(long snapshot, string filters, out int count) => _counts.TryGetValue((snapshot, filters), out count);

        public void Set(long snapshot, string filters, int count)
        {
            if (_counts.Count >= Capacity) _counts.Clear();
            _counts[(snapshot, filters)] = count;
        }
    }
}
