using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace FragmentPS.Emulator.Tests.Support
{
    /// <summary>An answer as the tests look at it: status, raw body, headers, and the body as JSON.</summary>
    public sealed record Reply(HttpStatusCode Status, string Body, HttpResponseHeaders Headers)
    {
        public int Code => (int)Status;
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        /// <summary>The <c>detail</c> of an error body, whichever form (string, or the 422 list as JSON text).</summary>
        public string Detail => Json.GetProperty("detail").ValueKind == JsonValueKind.String
            ? Json.GetProperty("detail").GetString()!
            : Json.GetProperty("detail").GetRawText();

        public override string ToString() => $"{Code} {Body}";
    }

    /// <summary>
    /// An in-process emulator on a free port and an HttpClient for it. Paths starting with "/_emulator" go to the
    /// server root, with the admin key; every other path is relative to /api/v1.
    /// </summary>
    public sealed class TestApi : IAsyncDisposable
    {
        public const string Token = "test-token";
        public const string AdminKeyHeader = "X-Fragment-Emulator-Key";

        private TestApi(EmulatorServer server)
        {
            Server = server;
            Http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            Http.DefaultRequestHeaders.UserAgent.ParseAdd("FragmentPS.Emulator.Tests/1.0");
        }

        public EmulatorServer Server { get; }
        public HttpClient Http { get; }

        /// <summary>Starts an emulator with the rate limit off unless <paramref name="configure"/> says otherwise.</summary>
        public static async Task<TestApi> StartAsync(Action<EmulatorOptions>? configure = null)
        {
            var options = new EmulatorOptions { Port = 0, RateLimitPerMinute = 0 };
            options.Tokens.Add(Token);
            configure?.Invoke(options);
            return new TestApi(await EmulatorServer.StartAsync(options));
        }

        public Uri UriFor(string path) => path.StartsWith("/_emulator", StringComparison.Ordinal)
            ? new Uri(Server.RootUri, path.TrimStart('/'))
            : new Uri(Server.BaseUri + path);

        public Task<Reply> GetAsync(string path, string? token = Token) => SendAsync(HttpMethod.Get, path, null, token);

        public Task<Reply> PostAsync(string path, object? body, string? token = Token) => SendAsync(HttpMethod.Post, path, body, token);

        public Task<Reply> PutAsync(string path, object? body, string? token = Token) => SendAsync(HttpMethod.Put, path, body, token);

        public Task<Reply> PatchAsync(string path, object? body, string? token = Token) => SendAsync(HttpMethod.Patch, path, body, token);

        public Task<Reply> DeleteAsync(string path, string? token = Token) => SendAsync(HttpMethod.Delete, path, null, token);

        /// <summary>Sends <paramref name="body"/> as JSON: a string is sent as is (so tests can send broken JSON), anything else serialized.</summary>
        public async Task<Reply> SendAsync(HttpMethod method, string path, object? body, string? token = Token, string? adminKey = "",
            CancellationToken ct = default)
        {
            using var request = new HttpRequestMessage(method, UriFor(path));
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            string? key = adminKey == "" ? Server.AdminKey : adminKey;
            if (key is not null && path.StartsWith("/_emulator", StringComparison.Ordinal)) request.Headers.Add(AdminKeyHeader, key);
            if (body is not null)
            {
                string text = body as string ?? JsonSerializer.Serialize(body);
                request.Content = new StringContent(text, Encoding.UTF8, "application/json");
            }
            using HttpResponseMessage response = await Http.SendAsync(request, ct);
            return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(ct), response.Headers);
        }

        /// <summary>Creates a task with the given fields (a title is added when missing) and returns its JSON.</summary>
        public async Task<JsonElement> CreateTaskAsync(object fields, object? extra = null)
        {
            var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
            var fieldNode = JsonSerializer.SerializeToNode(fields)!.AsObject();
            if (!fieldNode.ContainsKey("title")) fieldNode["title"] = "Task " + Guid.NewGuid().ToString("N")[..8];
            body["fields"] = fieldNode;
            Reply reply = await PostAsync("/tasks", body.ToJsonString());
            if (reply.Code != 200) throw new InvalidOperationException("Create failed: " + reply);
            return reply.Json;
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Server.DisposeAsync();
        }
    }

    /// <summary>A test class whose tests share one emulator (<see cref="SharedEmulator"/>) as <see cref="Api"/>.</summary>
    public abstract class SharedEmulatorTests : Xunit.IClassFixture<SharedEmulator>
    {
        protected SharedEmulatorTests(SharedEmulator emulator) => Api = emulator.Api;

        protected TestApi Api { get; }
    }

    /// <summary>One emulator shared by the tests of a class (rate limit off); tests keep apart through unique field values.</summary>
    public sealed class SharedEmulator : Xunit.IAsyncLifetime
    {
        public TestApi Api { get; private set; } = null!;

        public async Task InitializeAsync() => Api = await TestApi.StartAsync();

        public async Task DisposeAsync() => await Api.DisposeAsync();
    }
}
