namespace FragmentPS.Emulator.Tests
{
    /// <summary>POST, PUT and PATCH /tasks/batch: at most 100 items, all-or-nothing, errors naming the index.</summary>
    public sealed class BatchTests : SharedEmulatorTests
    {
        public BatchTests(SharedEmulator emulator)
            : base(emulator)
        {
        }

        private async Task<int> CountAsync(string marker) =>
            (await Api.GetAsync("/tasks?marker=" + marker)).Json.GetProperty("meta").GetProperty("total_count").GetInt32();

        private static object Item(string marker, int i, object? uid = null) =>
            uid is null ? new { fields = new { title = $"Item {i}", marker, i } } : new { uid, fields = new { title = $"Item {i}", marker, i } };

        [Fact]
        public async Task PostCreatesEveryItemInOrder()
        {
            string marker = Guid.NewGuid().ToString("N");
            Reply reply = await Api.PostAsync("/tasks/batch", new { items = Enumerable.Range(0, 100).Select(i => Item(marker, i)).ToArray() });
            Assert.Equal(200, reply.Code);
            JsonElement[] items = reply.Json.GetProperty("items").EnumerateArray().ToArray();
            Assert.Equal(100, items.Length);
            for (int i = 0; i < items.Length; i++)
            {
                Assert.Equal(i, items[i].GetProperty("fields").GetProperty("i").GetInt32());
                Shapes.AssertKeys(items[i], Shapes.TaskKeys);
            }
            Assert.Equal(100, await CountAsync(marker));
            Assert.Equal(100, items.Select(Shapes.Uid).Distinct().Count());
        }

        [Fact]
        public async Task MoreThan100ItemsIs422AndNothingIsCreated()
        {
            string marker = Guid.NewGuid().ToString("N");
            Reply reply = await Api.PostAsync("/tasks/batch", new { items = Enumerable.Range(0, 101).Select(i => Item(marker, i)).ToArray() });
            Shapes.AssertInvalid(reply, "too_long", "body", "items");
            Assert.Equal(0, await CountAsync(marker));
        }

        [Fact]
        public async Task ABadItemIs422NamingItsIndexAndNothingIsCreated()
        {
            string marker = Guid.NewGuid().ToString("N");
            object[] items = { Item(marker, 0), new { fields = new { marker } }, Item(marker, 2), new { fields = new { title = "x" }, status = "NOPE" } };
            Reply reply = await Api.PostAsync("/tasks/batch", new { items });
            Shapes.AssertInvalid(reply, "missing", "body", "items", 1, "fields", "title");
            Shapes.AssertInvalid(reply, "enum", "body", "items", 3, "status");
            Assert.Equal(0, await CountAsync(marker));
        }

        [Fact]
        public async Task TheBodyMustHoldAnItemsList()
        {
            Shapes.AssertInvalid(await Api.PostAsync("/tasks/batch", new { }), "missing", "body", "items");
            Shapes.AssertInvalid(await Api.PostAsync("/tasks/batch", new { items = new { } }), "list_type", "body", "items");
            Shapes.AssertInvalid(await Api.PatchAsync("/tasks/batch", "[]"), "model_attributes_type", "body");
            Shapes.AssertInvalid(await Api.PutAsync("/tasks/batch", new { items = new object[] { 5 } }), "model_attributes_type", "body", "items", 0);
            Reply empty = await Api.PostAsync("/tasks/batch", new { items = Array.Empty<object>() });
            Assert.Equal(0, empty.Json.GetProperty("items").GetArrayLength());
        }

        [Fact]
        public async Task PostWithAnExistingUidIs403NamingTheIndexAndNothingIsCreated()
        {
            string marker = Guid.NewGuid().ToString("N");
            string existing = Shapes.Uid(await Api.CreateTaskAsync(new { title = "Already here" }));
            Reply reply = await Api.PostAsync("/tasks/batch", new { items = new[] { Item(marker, 0), Item(marker, 1), Item(marker, 2, existing) } });
            Shapes.AssertDetail(reply, 403);
            Assert.Contains("items[2]", reply.Detail);
            Assert.Equal(0, await CountAsync(marker));

            string twice = Guid.NewGuid().ToString();
            Reply duplicate = await Api.PostAsync("/tasks/batch", new { items = new[] { Item(marker, 0, twice), Item(marker, 1, twice) } });
            Shapes.AssertDetail(duplicate, 403);
            Assert.Contains("items[1]", duplicate.Detail);
            Assert.Equal(404, (await Api.GetAsync("/tasks/" + twice)).Code);
        }

