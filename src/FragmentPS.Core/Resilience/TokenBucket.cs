using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace FragmentPS.Core.Resilience
{
    /// <summary>
    /// A token bucket with reservations: a caller that finds it empty takes a token "on credit" and waits
    /// until that token would have refilled, so waiting callers are served in order and none starves.
    /// It stays behind the server's bucket: the server starts refilling when the first request of a burst
    /// ARRIVES, which can be a connection set-up or a cold start later than when it was sent, so refill here
    /// starts <see cref="SkewAllowance"/> after a token is taken from a full bucket.
    /// </summary>
    public sealed class TokenBucket
    {
        private readonly object _gate = new object();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private double _tokens;
        private double _capacity;
        private double _perSecond;
        private double _lastRefill;

        /// <summary>How much later than the client the server may start counting a burst.</summary>
        public static readonly TimeSpan SkewAllowance = TimeSpan.FromMilliseconds(500);

        public TokenBucket(double requestsPerMinute, int burst)
        {
            Configure(requestsPerMinute, burst);
            _tokens = _capacity;
        }

        public void Configure(double requestsPerMinute, int burst)
        {
            if (requestsPerMinute <= 0) throw new ArgumentOutOfRangeException(nameof(requestsPerMinute));
            lock (_gate)
            {
                Refill();
                _perSecond = requestsPerMinute / 60.0;
                _capacity = Math.Max(1, burst);
                _tokens = Math.Min(_tokens, _capacity);
            }
        }

        /// <summary>Takes one token, waiting for it when the bucket is empty; returns how long it waited.</summary>
        public async Task<TimeSpan> AcquireAsync(Action<TimeSpan>? onWait, CancellationToken ct)
        {
            TimeSpan wait;
            lock (_gate)
            {
                Refill();
                if (_tokens >= _capacity) _lastRefill = _clock.Elapsed.TotalSeconds + SkewAllowance.TotalSeconds;
                _tokens -= 1;
                wait = _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
            }
            if (wait <= TimeSpan.Zero) return TimeSpan.Zero;
            onWait?.Invoke(wait);
            try
            {
                await Task.Delay(wait, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                lock (_gate) _tokens += 1; // give the reservation back: the call never happens
                throw;
            }
            return wait;
        }

        private void Refill()
        {
            double now = _clock.Elapsed.TotalSeconds;
            if (now <= _lastRefill) return; // still inside the skew allowance
            _tokens = Math.Min(_capacity, _tokens + (now - _lastRefill) * _perSecond);
            _lastRefill = now;
        }
    }
}
