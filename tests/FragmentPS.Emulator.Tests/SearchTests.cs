namespace FragmentPS.Emulator.Tests
{
    /// <summary>GET /tasks (contract section 5): envelope, limit, cursors, filters, order_by, total_count.</summary>
    public sealed class SearchTests : SharedEmulatorTests
    {
        public SearchTests(SharedEmulator emulator)
            : base(emulator)
        {
        }

        private static string NewMarker() => Guid.NewGuid().ToString("N");

        private async Task<List<JsonElement>> CreateManyAsync(string marker, int count, Func<int, object>? extra = null)
        {
            var created = new List<JsonElement>();
            for (int start = 0; start < count; start += 100)
            {
                var items = Enumerable.Range(start, Math.Min(100, count - start)).Select(i =>
                {
                    var node = JsonSerializer.SerializeToNode(extra?.Invoke(i) ?? new { })!.AsObject();
                    var fields = node.ContainsKey("fields") ? node["fields"]!.AsObject() : new System.Text.Json.Nodes.JsonObject();
                    node.Remove("fields");
                    fields["title"] = $"T{i}";
                    fields["marker"] = marker;
                    fields["i"] = i;
                    node["fields"] = fields;
                    return node;
                }).ToArray();
                Reply reply = await Api.PostAsync("/tasks/batch", new { items });
                Assert.Equal(200, reply.Code);
                created.AddRange(reply.Json.GetProperty("items").EnumerateArray());
            }
            return created;
        }

        /// <summary>Every task of a search, following next_cursor; asserts the envelope on the way.</summary>
        private async Task<List<JsonElement>> ReadAllAsync(string query, int? expectedTotal = null)
        {
            var all = new List<JsonElement>();
            string? cursor = null;
            bool first = true;
            do
            {
                Reply page = await Api.GetAsync("/tasks?" + query + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
                Assert.True(page.Code == 200, page.ToString());
                JsonElement meta = page.Json.GetProperty("meta");
                Shapes.AssertKeys(meta, new[] { "limit", "self_cursor", "prev_cursor", "next_cursor", "total_count" });
                Assert.Equal(JsonValueKind.String, meta.GetProperty("self_cursor").ValueKind);
                if (first) Assert.Equal(JsonValueKind.Null, meta.GetProperty("prev_cursor").ValueKind);
                if (expectedTotal is int total) Assert.Equal(total, meta.GetProperty("total_count").GetInt32());
                all.AddRange(page.Json.GetProperty("items").EnumerateArray());
                cursor = meta.GetProperty("next_cursor").GetString();
                first = false;
            }
            while (cursor is not null);
            return all;
        }

        private async Task<string[]> UidsAsync(string query) => (await ReadAllAsync(query)).Select(Shapes.Uid).ToArray();

        [Fact]
        public async Task PagesFollowNextCursorToTheEnd()
        {
            string marker = NewMarker();
            List<JsonElement> created = await CreateManyAsync(marker, 25);
            Reply firstPage = await Api.GetAsync($"/tasks?marker={marker}&limit=10");
            Assert.Equal(10, firstPage.Json.GetProperty("items").GetArrayLength());
            Assert.Equal(10, firstPage.Json.GetProperty("meta").GetProperty("limit").GetInt32());
            List<JsonElement> all = await ReadAllAsync($"marker={marker}&limit=10", expectedTotal: 25);
            Assert.Equal(created.Select(Shapes.Uid).OrderBy(u => u), all.Select(Shapes.Uid).OrderBy(u => u));
            Reply last = await Api.GetAsync($"/tasks?marker={marker}&limit=25");
            Assert.Equal(JsonValueKind.Null, last.Json.GetProperty("meta").GetProperty("next_cursor").ValueKind);
        }

        [Fact]
        public async Task TheDefaultLimitIs50AndTheCapIs100()
        {
            string marker = NewMarker();
            await CreateManyAsync(marker, 120);
            Reply page = await Api.GetAsync($"/tasks?marker={marker}");
            Assert.Equal(50, page.Json.GetProperty("items").GetArrayLength());
            Assert.Equal(50, page.Json.GetProperty("meta").GetProperty("limit").GetInt32());
            Assert.Equal(120, page.Json.GetProperty("meta").GetProperty("total_count").GetInt32());
            Assert.Equal(100, (await Api.GetAsync($"/tasks?marker={marker}&limit=100")).Json.GetProperty("items").GetArrayLength());
        }

        [Theory]
        [InlineData("limit=101", "less_than_equal", "limit")]
        [InlineData("limit=0", "greater_than_equal", "limit")]
        [InlineData("limit=-3", "greater_than_equal", "limit")]
        [InlineData("limit=ten", "int_parsing", "limit")]
        [InlineData("cursor=not-a-cursor", "value_error", "cursor")]
        [InlineData("cursor=", "value_error", "cursor")]
        [InlineData("status=done", "enum", "status")]
        [InlineData("archived=maybe", "bool_parsing", "archived")]
        [InlineData("queue_uid=x", "uuid_parsing", "queue_uid")]
        [InlineData("assignee_uid=x", "uuid_parsing", "assignee_uid")]
        [InlineData("parent_uid=x", "uuid_parsing", "parent_uid")]
        [InlineData("created_at_after=yesterday", "datetime_parsing", "created_at_after")]
        [InlineData("due_at_before=2020-99-01", "datetime_parsing", "due_at_before")]
        [InlineData("order_by=title", "enum", "order_by")]
        [InlineData("order_by=--due_at", "enum", "order_by")]
        public async Task BadQueryParametersAre422NamingTheParameter(string query, string type, string parameter)
        {
            Shapes.AssertInvalid(await Api.GetAsync("/tasks?" + query), type, "query", parameter);
        }

        [Fact]
        public async Task MaxPageSizeIsAStartUpOption()
        {
            await using TestApi api = await TestApi.StartAsync(o => o.MaxPageSize = 5);
            await api.PostAsync("/_emulator/seed", new { count = 12 });
            Assert.Equal(5, (await api.GetAsync("/tasks")).Json.GetProperty("items").GetArrayLength());
            Assert.Equal(5, (await api.GetAsync("/tasks?limit=5")).Json.GetProperty("items").GetArrayLength());
            Shapes.AssertInvalid(await api.GetAsync("/tasks?limit=6"), "less_than_equal", "query", "limit");
        }

        [Fact]
        public async Task BadCursorsAre422()
        {
            Shapes.AssertInvalid(await Api.GetAsync("/tasks?cursor=" + new string('A', 48)), "value_error", "query", "cursor");
            string cursor = (await Api.GetAsync("/tasks?limit=1&order_by=due_at")).Json.GetProperty("meta").GetProperty("self_cursor").GetString()!;
            Shapes.AssertInvalid(await Api.GetAsync($"/tasks?order_by=-due_at&cursor={cursor}"), "value_error", "query", "cursor");
        }

        [Fact]
        public async Task ACursorAloneKeepsItsOrder()
        {
            string marker = NewMarker();
            await CreateManyAsync(marker, 6, i => new { due_at = DateTime.UtcNow.AddDays(10 - i) });
            string[] expected = await UidsAsync($"marker={marker}&order_by=-due_at&limit=100");
            Reply first = await Api.GetAsync($"/tasks?marker={marker}&order_by=-due_at&limit=3");
            string next = first.Json.GetProperty("meta").GetProperty("next_cursor").GetString()!;
            Reply second = await Api.GetAsync($"/tasks?marker={marker}&limit=3&cursor={next}");
            Assert.Equal(expected.Skip(3), second.Json.GetProperty("items").EnumerateArray().Select(Shapes.Uid));
        }

        [Fact]
        public async Task PrevCursorLeadsBackToThePreviousPage()
        {
            string marker = NewMarker();
            await CreateManyAsync(marker, 10);
            Reply page1 = await Api.GetAsync($"/tasks?marker={marker}&limit=4");
            Reply page2 = await Api.GetAsync($"/tasks?marker={marker}&limit=4&cursor=" + page1.Json.GetProperty("meta").GetProperty("next_cursor").GetString());
            Reply page3 = await Api.GetAsync($"/tasks?marker={marker}&limit=4&cursor=" + page2.Json.GetProperty("meta").GetProperty("next_cursor").GetString());
            Assert.Equal(2, page3.Json.GetProperty("items").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, page3.Json.GetProperty("meta").GetProperty("next_cursor").ValueKind);

            Reply back2 = await Api.GetAsync($"/tasks?marker={marker}&limit=4&cursor=" + page3.Json.GetProperty("meta").GetProperty("prev_cursor").GetString());
            Assert.Equal(page2.Json.GetProperty("items").GetRawText(), back2.Json.GetProperty("items").GetRawText());
            Reply back1 = await Api.GetAsync($"/tasks?marker={marker}&limit=4&cursor=" + page2.Json.GetProperty("meta").GetProperty("prev_cursor").GetString());
            Assert.Equal(page1.Json.GetProperty("items").GetRawText(), back1.Json.GetProperty("items").GetRawText());
            Reply self = await Api.GetAsync($"/tasks?marker={marker}&limit=4&cursor=" + page2.Json.GetProperty("meta").GetProperty("self_cursor").GetString());
            Assert.Equal(page2.Json.GetProperty("items").GetRawText(), self.Json.GetProperty("items").GetRawText());
        }

        [Fact]
        public async Task NativeFiltersMatchAndRepeatedValuesMatchAny()
        {
            string marker = NewMarker();
            Guid queue = Guid.NewGuid(), parent = Guid.NewGuid(), assignee = Guid.NewGuid();
            List<JsonElement> tasks = await CreateManyAsync(marker, 9, i => new
            {
                status = new[] { "TODO", "STARTED", "DONE" }[i % 3],
                archived = i % 2 == 0,
                queue_uid = i < 3 ? queue : (Guid?)null,
                parent_uid = i == 4 ? parent : (Guid?)null,
                assignee_uid = i >= 7 ? assignee : (Guid?)null,
            });
            string[] Expect(Func<int, bool> which) => tasks.Where(t => which(t.GetProperty("fields").GetProperty("i").GetInt32())).Select(Shapes.Uid).OrderBy(u => u).ToArray();
            async Task Check(string query, Func<int, bool> which) =>
                Assert.Equal(Expect(which), (await UidsAsync($"marker={marker}&" + query)).OrderBy(u => u).ToArray());

            await Check("status=DONE", i => i % 3 == 2);
            await Check("status=TODO&status=DONE", i => i % 3 != 1);
            await Check("archived=true", i => i % 2 == 0);
            await Check("archived=false&status=STARTED", i => i % 2 == 1 && i % 3 == 1);
            await Check("queue_uid=" + queue, i => i < 3);
            await Check("parent_uid=" + parent, i => i == 4);
            await Check("assignee_uid=" + assignee + "&assignee_uid=" + Guid.NewGuid(), i => i >= 7);

        }

        [Fact]
        public async Task FieldFiltersCompareAsText()
        {
            string marker = NewMarker();
            List<JsonElement> tasks = await CreateManyAsync(marker, 6, i => new
            {
                fields = new Dictionary<string, object?>
                {
                    ["country"] = new[] { "FR", "DE", "US" }[i % 3],
                    ["n"] = i == 0 ? "3" : i == 1 ? (object)3 : 4,
                    ["flag"] = i % 2 == 0,
                    ["Case"] = "x",
                    ["maybe"] = i == 5 ? null : "set",
                },
            });
            string[] Expect(params int[] which) => which.Select(i => Shapes.Uid(tasks[i])).OrderBy(u => u).ToArray();
            async Task Check(string query, params int[] which) =>
                Assert.Equal(Expect(which), (await UidsAsync($"marker={marker}&" + query)).OrderBy(u => u).ToArray());

            await Check("country=FR", 0, 3);
            await Check("fields.country=DE", 1, 4);
            await Check("country=FR&country=US", 0, 2, 3, 5);
            await Check("country=FR&flag=true", 0);
            await Check("n=3", 0, 1);
            await Check("n=4&flag=false", 3, 5);
            await Check("maybe=null", 5);
            await Check("Case=x", 0, 1, 2, 3, 4, 5);
            await Check("case=x");
            await Check("country=fr");
            await Check("missing_field=1");
        }

        [Fact]
        public async Task DateRangesAreAfterInclusiveBeforeExclusive()
        {
            string marker = NewMarker();
            DateTime baseDue = new DateTime(2031, 3, 1, 0, 0, 0, DateTimeKind.Utc);
            List<JsonElement> tasks = await CreateManyAsync(marker, 5, i => new { due_at = baseDue.AddDays(i) });
            string Day(int i) => baseDue.AddDays(i).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
            string[] Expect(params int[] which) => which.Select(i => Shapes.Uid(tasks[i])).ToArray();

            Assert.Equal(Expect(1, 2), await UidsAsync($"marker={marker}&order_by=due_at&due_at_after={Day(1)}&due_at_before={Day(3)}"));
            Assert.Equal(Expect(4), await UidsAsync($"marker={marker}&due_at_after={Day(4)}"));
            Assert.Equal(Expect(0), await UidsAsync($"marker={marker}&due_at_before={Day(1)}"));

            await Task.Delay(20);
            DateTime between = DateTime.UtcNow;
            await Task.Delay(20);
            await Api.PatchAsync("/tasks/" + Shapes.Uid(tasks[2]), new { status = "DONE" });
            Assert.Equal(Expect(2), await UidsAsync($"marker={marker}&updated_at_after={between:O}"));
            Assert.Equal(Expect(0, 1, 3, 4), await UidsAsync($"marker={marker}&order_by=due_at&updated_at_before={between:O}"));
            Assert.Equal(5, (await UidsAsync($"marker={marker}&created_at_before={DateTime.UtcNow.AddMinutes(1):O}")).Length);
            Assert.Empty(await UidsAsync($"marker={marker}&created_at_after={DateTime.UtcNow.AddMinutes(1):O}"));

        }

        [Fact]
        public async Task OrderByEachKeyEitherWayWithTiesOnUid()
        {
            string marker = NewMarker();
            DateTime due = new DateTime(2032, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            // Pairs share a due date, so the uid breaks those ties.
            List<JsonElement> tasks = await CreateManyAsync(marker, 8, i => new { due_at = due.AddHours(i / 2) });
            for (int i = 7; i >= 0; i--)
            {
                await Api.PatchAsync("/tasks/" + Shapes.Uid(tasks[i]), new { fields = new { touched = i } });
                await Task.Delay(2);
            }
            var current = new List<JsonElement>();
            foreach (JsonElement t in tasks) current.Add((await Api.GetAsync("/tasks/" + Shapes.Uid(t))).Json);

            foreach (string key in new[] { "created_at", "updated_at", "due_at" })
            {
                string[] ascending = current.OrderBy(t => t.GetProperty(key).GetString(), StringComparer.Ordinal)
                    .ThenBy(Shapes.Uid, StringComparer.Ordinal).Select(Shapes.Uid).ToArray();
                Assert.Equal(ascending, await UidsAsync($"marker={marker}&order_by={key}&limit=3"));
                Assert.Equal(ascending.Reverse(), await UidsAsync($"marker={marker}&order_by=-{key}&limit=3"));
            }
            Assert.Equal(await UidsAsync($"marker={marker}&order_by=created_at"), await UidsAsync($"marker={marker}"));
        }

        [Fact]
        public async Task ANullDueDateSortsLast()
        {
            string marker = NewMarker();
            List<JsonElement> tasks = await CreateManyAsync(marker, 3, i => new { due_at = i == 0 ? (DateTime?)null : DateTime.UtcNow.AddDays(i) });
            string[] ordered = await UidsAsync($"marker={marker}&order_by=due_at");
            Assert.Equal(Shapes.Uid(tasks[0]), ordered.Last());
            Assert.Equal(2, (await UidsAsync($"marker={marker}&due_at_after=2000-01-01")).Length);
        }

        [Fact]
        public async Task TotalCountCountsEveryMatchNotThePage()
        {
            string marker = NewMarker();
            await CreateManyAsync(marker, 30, i => new { status = i < 12 ? "DONE" : "TODO" });
            Reply reply = await Api.GetAsync($"/tasks?marker={marker}&status=DONE&limit=5");
            Assert.Equal(5, reply.Json.GetProperty("items").GetArrayLength());
            Assert.Equal(12, reply.Json.GetProperty("meta").GetProperty("total_count").GetInt32());
            await ReadAllAsync($"marker={marker}&status=DONE&limit=5", expectedTotal: 12);
            await ReadAllAsync($"marker={marker}&limit=7", expectedTotal: 30);
        }

        [Fact]
        public async Task ARareMatchIsFoundAmongManyTasks()
        {
            await using TestApi api = await TestApi.StartAsync();
            await api.PostAsync("/_emulator/seed", new { count = 20_000 });
            Reply one = await api.GetAsync("/tasks?ticket_id=T-12345");
            Assert.Equal(1, one.Json.GetProperty("items").GetArrayLength());
            Assert.Equal("Seeded task 12345", one.Json.GetProperty("items")[0].GetProperty("fields").GetProperty("title").GetString());
            Reply fr = await api.GetAsync("/tasks?country=FR&limit=100&order_by=-due_at");
            Assert.Equal(4000, fr.Json.GetProperty("meta").GetProperty("total_count").GetInt32());
            // Second page: the count is known now, and the page comes from the index walk.
            Reply fr2 = await api.GetAsync("/tasks?country=FR&limit=100&order_by=-due_at&cursor=" + fr.Json.GetProperty("meta").GetProperty("next_cursor").GetString());
            JsonElement[] both = fr.Json.GetProperty("items").EnumerateArray().Concat(fr2.Json.GetProperty("items").EnumerateArray()).ToArray();
            Assert.All(both, t => Assert.Equal("FR", t.GetProperty("fields").GetProperty("country").GetString()));
            string[] dues = both.Select(t => t.GetProperty("due_at").GetString()!).ToArray();
            Assert.Equal(dues.OrderByDescending(d => d, StringComparer.Ordinal), dues);
            Assert.Equal(200, both.Select(Shapes.Uid).Distinct().Count());
        }
    }
}
