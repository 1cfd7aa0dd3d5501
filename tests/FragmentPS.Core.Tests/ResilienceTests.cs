using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Models;
using FragmentPS.Core.Resilience;
using Xunit;

namespace FragmentPS.Core.Tests
{
    /// <summary>Retries against the emulator's fault injection: what is retried, and nothing applied twice.</summary>
    [Collection("emulator")]
    public sealed class ResilienceTests : IAsyncLifetime
    {
        private readonly EmulatorFixture _emulator;

        public ResilienceTests(EmulatorFixture emulator) => _emulator = emulator;

        public Task InitializeAsync() => _emulator.AdminAsync(HttpMethod.Delete, "faults");
        public Task DisposeAsync() => _emulator.AdminAsync(HttpMethod.Delete, "faults");

        private async Task<Guid> CreateTaskAsync(FragmentClient client)
        {
            var w = new TaskWrite();
            w.Fields["title"] = "resilience";
            return (await client.PutTaskAsync(Guid.NewGuid(), w, CancellationToken.None)).Uid;
        }

        private sealed class Recorder : IRequestObserver
        {
            public System.Collections.Concurrent.ConcurrentQueue<ClientEvent> Events { get; } = new System.Collections.Concurrent.ConcurrentQueue<ClientEvent>();
            public bool WantsBodies => false;
            public void OnEvent(ClientEvent e) => Events.Enqueue(e);
        }

        [Fact]
        public async Task Get_is_retried_through_503s_and_each_retry_is_reported()
        {
            using var plain = _emulator.NewClient();
            var uid = await CreateTaskAsync(plain);
            await _emulator.AddFaultsAsync("[{\"method\":\"GET\",\"route\":\"/tasks/{uid}\",\"kind\":\"status\",\"status\":503,\"sequence\":[true,true]}]");
            var recorder = new Recorder();
            var task = await plain.WithObserver(recorder).GetTaskAsync(uid, CancellationToken.None);
            Assert.Equal(uid, task.Uid);
            Assert.Equal(2, recorder.Events.Count(e => e.Kind == ClientEventKind.Retry));
            Assert.Contains(recorder.Events, e => e.Kind == ClientEventKind.Request && e.Message.Contains("-> 503") && e.Message.Contains("attempt 1"));
            Assert.Contains(recorder.Events, e => e.Kind == ClientEventKind.Request && e.Message.Contains("-> 200") && e.Message.Contains("attempt 3"));
        }

        [Fact]
        public async Task When_retries_run_out_the_error_says_so_with_the_last_status()
        {
            using var client = _emulator.NewClient(maxRetries: 2);
            var uid = await CreateTaskAsync(client);
            await _emulator.AddFaultsAsync("[{\"method\":\"GET\",\"route\":\"/tasks/{uid}\",\"kind\":\"status\",\"status\":503,\"retry_after\":0,\"count\":10}]");
            var ex = await Assert.ThrowsAsync<FragmentApiException>(() => client.GetTaskAsync(uid, CancellationToken.None));
            Assert.Equal(FragmentErrorKind.ServerError, ex.Kind);
            Assert.Equal(503, ex.StatusCode);
            Assert.Equal(3, ex.Attempts);
            Assert.Contains("after 3 attempts", ex.Message);
        }

        [Fact]
        public async Task A_post_is_not_retried_after_a_503()
        {
            using var client = _emulator.NewClient();
            var uid = await CreateTaskAsync(client);
            await _emulator.AddFaultsAsync("[{\"method\":\"POST\",\"route\":\"/tasks/{uid}/comments\",\"kind\":\"status\",\"status\":503,\"count\":1}]");
            var ex = await Assert.ThrowsAsync<FragmentApiException>(() => client.AddCommentAsync(uid, "once", CancellationToken.None));
            Assert.Equal(1, ex.Attempts);
            Assert.Equal(FragmentErrorKind.ServerError, ex.Kind);
        }

