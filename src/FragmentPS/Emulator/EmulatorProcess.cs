using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace FragmentPS.Emulator
{
    /// <summary>
    /// Runs the bundled emulator as a child process on a loopback port. Its lifetime is ours: it runs with
    /// --exit-with-parent and its standard input is a pipe only this process writes to, so it ends when this
    /// process ends, however that happens, and Ctrl+C at the terminal does not reach it. Its token goes in its
    /// environment (not its command line, which every local user can read); its admin key comes back on its
    /// standard output.
    /// </summary>
    internal sealed class EmulatorProcess : IDisposable
    {
        private const string ReadyPrefix = "Listening on ";
        private const string AdminKeyPrefix = "Admin key: ";
        private const string TokensVariable = "FRAGMENT_EMULATOR_TOKENS";
        private const int ExitPortInUse = 3;
        private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

        private readonly Process _process;
        private int _stopped;

        private EmulatorProcess(Process process, Uri baseUri, string adminKey)
        {
            _process = process;
            BaseUri = baseUri;
            AdminKey = adminKey;
            ProcessId = process.Id;
        }

        /// <summary>http://127.0.0.1:port/api/v1</summary>
        public Uri BaseUri { get; }

        /// <summary>http://127.0.0.1:port/_emulator/</summary>
        public Uri AdminUri => new Uri(BaseUri.GetLeftPart(UriPartial.Authority) + "/_emulator/");

        public string AdminKey { get; }

        public int ProcessId { get; }

        /// <summary>False once stopped or exited; never throws.</summary>
        public bool IsRunning
        {
            get
            {
                if (Volatile.Read(ref _stopped) != 0) return false;
                try { return !_process.HasExited; }
                catch (InvalidOperationException) { return false; }
            }
        }

        public static async Task<EmulatorProcess> StartAsync(EmulatorStartOptions options, CancellationToken ct)
        {
            if (!File.Exists(options.EmulatorPath))
                throw new EmulatorStartException($"The emulator was not found at '{options.EmulatorPath}'.");
            var info = new ProcessStartInfo(DotnetHost())
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                CreateNoWindow = true,
            };
            info.Environment[TokensVariable] = options.Token;
            void Add(string name, string value) { info.ArgumentList.Add(name); info.ArgumentList.Add(value); }
            info.ArgumentList.Add(options.EmulatorPath);
            info.ArgumentList.Add("--exit-with-parent");
            Add("--port", Number(options.Port));
            if (options.RateLimitPerMinute.HasValue) Add("--rate-limit", Number(options.RateLimitPerMinute.Value));
            if (options.Burst.HasValue) Add("--burst", Number(options.Burst.Value));
            if (options.MaxPageSize.HasValue) Add("--max-page-size", Number(options.MaxPageSize.Value));
            if (options.Now.HasValue) Add("--now", Core.FragmentJson.FormatDate(options.Now.Value));

            Process process;
            try { process = Process.Start(info) ?? throw new EmulatorStartException("The emulator process did not start."); }
            catch (System.ComponentModel.Win32Exception ex) { throw new EmulatorStartException($"'{info.FileName}' could not be run: {ex.Message}"); }
            var errors = new StringBuilder();
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (errors) errors.AppendLine(e.Data); };
            process.BeginErrorReadLine();

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.StartTimeout);
            try
            {
                string? baseUri = null;
                while (true)
                {
                    Task<string?> read = process.StandardOutput.ReadLineAsync(ct).AsTask();
                    if (await Task.WhenAny(read, Task.Delay(Timeout.Infinite, timeout.Token)).ConfigureAwait(false) != read)
                    {
                        ct.ThrowIfCancellationRequested();
                        throw new EmulatorStartException($"The emulator did not say it was ready within {options.StartTimeout.TotalSeconds:0} s.");
                    }
                    string? line = await read.ConfigureAwait(false);
                    if (line == null) throw Failed(process, errors, options.Port);
                    if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal)) baseUri = line.Substring(ReadyPrefix.Length).Trim();
                    else if (baseUri != null && line.StartsWith(AdminKeyPrefix, StringComparison.Ordinal))
                    {
                        // Keep draining stdout so the child never blocks on a full pipe.
                        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                        return new EmulatorProcess(process, new Uri(baseUri), line.Substring(AdminKeyPrefix.Length).Trim());
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

        /// <summary>Closes its standard input (it stops cleanly), waits a little, then kills it. Safe to call twice.</summary>
        public void Stop()
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
            try
            {
                if (_process.HasExited) return;
                try { _process.StandardInput.Close(); }
                catch (IOException) { }
                if (!_process.WaitForExit((int)StopGrace.TotalMilliseconds))
                {
                    _process.Kill();
                    _process.WaitForExit((int)StopGrace.TotalMilliseconds);
                }
            }
            catch (InvalidOperationException) { }
        }

        public void Dispose()
        {
            Stop();
            _process.Dispose();
        }

        private static EmulatorStartException Failed(Process process, StringBuilder errors, int port)
        {
            process.WaitForExit(5000);
            int? exit = process.HasExited ? process.ExitCode : (int?)null;
            string why;
            lock (errors) why = errors.ToString().Trim();
            if (exit == ExitPortInUse)
                return new EmulatorStartException($"Port {port} on 127.0.0.1 is already in use. Choose another -Port, or 0 for a free one.", portInUse: true);
            return new EmulatorStartException($"The emulator exited before it was ready (exit code {exit?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}): {why}");
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

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
