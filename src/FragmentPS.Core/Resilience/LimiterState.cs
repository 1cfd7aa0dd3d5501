using System;
using System.Buffers;
using System.Text.Json;

namespace FragmentPS.Core.Resilience
{
    /// <summary>
    /// The budget of one token on one server: a token bucket whose refill rate follows <see cref="CubicRate"/>
    /// after a 429. Small and free of secrets, so that processes can share it through a file
    /// (<see cref="SharedStateFile"/>). Times are UTC ticks, comparable across processes.
    /// <para>
    /// Callers that find the bucket empty take a token on credit and wait until it would have refilled, so
    /// waiting callers, of every process, are served in order and none starves.
    /// </para>
    /// <para>
    /// The server starts refilling a full bucket when the first request of a burst ARRIVES, which may be well
    /// after the token was taken (a cold process compiling its HTTP stack, connection set-up, a busy host). So
    /// refill here starts only when that request's answer has come (<see cref="Anchor"/>), and no caller past
    /// the burst is given a turn before then: it asks again shortly (<see cref="FirstAnswerPoll"/>).
    /// </para>
    /// </summary>
    internal sealed class LimiterState
    {
        /// <summary>How often a caller past the burst asks again while the burst's first answer is awaited.</summary>
        public static readonly TimeSpan FirstAnswerPoll = TimeSpan.FromMilliseconds(25);

        /// <summary>A first answer awaited this long is given up on (its process may have died): refill starts then.</summary>
        public static readonly TimeSpan FirstAnswerTimeout = TimeSpan.FromSeconds(10);

        /// <summary>429s this close to the last one are the same congestion: the rate drops once for them.</summary>
        public static readonly TimeSpan ThrottleHoldOff = TimeSpan.FromSeconds(1);

        /// <summary>The most tokens taken on credit: more waiting callers than any real host runs (a bound on a tampered file).</summary>
        public const double MaxDebt = 1000;

        // The measured send rate, as the AWS SDKs measure it: requests counted in half-second buckets, smoothed.
        private const long MeasureBucketTicks = TimeSpan.TicksPerSecond / 2;
        private const double MeasureSmoothing = 0.8;

        public double Tokens { get; private set; }
        /// <summary>Tokens are counted up to this time.</summary>
        public long RefilledAt { get; private set; }
        /// <summary>A burst's first answer is awaited: no refill until it comes.</summary>
        public bool AnchorPending { get; private set; }
        public long BurstStartedAt { get; private set; }
        /// <summary>The last 429 still being recovered from; 0 when the full rate is back.</summary>
        public long ThrottledAt { get; private set; }
        /// <summary>The send rate (per second) when that 429 came: CUBIC's W_max.</summary>
        public double RateAtThrottle { get; private set; }
        public double MeasuredRate { get; private set; }
        private long MeasureBucket { get; set; }
        private int MeasureCount { get; set; }

        public static LimiterState Full(double burst, long now) =>
            new LimiterState { Tokens = burst, RefilledAt = now, MeasureBucket = now - now % MeasureBucketTicks };

        public LimiterState Copy() => (LimiterState)MemberwiseClone();

        /// <summary>The refill rate now, per second.</summary>
        public double Rate(double nominal, long now) =>
            ThrottledAt == 0 ? nominal : CubicRate.At(nominal, RateAtThrottle, Seconds(now - ThrottledAt));

        /// <summary>The whole burst at the full rate; about one second's worth while recovering from a 429 (as AWS does).</summary>
        public double Capacity(double nominal, double burst, long now)
        {
            double rate = Rate(nominal, now);
            return rate >= nominal ? burst : Math.Max(1, Math.Min(burst, rate));
        }

        /// <summary>
        /// Takes a token for a request sent now and says how long the caller must wait before sending it; or, while
        /// a burst's first answer is awaited and none is left, takes nothing (Taken false) and says when to ask
        /// again. With <paramref name="mayOwe"/> false (a session with the limiter off) the request is counted but
        /// never held and never takes a token on credit.
        /// </summary>
        public (TimeSpan Wait, bool StartsBurst, bool Taken) Take(double nominal, double burst, long now, bool mayOwe)
        {
            Refill(nominal, burst, now);
            if (!mayOwe && Tokens < 1)
            {
                Record(now);
                return (TimeSpan.Zero, false, true);
            }
            if (Tokens < 1 && AnchorPending) return (FirstAnswerPoll, false, false);
            bool startsBurst = Tokens >= burst && !AnchorPending;
            if (startsBurst)
            {
                AnchorPending = true;
                BurstStartedAt = now;
            }
            Tokens -= 1;
            TimeSpan wait = Tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-Tokens / Rate(nominal, now));
            Record(now + wait.Ticks);
            return (wait, startsBurst, true);
        }

