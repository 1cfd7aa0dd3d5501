using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace FragmentPS.Core.Resilience
{
    /// <summary>
    /// The client-side limit of one token on one server: a token bucket (<see cref="LimiterState"/>) that slows
    /// down after a 429 and recovers along CUBIC (<see cref="CubicRate"/>), shared by every process of the user
    /// on this host through a small file (<see cref="SharedStateFile"/>), and by every session of the process.
    /// <para>
    /// A <see cref="RateLimiter"/> of System.Threading.RateLimiting, so Polly's rate limiter strategy runs it. The
    /// library's own <see cref="TokenBucketRateLimiter"/> can't serve: its rate is fixed when it is made (this one
    /// changes on every 429), its state lives in its process (this one is shared across processes), and it
    /// can't tell the caller how long it will wait before it waits (the wait is shown to the user).
    /// </para>
    /// When the state file can't be used, the limiter goes on with the last state it knew, in this process alone,
    /// and says why in <see cref="LocalOnlyReason"/>.
    /// </summary>
    public sealed class AdaptiveRateLimiter : RateLimiter
    {
        private readonly object _gate = new object();
        private readonly TimeProvider _time;
        private SharedStateFile? _file;
        private long _fileBusyUntil;
        private LimiterState? _local;
        private double _perSecond;
        private double _burst;
        private long _successfulLeases;
        // Requests of sessions that do not wait, not yet in the shared state, and whether a write of them is queued.
        private int _uncounted;
        private bool _countQueued;

        /// <summary>How long the limiter keeps to its own copy after another process held the file too long.</summary>
        public static readonly TimeSpan BusyFileBackOff = TimeSpan.FromSeconds(10);

        /// <param name="statePath">The shared state file; null keeps the budget in this process only.</param>
        internal AdaptiveRateLimiter(string? statePath, RateLimitOptions options, TimeProvider time)
        {
            _time = time;
            _file = statePath == null ? null : new SharedStateFile(statePath);
            StatePath = statePath;
            Configure(options);
        }

        /// <summary>The file shared with other processes (nothing secret in it).</summary>
        public string? StatePath { get; }

        /// <summary>Why this limiter keeps its budget in this process only; null while it shares it.</summary>
        public string? LocalOnlyReason { get; private set; }

        /// <summary>Sets the configured rate and burst (the latest connect with a limit decides, for this process).</summary>
        public void Configure(RateLimitOptions options)
        {
            int perMinute = options.RequestsPerMinute > 0 ? options.RequestsPerMinute : RateLimitOptions.DefaultRequestsPerMinute;
            lock (_gate)
            {
                _perSecond = perMinute * RateLimitOptions.SafetyFactor / 60.0;
                _burst = Math.Max(1, options.Burst);
            }
        }

        /// <summary>The configured refill rate, per second.</summary>
        public double ConfiguredRate
        {
            get { lock (_gate) return _perSecond; }
        }

        /// <summary>The refill rate now, per second (lower than configured after a 429).</summary>
        public double CurrentRate => Update((state, now) => state.Rate(_perSecond, now));

        /// <summary>
        /// Takes one token, waiting for it when the bucket is empty; <paramref name="onWait"/> hears how long
        /// before the wait starts. Dispose the lease when the request's answer has come.
        /// </summary>
        public async ValueTask<RateLimitLease> AcquireAsync(Action<TimeSpan>? onWait, CancellationToken ct)
        {
            var (wait, startsBurst, taken) = Update((state, now) => state.Take(_perSecond, _burst, now, mayOwe: true));
            while (!taken)
            {
                // Past the burst while its first answer is awaited: no turn can be given until refill starts.
                await Task.Delay(wait, _time, ct).ConfigureAwait(false);
                (wait, startsBurst, taken) = Update((state, now) => state.Take(_perSecond, _burst, now, mayOwe: true));
            }
            Interlocked.Increment(ref _successfulLeases);
            if (wait > TimeSpan.Zero)
            {
                onWait?.Invoke(wait);
                try
                {
                    await Task.Delay(wait, _time, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Update((state, now) => { state.GiveBack(); return true; }); // the call never happens
                    throw;
                }
            }
            return new Lease(this, null, startsBurst);
        }

        /// <summary>
        /// For a session with the limiter off: the request is counted in the budget but never held. Its own turn
        /// never depends on the shared state, so the count is written to it off the request's path, by a work item
        /// that writes every count that has gathered meanwhile (a burst it starts is anchored then).
        /// </summary>
        public RateLimitLease AcquireWithoutWaiting()
        {
            Interlocked.Increment(ref _successfulLeases);
            lock (_gate)
            {
                if (_file != null)
                {
                    _uncounted++;
                    if (!_countQueued)
                    {
                        _countQueued = true;
                        ThreadPool.UnsafeQueueUserWorkItem(_ => WriteCounts(), null);
                    }
                    return new Lease(this, null, startsBurst: false);
                }
            }
            var (_, startsBurst, _) = Update((state, now) => state.Take(_perSecond, _burst, now, mayOwe: false));
            return new Lease(this, null, startsBurst);
        }

        /// <summary>The server answered 429 for this token: every client of it slows down.</summary>
        public void OnThrottled() => Update((state, now) => { state.Throttled(_perSecond, _burst, now); return true; });

        private void Anchor() => Update((state, now) => { state.Anchor(now); return true; });

        /// <summary>
        /// Runs a change on the shared state (or, when that can't be had, on this process's copy of it), after
        /// the requests of sessions that do not wait have been counted in it.
        /// </summary>
        private T Update<T>(Func<LimiterState, long, T> change)
        {
            lock (_gate)
            {
                if (_file != null && _time.GetUtcNow().UtcTicks >= _fileBusyUntil)
                {
                    T result = default!;
                    int counting = _uncounted;
                    string? problem = _file.TryUpdate(read =>
                    {
                        long now = _time.GetUtcNow().UtcTicks;
                        var state = read ?? LimiterState.Full(_burst, now);
                        Count(state, counting, now);
                        result = change(state, now);
                        return state;
                    }, out LimiterState? written, out bool passing);
                    if (problem == null)
                    {
                        _uncounted -= counting;
                        _local = written!.Copy();
                        LocalOnlyReason = null;
                        return result;
                    }
                    LocalOnlyReason = problem;
                    // A folder that can't be written stays so: stop trying it. A lock held too long may pass:
                    // try again a little later rather than wait for it on every request.
                    if (!passing) _file = null;
                    else _fileBusyUntil = _time.GetUtcNow().UtcTicks + BusyFileBackOff.Ticks;
                }
                long at = _time.GetUtcNow().UtcTicks;
                _local ??= LimiterState.Full(_burst, at);
                Count(_local, _uncounted, at);
                _uncounted = 0;
                return change(_local, at);
            }
        }

        /// <summary>
        /// The queued write of <see cref="AcquireWithoutWaiting"/>'s counts. It runs on the thread pool, where an
        /// exception would end the process: a failure the state file does not report itself leaves the counts for
        /// the next change to write.
        /// </summary>
        private void WriteCounts()
        {
            try
            {
                Update((state, now) => _countQueued = false);
            }
            catch (Exception)
            {
                lock (_gate) _countQueued = false;
            }
        }

        /// <summary>Takes the tokens of requests already sent without waiting; a burst one of them starts is anchored at once.</summary>
        private void Count(LimiterState state, int requests, long now)
        {
            for (int i = 0; i < requests; i++)
            {
                if (state.Take(_perSecond, _burst, now, mayOwe: false).StartsBurst) state.Anchor(now);
            }
        }

        // ---- RateLimiter -------------------------------------------------------------------------------

        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => new RateLimiterStatistics
        {
            CurrentAvailablePermits = (long)Math.Floor(Math.Max(0, Update((state, now) => state.Tokens))),
            TotalSuccessfulLeases = Interlocked.Read(ref _successfulLeases),
        };

        /// <summary>A token only when one is there now; otherwise a refused lease that says when to come back.</summary>
        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            if (permitCount > 1) throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "One request takes one permit.");
            var (wait, startsBurst, _) = Update((state, now) =>
            {
                TimeSpan until = state.WaitForToken(_perSecond, _burst, now);
                return until > TimeSpan.Zero ? (until, false, false) : state.Take(_perSecond, _burst, now, mayOwe: true);
            });
            if (wait > TimeSpan.Zero) return new Lease(null, wait, false);
            Interlocked.Increment(ref _successfulLeases);
            return new Lease(this, null, startsBurst);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            if (permitCount > 1) throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "One request takes one permit.");
            return AcquireAsync(null, cancellationToken);
        }

        /// <summary>
        /// A token taken, or refused with the wait as Retry-After. Disposing the first lease of a burst anchors the
        /// bucket's refill to the moment its answer came.
        /// </summary>
        private sealed class Lease : RateLimitLease
        {
            private readonly TimeSpan? _retryAfter;
            private AdaptiveRateLimiter? _anchors;

            /// <param name="owner">The limiter that gave the token; null for a refused lease.</param>
            public Lease(AdaptiveRateLimiter? owner, TimeSpan? retryAfter, bool startsBurst)
            {
                IsAcquired = owner != null;
                _retryAfter = retryAfter;
                _anchors = startsBurst ? owner : null;
            }

            public override bool IsAcquired { get; }

            public override IEnumerable<string> MetadataNames => _retryAfter.HasValue ? new[] { MetadataName.RetryAfter.Name } : Array.Empty<string>();

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = metadataName == MetadataName.RetryAfter.Name ? _retryAfter : null;
                return metadata != null;
            }

            protected override void Dispose(bool disposing)
            {
                Interlocked.Exchange(ref _anchors, null)?.Anchor();
                base.Dispose(disposing);
            }
        }
    }
}
