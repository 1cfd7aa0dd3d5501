using System.Linq;
using System.Management.Automation;

namespace FragmentPS.Commands
{
    /// <summary>Stops an emulator started by Start-FragmentEmulator (by default all of them).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "FragmentEmulator")]
    [OutputType(typeof(void))]
    public sealed class StopFragmentEmulatorCommand : PSCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public FragmentEmulator[]? Emulator { get; set; }

        private bool _any;

        protected override void ProcessRecord()
        {
            if (Emulator == null) return;
            _any = true;
            foreach (var emulator in Emulator) Stop(emulator);
        }

        protected override void EndProcessing()
        {
            if (_any) return;
            foreach (var emulator in StartFragmentEmulatorCommand.Running.Values.ToList()) Stop(emulator);
        }

        private void Stop(FragmentEmulator emulator)
        {
            StartFragmentEmulatorCommand.Running.TryRemove(emulator.ProcessId, out _);
            emulator.Process?.Dispose();
            // A default session on a stopped emulator would only fail later, after its retries.
            var session = SessionRegistry.Default;
            if (session?.BaseUri != null && emulator.BaseUri != null && session.BaseUri == emulator.BaseUri)
            {
                SessionRegistry.Default = null;
                session.Client?.Dispose();
                session.Client = null;
            }
            WriteVerbose($"Stopped the Fragment emulator at {emulator.BaseUri}.");
        }
    }
}
