namespace FragmentPS.Emulator.Tests
{
    /// <summary>POST /_emulator/tasks: fixtures as given, server dates included.</summary>
    public sealed class ImportTests
    {
        [Fact]
        public async Task ItemsKeepTheirKeysAndTheServerDatesTheyGive()
        {
            await using TestApi api = await TestApi.StartAsync();
            string uid = Guid.NewGuid().ToString();
            Reply added = await api.PostAsync("/_emulator/tasks", new
            {
                items = new object[]
                {
                    new { uid, status = "DONE", fields = new { title = "old", country = "FR" }, created_at = "2024-01-02T03:04:05.006Z", done_at = "2024-01-05T00:00:00Z" },
                    new { fields = new { title = "plain" }, created_at = "2024-02-01T00:00:00Z", due_at = "2024-03-01T00:00:00Z" },
                },
            });
            Assert.Equal(200, added.Code);
            Assert.Equal(2, added.Json.GetProperty("added").GetInt32());
            Assert.Equal(2, added.Json.GetProperty("total").GetInt32());

            JsonElement old = (await api.GetAsync("/tasks/" + uid)).Json;
            Assert.Equal("DONE", old.GetProperty("status").GetString());
            Assert.Equal("2024-01-02T03:04:05.006Z", old.GetProperty("created_at").GetString());
            Assert.Equal("2024-01-02T03:04:05.006Z", old.GetProperty("updated_at").GetString());
            Assert.Equal("2024-01-02T03:04:05.006Z", old.GetProperty("due_at").GetString());
            Assert.Equal("2024-01-05T00:00:00.000Z", old.GetProperty("done_at").GetString());
            Assert.Equal("FR", old.GetProperty("fields").GetProperty("country").GetString());
            Shapes.AssertKeys(old, Shapes.TaskKeys);

            JsonElement plain = (await api.GetAsync("/tasks?order_by=created_at")).Json.GetProperty("items")[1];
            Assert.Equal("2024-03-01T00:00:00.000Z", plain.GetProperty("due_at").GetString());
            Assert.Equal("TODO", plain.GetProperty("status").GetString());
            // The two GETs only: the import went through an admin route, which the statistics do not count.
            Assert.Equal(2, (await api.GetAsync("/_emulator/stats")).Json.GetProperty("total_requests").GetInt32());
        }

        [Fact]
        public async Task AnItemWithAKnownUidReplacesThatTask()
        {
            await using TestApi api = await TestApi.StartAsync();
            string uid = Shapes.Uid(await api.CreateTaskAsync(new { title = "before", country = "DE" }));
            Assert.Equal(200, (await api.PostAsync("/_emulator/tasks", new { items = new[] { new { uid, fields = new { title = "after" } } } })).Code);
            JsonElement task = (await api.GetAsync("/tasks/" + uid)).Json;
            Assert.Equal("after", task.GetProperty("fields").GetProperty("title").GetString());
            Assert.False(task.GetProperty("fields").TryGetProperty("country", out _));
            Assert.Equal(1, (await api.GetAsync("/_emulator/stats")).Json.GetProperty("tasks").GetInt32());
        }

        [Fact]
        public async Task BadItemsAre422AndNothingIsAdded()
        {
            await using TestApi api = await TestApi.StartAsync();
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/tasks", new { items = new object[] { new { fields = new { title = "ok" } }, new { fields = new { } } } }),
                "missing", "body", "items", 1, "fields", "title");
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/tasks", new { items = new[] { new { fields = new { title = "x" }, created_at = "then" } } }),
                "datetime_parsing", "body", "items", 0, "created_at");
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/tasks", new { items = new[] { new { status = "LATER", fields = new { title = "x" } } } }),
                "enum", "body", "items", 0, "status");
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/tasks", new { }), "missing", "body", "items");
            Assert.Equal(0, (await api.GetAsync("/_emulator/stats")).Json.GetProperty("tasks").GetInt32());
        }
    }
}
