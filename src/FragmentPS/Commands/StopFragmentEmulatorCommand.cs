using System.Management.Automation;
using FragmentPS.Emulator;

namespace FragmentPS.Commands
{
    /// <summary>
    /// Stops emulators started by Start-FragmentEmulator (by default every one this process started). A default
    /// session that -Connect pointed at a stopped emulator is disconnected, and the session that was the default
    /// before it comes back.
    /// </summary>
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
            foreach (var emulator in EmulatorRegistry.All()) Stop(emulator);
        }

        private void Stop(FragmentEmulator emulator)
        {
            if (emulator.Process == null) return;
            EmulatorRegistry.Remove(emulator);
            emulator.Process.Dispose();
            emulator.Admin?.Dispose();
            // Sessions on a stopped emulator would only fail later, after their retries: they end with it.
            var defaultBefore = SessionRegistry.Default;
            foreach (var session in SessionRegistry.All)
            {
                if (session.BaseUri == null || emulator.BaseUri == null || session.BaseUri != emulator.BaseUri) continue;
                SessionRegistry.Remove(session);
                session.Client?.Dispose();
                session.Client = null;
            }
            // The previous default comes back (into the list too: an unnamed session replaced it there).
            if (defaultBefore != null && ReferenceEquals(defaultBefore, emulator.ConnectedSession) && SessionRegistry.Default == null
                && emulator.PreviousSession?.IsConnected == true)
            {
                SessionRegistry.Add(emulator.PreviousSession);
                WriteVerbose($"The default session is the one from before again: {emulator.PreviousSession}.");
            }
            WriteVerbose($"Stopped the Fragment emulator at {emulator.BaseUri}.");
        }
    }
}
