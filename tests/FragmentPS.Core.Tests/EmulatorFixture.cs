using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using FragmentPS.Core;
using FragmentPS.Core.Resilience;
using FragmentPS.Emulator;
using Xunit;

namespace FragmentPS.Core.Tests
{
    /// <summary>A real emulator on a loopback port, shared by the tests of a class; reset by each test that needs it.</summary>
    public sealed class EmulatorFixture : IAsyncLifetime
    {
        public const string Token = "core-tests-token";

        public EmulatorServer Server { get; private set; } = null!;
        public HttpClient Admin { get; } = new HttpClient();

        public async Task InitializeAsync()
        {
            var options = new EmulatorOptions { Port = 0, RateLimitPerMinute = 0 };
            options.Tokens.Add(Token);
            Server = await EmulatorServer.StartAsync(options);
            Admin.BaseAddress = new Uri(Server.RootUri, "_emulator/");
            Admin.DefaultRequestHeaders.Add("X-Fragment-Emulator-Key", Server.AdminKey);
        }

        public async Task DisposeAsync()
        {
            Admin.Dispose();
            await Server.DisposeAsync();
        }

        public FragmentClient NewClient(int maxRetries = 3, double baseDelaySeconds = 0.01, int requestsPerMinute = 0, string token = Token) =>
            new FragmentClient(new FragmentClientOptions
            {
                BaseUri = Server.BaseUri,
                Retry = new RetryOptions { MaxRetries = maxRetries, BaseDelay = TimeSpan.FromSeconds(baseDelaySeconds), RequestTimeout = TimeSpan.FromSeconds(10) },
                RateLimit = new RateLimitOptions { RequestsPerMinute = requestsPerMinute },
            }, token);

        public async Task ResetAsync() => (await Admin.PostAsync("reset", null)).EnsureSuccessStatusCode();

        public async Task<JsonElement> AdminAsync(HttpMethod method, string path, string? json = null)
        {
            var request = new HttpRequestMessage(method, path);
            if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            var response = await Admin.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var text = await response.Content.ReadAsStringAsync();
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }

        public Task AddFaultsAsync(string rulesJson) => AdminAsync(HttpMethod.Post, "faults", "{\"rules\":" + rulesJson + "}");

        /// <summary>How many requests the emulator counted for a method and route template (all statuses).</summary>
        public async Task<int> CountAsync(string method, string route)
        {
            var stats = await AdminAsync(HttpMethod.Get, "stats");
            int count = 0;
            foreach (var row in stats.GetProperty("routes").EnumerateArray())
                if (row.GetProperty("method").GetString() == method && row.GetProperty("route").GetString() == route)
                    count += row.GetProperty("count").GetInt32();
            return count;
        }
    }

    [CollectionDefinition("emulator")]
    public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture> { }
}
