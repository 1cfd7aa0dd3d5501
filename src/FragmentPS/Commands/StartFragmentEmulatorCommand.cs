using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Security;
using FragmentPS.Emulator;
using FragmentPS.Errors;

namespace FragmentPS.Commands
{
    /// <summary>
    /// Starts the emulator bundled with the module on a loopback port, for offline runbook tests. It lives as long
    /// as this PowerShell process at most, and Ctrl+C at the prompt leaves it running. -Connect also makes it the
    /// default session and the default emulator of the emulator cmdlets.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "FragmentEmulator")]
    [OutputType(typeof(FragmentEmulator))]
    public sealed class StartFragmentEmulatorCommand : EmulatorCmdlet
    {
        /// <summary>The token the emulator accepts; by default a new random one.</summary>
        [Parameter]
        public SecureString? Token { get; set; }

        /// <summary>0 (the default) picks a free port.</summary>
        [Parameter]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary>The emulator's limit in requests a minute per token; 0 switches it off (the default here).</summary>
        [Parameter]
        [Alias("RateLimit")]
        [ValidateRange(0, 1000000)]
        public int RequestsPerMinute { get; set; }

        [Parameter]
        [ValidateRange(1, 10000)]
        public int? Burst { get; set; }

        /// <summary>Synthetic tasks to create at start (custom fields country and ticket_id included).</summary>
        [Parameter]
        [ValidateRange(0, 1000000)]
        public int Seed { get; set; }

        /// <summary>Where the emulator's clock starts; it runs on from there.</summary>
        [Parameter]
        public DateTimeOffset? Now { get; set; }

        /// <summary>Also run Connect-Fragment against it (rate limiter off), making it the default session.</summary>
        [Parameter]
        public SwitchParameter Connect { get; set; }

        protected override void EndProcessing()
        {
            string token = Token != null ? new NetworkCredential(string.Empty, Token).Password : "emulator-" + Guid.NewGuid().ToString("N");
            if (token.Length == 0 || token.Contains(',') || token.Trim() != token)
            {
                ThrowTerminatingError(ErrorMapper.Refused(ErrorIds.NoToken, ErrorCategory.InvalidArgument,
                    "The emulator's token must be non-empty, without commas and without leading or trailing spaces.", null,
                    "Give another -Token, or leave it out for a random one."));
            }
            var options = new EmulatorStartOptions
            {
                EmulatorPath = Path.Combine(Path.GetDirectoryName(typeof(StartFragmentEmulatorCommand).Assembly.Location)!, "emulator", "FragmentPS.Emulator.dll"),
                Port = Port,
                Token = token,
                RateLimitPerMinute = RequestsPerMinute,
                Burst = Burst,
                Now = Now,
            };

            EmulatorProcess? process = null;
            try
            {
                process = RunSync(ct => EmulatorProcess.StartAsync(options, ct));
            }
            catch (EmulatorStartException ex)
            {
                ThrowTerminatingError(ex.PortInUse
                    ? ErrorMapper.Refused(ErrorIds.EmulatorPortInUse, ErrorCategory.ResourceUnavailable, ex.Message, Port, "Use another -Port, or 0 for a free one.")
                    : ErrorMapper.Refused(ErrorIds.EmulatorFailed, ErrorCategory.ResourceUnavailable, $"The Fragment emulator could not start: {ex.Message}",
                        options.EmulatorPath, "The emulator needs the ASP.NET Core runtime of the .NET that runs PowerShell."));
                return;
            }

            var secure = new NetworkCredential(string.Empty, token).SecurePassword;
            secure.MakeReadOnly();
            var emulator = new FragmentEmulator(process, secure);
            EmulatorRegistry.Add(emulator);
            WriteVerbose($"The Fragment emulator listens on {emulator.BaseUri} (process {emulator.ProcessId}).");

            if (Seed > 0)
            {
                try
                {
                    CallAdmin(emulator, HttpMethod.Post, "seed", "{\"count\":" + Seed.ToString(CultureInfo.InvariantCulture) + "}");
                }
                catch (EmulatorAdminException ex)
                {
                    WriteError(AdminError(ex, emulator));
                }
            }

            if (Connect)
            {
                FragmentSession? previous = SessionRegistry.Default;
                using var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
                ps.AddCommand("FragmentPS\\Connect-Fragment").AddParameter("BaseUri", emulator.BaseUri)
                  .AddParameter("Token", secure).AddParameter("RequestsPerMinute", 0);
                ps.Invoke();
                foreach (var error in ps.Streams.Error) WriteError(error);
                if (!ReferenceEquals(SessionRegistry.Default, previous))
                {
                    emulator.PreviousSession = previous;
                    emulator.ConnectedSession = SessionRegistry.Default;
                }
                EmulatorRegistry.Default = emulator;
            }
            WriteObject(emulator);
        }
    }
}
