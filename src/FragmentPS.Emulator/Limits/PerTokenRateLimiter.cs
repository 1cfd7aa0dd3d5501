using System;
using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace FragmentPS.Emulator.Limits
{
    /// <summary>
    /// The API's rate limit: a <see cref="TokenBucketRateLimiter"/> per bearer token, refilled at <c>perMinute</c>
    /// a minute and holding at most <c>burst</c> requests. <c>perMinute</c> 0 switches the limit off.
    /// </summary>
    internal sealed class PerTokenRateLimiter
    {
        /// <summary>
        /// The library's Retry-After counts whole permits and ignores the fraction already refilled, so with one
        /// permit a request it could be a whole request interval late (a minute at 1 a minute). A request costs
        /// up to this many permits instead, which makes the Retry-After late by a thousandth of an interval at most.
        /// </summary>
        private const int MaxPermitsPerRequest = 1000;

        /// <summary>The shortest refill period in ticks: below it, rounding the period to whole ticks would skew the rate.</summary>
        private const long MinPeriodTicks = 1000;

        private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new ConcurrentDictionary<string, TokenBucketRateLimiter>();
        private readonly TokenBucketRateLimiterOptions? _options;
        private readonly int _permitsPerRequest;

        public PerTokenRateLimiter(int perMinute, int burst)
        {
            PerMinute = perMinute;
            if (perMinute <= 0) return;
            long intervalTicks = Math.Max(1, TimeSpan.TicksPerMinute / perMinute);
            _permitsPerRequest = (int)Math.Clamp(intervalTicks / MinPeriodTicks, 1, Math.Min(MaxPermitsPerRequest, int.MaxValue / burst));
            _options = new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst * _permitsPerRequest,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(1, intervalTicks / _permitsPerRequest)),
                // Refilled right before each attempt: no timer per token, and the refill is as exact as the clock.
                AutoReplenishment = false,
                QueueLimit = 0,
            };
        }

        public int PerMinute { get; }

        /// <summary>Takes one request from the token's bucket; false with the whole seconds until there is one (at least 1).</summary>
        public bool TryTake(string token, out int retryAfterSeconds)
        {
            retryAfterSeconds = 0;
            if (_options is null) return true;
            TokenBucketRateLimiter bucket = _buckets.GetOrAdd(token, _ => new TokenBucketRateLimiter(_options));
            bucket.TryReplenish();
            using RateLimitLease lease = bucket.AttemptAcquire(_permitsPerRequest);
            if (lease.IsAcquired) return true;
            lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan wait);
            retryAfterSeconds = (int)Math.Max(1, (wait.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);
            return false;
        }

        /// <summary>Every bucket full again. The buckets hold no timer (no auto-replenishment), so dropping them releases all.</summary>
        public void Reset() => _buckets.Clear();
    }
}