        [Fact]
        public async Task PutUpsertsEveryItemAndNeedsUids()
        {
            string marker = Guid.NewGuid().ToString("N");
            JsonElement existing = await Api.CreateTaskAsync(new { title = "Old", marker, keep = "yes" });
            string fresh = Guid.NewGuid().ToString();
            Shapes.AssertInvalid(await Api.PutAsync("/tasks/batch", new { items = new[] { Item(marker, 0, fresh), Item(marker, 1) } }), "missing", "body", "items", 1, "uid");

            Reply reply = await Api.PutAsync("/tasks/batch", new
            {
                items = new object[] { new { uid = Shapes.Uid(existing), status = "DONE", fields = new { title = "New" } }, Item(marker, 1, fresh) },
            });
            Assert.Equal(200, reply.Code);
            JsonElement updated = reply.Json.GetProperty("items")[0];
            Assert.Equal("DONE", updated.GetProperty("status").GetString());
            Assert.Equal("New", updated.GetProperty("fields").GetProperty("title").GetString());
            Assert.Equal("yes", updated.GetProperty("fields").GetProperty("keep").GetString());
            Assert.Equal(fresh, Shapes.Uid(reply.Json.GetProperty("items")[1]));
            Assert.Equal(2, await CountAsync(marker));

            Reply repeat = await Api.PutAsync("/tasks/batch", new { items = new[] { Item(marker, 1, fresh) } });
            Assert.Equal(reply.Json.GetProperty("items")[1].GetRawText(), repeat.Json.GetProperty("items")[0].GetRawText());
        }

        [Fact]
        public async Task PutCreatingWithoutTitleIs422AtTheIndexAndNothingIsApplied()
        {
            string marker = Guid.NewGuid().ToString("N");
            string existing = Shapes.Uid(await Api.CreateTaskAsync(new { marker }));
            Reply reply = await Api.PutAsync("/tasks/batch", new
            {
                items = new object[] { new { uid = existing, status = "DONE" }, new { uid = Guid.NewGuid(), fields = new { marker } } },
            });
            Shapes.AssertInvalid(reply, "missing", "body", "items", 1, "fields", "title");
            Assert.Equal("TODO", (await Api.GetAsync("/tasks/" + existing)).Json.GetProperty("status").GetString());
        }

        [Fact]
        public async Task PatchUpdatesExistingTasksOnly()
        {
            string marker = Guid.NewGuid().ToString("N");
            string a = Shapes.Uid(await Api.CreateTaskAsync(new { marker, n = 1 }));
            string b = Shapes.Uid(await Api.CreateTaskAsync(new { marker, n = 2 }));
            Shapes.AssertInvalid(await Api.PatchAsync("/tasks/batch", new { items = new[] { new { status = "DONE" } } }), "missing", "body", "items", 0, "uid");

            Reply missing = await Api.PatchAsync("/tasks/batch", new
            {
                items = new object[] { new { uid = a, status = "DONE" }, new { uid = Guid.NewGuid(), status = "DONE" } },
            });
            Shapes.AssertDetail(missing, 404);
            Assert.Contains("items[1]", missing.Detail);
            Assert.Equal("TODO", (await Api.GetAsync("/tasks/" + a)).Json.GetProperty("status").GetString());

            Reply reply = await Api.PatchAsync("/tasks/batch", new
            {
                items = new object[] { new { uid = a, status = "DONE" }, new { uid = b, fields = new { n = 20 } } },
            });
            Assert.Equal(200, reply.Code);
            Assert.Equal("DONE", reply.Json.GetProperty("items")[0].GetProperty("status").GetString());
            Assert.Equal(20, reply.Json.GetProperty("items")[1].GetProperty("fields").GetProperty("n").GetInt32());
            Assert.Equal(20, (await Api.GetAsync("/tasks/" + b)).Json.GetProperty("fields").GetProperty("n").GetInt32());
        }

        [Fact]
        public async Task ABatchIsAppliedAtOnce()
        {
            // A search running beside batches never sees a batch half applied.
            string marker = Guid.NewGuid().ToString("N");
            var writer = Task.Run(async () =>
            {
                for (int round = 0; round < 10; round++)
                {
                    await Api.PostAsync("/tasks/batch", new { items = Enumerable.Range(0, 50).Select(i => Item(marker, i)).ToArray() });
                }
            });
            while (!writer.IsCompleted)
            {
                int count = await CountAsync(marker);
                Assert.True(count % 50 == 0, $"saw {count} tasks: a batch was half applied");
            }
            await writer;
            Assert.Equal(500, await CountAsync(marker));
        }
    }
}
