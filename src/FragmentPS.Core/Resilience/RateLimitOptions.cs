namespace FragmentPS.Core.Resilience
{
    /// <summary>The client-side limit. Defaults follow the API: 60 requests a minute with a small burst.</summary>
    public sealed class RateLimitOptions
    {
        public const int DefaultRequestsPerMinute = 60;
        public const int DefaultBurst = 10;

        /// <summary>
        /// The client refills a little slower than the nominal rate: cheap insurance against a server whose
        /// clock runs slow or whose limit is a little stricter than documented. (Skew at the start of a burst is
        /// handled by <see cref="TokenBucket.Anchor"/>.)
        /// </summary>
        public const double SafetyFactor = 0.99;

        /// <summary>Requests a minute; 0 switches the client-side limiter off.</summary>
        public int RequestsPerMinute { get; set; } = DefaultRequestsPerMinute;

        public int Burst { get; set; } = DefaultBurst;
    }
}