        [Fact]
        public async Task A_post_is_retried_after_a_429_because_the_server_did_not_process_it()
        {
            using var client = _emulator.NewClient();
            var uid = await CreateTaskAsync(client);
            await _emulator.AddFaultsAsync("[{\"method\":\"POST\",\"route\":\"/tasks/{uid}/comments\",\"kind\":\"status\",\"status\":429,\"retry_after\":1,\"count\":1}]");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var comment = await client.AddCommentAsync(uid, "after 429", CancellationToken.None);
            Assert.Equal("after 429", comment.Content);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), "Retry-After is a floor for the wait");
            Assert.Single(await client.GetComments(uid, 100).ToListAsync());
        }

        [Fact]
        public async Task A_comment_dropped_after_apply_is_reported_as_unknown_and_exists_once()
        {
            using var client = _emulator.NewClient();
            var uid = await CreateTaskAsync(client);
            await _emulator.AddFaultsAsync("[{\"method\":\"POST\",\"route\":\"/tasks/{uid}/comments\",\"kind\":\"drop_after\",\"count\":1}]");
            var ex = await Assert.ThrowsAsync<FragmentApiException>(() => client.AddCommentAsync(uid, "maybe", CancellationToken.None));
            Assert.Equal(FragmentErrorKind.OutcomeUnknown, ex.Kind);
            Assert.Equal(1, ex.Attempts);
            Assert.Single(await client.GetComments(uid, 100).ToListAsync());
        }

        [Fact]
        public async Task A_put_dropped_after_apply_is_retried_and_leaves_one_task()
        {
            using var client = _emulator.NewClient();
            var uid = Guid.NewGuid();
            await _emulator.AddFaultsAsync("[{\"method\":\"PUT\",\"route\":\"/tasks/{uid}\",\"kind\":\"drop_after\",\"count\":1}]");
            var w = new TaskWrite();
            w.Fields["title"] = "dropped once";
            w.Fields["marker"] = uid.ToString();
            var task = await client.PutTaskAsync(uid, w, CancellationToken.None);
            Assert.Equal(uid, task.Uid);
            var query = new TaskQuery();
            query.Fields["marker"] = new System.Collections.Generic.List<string> { uid.ToString() };
            var page = await client.SearchTasksPageAsync(query, null, CancellationToken.None);
            Assert.Single(page.Items);
        }

        [Fact]
        public async Task A_truncated_body_on_a_get_is_retried()
        {
            using var client = _emulator.NewClient();
            var uid = await CreateTaskAsync(client);
            await _emulator.AddFaultsAsync("[{\"method\":\"GET\",\"route\":\"/tasks/{uid}\",\"kind\":\"truncate\",\"count\":1}]");
            Assert.Equal(uid, (await client.GetTaskAsync(uid, CancellationToken.None)).Uid);
        }

        [Fact]
        public async Task A_truncated_search_page_is_retried_and_the_search_returns_every_task_once()
        {
            using var client = _emulator.NewClient();
            string marker = Guid.NewGuid().ToString("N");
            var writes = new System.Collections.Generic.List<TaskWrite>();
            for (int i = 0; i < 25; i++)
            {
                var w = new TaskWrite { Uid = Guid.NewGuid() };
                w.Fields["title"] = $"paged {i}";
                w.Fields["marker"] = marker;
                writes.Add(w);
            }
            await client.PutTasksAsync(writes, CancellationToken.None);
            // The second page request is answered with half a body: it fails where it is retried.
            await _emulator.AddFaultsAsync("[{\"method\":\"GET\",\"route\":\"/tasks\",\"kind\":\"truncate\",\"sequence\":[false,true]}]");
            var query = new TaskQuery { PageSize = 10 };
            query.Fields["marker"] = new System.Collections.Generic.List<string> { marker };
            var seen = new System.Collections.Generic.List<Guid>();
            await foreach (var task in client.SearchTasks(query)) seen.Add(task.Uid);
            Assert.Equal(25, seen.Count);
            Assert.Equal(writes.Select(w => w.Uid!.Value).OrderBy(g => g), seen.OrderBy(g => g));
            var faults = await _emulator.AdminAsync(HttpMethod.Get, "faults");
            Assert.Equal(1, faults.GetProperty("rules")[0].GetProperty("fired").GetInt32());
        }

        [Fact]
        public async Task A_connect_failure_before_any_answer_fails_at_once()
        {
            int port = FreePort();
            using var client = ClientOn(port);
            var ex = await Assert.ThrowsAsync<FragmentApiException>(() => client.GetAccountAsync(CancellationToken.None));
            Assert.Equal(FragmentErrorKind.Network, ex.Kind);
            Assert.Equal(1, ex.Attempts); // a wrong address, not an outage: no retries
        }

        [Fact]
        public async Task A_connect_failure_after_an_answer_is_retried_even_for_a_post()
        {
            int port = FreePort();
            using var client = ClientOn(port);
            using (var server = new System.Net.HttpListener())
            {
                server.Prefixes.Add($"http://127.0.0.1:{port}/");
                server.Start();
                var answering = Task.Run(async () =>
                {
                    var context = await server.GetContextAsync();
                    byte[] body = System.Text.Encoding.UTF8.GetBytes("{\"uid\":\"" + Guid.NewGuid() + "\",\"name\":\"acme\"}");
                    context.Response.ContentType = "application/json";
                    context.Response.KeepAlive = false; // the next request opens a new connection, which is refused
                    context.Response.OutputStream.Write(body, 0, body.Length);
                    context.Response.Close();
                });
                await client.GetAccountAsync(CancellationToken.None);
                await answering;
            }
            // The server is gone now: an outage of a server that answered before.
            var ex = await Assert.ThrowsAsync<FragmentApiException>(() => client.AddCommentAsync(Guid.NewGuid(), "x", CancellationToken.None));
            Assert.Equal(FragmentErrorKind.Network, ex.Kind);
            Assert.Equal(3, ex.Attempts); // provably not processed, so even a POST is retried
        }

        private static int FreePort()
        {
            // A port nobody listens on: find one by binding and releasing it.
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static FragmentClient ClientOn(int port) => new FragmentClient(new FragmentClientOptions
        {
            BaseUri = new Uri($"http://127.0.0.1:{port}/api/v1"),
            Retry = new RetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(10) },
            RateLimit = new RateLimitOptions { RequestsPerMinute = 0 },
        }, "t");

        [Fact]
        public async Task A_429_is_retried_past_the_retry_count_while_the_time_budget_lasts()
        {
            // Eight 429s in a row against a limit of two retries: a 429 was not processed, so only time bounds it.
            using var client = _emulator.NewClient(maxRetries: 2);
            var uid = await CreateTaskAsync(client);
            await _emulator.AdminAsync(HttpMethod.Delete, "stats");
            await _emulator.AddFaultsAsync("[{\"method\":\"POST\",\"route\":\"/tasks/{uid}/comments\",\"kind\":\"status\",\"status\":429,\"retry_after\":0,\"count\":8}]");
            var recorder = new Recorder();
            var comment = await client.WithObserver(recorder).AddCommentAsync(uid, "after eight 429s", CancellationToken.None);
            Assert.Equal("after eight 429s", comment.Content);
            Assert.Equal(9, await _emulator.CountAsync("POST", "/tasks/{uid}/comments"));
            Assert.Equal(8, recorder.Events.Count(e => e.Kind == ClientEventKind.Retry && e.Message.Contains("429s are retried for up to")));
        }

        [Fact]
        public async Task A_429_that_outlasts_the_time_budget_fails_as_rate_limited_naming_the_time_spent()
        {
            using var client = new FragmentClient(new FragmentClientOptions
            {
                BaseUri = _emulator.Server.BaseUri,
                Retry = new RetryOptions { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100), MaxRetryTime = TimeSpan.FromSeconds(1) },
                RateLimit = new RateLimitOptions { RequestsPerMinute = 0 },
            }, EmulatorFixture.Token);
            var uid = await CreateTaskAsync(client);
            await _emulator.AddFaultsAsync("[{\"method\":\"GET\",\"route\":\"/tasks/{uid}\",\"kind\":\"status\",\"status\":429,\"retry_after\":0}]");
            var ex = await Assert.ThrowsAsync<FragmentApiException>(() => client.GetTaskAsync(uid, CancellationToken.None));
            Assert.Equal(FragmentErrorKind.RateLimited, ex.Kind);
            Assert.True(ex.Attempts > 3, $"{ex.Attempts} attempts: more than the retry count allows for other failures");
            Assert.Matches(@"after \d+ attempts over \d+(\.\d)? m?s", ex.Message);
            Assert.Contains("the retry time limit of 1.0 s would be passed", ex.Message);
        }
    }
}
