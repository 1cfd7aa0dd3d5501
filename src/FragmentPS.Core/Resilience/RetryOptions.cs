using System;

namespace FragmentPS.Core.Resilience
{
    /// <summary>How long and how often a call may be retried (what is retried is <see cref="RetryTable"/>).</summary>
    public sealed class RetryOptions
    {
        /// <summary>
        /// Retries after failures other than 429 (a 429 was not processed: its retries are bounded by
        /// <see cref="MaxRetryTime"/> alone); 0 switches retries off, 429s included.
        /// </summary>
        public int MaxRetries { get; set; } = 5;

        /// <summary>The first backoff; each retry doubles it (with jitter), up to <see cref="MaxDelay"/>.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>No retry starts when it would end past this time from the first attempt: the one bound on 429 retries.</summary>
        public TimeSpan MaxRetryTime { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>How long one attempt may take.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);
    }
}
