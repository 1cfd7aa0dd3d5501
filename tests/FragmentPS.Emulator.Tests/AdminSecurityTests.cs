using System.Net.Http.Headers;
using System.Text;

namespace FragmentPS.Emulator.Tests
{
    /// <summary>What keeps the admin routes to the test that started the emulator: the key, a loopback Host, JSON bodies, a cap.</summary>
    public sealed class AdminSecurityTests
    {
        private static async Task<int> AdminStatusAsync(TestApi api, HttpMethod method, string route, string? key, string? host = null,
            HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, new Uri(api.Server.RootUri, "_emulator/" + route)) { Content = content };
            if (key is not null) request.Headers.Add(TestApi.AdminKeyHeader, key);
            if (host is not null) request.Headers.Host = host;
            using HttpResponseMessage response = await api.Http.SendAsync(request);
            return (int)response.StatusCode;
        }

        [Fact]
        public async Task EveryAdminRouteNeedsTheKey()
        {
            await using TestApi api = await TestApi.StartAsync();
            (HttpMethod Method, string Route)[] routes =
            {
                (HttpMethod.Post, "reset"), (HttpMethod.Post, "seed"), (HttpMethod.Post, "tasks"),
                (HttpMethod.Get, "stats"), (HttpMethod.Delete, "stats"), (HttpMethod.Get, "requests"), (HttpMethod.Get, "clock"),
                (HttpMethod.Post, "clock"), (HttpMethod.Post, "tokens"), (HttpMethod.Get, "faults"), (HttpMethod.Post, "faults"),
                (HttpMethod.Delete, "faults"), (HttpMethod.Get, "nothing-here"),
            };
            foreach ((HttpMethod method, string route) in routes)
            {
                Assert.Equal(401, await AdminStatusAsync(api, method, route, key: null));
                Assert.Equal(401, await AdminStatusAsync(api, method, route, key: "not-the-key"));
            }
            Assert.Equal(200, await AdminStatusAsync(api, HttpMethod.Get, "stats", api.Server.AdminKey));
            Assert.Matches("^[0-9a-f]{64}$", api.Server.AdminKey);
        }

        [Fact]
        public async Task HealthAnswersWithoutTheKeyAndSaysNothingMore()
        {
            await using TestApi api = await TestApi.StartAsync();
            await api.CreateTaskAsync(new { });
            Reply health = await api.SendAsync(HttpMethod.Get, "/_emulator/health", null, token: null, adminKey: null);
            Assert.Equal(200, health.Code);
            Shapes.AssertKeys(health.Json, new[] { "status" });
        }

        [Fact]
        public async Task ATokenAddedWithoutTheKeyIsNotAccepted()
        {
            await using TestApi api = await TestApi.StartAsync();
            using var add = new HttpRequestMessage(HttpMethod.Post, new Uri(api.Server.RootUri, "_emulator/tokens"))
            {
                Content = new StringContent("{\"add\":[\"intruder\"]}", Encoding.UTF8, "application/json"),
            };
            using HttpResponseMessage refused = await api.Http.SendAsync(add);
            Assert.Equal(401, (int)refused.StatusCode);
            Assert.Equal(401, (await api.GetAsync("/accounts/me", "intruder")).Code);
        }

        [Fact]
        public async Task AKeyGivenInTheOptionsIsTheOneRequired()
        {
            await using TestApi api = await TestApi.StartAsync(options => options.AdminKey = "my-fixed-key");
            Assert.Equal("my-fixed-key", api.Server.AdminKey);
            Assert.Equal(200, await AdminStatusAsync(api, HttpMethod.Get, "stats", "my-fixed-key"));
        }

        [Theory]
        [InlineData("evil.example")]
        [InlineData("evil.example:8080")]
        [InlineData("10.1.2.3")]
        public async Task ANonLoopbackHostIsRefusedEvenWithTheKey(string host)
        {
            await using TestApi api = await TestApi.StartAsync();
            Assert.Equal(403, await AdminStatusAsync(api, HttpMethod.Post, "reset", api.Server.AdminKey, host));
        }

        [Theory]
        [InlineData("localhost")]
        [InlineData("127.0.0.1")]
        [InlineData("[::1]")]
        public async Task LoopbackHostsAreAccepted(string host)
        {
            await using TestApi api = await TestApi.StartAsync();
            Assert.Equal(200, await AdminStatusAsync(api, HttpMethod.Get, "stats", api.Server.AdminKey, host + ":" + api.Server.RootUri.Port));
        }

        [Fact]
        public async Task BodiesThatAreNotJsonAreRefused()
        {
            await using TestApi api = await TestApi.StartAsync();
            string key = api.Server.AdminKey;
            Assert.Equal(415, await AdminStatusAsync(api, HttpMethod.Post, "seed", key, content: new StringContent("{\"count\":5}", Encoding.UTF8, "text/plain")));
            Assert.Equal(415, await AdminStatusAsync(api, HttpMethod.Post, "tokens", key,
                content: new FormUrlEncodedContent(new Dictionary<string, string> { ["add"] = "x" })));
            var noType = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"count\":5}"));
            Assert.Equal(415, await AdminStatusAsync(api, HttpMethod.Post, "seed", key, content: noType));
            Assert.Equal(0, (await api.GetAsync("/_emulator/stats")).Json.GetProperty("tasks").GetInt32());

            var json = new StringContent("{\"count\":5}", Encoding.UTF8);
            json.Headers.ContentType = MediaTypeHeaderValue.Parse("Application/JSON; charset=utf-8");
            Assert.Equal(200, await AdminStatusAsync(api, HttpMethod.Post, "seed", key, content: json));
            Assert.Equal(200, await AdminStatusAsync(api, HttpMethod.Post, "reset", key));
            var typeOnly = new ByteArrayContent(Array.Empty<byte>());
            typeOnly.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
            Assert.Equal(200, await AdminStatusAsync(api, HttpMethod.Post, "reset", key, content: typeOnly));
        }

        [Fact]
        public async Task SeedingAndImportStopAtTheCapAndChangeNothingThen()
        {
            await using TestApi api = await TestApi.StartAsync(options => options.MaxAdminTasks = 50);
            Assert.Equal(200, (await api.PostAsync("/_emulator/seed", new { count = 40 })).Code);
            Reply refused = await api.PostAsync("/_emulator/seed", new { count = 11 });
            Shapes.AssertDetail(refused, 422);
            Assert.Contains("50", refused.Detail);
            object[] items = Enumerable.Range(0, 11).Select(i => (object)new { fields = new { title = "t" + i } }).ToArray();
            Shapes.AssertDetail(await api.PostAsync("/_emulator/tasks", new { items }), 422);
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/seed", new { count = 51 }), "int_type", "body", "count");
            Assert.Equal(40, (await api.GetAsync("/_emulator/stats")).Json.GetProperty("tasks").GetInt32());

            Assert.Equal(200, (await api.PostAsync("/_emulator/seed", new { count = 10 })).Code);
            Assert.Equal(200, (await api.PostAsync("/_emulator/reset", null)).Code);
            Assert.Equal(200, (await api.PostAsync("/_emulator/seed", new { count = 50 })).Code);
        }
    }
}
