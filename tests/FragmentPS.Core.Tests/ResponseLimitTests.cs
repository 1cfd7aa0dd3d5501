using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Resilience;
using FragmentPS.TestFixtures;
using Xunit;

namespace FragmentPS.Core.Tests
{
    public sealed class HostileServerFixture : IDisposable
    {
        public HostileServer Server { get; } = HostileServer.Start();

        public FragmentClient NewClient(string scenario, int maxResponseSizeMB = FragmentClientOptions.DefaultMaxResponseSizeMB) =>
            new FragmentClient(new FragmentClientOptions
            {
                BaseUri = Server.BaseUri(scenario),
                MaxResponseSizeMB = maxResponseSizeMB,
                Retry = new RetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(10), RequestTimeout = TimeSpan.FromSeconds(60) },
                RateLimit = new RateLimitOptions { RequestsPerMinute = 0 },
            }, "hostile-token");

        public void Dispose() => Server.Dispose();
    }

    /// <summary>Answers too large to hold: refused at the size cap (after decompression) or the page's limit, never read whole.</summary>
    [CollectionDefinition("hostile", DisableParallelization = true)]
    public sealed class HostileCollection : ICollectionFixture<HostileServerFixture> { }

    [Collection("hostile")]
    public sealed class ResponseLimitTests
    {
        private const long MB = 1024 * 1024;
        private readonly HostileServerFixture _hostile;

        public ResponseLimitTests(HostileServerFixture hostile)
        {
            _hostile = hostile;
            _hostile.Server.ResetCounters();
        }

        private int RequestsFor(string scenario) => _hostile.Server.Requests.Count(r => r.Contains("/" + scenario + "/api/v1/tasks"));

        [Fact]
        public async Task A_2_GB_body_without_a_length_is_refused_at_the_default_limit_and_not_retried()
        {
            using var client = _hostile.NewClient("huge");
            var ex = await Assert.ThrowsAsync<FragmentApiException>(() => client.GetTaskAsync(Guid.NewGuid(), CancellationToken.None));
            Assert.Equal(FragmentErrorKind.ResponseTooLarge, ex.Kind);
            Assert.Contains("32 MB", ex.Message);
            Assert.StartsWith("GET /tasks/", ex.Request);
            Assert.Equal(1, RequestsFor("huge"));
            // The client hung up at the limit: what the server got out is the limit plus what the sockets buffer.
            Assert.InRange(_hostile.Server.BytesSent, 32 * MB, 48 * MB);
        }

        [Fact]
        public async Task The_limit_is_the_sessions_own()
        {
            using var client = _hostile.NewClient("huge", maxResponseSizeMB: 1);
            var ex = await Assert.ThrowsAsync<FragmentApiException>(() => client.SearchTasksPageAsync(new TaskQuery(), null, CancellationToken.None));
            Assert.Equal(FragmentErrorKind.ResponseTooLarge, ex.Kind);
            Assert.Contains("1 MB", ex.Message);
            Assert.InRange(_hostile.Server.BytesSent, 1 * MB, 17 * MB);
        }

        [Fact]
        public async Task A_declared_length_over_the_limit_is_refused_before_the_body_is_read()
        {
            using var client = _hostile.NewClient("huge-declared");
            var ex = await Assert.ThrowsAsync<FragmentApiException>(() => client.GetTaskAsync(Guid.NewGuid(), CancellationToken.None));
            Assert.Equal(FragmentErrorKind.ResponseTooLarge, ex.Kind);
            Assert.InRange(_hostile.Server.BytesSent, 0, 16 * MB);
        }

        [Fact]
        public async Task A_gzip_bomb_is_counted_unpacked_and_refused()
        {
            // ~1 MB on the wire, 1 GiB unpacked: only the unpacked count can stop it.
            using var client = _hostile.NewClient("gzip-bomb");
            var ex = await Assert.ThrowsAsync<FragmentApiException>(() => client.SearchTasksPageAsync(new TaskQuery(), null, CancellationToken.None));
            Assert.Equal(FragmentErrorKind.ResponseTooLarge, ex.Kind);
            Assert.InRange(_hostile.Server.BytesSent, 0, 2 * MB);
        }

        [Fact]
        public async Task A_page_with_more_items_than_asked_for_is_refused_and_not_retried()
        {
            using var client = _hostile.NewClient("many-items");
            var ex = await Assert.ThrowsAsync<FragmentApiException>(() => client.SearchTasksPageAsync(new TaskQuery { PageSize = 5 }, null, CancellationToken.None));
            Assert.Equal(FragmentErrorKind.InvalidResponse, ex.Kind);
            Assert.Contains("more than the 5 items", ex.Message);
            Assert.Equal(1, RequestsFor("many-items"));
        }

        [Fact]
        public async Task A_comment_page_with_more_items_than_asked_for_is_refused()
        {
            using var client = _hostile.NewClient("many-items");
            var ex = await Assert.ThrowsAsync<FragmentApiException>(() => client.GetComments(Guid.NewGuid(), 100).ToListAsync().AsTask());
            Assert.Equal(FragmentErrorKind.InvalidResponse, ex.Kind);
            Assert.Contains("more than the 100 items", ex.Message);
        }

        [Fact]
        public async Task A_page_of_no_declared_length_is_read_whole_across_its_pieces()
        {
            using var client = _hostile.NewClient("gzip-page", maxResponseSizeMB: 1);
            var page = await client.SearchTasksPageAsync(new TaskQuery { PageSize = 100 }, null, CancellationToken.None);
            Assert.Equal(100, page.Items.Count);
            Assert.Equal(Enumerable.Range(1, 100).Select(n => "Hostile " + n), page.Items.Select(t => t.Fields!["title"].GetString()));
            Assert.Equal(new string('n', 2000) + "100", page.Items[99].Fields!["note"].GetString());
        }

        [Fact]
        public async Task An_answer_under_the_limit_is_read()
        {
            using var client = _hostile.NewClient("normal", maxResponseSizeMB: 1);
            var page = await client.SearchTasksPageAsync(new TaskQuery { PageSize = 3 }, null, CancellationToken.None);
            Assert.Equal(new[] { "Hostile 1", "Hostile 2", "Hostile 3" }, page.Items.Select(t => t.Fields!["title"].GetString()));
        }
    }
}
