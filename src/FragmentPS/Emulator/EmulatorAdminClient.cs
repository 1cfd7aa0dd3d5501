using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace FragmentPS.Emulator
{
    /// <summary>
    /// Calls one emulator's /_emulator/ routes with its admin key (never shown, never logged). Answers are JSON;
    /// a refusal becomes an <see cref="EmulatorAdminException"/> whose message reads like the emulator's detail.
    /// </summary>
    internal sealed class EmulatorAdminClient : IDisposable
    {
        public const string KeyHeader = "X-Fragment-Emulator-Key";

        private readonly HttpClient _http;

        public EmulatorAdminClient(Uri adminUri, string adminKey)
        {
            _http = new HttpClient { BaseAddress = adminUri, Timeout = TimeSpan.FromMinutes(5) };
            _http.DefaultRequestHeaders.Add(KeyHeader, adminKey);
        }

        /// <summary>Sends <paramref name="jsonBody"/> (when given) to <paramref name="route"/> and returns the answer's JSON.</summary>
        public async Task<JsonElement> SendAsync(HttpMethod method, string route, string? jsonBody, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(method, route);
            if (jsonBody != null) request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new EmulatorAdminException(0, $"The emulator at {_http.BaseAddress} did not answer: {ex.Message}");
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new EmulatorAdminException(0, $"The emulator at {_http.BaseAddress} did not answer within {_http.Timeout.TotalSeconds:0} s.");
            }
            using (response)
            {
                string text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                JsonElement json = Parse(text);
                if (response.IsSuccessStatusCode) return json;
                throw new EmulatorAdminException((int)response.StatusCode, Describe(json, text, (int)response.StatusCode));
            }
        }

        public void Dispose() => _http.Dispose();

        private static JsonElement Parse(string text)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return default;
            }
        }

        /// <summary>The detail as a sentence: a string as it is, a 422 list as "location: message" entries.</summary>
        private static string Describe(JsonElement json, string text, int status)
        {
            if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("detail", out JsonElement detail))
            {
                if (detail.ValueKind == JsonValueKind.String) return detail.GetString() + ".";
                if (detail.ValueKind == JsonValueKind.Array) return string.Join("; ", detail.EnumerateArray().Select(Entry)) + ".";
            }
            return string.Format(CultureInfo.InvariantCulture, "The emulator answered {0}: {1}", status, text.Length > 200 ? text.Substring(0, 200) : text);
        }

        /// <summary>One validation entry: "location: message", or the message alone.</summary>
        private static string Entry(JsonElement entry)
        {
            string[] loc = entry.TryGetProperty("loc", out JsonElement locJson) && locJson.ValueKind == JsonValueKind.Array
                ? locJson.EnumerateArray().Select(part => part.ToString()).ToArray()
                : Array.Empty<string>();
            string msg = entry.TryGetProperty("msg", out JsonElement msgJson) ? msgJson.ToString() : "invalid";
            return (loc.Length > 0 ? string.Join(".", loc) + ": " : string.Empty) + msg;
        }
    }
}
