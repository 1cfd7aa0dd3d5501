using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;

namespace FragmentPS.Emulator.Tests
{
    /// <summary>The built FragmentPS.Emulator.dll run with 'dotnet' as a child process, as scripts and the build run it.</summary>
    public sealed class CommandLineTests
    {
        private static readonly Regex ListeningLine = new Regex(@"^Listening on http://127\.0\.0\.1:(\d+)/api/v1$");

        private static string EmulatorDll
        {
            get
            {
                string path = Path.Combine(AppContext.BaseDirectory, "FragmentPS.Emulator.dll");
                Assert.True(File.Exists(path), "not found: " + path);
                return path;
            }
        }

        private static readonly Regex AdminKeyLine = new Regex(@"^Admin key: ([0-9a-f]{64})$");

        private static Process Start(params string[] args) => StartWith(null, args);

        /// <summary>Starts the emulator with <paramref name="tokens"/> in FRAGMENT_EMULATOR_TOKENS (removed when null); stdin is a pipe.</summary>
        private static Process StartWith(string? tokens, params string[] args)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            if (tokens is null) info.Environment.Remove("FRAGMENT_EMULATOR_TOKENS");
            else info.Environment["FRAGMENT_EMULATOR_TOKENS"] = tokens;
            info.ArgumentList.Add(EmulatorDll);
            foreach (string arg in args) info.ArgumentList.Add(arg);
            return Process.Start(info)!;
        }

        /// <summary>Reads the 'Listening on' line (and the admin key line after it, unless <paramref name="keyLine"/> is false).</summary>
        private static async Task<(Uri Root, string? AdminKey)> ReadStartAsync(Process process, bool keyLine = true)
        {
            Task<string?> first = process.StandardOutput.ReadLineAsync();
            Assert.True(await Task.WhenAny(first, Task.Delay(TimeSpan.FromSeconds(30))) == first, "no 'Listening on' line within 30 s");
            Match listening = ListeningLine.Match(await first ?? "");
            Assert.True(listening.Success, "unexpected first line: " + await first);
            var root = new Uri($"http://127.0.0.1:{listening.Groups[1].Value}/");
            if (!keyLine) return (root, null);
            string second = await process.StandardOutput.ReadLineAsync() ?? "";
            Match key = AdminKeyLine.Match(second);
            Assert.True(key.Success, "unexpected second line: " + second);
            return (root, key.Groups[1].Value);
        }

