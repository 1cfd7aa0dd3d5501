using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace FragmentPS.Core.Resilience
{
    /// <summary>A token taken from a <see cref="TokenBucket"/>: how long the caller waited for it.</summary>
    public readonly struct TokenLease
    {
        public TokenLease(TimeSpan waited, bool startsBurst)
        {
            Waited = waited;
            StartsBurst = startsBurst;
        }

        public TimeSpan Waited { get; }

        /// <summary>The first token taken from a full bucket: call <see cref="TokenBucket.Anchor"/> when its answer came.</summary>
        public bool StartsBurst { get; }
    }

    /// <summary>
    /// A token bucket with reservations: a caller that finds it empty takes a token "on credit" and waits
    /// until that token would have refilled, so waiting callers are served in order and none starves.
    /// It never runs ahead of the server's bucket. The server starts refilling a full bucket when the first
    /// request of a burst ARRIVES, which may be later than it was sent (connection set-up, a cold server). So
    /// refill here starts only when that request's answer has come (<see cref="Anchor"/>), when the server has
    /// surely started; until then, callers that must wait assume a start <see cref="SkewAllowance"/> late.
    /// </summary>
    public sealed class TokenBucket
    {
        private readonly object _gate = new object();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private double _tokens;
        private double _capacity;
        private double _perSecond;
        private double _lastRefill;
        private bool _anchorPending;

        /// <summary>How late the server may start counting a burst, assumed while the first answer is awaited.</summary>
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

        /// <summary>Takes one token, waiting for it when the bucket is empty.</summary>
        public async Task<TokenLease> AcquireAsync(Action<TimeSpan>? onWait, CancellationToken ct)
        {
            TimeSpan wait;
            bool startsBurst = false;
            lock (_gate)
            {
                double now = Now;
                Refill();
                if (_tokens >= _capacity && !_anchorPending)
                {
                    startsBurst = true;
                    _anchorPending = true;
                    _lastRefill = now + SkewAllowance.TotalSeconds;
                }
                _tokens -= 1;
                // A token on credit refills from the later of now and the moment refill (re)starts.
                wait = _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Max(0, _lastRefill - now) + -_tokens / _perSecond);
            }
            if (wait <= TimeSpan.Zero) return new TokenLease(TimeSpan.Zero, startsBurst);
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
            return new TokenLease(wait, startsBurst);
        }

        /// <summary>
        /// The first request of a burst has been answered (or has failed): the server has started refilling by
        /// now, so refill here may start now rather than after the whole allowance.
        /// </summary>
        public void Anchor()
        {
            lock (_gate)
            {
                if (!_anchorPending) return;
                _anchorPending = false;
                double now = Now;
                if (now < _lastRefill) _lastRefill = now; // nothing accrued before: Refill waits for _lastRefill
            }
        }

        private double Now => _clock.Elapsed.TotalSeconds;

        private void Refill()
        {
            double now = Now;
            if (now <= _lastRefill) return; // refill has not started yet
            _tokens = Math.Min(_capacity, _tokens + (now - _lastRefill) * _perSecond);
            _lastRefill = now;
        }
    }
}