        /// <summary>How long a <see cref="Take"/> now would have to wait (counting a refill that has not started as starting now); takes nothing.</summary>
        public TimeSpan WaitForToken(double nominal, double burst, long now)
        {
            Refill(nominal, burst, now);
            return Tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - Tokens) / Rate(nominal, now));
        }

        /// <summary>A reservation whose call never happened (cancelled while waiting).</summary>
        public void GiveBack() => Tokens += 1;

        /// <summary>The first request of a burst has been answered (or failed): the server counts from no later than now.</summary>
        public void Anchor(long now)
        {
            if (!AnchorPending) return;
            AnchorPending = false;
            RefilledAt = Math.Max(RefilledAt, now); // nothing accrued before: refill starts now
        }

        /// <summary>The server answered 429: lower the rate (CUBIC) and take back what the bucket thought it had.</summary>
        public void Throttled(double nominal, double burst, long now)
        {
            bool sameEvent = ThrottledAt != 0 && now - ThrottledAt < ThrottleHoldOff.Ticks;
            Refill(nominal, burst, now);
            if (!sameEvent)
            {
                double rate = Rate(nominal, now);
                // The rate the requests really went at, when slower than the bucket allowed (AWS takes the lower too).
                RateAtThrottle = MeasuredRate > 0 ? Math.Min(MeasuredRate, rate) : rate;
                ThrottledAt = now;
            }
            Tokens = Math.Min(Tokens, 0);
        }

        private void Refill(double nominal, double burst, long now)
        {
            // A file written by a clock that has since been set back, or by hand, must not stop refill for long.
            if (RefilledAt > now) RefilledAt = now;
            if (ThrottledAt > now) ThrottledAt = now;
            if (BurstStartedAt > now) BurstStartedAt = now;
            if (ThrottledAt != 0 && Rate(nominal, now) >= nominal) ThrottledAt = 0;
            if (AnchorPending && now - BurstStartedAt > FirstAnswerTimeout.Ticks) Anchor(now);
            if (AnchorPending) RefilledAt = now; // the server may not count yet: nothing accrues
            if (now > RefilledAt)
            {
                Tokens += Seconds(now - RefilledAt) * Rate(nominal, RefilledAt);
                RefilledAt = now;
            }
            Tokens = Math.Max(-MaxDebt, Math.Min(Tokens, Capacity(nominal, burst, now)));
        }

        private void Record(long at)
        {
            long bucket = at - at % MeasureBucketTicks;
            MeasureCount++;
            if (bucket <= MeasureBucket) return;
            double current = MeasureCount / Seconds(bucket - MeasureBucket);
            MeasuredRate = current * MeasureSmoothing + MeasuredRate * (1 - MeasureSmoothing);
            MeasureCount = 0;
            MeasureBucket = bucket;
        }

        private static double Seconds(long ticks) => (double)ticks / TimeSpan.TicksPerSecond;

        // ---- the file form: a small JSON object ------------------------------------------------------

        public void WriteTo(IBufferWriter<byte> output)
        {
            using var w = new Utf8JsonWriter(output);
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            w.WriteNumber("tokens", Tokens);
            w.WriteNumber("refilled_at", RefilledAt);
            w.WriteBoolean("anchor_pending", AnchorPending);
            w.WriteNumber("burst_started_at", BurstStartedAt);
            w.WriteNumber("throttled_at", ThrottledAt);
            w.WriteNumber("rate_at_throttle", RateAtThrottle);
            w.WriteNumber("measured_rate", MeasuredRate);
            w.WriteNumber("measure_bucket", MeasureBucket);
            w.WriteNumber("measure_count", MeasureCount);
            w.WriteEndObject();
        }

        /// <summary>The state in <paramref name="bytes"/>; null when empty, cut off or not this form (then the bucket starts full).</summary>
        public static LimiterState? Read(byte[] bytes, int length)
        {
            if (length == 0) return null;
            try
            {
                using var doc = JsonDocument.Parse(new ReadOnlyMemory<byte>(bytes, 0, length));
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var v) || v.GetInt32() != 1) return null;
                var state = new LimiterState
                {
                    Tokens = root.GetProperty("tokens").GetDouble(),
                    RefilledAt = root.GetProperty("refilled_at").GetInt64(),
                    AnchorPending = root.GetProperty("anchor_pending").GetBoolean(),
                    BurstStartedAt = root.GetProperty("burst_started_at").GetInt64(),
                    ThrottledAt = root.GetProperty("throttled_at").GetInt64(),
                    RateAtThrottle = root.GetProperty("rate_at_throttle").GetDouble(),
                    MeasuredRate = root.GetProperty("measured_rate").GetDouble(),
                    MeasureBucket = root.GetProperty("measure_bucket").GetInt64(),
                    MeasureCount = root.GetProperty("measure_count").GetInt32(),
                };
                return state.IsSane ? state : null;
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException || e is FormatException || e is System.Collections.Generic.KeyNotFoundException)
            {
                return null;
            }
        }

        private bool IsSane =>
            IsFinite(Tokens) && IsFinite(RateAtThrottle) && RateAtThrottle >= 0 && IsFinite(MeasuredRate) && MeasuredRate >= 0
            && RefilledAt >= 0 && BurstStartedAt >= 0 && ThrottledAt >= 0 && MeasureBucket >= 0 && MeasureCount >= 0;

        private static bool IsFinite(double d) => !double.IsNaN(d) && !double.IsInfinity(d);
    }
}
