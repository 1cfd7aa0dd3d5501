using System.Diagnostics;
using FragmentPS.Emulator.Faults;

namespace FragmentPS.Emulator.Tests
{
    /// <summary>Fault injection: latency, status, drop_before, drop_after, truncate; sequence, seed, count, matching.</summary>
    public sealed class FaultTests
    {
        private static async Task AddRulesAsync(TestApi api, params object[] rules)
        {
            Reply reply = await api.PostAsync("/_emulator/faults", new { rules });
            Assert.True(reply.Code == 200, reply.ToString());
        }

        [Fact]
        public async Task StatusRulesAnswerWithoutProcessingFollowingTheirSequence()
        {
            await using TestApi api = await TestApi.StartAsync();
            await AddRulesAsync(api, new { method = "POST", route = "/tasks", kind = "status", status = 503, retry_after = 2, sequence = new[] { true, false, true } });
            var codes = new List<int>();
            string marker = Guid.NewGuid().ToString("N");
            for (int i = 0; i < 5; i++)
            {
                Reply reply = await api.PostAsync("/tasks", new { fields = new { title = "x", marker } });
                codes.Add(reply.Code);
                if (reply.Code == 503)
                {
                    Shapes.AssertDetail(reply, 503);
                    Assert.Equal("2", reply.Headers.GetValues("Retry-After").Single());
                }
            }
            Assert.Equal(new[] { 503, 200, 503, 200, 200 }, codes);
            Assert.Equal(3, (await api.GetAsync("/tasks?marker=" + marker)).Json.GetProperty("meta").GetProperty("total_count").GetInt32());
            Assert.Equal(200, (await api.GetAsync("/accounts/me")).Code);

            JsonElement rule = (await api.GetAsync("/_emulator/faults")).Json.GetProperty("rules")[0];
            Assert.Equal(5, rule.GetProperty("matched").GetInt32());
            Assert.Equal(2, rule.GetProperty("fired").GetInt32());
            Assert.Equal("status", rule.GetProperty("kind").GetString());
        }

        [Theory]
        [InlineData(429)]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(504)]
        public async Task EveryAllowedStatusCanBeInjected(int status)
        {
            await using TestApi api = await TestApi.StartAsync();
            await AddRulesAsync(api, new { kind = "status", status, count = 1 });
            Reply reply = await api.GetAsync("/accounts/me");
            Shapes.AssertDetail(reply, status);
            Assert.False(reply.Headers.Contains("Retry-After"));
            Assert.Equal(200, (await api.GetAsync("/accounts/me")).Code);
        }

        [Fact]
        public async Task SeededProbabilityFiresTheSameWayEveryTime()
        {
            async Task<string> PatternAsync(int seed)
            {
                await using TestApi api = await TestApi.StartAsync();
                await AddRulesAsync(api, new { kind = "status", status = 500, probability = 0.5, seed });
                var pattern = new System.Text.StringBuilder();
                for (int i = 0; i < 40; i++) pattern.Append((await api.GetAsync("/accounts/me")).Code == 500 ? 'x' : '.');
                return pattern.ToString();
            }
            string first = await PatternAsync(42);
            Assert.Equal(first, await PatternAsync(42));
            Assert.Contains('x', first);
            Assert.Contains('.', first);
            Assert.NotEqual(first, await PatternAsync(7));
        }

        [Fact]
        public async Task CountLimitsHowOftenARuleFires()
        {
            await using TestApi api = await TestApi.StartAsync();
            await AddRulesAsync(api, new { kind = "status", status = 502, count = 2 });
            int[] codes = new int[5];
            for (int i = 0; i < 5; i++) codes[i] = (await api.GetAsync("/accounts/me")).Code;
            Assert.Equal(new[] { 502, 502, 200, 200, 200 }, codes);
        }

