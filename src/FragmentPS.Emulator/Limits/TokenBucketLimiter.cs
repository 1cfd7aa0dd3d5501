using System;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace FragmentPS.Emulator.Limits
{
    /// <summary>
    /// The API's rate limit: a token bucket per bearer token, refilled at <c>perMinute</c>/60 a second and holding
    /// at most <c>burst</c>. A request takes one; with none left it is refused with the whole seconds until the
    /// next one arrives (at least 1). <c>perMinute</c> 0 switches the limit off.
    /// </summary>
    internal sealed class TokenBucketLimiter
    {
        private readonly ConcurrentDictionary<string, Bucket> _buckets = new ConcurrentDictionary<string, Bucket>();
        private readonly double _perSecond;
        private readonly double _burst;

        public TokenBucketLimiter(int perMinute, int burst)
        {
            PerMinute = perMinute;
            _perSecond = perMinute / 60.0;
            _burst = Math.Max(1, burst);
        }

        public int PerMinute { get; }
        public bool Enabled => PerMinute > 0;

        /// <summary>Takes one request from the token's bucket; false with the seconds to wait when it is empty.</summary>
        public bool TryTake(string token, out int retryAfterSeconds)
        {
            retryAfterSeconds = 0;
            if (!Enabled) return true;
            Bucket bucket = _buckets.GetOrAdd(token, _ => new Bucket(_burst, Stopwatch.GetTimestamp()));
            lock (bucket)
            {
                long now = Stopwatch.GetTimestamp();
                double elapsed = Stopwatch.GetElapsedTime(bucket.Refilled, now).TotalSeconds;
                bucket.Tokens = Math.Min(_burst, bucket.Tokens + (elapsed * _perSecond));
                bucket.Refilled = now;
                if (bucket.Tokens >= 1)
                {
                    bucket.Tokens -= 1;
                    return true;
                }
                retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((1 - bucket.Tokens) / _perSecond));
                return false;
            }
        }

        /// <summary>Every bucket full again.</summary>
        public void Reset() => _buckets.Clear();

        private sealed class Bucket
        {
            public Bucket(double tokens, long refilled)
            {
                Tokens = tokens;
                Refilled = refilled;
            }

            public double Tokens;
            public long Refilled;
        }
    }
}
