using System.Collections.Concurrent;
using System.Threading;

namespace FragmentPS.Emulator.Tests
{
    /// <summary>
    /// Keyset paging stays stable while tasks are created, changed (their sort key too) and deleted between and
    /// during pages: a task that exists throughout is returned exactly once.
    /// </summary>
    public sealed class PagingStabilityTests : SharedEmulatorTests
    {
        public PagingStabilityTests(SharedEmulator emulator)
            : base(emulator)
        {
        }

        [Theory]
        [InlineData("created_at", "")]
        [InlineData("-created_at", "")]
        [InlineData("updated_at", "")]
        [InlineData("-updated_at", "")]
        [InlineData("due_at", "")]
        [InlineData("-due_at", "&status=TODO")]
        [InlineData("updated_at", "&status=TODO&country=FR")]
        public async Task NoTaskThatExistsThroughoutIsSkippedOrRepeated(string orderBy, string filters)
        {
            string marker = Guid.NewGuid().ToString("N");
            // Seeded from the case's text by a fixed rule (string.GetHashCode differs in every process), so a
            // failing case fails again on the next run.
            var rng = new Random((orderBy + filters).Aggregate(17, (seed, c) => unchecked(seed * 31 + c)));
            var all = new List<string>();
            for (int batch = 0; batch < 2; batch++)
            {
                var items = Enumerable.Range(0, 100).Select(i => new
                {
                    fields = new { title = $"S{i}", marker, country = "FR" },
                    due_at = DateTime.UtcNow.AddMinutes(rng.Next(0, 10_000)),
                }).ToArray();
                Reply reply = await Api.PostAsync("/tasks/batch", new { items });
                all.AddRange(reply.Json.GetProperty("items").EnumerateArray().Select(Shapes.Uid));
            }
            // Every tenth task may be deleted; the rest exist throughout and must each come exactly once.
            string[] deletable = all.Where((_, i) => i % 10 == 0).ToArray();
            string[] stable = all.Except(deletable).ToArray();

            var seen = new List<string>();
            using var stop = new CancellationTokenSource();
            Task churn = ChurnAsync(marker, stable, deletable, stop.Token);
            string? cursor = null;
            do
            {
                Reply page = await Api.GetAsync($"/tasks?marker={marker}&limit=9&order_by={orderBy}{filters}" +
                                                 (cursor is null ? "" : "&cursor=" + cursor));
                Assert.True(page.Code == 200, page.ToString());
                string[] uids = page.Json.GetProperty("items").EnumerateArray().Select(Shapes.Uid).ToArray();
                seen.AddRange(uids);
                // Between pages, deterministically: move the sort key of tasks already returned and of tasks still
                // ahead (either would be repeated or skipped by a plain keyset), delete one, create one.
                // (A page is the store as the search began: it may hold tasks deleted since, so touch stable ones.)
                await TouchAsync(uids.Intersect(stable).Take(2).Concat(stable.Except(seen).Take(2)));
                await Api.DeleteAsync("/tasks/" + deletable[seen.Count % deletable.Length]);
                await Api.CreateTaskAsync(new { marker, country = "FR" });
                cursor = page.Json.GetProperty("meta").GetProperty("next_cursor").GetString();
            }
            while (cursor is not null);
            stop.Cancel();
            await churn;

            string[] repeated = seen.GroupBy(u => u).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
            Assert.True(repeated.Length == 0, $"returned twice: {string.Join(", ", repeated)}");
            string[] skipped = stable.Except(seen).ToArray();
            Assert.True(skipped.Length == 0, $"skipped {skipped.Length} of {stable.Length}: {string.Join(", ", skipped.Take(5))}");
        }

        /// <summary>Changes the sort keys of the given tasks (a status write leaves status filters matching).</summary>
        private async Task TouchAsync(IEnumerable<string> uids)
        {
            foreach (string uid in uids)
            {
                Reply reply = await Api.PatchAsync("/tasks/" + uid, new { fields = new { touched = Guid.NewGuid() }, due_at = DateTime.UtcNow.AddMinutes(Random.Shared.Next(-5000, 20_000)) });
                Assert.Equal(200, reply.Code);
            }
        }

        /// <summary>Concurrent creates, updates and deletes while the search pages.</summary>
        private async Task ChurnAsync(string marker, string[] stable, string[] deletable, CancellationToken stop)
        {
            int round = 0;
            while (!stop.IsCancellationRequested)
            {
                round++;
                await TouchAsync(new[] { stable[(round * 13) % stable.Length] });
                await Api.CreateTaskAsync(new { marker, country = "FR" });
                await Api.DeleteAsync("/tasks/" + deletable[(round * 3) % deletable.Length]);
                await Api.PutAsync("/tasks/" + Guid.NewGuid(), new { fields = new { title = "via put", marker, country = "FR" } });
            }
        }

        [Fact]
        public async Task ConcurrentWritersLoseNothing()
        {
            string uid = Shapes.Uid(await Api.CreateTaskAsync(new { title = "Shared" }));
            var failures = new ConcurrentBag<string>();
            await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            {
                Reply reply = await Api.PatchAsync("/tasks/" + uid, new Dictionary<string, object> { ["fields"] = new Dictionary<string, int> { ["k" + i] = i } });
                if (reply.Code != 200) failures.Add(reply.ToString());
            });
            Assert.Empty(failures);
            JsonElement fields = (await Api.GetAsync("/tasks/" + uid)).Json.GetProperty("fields");
            for (int i = 0; i < 200; i++) Assert.Equal(i, fields.GetProperty("k" + i).GetInt32());
        }

        [Fact]
        public async Task ConcurrentCreatesAllLand()
        {
            string marker = Guid.NewGuid().ToString("N");
            await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            {
                await Api.CreateTaskAsync(new { marker, i });
            });
            Reply reply = await Api.GetAsync($"/tasks?marker={marker}&limit=1");
            Assert.Equal(300, reply.Json.GetProperty("meta").GetProperty("total_count").GetInt32());
        }

        [Fact]
        public async Task AnExpiredSnapshotStillPagesWithoutError()
        {
            await using TestApi api = await TestApi.StartAsync(o => o.CursorRetention = TimeSpan.Zero);
            await api.PostAsync("/_emulator/seed", new { count = 30 });
            Reply first = await api.GetAsync("/tasks?limit=10");
            string cursor = first.Json.GetProperty("meta").GetProperty("next_cursor").GetString()!;
            // With no retention, the next write prunes the history the cursor's snapshot needed.
            await api.PatchAsync("/tasks/" + Shapes.Uid(first.Json.GetProperty("items")[0]), new { status = "DONE" });
            await api.PostAsync("/tasks", new { fields = new { title = "late" } });
            Reply second = await api.GetAsync("/tasks?limit=10&cursor=" + cursor);
            Assert.Equal(200, second.Code);
            Assert.Equal(10, second.Json.GetProperty("items").GetArrayLength());
            Assert.Empty(second.Json.GetProperty("items").EnumerateArray().Select(Shapes.Uid)
                .Intersect(first.Json.GetProperty("items").EnumerateArray().Select(Shapes.Uid)));
        }
    }
}
