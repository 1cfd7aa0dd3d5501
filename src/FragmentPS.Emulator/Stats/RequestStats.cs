using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;

namespace FragmentPS.Emulator.Stats
{
    /// <summary>
    /// Counts /api/v1 requests by method, route template and status. Status 0 stands for a request that got no
    /// answer (its connection was dropped by a fault). Every 429 served, from the limiter or a fault, is also
    /// counted in <c>rate_limited</c>.
    /// </summary>
    internal sealed class RequestStats
    {
        private readonly ConcurrentDictionary<(string Method, string Route, int Status), StrongCount> _counts =
            new ConcurrentDictionary<(string, string, int), StrongCount>();
        private long _total;
        private long _rateLimited;

        public void Record(string method, string route, int status)
        {
            Interlocked.Increment(ref _total);
            if (status == 429) Interlocked.Increment(ref _rateLimited);
            StrongCount count = _counts.GetOrAdd((method, route, status), _ => new StrongCount());
            Interlocked.Increment(ref count.Value);
        }

        public void Reset()
        {
            _counts.Clear();
            Interlocked.Exchange(ref _total, 0);
            Interlocked.Exchange(ref _rateLimited, 0);
        }

        /// <summary>
        /// The GET /_emulator/stats answer: <c>{"tasks", "total_requests", "rate_limited", "routes": [{"method",
        /// "route", "status", "count"}]}</c>, <paramref name="tasks"/> being how many the store holds.
        /// </summary>
        public object Answer(int tasks) => new
        {
            Tasks = tasks,
            TotalRequests = Interlocked.Read(ref _total),
            RateLimited = Interlocked.Read(ref _rateLimited),
            Routes = _counts
                .OrderBy(r => r.Key.Route, StringComparer.Ordinal).ThenBy(r => r.Key.Method, StringComparer.Ordinal).ThenBy(r => r.Key.Status)
                .Select(r => new { r.Key.Method, r.Key.Route, r.Key.Status, Count = Interlocked.Read(ref r.Value.Value) }),
        };

        private sealed class StrongCount
        {
            public long Value;
        }
    }
}
