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

        private static Process Start(params string[] args)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(EmulatorDll);
            foreach (string arg in args) info.ArgumentList.Add(arg);
            return Process.Start(info)!;
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

        private static async Task SigTermAsync(int pid)
        {
            using Process kill = Process.Start("/bin/kill", new[] { "-TERM", pid.ToString() })!;
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        [Fact]
        public async Task PrintsOneLineServesAndStopsCleanlyOnSigterm()
        {
            using Process process = Start("--port", "0", "--token", "cli-token", "--token", "other-token");
            try
            {
                Task<string?> firstLine = process.StandardOutput.ReadLineAsync();
                Assert.True(await Task.WhenAny(firstLine, Task.Delay(TimeSpan.FromSeconds(20))) == firstLine, "no 'Listening on' line within 20 s");
                string line = await firstLine ?? "";
                Match match = ListeningLine.Match(line);
                Assert.True(match.Success, "unexpected first line: " + line);

                using var http = new HttpClient();
                var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{match.Groups[1].Value}/api/v1/accounts/me");
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "other-token");
                using HttpResponseMessage response = await http.SendAsync(request);
                Assert.Equal(200, (int)response.StatusCode);

                await SigTermAsync(process.Id);
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
            foreach (string option in new[] { "--port", "--token", "--rate-limit", "--burst", "--max-page-size", "--host", "--faults", "--latency-ms" })
            {
                Assert.Contains(option, stdout);
            }
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
                await SigTermAsync(process.Id);
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