        [Fact]
        public async Task RulesMatchOnMethodAndRoute()
        {
            await using TestApi api = await TestApi.StartAsync();
            string uid = Shapes.Uid(await api.CreateTaskAsync(new { }));
            await AddRulesAsync(api, new { method = "POST", route = "/tasks/{uid}/comments", kind = "status", status = 503 });
            Assert.Equal(503, (await api.PostAsync($"/tasks/{uid}/comments", new { content = "x" })).Code);
            Assert.Equal(200, (await api.GetAsync($"/tasks/{uid}/comments")).Code);
            Assert.Equal(200, (await api.GetAsync($"/tasks/{uid}")).Code);
            await AddRulesAsync(api, new { route = "other", kind = "status", status = 500 });
            Assert.Equal(500, (await api.GetAsync("/nowhere")).Code);
        }

        [Fact]
        public async Task LatencyDelaysAndTheFirstOtherFiringRuleDecides()
        {
            await using TestApi api = await TestApi.StartAsync();
            await AddRulesAsync(api,
                new { kind = "latency", latency_ms = 150 },
                new { kind = "latency", latency_ms = 100, route = "/accounts/me" },
                new { kind = "status", status = 500, sequence = new[] { false, true } },
                new { kind = "status", status = 503, sequence = new[] { true, true } });
            var clock = Stopwatch.StartNew();
            Reply first = await api.GetAsync("/accounts/me");
            Assert.True(clock.ElapsedMilliseconds >= 240, $"took {clock.ElapsedMilliseconds} ms");
            Assert.Equal(503, first.Code);
            Assert.Equal(500, (await api.GetAsync("/accounts/me")).Code);
            Assert.Equal(200, (await api.GetAsync("/accounts/me")).Code);
        }

