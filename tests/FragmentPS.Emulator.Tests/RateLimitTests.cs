using System.Diagnostics;
using System.Globalization;

namespace FragmentPS.Emulator.Tests
{
    /// <summary>The token bucket per token: bursts pass, then 429 with Retry-After, then it refills.</summary>
    public sealed class RateLimitTests
    {
        [Fact]
        public async Task BeyondTheBurstIs429WithRetryAfterThenTheBucketRefills()
        {
            // 600 a minute = one every 100 ms, burst 2: short windows, so the test waits milliseconds, not minutes.
            await using TestApi api = await TestApi.StartAsync(o => { o.RateLimitPerMinute = 600; o.Burst = 2; });
            Assert.Equal(200, (await api.GetAsync("/accounts/me")).Code);
            Assert.Equal(200, (await api.GetAsync("/accounts/me")).Code);
            Reply limited = await api.GetAsync("/accounts/me");
            Shapes.AssertDetail(limited, 429);
            string retryAfter = limited.Headers.GetValues("Retry-After").Single();
            Assert.True(int.TryParse(retryAfter, out int seconds) && seconds >= 1, "Retry-After should be whole seconds >= 1, was " + retryAfter);

            await Task.Delay(250);
            Assert.Equal(200, (await api.GetAsync("/accounts/me")).Code);
        }

        [Fact]
        public async Task TheRateIsHeldOverTime()
        {
            await using TestApi api = await TestApi.StartAsync(o => { o.RateLimitPerMinute = 1200; o.Burst = 1; });
            var clock = Stopwatch.StartNew();
            int ok = 0, attempts = 0;
            while (clock.ElapsedMilliseconds < 1500)
            {
                attempts++;
                if ((await api.GetAsync("/accounts/me")).Code == 200) ok++;
            }
            // 20 a second plus the one in the bucket: never more. (Fewer when this busy 2-core machine pauses the
            // loop: a bucket of 1 cannot bank the pause, so the lower bound only checks that it refills at all.)
            double allowed = 1 + (20 * clock.Elapsed.TotalSeconds);
            Assert.True(ok <= allowed + 1, $"{ok} passed in {clock.ElapsedMilliseconds} ms, at most {allowed:F0} allowed");
            Assert.True(ok >= 3 && attempts > ok, $"{ok} of {attempts} passed in {clock.ElapsedMilliseconds} ms");
        }

        [Fact]
        public async Task EachTokenHasItsOwnBucket()
        {
            await using TestApi api = await TestApi.StartAsync(o => { o.RateLimitPerMinute = 60; o.Burst = 1; o.Tokens.Add("second"); });
            Assert.Equal(200, (await api.GetAsync("/accounts/me")).Code);
            Reply limited = await api.GetAsync("/accounts/me");
            Assert.Equal(429, limited.Code);
            Assert.Equal("1", limited.Headers.GetValues("Retry-After").Single());
            Assert.Equal(200, (await api.GetAsync("/accounts/me", "second")).Code);
        }

        [Fact]
        public async Task RetryAfterIsTheTimeLeftUntilTheNextRequestNotAWholeInterval()
        {
            // 6 a minute: one request every 10 s. Waiting 1.5 s after emptying the bucket leaves at most 8.5 s.
            await using TestApi api = await TestApi.StartAsync(o => { o.RateLimitPerMinute = 6; o.Burst = 1; });
            var clock = Stopwatch.StartNew();
            Assert.Equal(200, (await api.GetAsync("/accounts/me")).Code);
            await Task.Delay(1500);
            Reply limited = await api.GetAsync("/accounts/me");
            double elapsed = clock.Elapsed.TotalSeconds;
            Assert.Equal(429, limited.Code);
            int seconds = int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
            Assert.InRange(seconds, Math.Max(1, (int)Math.Ceiling(10 - elapsed)), 9);
        }

        [Fact]
        public async Task TheDefaultIs60AMinuteWithABurstOf10()
        {
            await using TestApi api = await TestApi.StartAsync(o => { o.RateLimitPerMinute = EmulatorOptions.DefaultRateLimitPerMinute; o.Burst = EmulatorOptions.DefaultBurst; });
            int[] codes = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ => (await api.GetAsync("/accounts/me")).Code));
            Assert.Equal(10, codes.Count(c => c == 200));
            Assert.Equal(2, codes.Count(c => c == 429));
            Reply stats = await api.GetAsync("/_emulator/stats");
            Assert.Equal(2, stats.Json.GetProperty("rate_limited").GetInt32());
        }

        [Fact]
        public async Task ResetRefillsTheBucketsAndZeroSwitchesTheLimitOff()
        {
            await using TestApi limited = await TestApi.StartAsync(o => { o.RateLimitPerMinute = 1; o.Burst = 1; });
            Assert.Equal(200, (await limited.GetAsync("/accounts/me")).Code);
            Assert.Equal(429, (await limited.GetAsync("/accounts/me")).Code);
            await limited.PostAsync("/_emulator/reset", null);
            Assert.Equal(200, (await limited.GetAsync("/accounts/me")).Code);

            await using TestApi unlimited = await TestApi.StartAsync(o => o.RateLimitPerMinute = 0);
            int[] codes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ => (await unlimited.GetAsync("/accounts/me")).Code));
            Assert.All(codes, c => Assert.Equal(200, c));
        }

        [Fact]
        public async Task AdminRoutesAreNotLimited()
        {
            await using TestApi api = await TestApi.StartAsync(o => { o.RateLimitPerMinute = 1; o.Burst = 1; });
            for (int i = 0; i < 5; i++) Assert.Equal(200, (await api.GetAsync("/_emulator/health")).Code);
        }
    }
}
