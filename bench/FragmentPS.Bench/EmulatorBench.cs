using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace FragmentPS.Bench
{
    /// <summary>
    /// The emulator's speed goals, measured over loopback HTTP: seeding, search pages over many tasks (with and
    /// without a field filter), and GET /tasks/{uid} throughput under concurrent load.
    /// </summary>
    public static class EmulatorBench
    {
        private const int Samples = 20;

        public static async Task<int> RunAsync(BenchOptions options)
        {
            await using EmulatorHost host = await EmulatorHost.StartAsync(options.Dll);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency })
            {
                Timeout = TimeSpan.FromSeconds(60),
            };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorHost.Token);
            http.DefaultRequestHeaders.UserAgent.ParseAdd("FragmentPS.Bench/1.0");
            string api = host.BaseUri.ToString();
            var table = new Table();

            var clock = Stopwatch.StartNew();
            using (var seed = new HttpRequestMessage(HttpMethod.Post, new Uri(host.RootUri, "_emulator/seed"))
                   {
                       Content = new StringContent($"{{\"count\": {options.Tasks}}}", Encoding.UTF8, "application/json"),
                   })
            using (HttpResponseMessage seeded = await SendAdminAsync(http, seed, host.AdminKey))
            {
                seeded.EnsureSuccessStatusCode();
            }
            table.Add($"seed {options.Tasks:N0} tasks", Ms(clock.Elapsed.TotalMilliseconds), "< 5000 ms", clock.Elapsed.TotalMilliseconds < 5000);

            string page = $"{api}/tasks?limit=100";
            double all = await MedianMsAsync(http, page, null);
            table.Add("search page, 100 items, no filter", Ms(all), "< 50 ms", all < 50);
            double cached = await MedianMsAsync(http, page + "&country=FR", null);
            table.Add("search page, country=FR", Ms(cached), "< 50 ms", cached < 50);
            // A write between samples makes every sample count its matches afresh (the count cache is per store version).
            string touched = await FirstUidAsync(http, page);
            double cold = await MedianMsAsync(http, page + "&country=FR", () => TouchAsync(http, api, touched));
            table.Add("search page, country=FR, after a write", Ms(cold), "< 50 ms", cold < 50);

            (double perSecond, long failed, double p50, double p99) = await LoadAsync(http, api, await UidsAsync(http, page), options);
            table.Add($"GET /tasks/{{uid}}, {options.Concurrency} loops, {options.Seconds} s", $"{perSecond:N0} req/s",
                ">= 5000 req/s", perSecond >= 5000);
            table.Add("  latency p50 / p99", $"{p50:F2} / {p99:F2} ms", "", null);

            Console.WriteLine($"Emulator benchmark ({host.Description}, {Environment.ProcessorCount} cores, rate limit off)");
            table.Print();
            if (failed > 0) Console.WriteLine($"{failed} load requests failed.");
            return failed > 0 ? 1 : 0;
        }

        private static string Ms(double ms) => $"{ms:F1} ms";

        private static Task<HttpResponseMessage> SendAdminAsync(HttpClient http, HttpRequestMessage request, string adminKey)
        {
            request.Headers.Add("X-Fragment-Emulator-Key", adminKey);
            return http.SendAsync(request);
        }

        /// <summary>The median time of <see cref="Samples"/> GETs of <paramref name="url"/>, after two to warm up.</summary>
        private static async Task<double> MedianMsAsync(HttpClient http, string url, Func<Task>? beforeEach)
        {
            var times = new List<double>();
            for (int i = 0; i < Samples + 2; i++)
            {
                if (beforeEach is not null) await beforeEach();
                var clock = Stopwatch.StartNew();
                using HttpResponseMessage response = await http.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                if (i >= 2) times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            return (times[(Samples - 1) / 2] + times[Samples / 2]) / 2;
        }

        private static async Task<string[]> UidsAsync(HttpClient http, string url)
        {
            using JsonDocument page = JsonDocument.Parse(await http.GetStringAsync(url));
            return page.RootElement.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("uid").GetString()!).ToArray();
        }

        private static async Task<string> FirstUidAsync(HttpClient http, string url) => (await UidsAsync(http, url))[0];

        private static async Task TouchAsync(HttpClient http, string api, string uid)
        {
            var patch = new HttpRequestMessage(HttpMethod.Patch, $"{api}/tasks/{uid}")
            {
                Content = new StringContent($"{{\"fields\": {{\"touched\": \"{Guid.NewGuid()}\"}}}}", Encoding.UTF8, "application/json"),
            };
            using HttpResponseMessage response = await http.SendAsync(patch);
            response.EnsureSuccessStatusCode();
        }

        /// <summary>Concurrent loops of GET /tasks/{uid} over the given uids for the configured time.</summary>
        private static async Task<(double PerSecond, long Failed, double P50, double P99)> LoadAsync(
            HttpClient http, string api, string[] uids, BenchOptions options)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
            long ok = 0, failed = 0;
            var latencies = new List<double>[options.Concurrency];
            var clock = Stopwatch.StartNew();
            Task[] loops = Enumerable.Range(0, options.Concurrency).Select(loop => Task.Run(async () =>
            {
                var mine = latencies[loop] = new List<double>();
                for (int i = loop; !stop.IsCancellationRequested; i += options.Concurrency)
                {
                    long started = Stopwatch.GetTimestamp();
                    try
                    {
                        using HttpResponseMessage response = await http.GetAsync($"{api}/tasks/{uids[i % uids.Length]}", HttpCompletionOption.ResponseContentRead);
                        if (response.IsSuccessStatusCode) Interlocked.Increment(ref ok);
                        else Interlocked.Increment(ref failed);
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref failed);
                    }
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            })).ToArray();
            await Task.WhenAll(loops);
            double seconds = clock.Elapsed.TotalSeconds;
            double[] sorted = latencies.SelectMany(l => l).OrderBy(l => l).ToArray();
            return (ok / seconds, failed, sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)]);
        }

        /// <summary>Rows of measure, value, goal, verdict, printed as aligned plain text.</summary>
        private sealed class Table
        {
            private readonly List<string[]> _rows = new List<string[]> { new[] { "measure", "result", "goal", "" } };

            public void Add(string measure, string result, string goal, bool? met) =>
                _rows.Add(new[] { measure, result, goal, met is null ? "" : met.Value ? "ok" : "MISSED" });

            public void Print()
            {
                int[] widths = Enumerable.Range(0, 4).Select(c => _rows.Max(r => r[c].Length)).ToArray();
                foreach (string[] row in _rows)
                {
                    Console.WriteLine($"{row[0].PadRight(widths[0])}  {row[1].PadLeft(widths[1])}  {row[2].PadRight(widths[2])}  {row[3]}".TrimEnd());
                }
            }
        }
    }
}
