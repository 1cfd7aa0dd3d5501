using System.Text;

namespace FragmentPS.Emulator.Tests
{
    /// <summary>Bodies broken in encoding or in transit are the client's fault: 4xx, never 500.</summary>
    public sealed class BadBodyTests
    {
        private static string Head(TestApi api, string method, string path, string headers) =>
            $"{method} {path} HTTP/1.1\nHost: 127.0.0.1:{api.Server.RootUri.Port}\nAuthorization: Bearer {TestApi.Token}\n" +
            $"{TestApi.AdminKeyHeader}: {api.Server.AdminKey}\nContent-Type: application/json\nConnection: close\n{headers}";

        [Theory]
        [InlineData("POST", "/api/v1/tasks")]
        [InlineData("PATCH", "/api/v1/tasks/batch")]
        [InlineData("POST", "/_emulator/seed")]
        public async Task InvalidUtf8Is422(string method, string path)
        {
            await using TestApi api = await TestApi.StartAsync();
            byte[] body = Encoding.UTF8.GetBytes("{\"fields\":{\"title\":\"bad \u0001\"}}");
            body[body.Length - 5] = 0xC3; // a lead byte followed by '"': not UTF-8
            Assert.Equal(422, await RawHttp.SendAsync(api.Server.RootUri, Head(api, method, path, $"Content-Length: {body.Length}\n"), body));
        }

        [Theory]
        [InlineData("POST", "/api/v1/tasks")]
        [InlineData("POST", "/_emulator/tasks")]
        public async Task ABadChunkSizeIs400(string method, string path)
        {
            await using TestApi api = await TestApi.StartAsync();
            byte[] body = Encoding.ASCII.GetBytes("zz\r\n{}\r\n0\r\n\r\n");
            Assert.Equal(400, await RawHttp.SendAsync(api.Server.RootUri, Head(api, method, path, "Transfer-Encoding: chunked\n"), body));
        }

        [Theory]
        [InlineData("POST", "/api/v1/tasks")]
        [InlineData("PUT", "/api/v1/tasks/batch")]
        [InlineData("POST", "/_emulator/faults")]
        public async Task ABodyShorterThanItsContentLengthIsAClientError(string method, string path)
        {
            // The rest never comes: Kestrel gives up on the body (its minimum data rate) and the answer says why.
            await using TestApi api = await TestApi.StartAsync();
            byte[] body = Encoding.ASCII.GetBytes("{\"fields\":");
            Assert.InRange(await RawHttp.SendAsync(api.Server.RootUri, Head(api, method, path, "Content-Length: 500\n"), body), 400, 499);
        }

        [Fact]
        public async Task AClientThatGivesUpMidBodyGetsNo500AndTheEmulatorGoesOn()
        {
            await using TestApi api = await TestApi.StartAsync();
            int status = await RawHttp.SendAsync(api.Server.RootUri, Head(api, "POST", "/api/v1/tasks", "Content-Length: 500\n"), new byte[10], halfClose: true);
            Assert.True(status is 0 or (>= 400 and < 500), "answered " + status);
            Assert.Equal(200, (await api.PostAsync("/tasks", new { fields = new { title = "after" } })).Code);
        }
    }
}
