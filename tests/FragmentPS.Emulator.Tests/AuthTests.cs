namespace FragmentPS.Emulator.Tests
{
    public sealed class AuthTests : SharedEmulatorTests
    {
        public AuthTests(SharedEmulator emulator)
            : base(emulator)
        {
        }

        [Fact]
        public async Task AccountsMeAnswersTheAccountObject()
        {
            Reply reply = await Api.GetAsync("/accounts/me");
            Assert.Equal(200, reply.Code);
            Shapes.AssertKeys(reply.Json, new[] { "uid", "name", "created_at", "updated_at" });
            Assert.True(System.Guid.TryParse(reply.Json.GetProperty("uid").GetString(), out _));
            Shapes.AssertDate(reply.Json.GetProperty("created_at"));
            Shapes.AssertDate(reply.Json.GetProperty("updated_at"));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("wrong-token")]
        public async Task MissingOrWrongTokenIs401WithDetail(string? token)
        {
            Reply reply = await Api.GetAsync("/accounts/me", token);
            Shapes.AssertDetail(reply, 401);
            Assert.Equal("Bearer", reply.Headers.WwwAuthenticate.Single().Scheme);
        }

        [Fact]
        public async Task EveryTaskRouteNeedsTheToken()
        {
            string uid = System.Guid.NewGuid().ToString();
            Shapes.AssertDetail(await Api.GetAsync("/tasks", null), 401);
            Shapes.AssertDetail(await Api.PostAsync("/tasks", new { fields = new { title = "x" } }, null), 401);
            Shapes.AssertDetail(await Api.GetAsync("/tasks/" + uid, null), 401);
            Shapes.AssertDetail(await Api.PostAsync("/tasks/batch", new { items = Array.Empty<object>() }, "nope"), 401);
            Shapes.AssertDetail(await Api.GetAsync($"/tasks/{uid}/comments", "nope"), 401);
        }

        [Fact]
        public async Task ANonBearerSchemeIs401()
        {
            using var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, Api.UriFor("/accounts/me"));
            request.Headers.TryAddWithoutValidation("Authorization", "Basic " + TestApi.Token);
            using var response = await Api.Http.SendAsync(request);
            Assert.Equal(401, (int)response.StatusCode);
        }

        [Fact]
        public async Task TokensAddedAtRunTimeWorkAndRevokedOnesFailAtOnce()
        {
            Assert.Equal(401, (await Api.GetAsync("/accounts/me", "added-later")).Code);
            Reply added = await Api.PostAsync("/_emulator/tokens", new { add = new[] { "added-later" } });
            Assert.Equal(200, added.Code);
            Assert.Equal(200, (await Api.GetAsync("/accounts/me", "added-later")).Code);

            Assert.Equal(200, (await Api.PostAsync("/_emulator/tokens", new { revoke = new[] { "added-later" } })).Code);
            Reply revoked = await Api.GetAsync("/accounts/me", "added-later");
            Shapes.AssertDetail(revoked, 401);
            Assert.Contains("revoked", revoked.Detail);
            Assert.Equal(200, (await Api.GetAsync("/accounts/me")).Code);
        }

        [Fact]
        public async Task TokensBodyMustBeListsOfStrings()
        {
            Shapes.AssertInvalid(await Api.PostAsync("/_emulator/tokens", new { add = "single" }), "list_type", "body", "add");
            Shapes.AssertInvalid(await Api.PostAsync("/_emulator/tokens", "[1]"), "model_attributes_type", "body");
        }
    }
}
