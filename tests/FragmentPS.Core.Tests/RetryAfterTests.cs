using System;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Http;
using FragmentPS.Core.Resilience;
using FragmentPS.TestFixtures;
using Xunit;

namespace FragmentPS.Core.Tests
{
    /// <summary>Retry-After values no sane server sends: clamped or ignored, never a raw .NET exception.</summary>
    public sealed class RetryAfterTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 9, 11, 12, 0, 0, TimeSpan.Zero);

        [Theory]
        [InlineData("7", 7.0)]
        [InlineData("0.5", 0.5)]
        [InlineData("Thu, 11 Sep 2025 12:00:30 GMT", 30.0)]
        [InlineData("Thu, 11 Sep 2025 11:00:00 GMT", 0.0)]
        [InlineData("Infinity", 86400.0)]
        [InlineData("1e300", 86400.0)]
        [InlineData("99999999999999999999", 86400.0)]
        [InlineData("Fri, 31 Dec 9999 23:59:59 GMT", 86400.0)]
        public void Retry_after_is_read_and_cut_to_the_longest_wait(string header, double seconds)
        {
            Assert.Equal(TimeSpan.FromSeconds(seconds), FragmentTransport.ParseRetryAfter(header, Now));
        }

        [Theory]
        [InlineData("NaN")]
        [InlineData("-5")]
        [InlineData("-Infinity")]
        [InlineData("soon")]
        [InlineData("")]
        public void A_retry_after_that_means_nothing_is_ignored(string header)
        {
            Assert.Null(FragmentTransport.ParseRetryAfter(header, Now));
        }

        private static FragmentClient ClientFor(HostileServer server, string scenario, int retrySeconds) =>
            new FragmentClient(new FragmentClientOptions
            {
                BaseUri = server.BaseUri(scenario),
                Retry = new RetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50), MaxRetryTime = TimeSpan.FromSeconds(retrySeconds) },
                RateLimit = new RateLimitOptions { RequestsPerMinute = 0 },
            }, "hostile-" + Guid.NewGuid());

        [Theory]
        [InlineData("retry-after-infinity")]
        [InlineData("retry-after-huge")]
        [InlineData("retry-after-far-date")]
        public async Task A_429_asking_for_a_wait_past_the_budget_ends_at_once_as_rate_limited(string scenario)
        {
            using var server = HostileServer.Start();
            using var client = ClientFor(server, scenario, retrySeconds: 1);
            var ex = await Assert.ThrowsAsync<FragmentApiException>(() => client.GetAccountAsync(CancellationToken.None));
            Assert.Equal(FragmentErrorKind.RateLimited, ex.Kind);
            Assert.Equal(1, ex.Attempts);
            Assert.Contains("the server asks to wait 86400.0 s, longer than the retry time limit", ex.Message);
        }

        [Theory]
        [InlineData("retry-after-nan")]
        [InlineData("retry-after-negative")]
        public async Task A_429_with_a_meaningless_retry_after_backs_off_on_its_own_until_the_budget_is_spent(string scenario)
        {
            using var server = HostileServer.Start();
            // Time enough for a retry even when the first attempt is slow (a cold process on a busy machine).
            using var client = ClientFor(server, scenario, retrySeconds: 3);
            var ex = await Assert.ThrowsAsync<FragmentApiException>(() => client.GetAccountAsync(CancellationToken.None));
            Assert.Equal(FragmentErrorKind.RateLimited, ex.Kind);
            Assert.Null(ex.RetryAfter);
            Assert.True(ex.Attempts > 1, ex.Message);
            Assert.Equal(ex.Attempts, server.Requests.Length);
            Assert.Contains("the retry time limit of 3.0 s would be passed", ex.Message);
        }
    }
}
