using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Text.Json;

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

        /// <summary><c>"total_requests", "rate_limited", "routes": [{"method", "route", "status", "count"}]</c>, inside an object the caller opened.</summary>
        public void WriteProperties(Utf8JsonWriter w)
        {
            w.WriteNumber("total_requests", Interlocked.Read(ref _total));
            w.WriteNumber("rate_limited", Interlocked.Read(ref _rateLimited));
            w.WriteStartArray("routes");
            foreach (KeyValuePair<(string Method, string Route, int Status), StrongCount> row in
                     _counts.OrderBy(r => r.Key.Route, System.StringComparer.Ordinal).ThenBy(r => r.Key.Method, System.StringComparer.Ordinal).ThenBy(r => r.Key.Status))
            {
                w.WriteStartObject();
                w.WriteString("method", row.Key.Method);
                w.WriteString("route", row.Key.Route);
                w.WriteNumber("status", row.Key.Status);
                w.WriteNumber("count", Interlocked.Read(ref row.Value.Value));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        private sealed class StrongCount
        {
            public long Value;
        }
    }
}
