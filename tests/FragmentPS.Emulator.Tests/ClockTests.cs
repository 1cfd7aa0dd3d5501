namespace FragmentPS.Emulator.Tests
{
    /// <summary>The emulator's clock: every date the server sets comes from it, and tests may move it.</summary>
    public sealed class ClockTests
    {
        private static readonly DateTime Start = new DateTime(2030, 1, 31, 9, 0, 0, DateTimeKind.Utc);

        [Fact]
        public async Task ServerSetDatesFollowTheClockGivenAtStart()
        {
            await using TestApi api = await TestApi.StartAsync(options => options.Now = Start);
            JsonElement task = await api.CreateTaskAsync(new { title = "then" });
            foreach (string key in new[] { "created_at", "updated_at", "due_at" })
            {
                Assert.InRange(Shapes.Date(task, key), Start, Start.AddMinutes(1));
            }
            Assert.InRange(Shapes.Date((await api.GetAsync("/accounts/me")).Json, "created_at"), Start, Start.AddMinutes(1));
        }

        [Fact]
        public async Task SetAndAdvanceMoveTheDatesOfLaterWrites()
        {
            await using TestApi api = await TestApi.StartAsync();
            Reply set = await api.PostAsync("/_emulator/clock", new { now = "2030-01-31T09:00:00Z" });
            Assert.Equal(200, set.Code);
            Assert.InRange(Shapes.Date(set.Json, "now"), Start, Start.AddMinutes(1));
            string uid = Shapes.Uid(await api.CreateTaskAsync(new { title = "clocked" }));

            Reply advanced = await api.PostAsync("/_emulator/clock", new { advance_seconds = 8 * 86400 });
            Assert.InRange(Shapes.Date(advanced.Json, "now"), Start.AddDays(8), Start.AddDays(8).AddMinutes(1));
            JsonElement done = (await api.PatchAsync("/tasks/" + uid, new { status = "DONE" })).Json;
            Assert.InRange(Shapes.Date(done, "done_at"), Start.AddDays(8), Start.AddDays(8).AddMinutes(1));
            Assert.InRange(Shapes.Date(done, "updated_at"), Start.AddDays(8), Start.AddDays(8).AddMinutes(1));
            Assert.InRange(Shapes.Date(done, "created_at"), Start, Start.AddMinutes(1));

            JsonElement comment = (await api.PostAsync($"/tasks/{uid}/comments", new { content = "late" })).Json;
            Assert.InRange(Shapes.Date(comment, "created_at"), Start.AddDays(8), Start.AddDays(8).AddMinutes(1));
            Assert.InRange(Shapes.Date((await api.GetAsync("/_emulator/clock")).Json, "now"), Start.AddDays(8), Start.AddDays(8).AddMinutes(1));
        }

        [Fact]
        public async Task TheClockMayBeSetBackAndStillOrdersLaterWrites()
        {
            await using TestApi api = await TestApi.StartAsync();
            await api.PostAsync("/_emulator/clock", new { now = "2001-05-01T00:00:00Z" });
            JsonElement first = await api.CreateTaskAsync(new { title = "a" });
            JsonElement second = await api.CreateTaskAsync(new { title = "b" });
            Assert.Equal(2001, Shapes.Date(first, "created_at").Year);
            Assert.True(Shapes.Date(second, "created_at") >= Shapes.Date(first, "created_at"));
        }

        [Fact]
        public async Task BadClockBodiesAre422()
        {
            await using TestApi api = await TestApi.StartAsync();
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/clock", new { now = "soon" }), "datetime_parsing", "body", "now");
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/clock", new { advance_seconds = 1e300 }), "value_error", "body", "advance_seconds");
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/clock", new { }), "value_error", "body");
            Shapes.AssertInvalid(await api.PostAsync("/_emulator/clock", new { now = "2030-01-01T00:00:00Z", advance_seconds = 5 }), "value_error", "body");
        }
    }
}
