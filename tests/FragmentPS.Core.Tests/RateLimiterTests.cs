using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using FragmentPS.Core.Resilience;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FragmentPS.Core.Tests
{
    /// <summary>The client limiter: its bucket, its CUBIC rate after a 429, and its state shared through a file.</summary>
    public sealed class RateLimiterTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "fragmentps-tests-" + Guid.NewGuid().ToString("N"));
        private readonly FakeTimeProvider _time = new FakeTimeProvider(new DateTimeOffset(2025, 9, 11, 12, 0, 0, TimeSpan.Zero));

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }

        private string StatePath => Path.Combine(_folder, "ratelimit-test.json");

        private AdaptiveRateLimiter NewLimiter(int perMinute = 60, int burst = 3, string? path = "") =>
            new AdaptiveRateLimiter(path == "" ? StatePath : path, new RateLimitOptions { RequestsPerMinute = perMinute, Burst = burst }, _time);

        /// <summary>Takes a token for a request that is answered at once (its lease disposed).</summary>
        private static void AssertTaken(RateLimiter limiter)
        {
            using var lease = limiter.AttemptAcquire();
            Assert.True(lease.IsAcquired, "a token should be there");
        }

        private static TimeSpan RefusedFor(RateLimitLease lease)
        {
            Assert.False(lease.IsAcquired, "the bucket should be empty");
            Assert.True(lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan wait));
            return wait;
        }

        [Fact]
        public void Cubic_drops_to_seventy_percent_and_recovers_over_half_a_minute()
        {
            Assert.Equal(0.7, CubicRate.At(1, 1, 0), 6);
            Assert.InRange(CubicRate.At(1, 1, 10), 0.8, 0.99);
            Assert.Equal(1, CubicRate.At(1, 1, CubicRate.RecoverySeconds), 6);
            // From a 429 at half the rate, it settles near that half before probing higher.
            Assert.InRange(CubicRate.At(1, 0.5, CubicRate.RecoverySeconds * Math.Pow(0.5, 1.0 / 3)), 0.49, 0.51);
            double previous = 0;
            for (int t = 0; t <= 60; t++)
            {
                double rate = CubicRate.At(1, 0.5, t);
                Assert.True(rate >= previous, "the rate never falls while no 429 comes");
                previous = rate;
            }
            Assert.Equal(CubicRate.MinimumShare, CubicRate.At(1, 0, 0), 6);
        }

        [Fact]
        public void A_429_lowers_the_rate_at_once_and_it_recovers_gradually()
        {
            using var limiter = NewLimiter(perMinute: 60, burst: 3);
            double full = limiter.ConfiguredRate;
            // A steady request a second, then a 429.
            for (int i = 0; i < 10; i++)
            {
                AssertTaken(limiter);
                _time.Advance(TimeSpan.FromSeconds(1));
            }
            limiter.OnThrottled();
            double lowered = limiter.CurrentRate;
            Assert.InRange(lowered, 0.6 * full, 0.75 * full);
            // The bucket gave back what it thought it had: the next request waits for a token at the lower rate.
            Assert.InRange(RefusedFor(limiter.AttemptAcquire()).TotalSeconds, 0.95 / lowered, 1.05 / lowered);
            // A second 429 right after is the same congestion: the rate drops once.
            _time.Advance(TimeSpan.FromMilliseconds(200));
            limiter.OnThrottled();
            Assert.InRange(limiter.CurrentRate, lowered * 0.99, lowered * 1.05);

            _time.Advance(TimeSpan.FromSeconds(10));
            Assert.InRange(limiter.CurrentRate, lowered * 1.05, full * 0.999);
            _time.Advance(TimeSpan.FromSeconds(CubicRate.RecoverySeconds));
            Assert.Equal(full, limiter.CurrentRate, 6);
        }

        [Fact]
        public async Task A_burst_refills_only_from_its_first_answer_and_callers_past_it_wait_for_that_answer()
        {
            // 600/min: a token every 0.1 s (0.101 with the safety factor), burst 2.
            using var limiter = NewLimiter(perMinute: 600, burst: 2);
            var first = limiter.AttemptAcquire();
            Assert.True(limiter.AttemptAcquire().IsAcquired);
            // The first request is slow to arrive (a cold process): nothing refills while its answer is awaited.
            _time.Advance(TimeSpan.FromSeconds(1));
            RefusedFor(limiter.AttemptAcquire());
            var waiting = limiter.AcquireAsync(null, CancellationToken.None).AsTask();
            await AdvanceWhile(() => !waiting.IsCompleted, TimeSpan.FromMilliseconds(200));
            Assert.False(waiting.IsCompleted, "no turn before the burst's first answer");

            first.Dispose(); // the answer came: the server counts from no later than now
            var answered = _time.GetUtcNow();
            await AdvanceWhile(() => !waiting.IsCompleted, TimeSpan.FromSeconds(1));
            Assert.True(waiting.IsCompleted);
            Assert.InRange((_time.GetUtcNow() - answered).TotalSeconds, 0.1, 0.2);
        }

        [Fact]
        public void A_first_answer_that_never_comes_stops_holding_refill_after_a_while()
        {
            using var limiter = NewLimiter(perMinute: 600, burst: 2);
            Assert.True(limiter.AttemptAcquire().IsAcquired); // its process dies before the answer: never disposed
            Assert.True(limiter.AttemptAcquire().IsAcquired);
            _time.Advance(LimiterState.FirstAnswerTimeout + TimeSpan.FromSeconds(1));
            Assert.InRange(RefusedFor(limiter.AttemptAcquire()).TotalSeconds, 0.09, 0.11); // refill starts now
        }

        /// <summary>Moves fake time on in small steps, letting the limiter's continuations run, while the condition holds.</summary>
        private async Task AdvanceWhile(Func<bool> condition, TimeSpan most)
        {
            var step = TimeSpan.FromMilliseconds(5);
            for (var moved = TimeSpan.Zero; condition() && moved < most; moved += step)
            {
                _time.Advance(step);
                for (int i = 0; i < 3 && condition(); i++) await Task.Delay(1);
            }
        }

        [Fact]
        public async Task A_caller_past_the_burst_waits_its_turn_and_a_cancelled_wait_gives_its_token_back()
        {
            using var limiter = NewLimiter(perMinute: 120, burst: 1);
            (await limiter.AcquireAsync(null, CancellationToken.None)).Dispose();
            TimeSpan announced = TimeSpan.Zero;
            var waiting = limiter.AcquireAsync(w => announced = w, CancellationToken.None).AsTask();
            Assert.False(waiting.IsCompleted);
            Assert.InRange(announced.TotalSeconds, 0.5, 0.6);
            _time.Advance(announced);
            Assert.True((await waiting).IsAcquired);

            using var cts = new CancellationTokenSource();
            var cancelled = limiter.AcquireAsync(null, cts.Token).AsTask();
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
            // The one after it is not held for the cancelled caller's turn.
            Assert.InRange(RefusedFor(limiter.AttemptAcquire()).TotalSeconds, 0.4, 0.6);
        }

        [Fact]
        public void Two_limiters_over_one_state_file_draw_from_one_budget_and_slow_down_together()
        {
            using var first = NewLimiter(perMinute: 60, burst: 3);
            using var second = NewLimiter(perMinute: 60, burst: 3);
            for (int i = 0; i < 3; i++) AssertTaken(first);
            RefusedFor(second.AttemptAcquire());
            Assert.Null(second.LocalOnlyReason);

            _time.Advance(TimeSpan.FromSeconds(5));
            first.OnThrottled();
            Assert.True(second.CurrentRate < second.ConfiguredRate * 0.75, "a 429 seen by one process slows the other down");
            Assert.StartsWith("{\"version\":1,", File.ReadAllText(StatePath));
        }

        [Fact]
        public void Requests_sent_without_waiting_are_counted_in_the_shared_budget_soon_after_and_once()
        {
            using var unlimited = NewLimiter(perMinute: 60, burst: 5);
            using var other = NewLimiter(perMinute: 60, burst: 5);
            for (int i = 0; i < 3; i++)
            {
                using RateLimitLease lease = unlimited.AcquireWithoutWaiting();
                Assert.True(lease.IsAcquired);
            }
            // Written off the requests' path, with nothing more asked of the limiter that sent them.
            Assert.True(SpinWait.SpinUntil(() => other.GetStatistics()!.CurrentAvailablePermits <= 2, TimeSpan.FromSeconds(10)),
                "another process should see the three requests in the budget");
            Assert.Equal(2, unlimited.GetStatistics()!.CurrentAvailablePermits);
            Assert.Equal(2, other.GetStatistics()!.CurrentAvailablePermits);
            AssertTaken(other);
            AssertTaken(other);
            RefusedFor(other.AttemptAcquire());
        }

        [Fact]
        public void A_cut_off_state_file_starts_a_full_bucket()
        {
            Directory.CreateDirectory(_folder);
            File.WriteAllText(StatePath, "{\"version\":1,\"tokens\":-3");
            using var limiter = NewLimiter(perMinute: 60, burst: 3);
            for (int i = 0; i < 3; i++) AssertTaken(limiter);
            Assert.Null(limiter.LocalOnlyReason);
        }

        [Fact]
        public void A_lock_held_past_the_timeout_never_blocks_the_caller_and_sharing_resumes_when_it_goes()
        {
            using var limiter = NewLimiter(perMinute: 60, burst: 3);
            AssertTaken(limiter); // the file exists
            using (new FileStream(StatePath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
                AssertTaken(limiter); // the caller goes on with its own copy of the budget
                Assert.Contains("held the shared rate limit state", limiter.LocalOnlyReason);
            }
            _time.Advance(AdaptiveRateLimiter.BusyFileBackOff); // it tries the file again a little later, not at every request
            AssertTaken(limiter);
            Assert.Null(limiter.LocalOnlyReason);
            // Shared again: another limiter over the file sees what this one took.
            using var other = NewLimiter(perMinute: 60, burst: 3);
            AssertTaken(other);
            AssertTaken(other);
            RefusedFor(other.AttemptAcquire());
        }

        [Fact]
        public void A_folder_that_cannot_be_written_leaves_the_process_its_own_budget()
        {
            Directory.CreateDirectory(_folder);
            string notAFolder = Path.Combine(_folder, "a-file");
            File.WriteAllText(notAFolder, "not a folder");
            using var limiter = NewLimiter(perMinute: 60, burst: 2, path: Path.Combine(notAFolder, "state", "ratelimit.json"));
            AssertTaken(limiter);
            Assert.Contains("can't be written", limiter.LocalOnlyReason);
            AssertTaken(limiter);
            RefusedFor(limiter.AttemptAcquire());
        }

        [Fact]
        public void Every_session_of_a_token_on_a_server_shares_one_limiter_whatever_its_rate()
        {
            var server = new Uri("http://127.0.0.1:1/api/v1");
            string token = "shared-" + Guid.NewGuid();
            var options = new RateLimitOptions { RequestsPerMinute = 60, Burst = 5, SharedStateDirectory = _folder };
            var first = SharedRateLimiters.For(server, token, options);
            // -RequestsPerMinute 0 in between neither removes nor replaces the token's limiter.
            Assert.Same(first, SharedRateLimiters.For(server, token, new RateLimitOptions { RequestsPerMinute = 0, SharedStateDirectory = _folder }));
            Assert.Same(first, SharedRateLimiters.For(server, token, options));
            Assert.NotSame(first, SharedRateLimiters.For(server, token + "-other", options));
            Assert.NotSame(first, SharedRateLimiters.For(new Uri("http://127.0.0.1:2/api/v1"), token, options));
            string file = Path.GetFileName(first.StatePath!);
            Assert.DoesNotContain(SharedRateLimiters.Fingerprint(token), file);
            Assert.DoesNotContain(token, file);
        }
    }
}
