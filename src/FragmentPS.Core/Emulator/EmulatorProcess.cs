using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace FragmentPS.Core.Emulator
{
    public sealed class EmulatorStartOptions
    {
        /// <summary>FragmentPS.Emulator.dll (the module ships it in its emulator folder).</summary>
        public string EmulatorPath { get; set; } = string.Empty;
        public int Port { get; set; }
        public List<string> Tokens { get; } = new List<string>();
        /// <summary>Requests a minute per token; 0 switches the emulator's limit off.</summary>
        public int? RateLimitPerMinute { get; set; }
        public int? Burst { get; set; }
        public int? MaxPageSize { get; set; }
        public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);
    }

    /// <summary>Runs the bundled emulator as a child process on a free loopback port.</summary>
    public sealed class EmulatorProcess : IDisposable
    {
        private const string ReadyPrefix = "Listening on ";
        private readonly Process _process;

        private EmulatorProcess(Process process, Uri baseUri)
        {
            _process = process;
            BaseUri = baseUri;
        }

        /// <summary>http://127.0.0.1:port/api/v1</summary>
        public Uri BaseUri { get; }

        /// <summary>http://127.0.0.1:port/ (the /_emulator/ admin routes live below it).</summary>
        public Uri RootUri => new Uri(BaseUri.GetLeftPart(UriPartial.Authority) + "/");

        public int ProcessId => _process.Id;

        public bool HasExited => _process.HasExited;

        public static async Task<EmulatorProcess> StartAsync(EmulatorStartOptions options, CancellationToken ct)
        {
            if (!File.Exists(options.EmulatorPath))
                throw new FileNotFoundException($"The emulator was not found at '{options.EmulatorPath}'.", options.EmulatorPath);
            var info = new ProcessStartInfo(DotnetHost())
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                CreateNoWindow = true,
            };
            var args = new List<string> { Quote(options.EmulatorPath), "--port", options.Port.ToString(CultureInfo.InvariantCulture) };
            foreach (var token in options.Tokens) { args.Add("--token"); args.Add(Quote(token)); }
            if (options.RateLimitPerMinute.HasValue) { args.Add("--rate-limit"); args.Add(options.RateLimitPerMinute.Value.ToString(CultureInfo.InvariantCulture)); }
            if (options.Burst.HasValue) { args.Add("--burst"); args.Add(options.Burst.Value.ToString(CultureInfo.InvariantCulture)); }
            if (options.MaxPageSize.HasValue) { args.Add("--max-page-size"); args.Add(options.MaxPageSize.Value.ToString(CultureInfo.InvariantCulture)); }
            info.Arguments = string.Join(" ", args);

            var process = Process.Start(info) ?? throw new InvalidOperationException("The emulator process did not start.");
            var errors = new StringBuilder();
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (errors) errors.AppendLine(e.Data); };
            process.BeginErrorReadLine();

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.StartTimeout);
            try
            {
                while (true)
                {
                    var read = process.StandardOutput.ReadLineAsync();
                    if (await Task.WhenAny(read, Task.Delay(Timeout.Infinite, timeout.Token)).ConfigureAwait(false) != read)
                    {
                        ct.ThrowIfCancellationRequested();
                        throw new TimeoutException($"The emulator did not say it was ready within {options.StartTimeout.TotalSeconds:0} s.");
                    }
                    string? line = await read.ConfigureAwait(false);
                    if (line == null)
                    {
                        process.WaitForExit(2000);
                        string why;
                        lock (errors) why = errors.ToString().Trim();
                        throw new InvalidOperationException($"The emulator exited before it was ready (exit code {(process.HasExited ? process.ExitCode : -1)}): {why}");
                    }
                    if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
                    {
                        // Keep draining stdout so the child never blocks on a full pipe.
                        _ = process.StandardOutput.ReadToEndAsync();
                        return new EmulatorProcess(process, new Uri(line.Substring(ReadyPrefix.Length).Trim()));
                    }
                }
            }
            catch
            {
                try { if (!process.HasExited) process.Kill(); } catch (InvalidOperationException) { }
                process.Dispose();
                throw;
            }
        }

        /// <summary>Seeds synthetic tasks through the admin route.</summary>
        public async Task SeedAsync(int count, CancellationToken ct)
        {
            using var http = new HttpClient();
            var body = new StringContent("{\"count\":" + count.ToString(CultureInfo.InvariantCulture) + "}", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(RootUri, "_emulator/seed"), body, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }

        public void Stop()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill();
                    _process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException) { }
        }

        public void Dispose()
        {
            Stop();
            _process.Dispose();
        }

        /// <summary>The dotnet host running this process, so the emulator runs on the same .NET.</summary>
        private static string DotnetHost()
        {
            string? fromEnv = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv)) return fromEnv!;
            string exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
            string? current = Process.GetCurrentProcess().MainModule?.FileName;
            if (current != null && string.Equals(Path.GetFileName(current), exe, StringComparison.OrdinalIgnoreCase)) return current;
            // .../shared/Microsoft.NETCore.App/<version>/ -> the dotnet root three levels up.
            string runtimeDir = RuntimeEnvironment.GetRuntimeDirectory();
            string candidate = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", "..", exe));
            if (File.Exists(candidate)) return candidate;
            string? root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
            if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, exe))) return Path.Combine(root, exe);
            return exe; // from PATH
        }

        private static string Quote(string value) => value.IndexOf(' ') >= 0 || value.IndexOf('"') >= 0 ? "\"" + value.Replace("\"", "\\\"") + "\"" : value;
    }
}
