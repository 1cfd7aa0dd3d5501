namespace FragmentPS.Emulator.Tests
{
    /// <summary>GET /_emulator/requests: what a runbook sent, oldest first, with what it got.</summary>
    public sealed class JournalTests
    {
        private static JsonElement[] Requests(Reply reply) => reply.Json.GetProperty("requests").EnumerateArray().ToArray();

        [Fact]
        public async Task EachApiRequestIsRecordedWithItsQueryBodyAndStatus()
        {
            await using TestApi api = await TestApi.StartAsync();
            JsonElement task = await api.CreateTaskAsync(new { title = "first", country = "FR" });
            string uid = Shapes.Uid(task);
            await api.PatchAsync("/tasks/" + uid, new { status = "DONE" });
            await api.GetAsync("/tasks?status=TODO&status=DONE&limit=5");
            await api.GetAsync("/accounts/me", token: "wrong");
            await api.GetAsync("/_emulator/health");

            JsonElement[] requests = Requests(await api.GetAsync("/_emulator/requests"));
            Assert.Equal(new[] { "POST", "PATCH", "GET", "GET" }, requests.Select(r => r.GetProperty("method").GetString()));
            Assert.Equal(new[] { "/tasks", "/tasks/" + uid, "/tasks", "/accounts/me" }, requests.Select(r => r.GetProperty("path").GetString()));
            Assert.Equal(new[] { "/tasks", "/tasks/{uid}", "/tasks", "/accounts/me" }, requests.Select(r => r.GetProperty("route").GetString()));
            Assert.Equal(new[] { 200, 200, 200, 401 }, requests.Select(r => r.GetProperty("status").GetInt32()));
            Assert.Equal("first", requests[0].GetProperty("body").GetProperty("fields").GetProperty("title").GetString());
            Assert.Equal("DONE", requests[1].GetProperty("body").GetProperty("status").GetString());
            Assert.Equal(new[] { "TODO", "DONE" }, requests[2].GetProperty("query").GetProperty("status").EnumerateArray().Select(v => v.GetString()));
            Assert.Equal(JsonValueKind.Null, requests[2].GetProperty("body").ValueKind);
            Assert.All(requests, r => Assert.Equal(1, r.GetProperty("attempt").GetInt32()));
            Assert.All(requests, r => Shapes.AssertDate(r.GetProperty("time")));
            Assert.DoesNotContain(TestApi.Token, (await api.GetAsync("/_emulator/requests")).Body);
        }

        [Fact]
        public async Task ARepeatAfterAFailureIsTheNextAttempt()
        {
            await using TestApi api = await TestApi.StartAsync();
            await api.PostAsync("/_emulator/faults", new { rules = new[] { new { method = "PUT", kind = "status", status = 503, count = 2 } } });
            string uid = Guid.NewGuid().ToString();
            var body = new { fields = new { title = "retried" } };
            for (int i = 0; i < 3; i++) await api.PutAsync("/tasks/" + uid, body);
            await api.PutAsync("/tasks/" + uid, body);

            JsonElement[] requests = Requests(await api.GetAsync("/_emulator/requests"));
            Assert.Equal(new[] { 503, 503, 200, 200 }, requests.Select(r => r.GetProperty("status").GetInt32()));
            Assert.Equal(new[] { 1, 2, 3, 1 }, requests.Select(r => r.GetProperty("attempt").GetInt32()));
        }

        [Fact]
        public async Task SinceKeepsTheLaterRequestsAndResetEmptiesIt()
        {
            await using TestApi api = await TestApi.StartAsync();
            await api.GetAsync("/accounts/me");
            await Task.Delay(20);
            string since = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
            await Task.Delay(20);
            await api.GetAsync("/tasks");
            JsonElement[] later = Requests(await api.GetAsync("/_emulator/requests?since=" + since));
            Assert.Equal("/tasks", Assert.Single(later).GetProperty("path").GetString());
            Shapes.AssertInvalid(await api.GetAsync("/_emulator/requests?since=yesterday"), "datetime_parsing", "query", "since");

            await api.PostAsync("/_emulator/reset", null);
            Assert.Empty(Requests(await api.GetAsync("/_emulator/requests")));
        }

        [Fact]
        public async Task ADroppedRequestIsRecordedWithStatus0AndItsBody()
        {
            await using TestApi api = await TestApi.StartAsync();
            await api.PostAsync("/_emulator/faults", new { rules = new[] { new { method = "POST", kind = "drop_before", count = 1 } } });
            await Assert.ThrowsAsync<HttpRequestException>(() => api.PostAsync("/tasks", new { fields = new { title = "lost" } }));
            JsonElement request = Assert.Single(Requests(await api.GetAsync("/_emulator/requests")));
            Assert.Equal(0, request.GetProperty("status").GetInt32());
            Assert.Equal("lost", request.GetProperty("body").GetProperty("fields").GetProperty("title").GetString());
        }
    }
}
