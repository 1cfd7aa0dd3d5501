namespace FragmentPS.Core.Resilience
{
    /// <summary>The client-side limit. Defaults follow the API: 60 requests a minute with a small burst.</summary>
    public sealed class RateLimitOptions
    {
        public const int DefaultRequestsPerMinute = 60;
        public const int DefaultBurst = 10;

        /// <summary>
        /// The client refills a little slower than the nominal rate: cheap insurance against a server whose
        /// clock runs slow or whose limit is a little stricter than documented. (A burst whose first request
        /// arrives late is handled by <see cref="LimiterState.Anchor"/>.)
        /// </summary>
        public const double SafetyFactor = 0.99;

        /// <summary>
        /// Requests a minute; 0 switches waiting off for the session: its requests are still counted in the
        /// token's budget, so that other sessions of the token slow down for them.
        /// </summary>
        public int RequestsPerMinute { get; set; } = DefaultRequestsPerMinute;

        public int Burst { get; set; } = DefaultBurst;

        /// <summary>
        /// The folder where processes of this user share each token's budget; null for the default (the user's
        /// runtime or temp folder), empty to keep the budget in this process. The first session of a token in the
        /// process decides.
        /// </summary>
        public string? SharedStateDirectory { get; set; }
    }
}
