using System;
using System.Diagnostics;
using System.Threading.Tasks;
using FragmentPS.Emulator;

namespace FragmentPS.Bench
{
    /// <summary>An emulator to measure: hosted in this process, or the built dll run as a child process.</summary>
    public sealed class EmulatorHost : IAsyncDisposable
    {
        public const string Token = "bench-token";

        private readonly EmulatorServer? _server;
        private readonly Process? _process;

        private EmulatorHost(Uri baseUri, string adminKey, string description, EmulatorServer? server, Process? process)
        {
            BaseUri = baseUri;
            AdminKey = adminKey;
            Description = description;
            _server = server;
            _process = process;
        }

        /// <summary>http://127.0.0.1:port/api/v1, without a trailing slash.</summary>
        public Uri BaseUri { get; }
        public Uri RootUri => new Uri(BaseUri, "/");
        public string Description { get; }

        /// <summary>What the /_emulator/ routes need in the X-Fragment-Emulator-Key header.</summary>
        public string AdminKey { get; }

        public static async Task<EmulatorHost> StartAsync(string? dll)
        {
            if (dll is null)
            {
                var options = new EmulatorOptions { RateLimitPerMinute = 0 };
                options.Tokens.Add(Token);
                EmulatorServer server = await EmulatorServer.StartAsync(options);
                return new EmulatorHost(server.BaseUri, server.AdminKey, "in-process", server, null);
            }

            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            info.Environment["FRAGMENT_EMULATOR_TOKENS"] = Token;
            foreach (string arg in new[] { dll, "--port", "0", "--rate-limit", "0" }) info.ArgumentList.Add(arg);
            Process process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet " + dll);
            string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            const string prefix = "Listening on ";
            if (line is null || !line.StartsWith(prefix, StringComparison.Ordinal))
            {
                process.Kill();
                throw new InvalidOperationException($"the emulator printed '{line}' instead of its address");
            }
            string? keyLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            const string keyPrefix = "Admin key: ";
            if (keyLine is null || !keyLine.StartsWith(keyPrefix, StringComparison.Ordinal))
            {
                process.Kill();
                throw new InvalidOperationException($"the emulator printed '{keyLine}' instead of its admin key");
            }
            return new EmulatorHost(new Uri(line.Substring(prefix.Length)), keyLine.Substring(keyPrefix.Length), "dotnet " + System.IO.Path.GetFileName(dll), null, process);
        }

        public async ValueTask DisposeAsync()
        {
            if (_server is not null) await _server.DisposeAsync();
            if (_process is not null)
            {
                if (!_process.HasExited)
                {
                    using Process term = Process.Start("/bin/kill", new[] { "-TERM", _process.Id.ToString() })!;
                    await term.WaitForExitAsync();
                    if (!await WaitAsync(_process, TimeSpan.FromSeconds(10))) _process.Kill();
                }
                _process.Dispose();
            }
        }

        private static async Task<bool> WaitAsync(Process process, TimeSpan timeout)
        {
            try
            {
                await process.WaitForExitAsync().WaitAsync(timeout);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }
}
