using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Models;
using Xunit;

namespace FragmentPS.Core.Tests
{
    [Collection("emulator")]
    public sealed class ClientTests
    {
        private readonly EmulatorFixture _emulator;

        public ClientTests(EmulatorFixture emulator) => _emulator = emulator;

        private static TaskWrite NewTask(string title, string country = "FR")
        {
            var write = new TaskWrite();
            write.Fields["title"] = title;
            write.Fields["country"] = country;
            return write;
        }

        [Fact]
        public async Task Account_check_returns_the_account_and_refuses_a_wrong_token()
        {
            using var client = _emulator.NewClient();
            var account = await client.GetAccountAsync(CancellationToken.None);
            Assert.NotEqual(Guid.Empty, account.Uid);
            Assert.False(string.IsNullOrEmpty(account.Name));

            using var wrong = _emulator.NewClient(token: "not-the-token");
            var ex = await Assert.ThrowsAsync<FragmentApiException>(() => wrong.GetAccountAsync(CancellationToken.None));
            Assert.Equal(FragmentErrorKind.Authentication, ex.Kind);
            Assert.Equal(401, ex.StatusCode);
            Assert.DoesNotContain("not-the-token", ex.Message);
        }

        [Fact]
        public async Task Put_creates_under_the_client_uid_and_a_repeat_changes_nothing()
        {
            using var client = _emulator.NewClient();
            var uid = Guid.NewGuid();
            var created = await client.PutTaskAsync(uid, NewTask("put twice"), CancellationToken.None);
            var again = await client.PutTaskAsync(uid, NewTask("put twice"), CancellationToken.None);
            Assert.Equal(uid, created.Uid);
            Assert.Equal(TaskStatuses.Todo, created.Status);
            Assert.Equal(created.UpdatedAt, again.UpdatedAt);
            Assert.Equal("FR", (await client.GetTaskAsync(uid, CancellationToken.None)).Fields!["country"].GetString());
        }

        [Fact]
        public async Task Unknown_response_keys_are_kept()
        {
            using var client = _emulator.NewClient();
            var task = await client.PutTaskAsync(Guid.NewGuid(), NewTask("keys"), CancellationToken.None);
            Assert.NotNull(task.Extra);
            Assert.True(task.Extra!.ContainsKey("num_children"), "num_children is not modelled and must stay reachable");
            Assert.True(task.Extra.ContainsKey("work_time_business"));
        }

        [Fact]
        public async Task Patch_merges_fields_and_sets_done_at()
        {
            using var client = _emulator.NewClient();
            var uid = Guid.NewGuid();
            await client.PutTaskAsync(uid, NewTask("patch me"), CancellationToken.None);
            var change = new TaskWrite { Status = TaskStatuses.Done };
            change.Fields["ticket_id"] = "T-9";
            var updated = await client.UpdateTaskAsync(uid, change, CancellationToken.None);
            Assert.Equal(TaskStatuses.Done, updated.Status);
            Assert.NotNull(updated.DoneAt);
            Assert.Equal("patch me", updated.Fields!["title"].GetString());
            Assert.Equal("T-9", updated.Fields["ticket_id"].GetString());
        }

        [Fact]
        public async Task Errors_carry_status_detail_and_field()
        {
            using var client = _emulator.NewClient();
            var missing = await Assert.ThrowsAsync<FragmentApiException>(() => client.GetTaskAsync(Guid.NewGuid(), CancellationToken.None));
            Assert.Equal(FragmentErrorKind.NotFound, missing.Kind);
            Assert.Equal(404, missing.StatusCode);
            Assert.StartsWith("GET /tasks/", missing.Request);

            var noTitle = new TaskWrite();
            noTitle.Fields["country"] = "FR";
            var invalid = await Assert.ThrowsAsync<FragmentApiException>(() => client.PutTaskAsync(Guid.NewGuid(), noTitle, CancellationToken.None));
            Assert.Equal(FragmentErrorKind.InvalidArgument, invalid.Kind);
            Assert.Equal(422, invalid.StatusCode);
            Assert.Equal("fields.title", invalid.Field);
            Assert.Contains("fields.title", invalid.Message);
        }

        [Fact]
        public async Task Delete_removes_the_task()
        {
            using var client = _emulator.NewClient();
            var uid = Guid.NewGuid();
            await client.PutTaskAsync(uid, NewTask("delete me"), CancellationToken.None);
            var deleted = await client.DeleteTaskAsync(uid, CancellationToken.None);
            Assert.Equal(uid, deleted!.Uid);
            await Assert.ThrowsAsync<FragmentApiException>(() => client.GetTaskAsync(uid, CancellationToken.None));
        }

        [Fact]
        public async Task Comments_are_added_and_listed()
        {
            using var client = _emulator.NewClient();
            var uid = Guid.NewGuid();
            await client.PutTaskAsync(uid, NewTask("comment me"), CancellationToken.None);
            var first = await client.AddCommentAsync(uid, "one", CancellationToken.None);
            // created_at has millisecond precision, and comments of the same millisecond are listed by uid:
            // let the clock move on, so that "two" is later than "one".
            await Task.Delay(5);
            await client.AddCommentAsync(uid, "two", CancellationToken.None);
            Assert.Equal(uid, first.TaskUid);
            var contents = await client.GetComments(uid, 1).Select(c => c.Content).ToListAsync();
            Assert.Equal(new[] { "one", "two" }, contents);
        }

        [Fact]
        public async Task Batch_put_creates_every_item_in_one_request()
        {
            using var client = _emulator.NewClient();
            var writes = Enumerable.Range(0, 25).Select(i =>
            {
                var w = NewTask("batch " + i, "DE");
                w.Uid = Guid.NewGuid();
                return w;
            }).ToList();
            int before = await _emulator.CountAsync("PUT", "/tasks/batch");
            var written = await client.PutTasksAsync(writes, CancellationToken.None);
            Assert.Equal(writes.Select(w => w.Uid!.Value).OrderBy(u => u), written.Select(t => t.Uid).OrderBy(u => u));
            Assert.Equal(before + 1, await _emulator.CountAsync("PUT", "/tasks/batch"));
        }

        [Fact]
        public async Task Search_follows_every_page_without_repeats()
        {
            using var client = _emulator.NewClient();
            string marker = "search-" + Guid.NewGuid().ToString("N");
            var expected = new HashSet<Guid>();
            for (int i = 0; i < 23; i++)
            {
                var w = NewTask("s" + i);
                w.Fields["marker"] = marker;
                expected.Add((await client.PutTaskAsync(Guid.NewGuid(), w, CancellationToken.None)).Uid);
            }
            var query = new TaskQuery { PageSize = 5 };
            query.Fields["marker"] = new List<string> { marker };
            var tasks = client.SearchTasks(query);
            var seen = await tasks.Select(t => t.Uid).ToListAsync();
            Assert.Equal(5, tasks.PagesRequested);
            Assert.Equal(23, tasks.TotalCount);
            Assert.Equal(seen.Count, seen.Distinct().Count());
            Assert.True(expected.SetEquals(seen));
        }

        [Fact]
        public async Task Cancellation_stops_a_slow_request_quickly()
        {
            await _emulator.AddFaultsAsync("[{\"kind\":\"latency\",\"latency_ms\":5000,\"route\":\"/accounts/me\",\"count\":1}]");
            using var client = _emulator.NewClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAccountAsync(cts.Token));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"cancellation took {clock.Elapsed}");
            await _emulator.AdminAsync(HttpMethod.Delete, "faults");
        }
    }
}
