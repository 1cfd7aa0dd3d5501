using System.Linq;

namespace FragmentPS
{
    /// <summary>What an emulator holds and has served since its start or its last reset.</summary>
    public sealed class FragmentEmulatorStatistic
    {
        /// <summary>The tasks in its store now.</summary>
        public int Tasks { get; set; }

        /// <summary>The /api/v1 requests it served (admin calls are not counted).</summary>
        public long TotalRequests { get; set; }

        /// <summary>The 429 answers among them, from its rate limit or from a fault.</summary>
        public long RateLimited { get; set; }

        /// <summary>One row per method, route template and status.</summary>
        public FragmentEmulatorRouteCount[] Routes { get; set; } = System.Array.Empty<FragmentEmulatorRouteCount>();

        /// <summary>The fault rules active now.</summary>
        public FragmentEmulatorFault[] Faults { get; set; } = System.Array.Empty<FragmentEmulatorFault>();

        /// <summary>The number of requests answered for <paramref name="method"/> and <paramref name="route"/> (with <paramref name="status"/> when given).</summary>
        public long CountOf(string method, string route, int? status = null) =>
            Routes.Where(row => string.Equals(row.Method, method, System.StringComparison.OrdinalIgnoreCase) && row.Route == route && (status == null || row.Status == status))
                .Sum(row => row.Count);
    }
}
