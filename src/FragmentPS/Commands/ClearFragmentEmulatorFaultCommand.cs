using System.Management.Automation;
using System.Net.Http;

namespace FragmentPS.Commands
{
    /// <summary>Removes every fault rule from an emulator.</summary>
    [Cmdlet(VerbsCommon.Clear, "FragmentEmulatorFault")]
    [OutputType(typeof(void))]
    public sealed class ClearFragmentEmulatorFaultCommand : EmulatorCmdlet
    {
        /// <summary>The emulator; by default the one the last Start-FragmentEmulator -Connect made.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public FragmentEmulator? Emulator { get; set; }

        private bool _done;

        protected override void ProcessRecord()
        {
            if (Emulator == null) return;
            Clear(Emulator);
        }

        protected override void EndProcessing()
        {
            if (!_done && Emulator == null) Clear(null);
        }

        private void Clear(FragmentEmulator? given)
        {
            _done = true;
            CallAdminOrStop(ResolveEmulator(given), HttpMethod.Delete, "faults");
        }
    }
}
