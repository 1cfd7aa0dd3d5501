namespace FragmentPS.Emulator.Tests
{
    /// <summary>POST, GET, PATCH, PUT and DELETE of single tasks (contract sections 3 and 4).</summary>
    public sealed class TaskTests : SharedEmulatorTests
    {
        public TaskTests(SharedEmulator emulator)
            : base(emulator)
        {
        }

        [Fact]
        public async Task CreateAnswers200WithTheWholeTaskAndItsDefaults()
        {
            DateTime before = DateTime.UtcNow.AddSeconds(-1);
            Reply reply = await Api.PostAsync("/tasks", new { fields = new { title = "Call back", url = "https://example.com/1", country = "FR" } });
            Assert.Equal(200, reply.Code);
            JsonElement task = reply.Json;
            Shapes.AssertKeys(task, Shapes.TaskKeys);
            Assert.True(Guid.TryParse(Shapes.Uid(task), out _));
            Assert.Equal("TODO", task.GetProperty("status").GetString());
            Assert.False(task.GetProperty("archived").GetBoolean());
            Assert.Equal("Call back", task.GetProperty("fields").GetProperty("title").GetString());
            Assert.Equal("FR", task.GetProperty("fields").GetProperty("country").GetString());
            foreach (string date in new[] { "due_at", "created_at", "updated_at" }) Shapes.AssertDate(task.GetProperty(date));
            Assert.Equal(task.GetProperty("created_at").GetString(), task.GetProperty("due_at").GetString());
            Assert.InRange(Shapes.Date(task, "created_at"), before, DateTime.UtcNow.AddSeconds(1));
            foreach (string unset in new[] { "started_at", "done_at", "assigned_at", "snooze_expires_at", "queue_uid", "assignee_uid",
                         "case_uid", "parent_uid", "metadata_form_uid", "external_assignee_uid", "participants", "legacy_data", "form_data",
                         "form_type", "review_status", "task_type", "external_status", "external_created_at", "external_updated_at",
                         "external_status_updated_at", "sla_breach_at", "played_at", "assignee",
                         "sla_breach_business_at", "assignee_updated_by", "queue_updated_by" })
            {
                Assert.True(task.GetProperty(unset).ValueKind == JsonValueKind.Null, unset + " should be null");
            }
            Assert.Equal(task.GetProperty("created_at").GetString(), task.GetProperty("internal_created_at").GetString());
            Assert.Equal(task.GetProperty("updated_at").GetString(), task.GetProperty("internal_updated_at").GetString());
            Assert.Equal(0, task.GetProperty("skills").GetArrayLength());
            Assert.False(task.GetProperty("is_assigned_player").GetBoolean());
            foreach (string counter in Shapes.TaskKeys.Where(k => k.StartsWith("num_") || k.EndsWith("_time") || k.EndsWith("_business")))
            {
                Assert.Equal(0, task.GetProperty(counter).GetInt32());
            }
        }

        [Fact]
        public async Task CreateKeepsEveryWritableKey()
        {
            string queue = Guid.NewGuid().ToString(), parent = Guid.NewGuid().ToString(), skill = Guid.NewGuid().ToString();
            Reply reply = await Api.PostAsync("/tasks", new
            {
                fields = new { title = "All keys", nested = new { a = new[] { 1, 2 } }, n = 3.5, flag = true, nothing = (string?)null },
                archived = true,
                status = "DONE",
                due_at = "2030-01-02T03:04:05.678Z",
                snooze_expires_at = "2030-02-01T00:00:00+02:00",
                queue_uid = queue,
                parent_uid = parent,
                case_uid = Guid.NewGuid(),
                metadata_form_uid = Guid.NewGuid(),
                external_assignee_uid = Guid.NewGuid(),
                skills = new[] { skill },
                participants = new { watchers = new[] { "a" } },
                form_data = new { answer = 42 },
                external_status = "STARTED",
                external_created_at = "2024-05-06",
                external_updated_at = "2024-05-07T08:00:00Z",
            });
            Assert.Equal(200, reply.Code);
            JsonElement task = reply.Json;
            Assert.True(task.GetProperty("archived").GetBoolean());
            Assert.Equal("DONE", task.GetProperty("status").GetString());
            Shapes.AssertDate(task.GetProperty("done_at"));
            Assert.Equal("2030-01-02T03:04:05.678Z", task.GetProperty("due_at").GetString());
            Assert.Equal("2030-01-31T22:00:00.000Z", task.GetProperty("snooze_expires_at").GetString());
            Assert.Equal("2024-05-06T00:00:00.000Z", task.GetProperty("external_created_at").GetString());
            Assert.Equal(queue, task.GetProperty("queue_uid").GetString());
            Assert.Equal(parent, task.GetProperty("parent_uid").GetString());
            Assert.Equal(skill, task.GetProperty("skills")[0].GetString());
            Assert.Equal(42, task.GetProperty("form_data").GetProperty("answer").GetInt32());
            Assert.Equal("a", task.GetProperty("participants").GetProperty("watchers")[0].GetString());
            Assert.Equal("STARTED", task.GetProperty("external_status").GetString());
            Shapes.AssertDate(task.GetProperty("external_status_updated_at"));
            JsonElement fields = task.GetProperty("fields");
            Assert.Equal(2, fields.GetProperty("nested").GetProperty("a")[1].GetInt32());
            Assert.Equal(3.5, fields.GetProperty("n").GetDouble());
            Assert.True(fields.GetProperty("flag").GetBoolean());
            Assert.Equal(JsonValueKind.Null, fields.GetProperty("nothing").ValueKind);
        }

        [Fact]
        public async Task UnknownAndComputedKeysAreIgnored()
        {
            Reply reply = await Api.PostAsync("/tasks", new
            {
                fields = new { title = "Ignore" },
                created_at = "2001-01-01T00:00:00Z",
                updated_at = "2001-01-01T00:00:00Z",
                num_children = 9,
                work_time = 100,
                assignee = new { uid = Guid.NewGuid() },
                is_assigned_player = true,
                something_new = new { x = 1 },
            });
            Assert.Equal(200, reply.Code);
            Assert.True(Shapes.Date(reply.Json, "created_at").Year > 2020);
            Assert.Equal(0, reply.Json.GetProperty("num_children").GetInt32());
            Assert.Equal(0, reply.Json.GetProperty("work_time").GetInt32());
            Assert.Equal(JsonValueKind.Null, reply.Json.GetProperty("assignee").ValueKind);
            Assert.False(reply.Json.GetProperty("is_assigned_player").GetBoolean());
            Assert.False(reply.Json.TryGetProperty("something_new", out _));
        }

        [Fact]
        public async Task AssigneeIsAUserObjectOnceAssigned()
        {
            JsonElement byEmail = await Api.CreateTaskAsync(new { }, new { assignee_email = "jane.doe@example.com" });
            JsonElement user = byEmail.GetProperty("assignee");
            Shapes.AssertKeys(user, Shapes.UserKeys);
            Assert.Equal("jane.doe@example.com", user.GetProperty("email").GetString());
            Assert.Equal("Jane", user.GetProperty("first_name").GetString());
            Assert.Equal("Doe", user.GetProperty("last_name").GetString());
            Assert.Equal(user.GetProperty("uid").GetString(), byEmail.GetProperty("assignee_uid").GetString());
            Shapes.AssertDate(byEmail.GetProperty("assigned_at"));

            string someone = Guid.NewGuid().ToString();
            JsonElement byUid = await Api.CreateTaskAsync(new { }, new { assignee_uid = someone });
            Assert.Equal(someone, byUid.GetProperty("assignee").GetProperty("uid").GetString());
            Assert.Contains("@", byUid.GetProperty("assignee").GetProperty("email").GetString());

            Reply cleared = await Api.PatchAsync("/tasks/" + Shapes.Uid(byUid), new { assignee_uid = (string?)null });
            Assert.Equal(JsonValueKind.Null, cleared.Json.GetProperty("assignee").ValueKind);
            Assert.Equal(JsonValueKind.Null, cleared.Json.GetProperty("assignee_uid").ValueKind);
        }

        [Fact]
        public async Task ClientChosenUidIsKeptAndASecondPostWithItIs403()
        {
            string uid = Guid.NewGuid().ToString();
            Reply first = await Api.PostAsync("/tasks", new { uid, fields = new { title = "Mine" } });
            Assert.Equal(uid, Shapes.Uid(first.Json));
            Reply again = await Api.PostAsync("/tasks", new { uid = uid.ToUpperInvariant(), fields = new { title = "Again" } });
            Shapes.AssertDetail(again, 403);
            Assert.Contains(uid, again.Detail);
            Assert.Equal("Mine", (await Api.GetAsync("/tasks/" + uid)).Json.GetProperty("fields").GetProperty("title").GetString());
        }

        [Fact]
        public async Task GetAnswersTheTaskOr404Or422()
        {
            JsonElement created = await Api.CreateTaskAsync(new { title = "Get me" });
            Reply got = await Api.GetAsync("/tasks/" + Shapes.Uid(created));
            Assert.Equal(200, got.Code);
            Assert.Equal(created.GetRawText(), got.Json.GetRawText());

            Shapes.AssertDetail(await Api.GetAsync("/tasks/" + Guid.NewGuid()), 404);
            Shapes.AssertInvalid(await Api.GetAsync("/tasks/not-a-uuid"), "uuid_parsing", "path", "uid");
            Shapes.AssertInvalid(await Api.PatchAsync("/tasks/123", new { }), "uuid_parsing", "path", "uid");
            Shapes.AssertInvalid(await Api.PutAsync("/tasks/123", new { fields = new { title = "x" } }), "uuid_parsing", "path", "uid");
            Shapes.AssertInvalid(await Api.DeleteAsync("/tasks/123"), "uuid_parsing", "path", "uid");
        }

        [Fact]
        public async Task PatchReplacesTopLevelKeysAndMergesFieldsKeyByKey()
        {
            JsonElement created = await Api.CreateTaskAsync(new { title = "Merge", country = "FR", keep = 1 }, new { queue_uid = Guid.NewGuid() });
            string uid = Shapes.Uid(created);
            await Task.Delay(5);
            Reply patched = await Api.PatchAsync("/tasks/" + uid, new
            {
                fields = new { country = "DE", added = new[] { 1 }, keep = (int?)null },
                queue_uid = (string?)null,
                archived = true,
            });
            Assert.Equal(200, patched.Code);
            JsonElement fields = patched.Json.GetProperty("fields");
            Assert.Equal("Merge", fields.GetProperty("title").GetString());
            Assert.Equal("DE", fields.GetProperty("country").GetString());
            Assert.Equal(1, fields.GetProperty("added")[0].GetInt32());
            Assert.Equal(JsonValueKind.Null, fields.GetProperty("keep").ValueKind);
            Assert.Equal(JsonValueKind.Null, patched.Json.GetProperty("queue_uid").ValueKind);
            Assert.True(patched.Json.GetProperty("archived").GetBoolean());
            Assert.True(Shapes.Date(patched.Json, "updated_at") > Shapes.Date(created, "updated_at"));
            Assert.Equal(created.GetProperty("created_at").GetString(), patched.Json.GetProperty("created_at").GetString());
        }

        [Fact]
        public async Task UpdatedAtMovesOnlyWhenSomethingChanged()
        {
            JsonElement created = await Api.CreateTaskAsync(new { title = "Same", n = 1 }, new { status = "TODO" });
            string uid = Shapes.Uid(created);
            await Task.Delay(5);
            Reply same = await Api.PatchAsync("/tasks/" + uid, new { fields = new { n = 1, title = "Same" }, status = "TODO", archived = false, unknown = 5 });
            Assert.Equal(created.GetRawText(), same.Json.GetRawText());
            Reply changed = await Api.PatchAsync("/tasks/" + uid, new { fields = new { n = 2 } });
            Assert.True(Shapes.Date(changed.Json, "updated_at") > Shapes.Date(created, "updated_at"));
        }

        [Fact]
        public async Task StatusChangesStampStartedAndDoneUnlessTheBodyGivesThem()
        {
            string uid = Shapes.Uid(await Api.CreateTaskAsync(new { }));
            Reply started = await Api.PatchAsync("/tasks/" + uid, new { status = "STARTED" });
            Shapes.AssertDate(started.Json.GetProperty("started_at"));
            Assert.Equal(JsonValueKind.Null, started.Json.GetProperty("done_at").ValueKind);
            Reply done = await Api.PatchAsync("/tasks/" + uid, new { status = "DONE", done_at = "2020-02-02T02:02:02.002Z" });
            Assert.Equal("2020-02-02T02:02:02.002Z", done.Json.GetProperty("done_at").GetString());
            Assert.Equal(started.Json.GetProperty("started_at").GetString(), done.Json.GetProperty("started_at").GetString());

            JsonElement createdStarted = await Api.CreateTaskAsync(new { }, new { status = "STARTED" });
            Shapes.AssertDate(createdStarted.GetProperty("started_at"));
        }

        [Fact]
        public async Task PatchOfAnUnknownTaskIs404()
        {
            Shapes.AssertDetail(await Api.PatchAsync("/tasks/" + Guid.NewGuid(), new { status = "DONE" }), 404);
        }

        [Fact]
        public async Task PutCreatesWithTheTitleAndRepeatsChangeNothing()
        {
            string uid = Guid.NewGuid().ToString();
            Shapes.AssertInvalid(await Api.PutAsync("/tasks/" + uid, new { fields = new { country = "FR" } }), "missing", "body", "fields", "title");
            Assert.Equal(404, (await Api.GetAsync("/tasks/" + uid)).Code);

            var body = new { fields = new { title = "Upsert", country = "FR" }, status = "STARTED" };
            Reply first = await Api.PutAsync("/tasks/" + uid, body);
            Assert.Equal(200, first.Code);
            Assert.Equal(uid, Shapes.Uid(first.Json));
            await Task.Delay(5);
            Reply second = await Api.PutAsync("/tasks/" + uid, body);
            Assert.Equal(first.Json.GetRawText(), second.Json.GetRawText());

            Reply update = await Api.PutAsync("/tasks/" + uid, new { fields = new { country = "ES" } });
            Assert.Equal("Upsert", update.Json.GetProperty("fields").GetProperty("title").GetString());
            Assert.Equal("ES", update.Json.GetProperty("fields").GetProperty("country").GetString());
        }

        [Fact]
        public async Task ABodyUidThatDiffersFromThePathIs422()
        {
            string uid = Guid.NewGuid().ToString();
            Shapes.AssertInvalid(await Api.PutAsync("/tasks/" + uid, new { uid = Guid.NewGuid(), fields = new { title = "x" } }), "value_error", "body", "uid");
            Assert.Equal(200, (await Api.PutAsync("/tasks/" + uid, new { uid, fields = new { title = "x" } })).Code);
            Shapes.AssertInvalid(await Api.PatchAsync("/tasks/" + uid, new { uid = Guid.NewGuid() }), "value_error", "body", "uid");
        }

        [Fact]
        public async Task DeleteAnswersTheDeletedTaskThen404()
        {
            JsonElement created = await Api.CreateTaskAsync(new { title = "Bye" });
            string uid = Shapes.Uid(created);
            Reply deleted = await Api.DeleteAsync("/tasks/" + uid);
            Assert.Equal(200, deleted.Code);
            Assert.Equal(created.GetRawText(), deleted.Json.GetRawText());
            Shapes.AssertDetail(await Api.GetAsync("/tasks/" + uid), 404);
            Shapes.AssertDetail(await Api.DeleteAsync("/tasks/" + uid), 404);
            Assert.Equal(200, (await Api.PostAsync("/tasks", new { uid, fields = new { title = "Back" } })).Code);
        }
    }
}
