namespace FragmentPS.Emulator.Tests
{
    public sealed class CommentTests : SharedEmulatorTests
    {
        public CommentTests(SharedEmulator emulator)
            : base(emulator)
        {
        }

        [Fact]
        public async Task AddingACommentAnswersTheComment()
        {
            string task = Shapes.Uid(await Api.CreateTaskAsync(new { }));
            Reply reply = await Api.PostAsync($"/tasks/{task}/comments", new { content = "Called the customer" });
            Assert.Equal(200, reply.Code);
            Shapes.AssertKeys(reply.Json, new[] { "uid", "task_uid", "content", "author_uid", "created_at", "updated_at" });
            Assert.True(Guid.TryParse(Shapes.Uid(reply.Json), out _));
            Assert.Equal(task, reply.Json.GetProperty("task_uid").GetString());
            Assert.Equal("Called the customer", reply.Json.GetProperty("content").GetString());
            Assert.Equal(JsonValueKind.Null, reply.Json.GetProperty("author_uid").ValueKind);
            Shapes.AssertDate(reply.Json.GetProperty("created_at"));
        }

        [Fact]
        public async Task BadCommentsAre422AndUnknownTasks404()
        {
            string task = Shapes.Uid(await Api.CreateTaskAsync(new { }));
            Shapes.AssertInvalid(await Api.PostAsync($"/tasks/{task}/comments", new { content = "" }), "string_too_short", "body", "content");
            Shapes.AssertInvalid(await Api.PostAsync($"/tasks/{task}/comments", new { text = "x" }), "missing", "body", "content");
            Shapes.AssertInvalid(await Api.PostAsync($"/tasks/{task}/comments", new { content = 5 }), "string_type", "body", "content");
            Shapes.AssertInvalid(await Api.PostAsync($"/tasks/{task}/comments", "nope"), "json_invalid", "body");
            Shapes.AssertInvalid(await Api.PostAsync("/tasks/bad/comments", new { content = "x" }), "uuid_parsing", "path", "uid");
            Shapes.AssertDetail(await Api.PostAsync($"/tasks/{Guid.NewGuid()}/comments", new { content = "x" }), 404);
            Shapes.AssertDetail(await Api.GetAsync($"/tasks/{Guid.NewGuid()}/comments"), 404);
        }

        [Fact]
        public async Task CommentsListAsPagesInCreationOrder()
        {
            string task = Shapes.Uid(await Api.CreateTaskAsync(new { }));
            Reply none = await Api.GetAsync($"/tasks/{task}/comments");
            Assert.Equal(0, none.Json.GetProperty("items").GetArrayLength());
            Assert.Equal(0, none.Json.GetProperty("meta").GetProperty("total_count").GetInt32());

            var added = new List<string>();
            for (int i = 0; i < 7; i++)
            {
                added.Add(Shapes.Uid((await Api.PostAsync($"/tasks/{task}/comments", new { content = $"c{i}" })).Json));
                await Task.Delay(2); // distinct created_at, so creation order is the listing order
            }

            var seen = new List<JsonElement>();
            string? cursor = null;
            int pages = 0;
            do
            {
                Reply page = await Api.GetAsync($"/tasks/{task}/comments?limit=3" + (cursor is null ? "" : "&cursor=" + cursor));
                Assert.Equal(200, page.Code);
                JsonElement meta = page.Json.GetProperty("meta");
                Assert.Equal(3, meta.GetProperty("limit").GetInt32());
                Assert.Equal(7, meta.GetProperty("total_count").GetInt32());
                seen.AddRange(page.Json.GetProperty("items").EnumerateArray());
                cursor = meta.GetProperty("next_cursor").GetString();
                pages++;
            }
            while (cursor is not null);
            Assert.Equal(3, pages);
            Assert.Equal(Enumerable.Range(0, 7).Select(i => $"c{i}"), seen.Select(c => c.GetProperty("content").GetString()));
            var expectedOrder = seen.OrderBy(c => c.GetProperty("created_at").GetString()).ThenBy(c => Shapes.Uid(c), StringComparer.Ordinal);
            Assert.Equal(expectedOrder.Select(Shapes.Uid), seen.Select(Shapes.Uid));
            Assert.Equal(added.OrderBy(u => u).ToArray(), seen.Select(Shapes.Uid).OrderBy(u => u).ToArray());
        }

        [Fact]
        public async Task CommentPagingRejectsBadLimitsAndCursors()
        {
            string task = Shapes.Uid(await Api.CreateTaskAsync(new { }));
            Shapes.AssertInvalid(await Api.GetAsync($"/tasks/{task}/comments?limit=0"), "greater_than_equal", "query", "limit");
            Shapes.AssertInvalid(await Api.GetAsync($"/tasks/{task}/comments?cursor=garbage"), "value_error", "query", "cursor");
            string taskCursor = (await Api.GetAsync("/tasks?limit=1")).Json.GetProperty("meta").GetProperty("self_cursor").GetString()!;
            Shapes.AssertInvalid(await Api.GetAsync($"/tasks/{task}/comments?cursor={taskCursor}"), "value_error", "query", "cursor");
        }

        [Fact]
        public async Task DeletingTheTaskDropsItsComments()
        {
            string task = Shapes.Uid(await Api.CreateTaskAsync(new { }));
            await Api.PostAsync($"/tasks/{task}/comments", new { content = "x" });
            await Api.DeleteAsync("/tasks/" + task);
            await Api.PutAsync("/tasks/" + task, new { fields = new { title = "again" } });
            Assert.Equal(0, (await Api.GetAsync($"/tasks/{task}/comments")).Json.GetProperty("meta").GetProperty("total_count").GetInt32());
        }
    }
}
