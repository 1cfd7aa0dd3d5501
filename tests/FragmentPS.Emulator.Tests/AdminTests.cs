namespace FragmentPS.Emulator.Tests
{
    /// <summary>/_emulator/: health, reset, seed and stats.</summary>
    public sealed class AdminTests
    {
        [Fact]
        public async Task HealthCountsTasks()
        {
            await using TestApi api = await TestApi.StartAsync();
            Reply health = await api.GetAsync("/_emulator/health", token: null);
            Assert.Equal(200, health.Code);
            Assert.Equal("ok", health.Json.GetProperty("status").GetString());
            Assert.Equal(0, (await api.GetAsync("/_emulator/stats")).Json.GetProperty("tasks").GetInt32());
            await api.CreateTaskAsync(new { });
            Assert.Equal(1, (await api.GetAsync("/_emulator/stats")).Json.GetProperty("tasks").GetInt32());
        }

        [Fact]
        public async Task SeedMakesSyntheticTasks()
        {
            await using TestApi api = await TestApi.StartAsync();
            Reply seeded = await api.PostAsync("/_emulator/seed", new { count = 10, fields = new { batch = "b1" } });
            Assert.Equal(200, seeded.Code);
            Assert.Equal(10, seeded.Json.GetProperty("seeded").GetInt32());
            Assert.Equal(10, seeded.Json.GetProperty("total").GetInt32());

            JsonElement[] tasks = (await api.GetAsync("/tasks?limit=100")).Json.GetProperty("items").EnumerateArray().ToArray();
            Assert.Equal(10, tasks.Length);
            string[] countries = { "FR", "DE", "US", "GB", "ES" };
            string[] statuses = { "TODO", "STARTED", "DONE" };
            DateTime? previous = null;
            for (int i = 1; i <= 10; i++)
            {
                JsonElement task = tasks[i - 1];
                JsonElement fields = task.GetProperty("fields");
                Assert.Equal($"Seeded task {i}", fields.GetProperty("title").GetString());
                Assert.Equal(countries[(i - 1) % 5], fields.GetProperty("country").GetString());
                Assert.Equal($"T-{i}", fields.GetProperty("ticket_id").GetString());
                Assert.Equal("b1", fields.GetProperty("batch").GetString());
                Assert.Equal(statuses[(i - 1) % 3], task.GetProperty("status").GetString());
                DateTime created = Shapes.Date(task, "created_at");
                if (previous is DateTime before) Assert.Equal(TimeSpan.FromMilliseconds(1), created - before);
                previous = created;
                Assert.True(Shapes.Date(task, "due_at") > DateTime.UtcNow);
                Assert.True(Shapes.Date(task, "due_at") < DateTime.UtcNow.AddDays(15));
                Shapes.AssertKeys(task, Shapes.TaskKeys);
            }
            Assert.InRange(previous!.Value, DateTime.UtcNow.AddSeconds(-5), DateTime.UtcNow.AddSeconds(1));

            Reply more = await api.PostAsync("/_emulator/seed", new { count = 5 });
            Assert.Equal(15, more.Json.GetProperty("total").GetInt32());
            Assert.Equal(1, (await api.GetAsync("/tasks?ticket_id=T-15")).Json.GetProperty("meta").GetProperty("total_count").GetInt32());
        }

        [Fact]
        public async Task SeedRejectsABadCount()
        {
            await using TestApi api = await TestApi.StartAsync();
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/seed", new { }), "missing", "body", "count");
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/seed", new { count = -1 }), "int_type", "body", "count");
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/seed", new { count = "5" }), "int_type", "body", "count");
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/seed", new { count = 1, fields = 3 }), "dict_type", "body", "fields");
        }

        [Fact]
        public async Task SeedingAHundredThousandIsQuick()
        {
            await using TestApi api = await TestApi.StartAsync();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Reply seeded = await api.PostAsync("/_emulator/seed", new { count = 100_000 });
            Assert.Equal(100_000, seeded.Json.GetProperty("total").GetInt32());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"seeding took {clock.Elapsed}");
        }

        [Fact]
        public async Task ResetClearsTasksCommentsStatsAndFaults()
        {
            await using TestApi api = await TestApi.StartAsync();
            string uid = Shapes.Uid(await api.CreateTaskAsync(new { }));
            await api.PostAsync($"/tasks/{uid}/comments", new { content = "x" });
            await api.PostAsync("/_emulator/faults", new { rules = new[] { new { kind = "latency", latency_ms = 1 } } });
            Reply reset = await api.PostAsync("/_emulator/reset", null);
            Assert.Equal(200, reset.Code);
            Assert.Equal("reset", reset.Json.GetProperty("status").GetString());

            Assert.Equal(0, (await api.GetAsync("/_emulator/stats")).Json.GetProperty("tasks").GetInt32());
            Assert.Equal(0, (await api.GetAsync("/_emulator/faults")).Json.GetProperty("rules").GetArrayLength());
            Assert.Equal(0, (await api.GetAsync("/_emulator/stats")).Json.GetProperty("total_requests").GetInt32());
            Assert.Equal(404, (await api.GetAsync("/tasks/" + uid)).Code);
            Assert.Equal(0, (await api.GetAsync("/tasks")).Json.GetProperty("meta").GetProperty("total_count").GetInt32());
            Assert.Equal(200, (await api.GetAsync("/accounts/me")).Code);
            Assert.Equal(200, (await api.PostAsync("/_emulator/seed", new { count = 1 })).Code);
            Assert.Equal("Seeded task 1", (await api.GetAsync("/tasks")).Json.GetProperty("items")[0].GetProperty("fields").GetProperty("title").GetString());
        }

        [Fact]
        public async Task StatsCountApiRequestsByMethodRouteAndStatus()
        {
            await using TestApi api = await TestApi.StartAsync();
            string uid = Shapes.Uid(await api.CreateTaskAsync(new { }));
            await api.GetAsync("/tasks/" + uid);
            await api.GetAsync("/tasks/" + uid);
            await api.GetAsync("/tasks/" + Guid.NewGuid());
            await api.GetAsync("/tasks?limit=1");
            await api.PostAsync("/tasks/batch", new { items = Array.Empty<object>() });
            await api.GetAsync($"/tasks/{uid}/comments");
            await api.GetAsync("/accounts/me", token: null);
            await api.GetAsync("/no/such/route");
            await api.GetAsync("/_emulator/health");

            Reply stats = await api.GetAsync("/_emulator/stats");
            JsonElement json = stats.Json;
            Assert.Equal(9, json.GetProperty("total_requests").GetInt32());
            Assert.Equal(0, json.GetProperty("rate_limited").GetInt32());
            int Count(string method, string route, int status) => json.GetProperty("routes").EnumerateArray()
                .Where(r => r.GetProperty("method").GetString() == method && r.GetProperty("route").GetString() == route && r.GetProperty("status").GetInt32() == status)
                .Select(r => r.GetProperty("count").GetInt32()).SingleOrDefault();
            Assert.Equal(1, Count("POST", "/tasks", 200));
            Assert.Equal(2, Count("GET", "/tasks/{uid}", 200));
            Assert.Equal(1, Count("GET", "/tasks/{uid}", 404));
            Assert.Equal(1, Count("GET", "/tasks", 200));
            Assert.Equal(1, Count("POST", "/tasks/batch", 200));
            Assert.Equal(1, Count("GET", "/tasks/{uid}/comments", 200));
            Assert.Equal(1, Count("GET", "/accounts/me", 401));
            Assert.Equal(1, Count("GET", "other", 404));
            Assert.All(json.GetProperty("routes").EnumerateArray(), r => Assert.DoesNotContain("_emulator", r.GetProperty("route").GetString()));

            Reply cleared = await api.SendAsync(HttpMethod.Delete, "/_emulator/stats", null);
            Assert.Equal(200, cleared.Code);
            Assert.Equal(0, (await api.GetAsync("/_emulator/stats")).Json.GetProperty("total_requests").GetInt32());
            Assert.Equal(0, (await api.GetAsync("/_emulator/stats")).Json.GetProperty("routes").GetArrayLength());
        }

        [Fact]
        public async Task UnknownAdminRoutesAre404AndWrongMethods405()
        {
            await using TestApi api = await TestApi.StartAsync();
            Assert.Equal(404, (await api.GetAsync("/_emulator/nothing")).Code);
            Assert.Equal("Not Found", (await api.GetAsync("/_emulator/nothing")).Json.GetProperty("detail").GetString());
            Assert.Equal(405, (await api.GetAsync("/_emulator/reset")).Code);
            Assert.Equal(405, (await api.SendAsync(HttpMethod.Put, "/_emulator/faults", null)).Code);
        }
    }
}