        private static async Task<int> StatusAsync(Uri root, string path, string? token = null, string? adminKey = null, HttpMethod? method = null)
        {
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(method ?? HttpMethod.Get, new Uri(root, path));
            if (token is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            if (adminKey is not null) request.Headers.Add(TestApi.AdminKeyHeader, adminKey);
            using HttpResponseMessage response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }

        /// <summary>Waits for the process to end (a deadline, not a measure of speed); false when it is still running then.</summary>
        private static async Task<bool> EndsAsync(Process process, TimeSpan deadline)
        {
            using var timeout = new System.Threading.CancellationTokenSource(deadline);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        private static async Task SignalAsync(string signal, int pid)
        {
            using Process kill = Process.Start("/bin/kill", new[] { "-" + signal, pid.ToString() })!;
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        private static async Task<(int Exit, string Out, string Err)> RunToEndAsync(params string[] args)
        {
            using Process process = Start(args);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout, await stderr);
        }

        [Fact]
        public async Task PrintsTheAddressAndTheAdminKeyServesAndStopsCleanlyOnSigterm()
        {
            using Process process = Start("--port", "0", "--token", "cli-token", "--token", "other-token");
            try
            {
                (Uri root, string? adminKey) = await ReadStartAsync(process);
                Assert.Equal(200, await StatusAsync(root, "_emulator/stats", adminKey: adminKey));
                Assert.Equal(401, await StatusAsync(root, "_emulator/stats"));
                Assert.Equal(200, await StatusAsync(root, "api/v1/accounts/me", token: "other-token"));

                await SignalAsync("TERM", process.Id);
                using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(15));
                await process.WaitForExitAsync(timeout.Token);
                Assert.Equal(0, process.ExitCode);
                Assert.Equal(string.Empty, await process.StandardOutput.ReadToEndAsync());
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
        }

        [Fact]
        public async Task TokensComeFromTheEnvironmentAndAGivenAdminKeyIsNotPrinted()
        {
            using Process process = StartWith(" env-one , env-two,", "--port", "0", "--admin-key", "given-key");
            try
            {
                (Uri root, _) = await ReadStartAsync(process, keyLine: false);
                Assert.Equal(200, await StatusAsync(root, "api/v1/accounts/me", token: "env-one"));
                Assert.Equal(200, await StatusAsync(root, "api/v1/accounts/me", token: "env-two"));
                Assert.Equal(401, await StatusAsync(root, "api/v1/accounts/me", token: ""));
                Assert.Equal(200, await StatusAsync(root, "_emulator/stats", adminKey: "given-key"));
                await SignalAsync("TERM", process.Id);
                Assert.True(await EndsAsync(process, TimeSpan.FromSeconds(15)));
                Assert.Equal(string.Empty, await process.StandardOutput.ReadToEndAsync());
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
        }

        [Fact]
        public async Task ABusyPortIsOneLineNamingItAndExit3()
        {
            using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            busy.Start();
            string port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port.ToString();
            (int exit, string stdout, string stderr) = await RunToEndAsync("--token", "t", "--port", port);
            Assert.Equal(3, exit);
            Assert.Equal(string.Empty, stdout);
            string line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
            Assert.Contains($"port {port} ", line);
            Assert.Contains("in use", line);
        }

        [Fact]
        public async Task WithExitWithParentItEndsWhenStdinClosesAndIgnoresSigint()
        {
            using Process process = Start("--port", "0", "--token", "t", "--exit-with-parent");
            try
            {
                (Uri root, _) = await ReadStartAsync(process);
                await SignalAsync("INT", process.Id);
                await Task.Delay(300);
                Assert.Equal(200, await StatusAsync(root, "api/v1/accounts/me", token: "t"));

                process.StandardInput.Close();
                Assert.True(await EndsAsync(process, TimeSpan.FromSeconds(15)), "still running after its stdin closed");
                Assert.Equal(0, process.ExitCode);
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
        }

        [Fact]
        public async Task StandaloneItKeepsRunningWhenStdinClosesAndStopsOnSigint()
        {
            using Process process = Start("--port", "0", "--token", "t");
            try
            {
                (Uri root, _) = await ReadStartAsync(process);
                process.StandardInput.Close();
                await Task.Delay(300);
                Assert.Equal(200, await StatusAsync(root, "api/v1/accounts/me", token: "t"));
                await SignalAsync("INT", process.Id);
                Assert.True(await EndsAsync(process, TimeSpan.FromSeconds(15)), "still running after SIGINT");
                Assert.Equal(0, process.ExitCode);
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
        }

        [Fact]
        public async Task ResetGivesTheMemoryOfASeedBack()
        {
            using Process process = Start("--port", "0", "--token", "t");
            try
            {
                (Uri root, string? adminKey) = await ReadStartAsync(process);
                long WorkingSet()
                {
                    process.Refresh();
                    return process.WorkingSet64;
                }
                long before = WorkingSet();
                using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
                http.DefaultRequestHeaders.Add(TestApi.AdminKeyHeader, adminKey);
                using (HttpResponseMessage seed = await http.PostAsync(new Uri(root, "_emulator/seed"),
                           new StringContent("{\"count\": 300000}", System.Text.Encoding.UTF8, "application/json")))
                {
                    Assert.Equal(200, (int)seed.StatusCode);
                }
                long seeded = WorkingSet();
                using (HttpResponseMessage reset = await http.PostAsync(new Uri(root, "_emulator/reset"), null))
                {
                    Assert.Equal(200, (int)reset.StatusCode);
                }
                long after = WorkingSet();
                Assert.True(seeded - before > 200L * 1024 * 1024, $"seeding 300,000 tasks took only {(seeded - before) >> 20} MB");
                Assert.True(after - before < (seeded - before) / 3,
                    $"before {before >> 20} MB, seeded {seeded >> 20} MB, after the reset {after >> 20} MB");
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
        }

        [Theory]
        [InlineData("--port", "0", "--bogus")]
        [InlineData("--port", "0")]
        [InlineData("--token", "t", "--port", "eighty")]
        [InlineData("--token", "t", "--port", "70000")]
        [InlineData("--token", "t", "--rate-limit")]
        [InlineData("--token", "t", "--burst", "0")]
        [InlineData("--token", "t", "--host", "not-an-address")]
        [InlineData("--token", "t", "--faults", "/no/such/file.json")]
        public async Task BadOptionsExitWith2AndOneLineOnStderr(params string[] args)
        {
            (int exit, string stdout, string stderr) = await RunToEndAsync(args);
            Assert.Equal(2, exit);
            Assert.Equal(string.Empty, stdout);
            string[] lines = stderr.TrimEnd('\n').Split('\n');
            Assert.Single(lines);
            Assert.StartsWith("FragmentPS.Emulator: ", lines[0]);
        }

        [Fact]
        public async Task HelpPrintsUsage()
        {
            (int exit, string stdout, _) = await RunToEndAsync("--help");
            Assert.Equal(0, exit);
            foreach (string option in new[] { "--port", "--token", "--rate-limit", "--burst", "--max-page-size", "--host", "--faults", "--latency-ms",
                         "--admin-key", "--now", "--exit-with-parent", "FRAGMENT_EMULATOR_TOKENS" })
            {
                Assert.Contains(option, stdout);
            }
            Assert.Contains("Visible to every local", stdout);
        }

        [Fact]
        public async Task FaultsFileAndOptionsApplyFromTheStart()
        {
            string faults = Path.Combine(Path.GetTempPath(), $"faults-{Guid.NewGuid():N}.json");
            await File.WriteAllTextAsync(faults, "{\"rules\": [{\"route\": \"/accounts/me\", \"kind\": \"status\", \"status\": 503, \"sequence\": [true]}]}");
            using Process process = Start("--token=t", "--port", "0", "--faults", faults, "--rate-limit", "600", "--burst", "1", "--max-page-size", "3");
            try
            {
                Match match = ListeningLine.Match(await process.StandardOutput.ReadLineAsync() ?? "");
                Assert.True(match.Success);
                string baseUri = $"http://127.0.0.1:{match.Groups[1].Value}/api/v1";
                using var http = new HttpClient();
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "t");
                Assert.Equal(503, (int)(await http.GetAsync(baseUri + "/accounts/me")).StatusCode);
                await Task.Delay(150);
                Assert.Equal(200, (int)(await http.GetAsync(baseUri + "/accounts/me")).StatusCode);
                Assert.Equal(429, (int)(await http.GetAsync(baseUri + "/accounts/me")).StatusCode);
                await Task.Delay(150);
                Assert.Equal(422, (int)(await http.GetAsync(baseUri + "/tasks?limit=4")).StatusCode);
                await SignalAsync("TERM", process.Id);
                await process.WaitForExitAsync();
                Assert.Equal(0, process.ExitCode);
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                File.Delete(faults);
            }
        }
    }
}
