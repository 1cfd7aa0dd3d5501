using System.Text;

namespace FragmentPS.Emulator.Tests
{
    /// <summary>Bad input and the error bodies of contract section 2: 422 lists naming the field, 404, 405, 413.</summary>
    public sealed class ValidationTests : SharedEmulatorTests
    {
        public ValidationTests(SharedEmulator emulator)
            : base(emulator)
        {
        }

        [Fact]
        public async Task ABodyThatIsNotJsonIs422()
        {
            Reply reply = await Api.PostAsync("/tasks", "{\"fields\": {\"title\": ");
            Shapes.AssertInvalid(reply, "json_invalid", "body");
            Shapes.AssertInvalid(await Api.PostAsync("/tasks", "hello"), "json_invalid", "body");
            Shapes.AssertInvalid(await Api.PostAsync("/tasks", "{} trailing"), "json_invalid", "body");
        }

        [Fact]
        public async Task AnEmptyBodyIsAMissingBody()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Api.UriFor("/tasks"));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestApi.Token);
            using HttpResponseMessage response = await Api.Http.SendAsync(request);
            var reply = new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers);
            Shapes.AssertInvalid(reply, "missing", "body");
        }

        [Theory]
        [InlineData("[]")]
        [InlineData("\"text\"")]
        [InlineData("42")]
        public async Task ABodyThatIsNotAnObjectIs422(string body)
        {
            Shapes.AssertInvalid(await Api.PostAsync("/tasks", body), "model_attributes_type", "body");
            Shapes.AssertInvalid(await Api.PatchAsync("/tasks/" + Guid.NewGuid(), body), "model_attributes_type", "body");
        }

        [Fact]
        public async Task FieldsMustBeAnObject()
        {
            Shapes.AssertInvalid(await Api.PostAsync("/tasks", new { fields = new[] { "title" } }), "dict_type", "body", "fields");
            Shapes.AssertInvalid(await Api.PostAsync("/tasks", new { fields = "title" }), "dict_type", "body", "fields");
        }

        [Fact]
        public async Task CreateWithoutTitleIs422NamingFieldsTitle()
        {
            Reply reply = await Api.PostAsync("/tasks", new { fields = new { country = "FR" } });
            Shapes.AssertInvalid(reply, "missing", "body", "fields", "title");
            Assert.Equal("FR", reply.Json.GetProperty("detail")[0].GetProperty("input").GetProperty("country").GetString());
            Shapes.AssertInvalid(await Api.PostAsync("/tasks", new { status = "TODO" }), "missing", "body", "fields", "title");
            Shapes.AssertInvalid(await Api.PostAsync("/tasks", new { fields = new { title = (string?)null } }), "missing", "body", "fields", "title");
        }

        [Theory]
        [InlineData("{\"status\": \"todo\"}", "enum", "status")]
        [InlineData("{\"status\": \"CLOSED\"}", "enum", "status")]
        [InlineData("{\"status\": 1}", "enum", "status")]
        [InlineData("{\"external_status\": \"NOPE\"}", "enum", "external_status")]
        [InlineData("{\"due_at\": \"tomorrow\"}", "datetime_parsing", "due_at")]
        [InlineData("{\"due_at\": \"2025-13-45T00:00:00Z\"}", "datetime_parsing", "due_at")]
        [InlineData("{\"snooze_expires_at\": 12345}", "datetime_type", "snooze_expires_at")]
        [InlineData("{\"queue_uid\": \"not-a-uuid\"}", "uuid_parsing", "queue_uid")]
        [InlineData("{\"assignee_uid\": 5}", "uuid_type", "assignee_uid")]
        [InlineData("{\"parent_uid\": \"1234\"}", "uuid_parsing", "parent_uid")]
        [InlineData("{\"case_uid\": \"x\"}", "uuid_parsing", "case_uid")]
        [InlineData("{\"metadata_form_uid\": \"x\"}", "uuid_parsing", "metadata_form_uid")]
        [InlineData("{\"external_assignee_uid\": \"x\"}", "uuid_parsing", "external_assignee_uid")]
        [InlineData("{\"uid\": \"x\"}", "uuid_parsing", "uid")]
        [InlineData("{\"archived\": \"true\"}", "bool_type", "archived")]
        [InlineData("{\"archived\": null}", "bool_type", "archived")]
        [InlineData("{\"skills\": \"x\"}", "list_type", "skills")]
        [InlineData("{\"participants\": [1]}", "dict_type", "participants")]
        [InlineData("{\"form_data\": 3}", "dict_type", "form_data")]
        [InlineData("{\"assignee_email\": \"nobody\"}", "value_error", "assignee_email")]
        public async Task WrongTypesAndValuesAre422NamingTheField(string body, string type, string field)
        {
            string withTitle = body.Insert(1, "\"fields\": {\"title\": \"t\"}, ");
            Shapes.AssertInvalid(await Api.PostAsync("/tasks", withTitle), type, "body", field);
            Shapes.AssertInvalid(await Api.PatchAsync("/tasks/" + Guid.NewGuid(), body), type, "body", field);
        }

        [Fact]
        public async Task SkillsMustBeUuidsAndTheBadItemIsNamed()
        {
            Shapes.AssertInvalid(await Api.PostAsync("/tasks", new { fields = new { title = "x" }, skills = new object[] { Guid.NewGuid(), "nope" } }),
                "uuid_parsing", "body", "skills", 1);
        }

        [Fact]
        public async Task EveryBadKeyIsListedAndNothingIsCreated()
        {
            string marker = Guid.NewGuid().ToString("N");
            Reply reply = await Api.PostAsync("/tasks", new { fields = new { marker }, status = "X", due_at = "x", queue_uid = "x" });
            Assert.Equal(422, reply.Code);
            Assert.Equal(4, reply.Json.GetProperty("detail").GetArrayLength());
            Assert.Equal(0, (await Api.GetAsync("/tasks?marker=" + marker)).Json.GetProperty("meta").GetProperty("total_count").GetInt32());
        }

        [Fact]
        public async Task AFiveMegabyteBodyIsAccepted()
        {
            string big = new string('x', 5 * 1024 * 1024);
            Reply reply = await Api.PostAsync("/tasks", new { fields = new { title = "Big", blob = big } });
            Assert.Equal(200, reply.Code);
            Reply got = await Api.GetAsync("/tasks/" + Shapes.Uid(reply.Json));
            Assert.Equal(big.Length, got.Json.GetProperty("fields").GetProperty("blob").GetString()!.Length);
        }

        [Fact]
        public async Task ABodyOverTheLimitIs413WithDetail()
        {
            await using TestApi small = await TestApi.StartAsync(o => o.MaxBodyBytes = 1000);
            Reply ok = await small.PostAsync("/tasks", new { fields = new { title = new string('a', 500) } });
            Assert.Equal(200, ok.Code);
            Reply tooBig = await small.PostAsync("/tasks", new { fields = new { title = new string('a', 2000) } });
            Shapes.AssertDetail(tooBig, 413);

            // Without a Content-Length (chunked), the limit still holds.
            using var request = new HttpRequestMessage(HttpMethod.Post, small.UriFor("/tasks"));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestApi.Token);
            request.Headers.TransferEncodingChunked = true;
            request.Content = new StreamContent(new System.IO.MemoryStream(Encoding.UTF8.GetBytes("{\"fields\":{\"title\":\"" + new string('b', 3000) + "\"}}")));
            using HttpResponseMessage response = await small.Http.SendAsync(request);
            Assert.Equal(413, (int)response.StatusCode);
        }

        [Fact]
        public async Task TheDefaultLimitRefusesElevenMegabytes()
        {
            Reply reply = await Api.PostAsync("/tasks", new { fields = new { title = "Huge", blob = new string('x', 11 * 1024 * 1024) } });
            Shapes.AssertDetail(reply, 413);
        }

        [Theory]
        [InlineData("/nothing/here")]
        [InlineData("/tasks/" + "00000000-0000-0000-0000-000000000001/unknown")]
        [InlineData("/accounts")]
        [InlineData("")]
        public async Task UnknownRoutesAre404NotFound(string path)
        {
            // Answered before auth, as a FastAPI router does.
            Reply reply = await Api.GetAsync(path, token: null);
            Assert.Equal(404, reply.Code);
            Assert.Equal("Not Found", reply.Json.GetProperty("detail").GetString());
            Reply outside = await Api.SendAsync(HttpMethod.Get, "/../../elsewhere", null);
            Assert.Equal(404, outside.Code);
        }

        [Theory]
        [InlineData("DELETE", "/accounts/me")]
        [InlineData("DELETE", "/tasks")]
        [InlineData("PUT", "/tasks")]
        [InlineData("GET", "/tasks/batch")]
        [InlineData("DELETE", "/tasks/batch")]
        [InlineData("POST", "/tasks/00000000-0000-0000-0000-000000000001")]
        [InlineData("DELETE", "/tasks/00000000-0000-0000-0000-000000000001/comments")]
        public async Task WrongMethodsAre405MethodNotAllowed(string method, string path)
        {
            Reply reply = await Api.SendAsync(new HttpMethod(method), path, null);
            Assert.Equal(405, reply.Code);
            Assert.Equal("Method Not Allowed", reply.Json.GetProperty("detail").GetString());
        }

        [Fact]
        public async Task ErrorBodiesAreJson()
        {
            using HttpResponseMessage response = await Api.Http.GetAsync(Api.UriFor("/tasks/" + Guid.NewGuid()));
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        }
    }
}
