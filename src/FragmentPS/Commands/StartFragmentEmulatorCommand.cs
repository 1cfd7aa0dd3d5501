using System;
using System.Collections.Concurrent;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Security;
using FragmentPS.Core.Emulator;
using FragmentPS.Errors;

namespace FragmentPS.Commands
{
    /// <summary>
    /// Starts the emulator bundled with the module on a free loopback port, for offline runbook tests.
    /// Returns its base URI and token; -Connect also makes it the default session.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "FragmentEmulator")]
    [OutputType(typeof(FragmentEmulator))]
    public sealed class StartFragmentEmulatorCommand : FragmentCmdletBase
    {
        internal static readonly ConcurrentDictionary<int, FragmentEmulator> Running = new ConcurrentDictionary<int, FragmentEmulator>();

        static StartFragmentEmulatorCommand()
        {
            // Emulators never outlive the PowerShell process that started them.
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var emulator in Running.Values) emulator.Process?.Stop();
            };
        }

        /// <summary>The token the emulator accepts; by default a new random one.</summary>
        [Parameter]
        public SecureString? Token { get; set; }

        /// <summary>0 (the default) picks a free port.</summary>
        [Parameter]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary>The emulator's limit in requests a minute per token; 0 switches it off (the default here).</summary>
        [Parameter]
        [ValidateRange(0, 1000000)]
        public int RateLimit { get; set; }

        [Parameter]
        [ValidateRange(1, 10000)]
        public int? Burst { get; set; }

        /// <summary>Synthetic tasks to create at start (custom fields country and ticket_id included).</summary>
        [Parameter]
        [ValidateRange(0, 1000000)]
        public int Seed { get; set; }

        /// <summary>Also run Connect-Fragment against it (rate limiter off), making it the default session.</summary>
        [Parameter]
        public SwitchParameter Connect { get; set; }

        protected override void EndProcessing()
        {
            string token = Token != null ? new NetworkCredential(string.Empty, Token).Password : "emulator-" + Guid.NewGuid().ToString("N");
            var options = new EmulatorStartOptions
            {
                EmulatorPath = Path.Combine(Path.GetDirectoryName(typeof(StartFragmentEmulatorCommand).Assembly.Location)!, "emulator", "FragmentPS.Emulator.dll"),
                Port = Port,
                RateLimitPerMinute = RateLimit,
                Burst = Burst,
            };
            options.Tokens.Add(token);

            EmulatorProcess? process = null;
            try
            {
                process = RunSync(ct => EmulatorProcess.StartAsync(options, ct));
                if (Seed > 0) RunSync(ct => process.SeedAsync(Seed, ct));
            }
            catch (PipelineStoppedException)
            {
                process?.Dispose();
                throw;
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is IOException || ex is TimeoutException
                                       || ex is System.ComponentModel.Win32Exception || ex is System.Net.Http.HttpRequestException)
            {
                process?.Dispose();
                ThrowTerminatingError(ErrorMapper.Refused(ErrorIds.EmulatorFailed, ErrorCategory.ResourceUnavailable,
                    $"The Fragment emulator could not start: {ex.Message}", options.EmulatorPath,
                    "The emulator needs the ASP.NET Core runtime of the .NET that runs PowerShell."));
                return;
            }

            var secure = new NetworkCredential(string.Empty, token).SecurePassword;
            secure.MakeReadOnly();
            var emulator = new FragmentEmulator(process!, secure);
            Running[emulator.ProcessId] = emulator;
            WriteVerbose($"The Fragment emulator listens on {emulator.BaseUri} (process {emulator.ProcessId}).");

            if (Connect)
            {
                using var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
                ps.AddCommand("FragmentPS\\Connect-Fragment").AddParameter("BaseUri", emulator.BaseUri)
                  .AddParameter("Token", secure).AddParameter("RequestsPerMinute", 0);
                ps.Invoke();
                foreach (var error in ps.Streams.Error) WriteError(error);
            }
            WriteObject(emulator);
        }
    }
}