        [Fact]
        public async Task LatencyHonoursACancelledRequest()
        {
            await using TestApi api = await TestApi.StartAsync();
            await AddRulesAsync(api, new { kind = "latency", latency_ms = 20_000 });
            using var client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
            await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(api.UriFor("/accounts/me")));
            // The server gave up waiting with the client: the request is counted (status 0) long before 20 s.
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                JsonElement stats = (await api.GetAsync("/_emulator/stats")).Json;
                if (stats.GetProperty("total_requests").GetInt32() == 1)
                {
                    Assert.Equal(0, stats.GetProperty("routes")[0].GetProperty("status").GetInt32());
                    return;
                }
                await Task.Delay(50);
            }
            Assert.Fail("the delayed request was not given up within 5 s of the client cancelling");
        }

        [Fact]
        public async Task DropBeforeAbortsWithoutApplyingTheChange()
        {
            await using TestApi api = await TestApi.StartAsync();
            await AddRulesAsync(api, new { method = "PUT", kind = "drop_before", count = 1 });
            string uid = Guid.NewGuid().ToString();
            await Assert.ThrowsAsync<HttpRequestException>(() => api.PutAsync("/tasks/" + uid, new { fields = new { title = "dropped" } }));
            Assert.Equal(404, (await api.GetAsync("/tasks/" + uid)).Code);
            Assert.Equal(200, (await api.PutAsync("/tasks/" + uid, new { fields = new { title = "second try" } })).Code);
        }

        [Fact]
        public async Task DropAfterAppliesTheChangeThenAborts()
        {
            await using TestApi api = await TestApi.StartAsync();
            await AddRulesAsync(api, new { method = "POST", route = "/tasks", kind = "drop_after", count = 1 });
            string uid = Guid.NewGuid().ToString();
            await Assert.ThrowsAsync<HttpRequestException>(() => api.PostAsync("/tasks", new { uid, fields = new { title = "applied" } }));
            Reply got = await api.GetAsync("/tasks/" + uid);
            Assert.Equal(200, got.Code);
            Assert.Equal("applied", got.Json.GetProperty("fields").GetProperty("title").GetString());
            Shapes.AssertDetail(await api.PostAsync("/tasks", new { uid, fields = new { title = "retry" } }), 403);

            JsonElement stats = (await api.GetAsync("/_emulator/stats")).Json;
            Assert.Contains(stats.GetProperty("routes").EnumerateArray(), r => r.GetProperty("route").GetString() == "/tasks" && r.GetProperty("status").GetInt32() == 0);
        }

        [Fact]
        public async Task TruncateSendsHalfTheBodyWith200()
        {
            await using TestApi api = await TestApi.StartAsync();
            string uid = Shapes.Uid(await api.CreateTaskAsync(new { title = "whole" }));
            string whole = (await api.GetAsync("/tasks/" + uid)).Body;
            await AddRulesAsync(api, new { method = "GET", route = "/tasks/{uid}", kind = "truncate", count = 1 });
            Reply cut = await api.GetAsync("/tasks/" + uid);
            Assert.Equal(200, cut.Code);
            Assert.Equal(whole.Substring(0, whole.Length / 2), cut.Body);
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(cut.Body));
            Assert.Equal(whole, (await api.GetAsync("/tasks/" + uid)).Body);
        }

        [Fact]
        public async Task DeleteClearsTheRulesAndAdminRoutesNeverFault()
        {
            await using TestApi api = await TestApi.StartAsync();
            await AddRulesAsync(api, new { kind = "status", status = 500 });
            Assert.Equal(200, (await api.GetAsync("/_emulator/health")).Code);
            Assert.Equal(500, (await api.GetAsync("/accounts/me")).Code);
            Reply cleared = await api.SendAsync(HttpMethod.Delete, "/_emulator/faults", null);
            Assert.Equal(0, cleared.Json.GetProperty("rules").GetArrayLength());
            Assert.Equal(200, (await api.GetAsync("/accounts/me")).Code);
        }

        [Fact]
        public async Task BadRulesAre422AndNoneIsAdded()
        {
            await using TestApi api = await TestApi.StartAsync();
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/faults", new { rules = new object[] { new { kind = "latency", latency_ms = 5 }, new { kind = "explode" } } }),
                "value_error", "body", "rules", 1, "kind");
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/faults", new { rules = new[] { new { kind = "status", status = 418 } } }), "int_type", "body", "rules", 0, "status");
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/faults", new { rules = new[] { new { kind = "status" } } }), "missing", "body", "rules", 0, "status");
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/faults", new { rules = new[] { new { kind = "truncate", route = "/tasks/x" } } }), "value_error", "body", "rules", 0, "route");
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/faults", new { rules = new[] { new { kind = "truncate", probability = 2 } } }), "value_error", "body", "rules", 0, "probability");
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/faults", new { rules = new[] { new { kind = "truncate", sequence = new object[] { true, 1 } } } }), "list_type", "body", "rules", 0, "sequence");
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/faults", new { }), "missing", "body", "rules");
            Assert.Equal(0, (await api.GetAsync("/_emulator/faults")).Json.GetProperty("rules").GetArrayLength());
        }

        [Fact]
        public async Task StartUpRulesAndGlobalLatencyComeFromTheOptions()
        {
            await using TestApi api = await TestApi.StartAsync(o =>
            {
                o.LatencyMs = 120;
                o.FaultRules.Add(new FaultRule { Kind = FaultKind.Status, Status = 429, RetryAfter = 3, Sequence = new[] { true } });
            });
            var clock = Stopwatch.StartNew();
            Reply first = await api.GetAsync("/accounts/me");
            Assert.Equal(429, first.Code);
            Assert.Equal("3", first.Headers.GetValues("Retry-After").Single());
            Assert.Equal(200, (await api.GetAsync("/accounts/me")).Code);
            Assert.True(clock.ElapsedMilliseconds >= 240, $"two requests took {clock.ElapsedMilliseconds} ms");
            JsonElement rules = (await api.GetAsync("/_emulator/faults")).Json.GetProperty("rules");
            Assert.Equal(2, rules.GetArrayLength());
            Assert.Equal(1, (await api.GetAsync("/_emulator/stats")).Json.GetProperty("rate_limited").GetInt32());
        }
    }
}
