using FragmentPS.Emulator;

namespace FragmentPS
{
    /// <summary>
    /// The base of the cmdlets that act on an emulator: each one piped or given with -Emulator, or, with none, the
    /// one the last Start-FragmentEmulator -Connect made.
    /// </summary>
    public abstract class EmulatorTargetCmdlet : EmulatorCmdlet
    {
        /// <summary>The emulator the caller gave (its -Emulator parameter, which each cmdlet places itself).</summary>
        protected abstract FragmentEmulator? GivenEmulator { get; }

        /// <summary>What the cmdlet does to one emulator.</summary>
        protected abstract void Act(FragmentEmulator emulator);

        private bool _acted;

        // Each emulator piped or given is acted on as it comes; with none, the default one, once, at the end.
        protected override void ProcessRecord()
        {
            if (GivenEmulator == null) return;
            _acted = true;
            Act(ResolveEmulator(GivenEmulator));
        }

        protected override void EndProcessing()
        {
            if (!_acted) Act(ResolveEmulator(null));
            base.EndProcessing();
        }
    }
}
