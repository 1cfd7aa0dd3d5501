using System.Management.Automation;
using System.Net.Http;

namespace FragmentPS.Commands
{
    /// <summary>Removes every fault rule from an emulator.</summary>
    [Cmdlet(VerbsCommon.Clear, "FragmentEmulatorFault")]
    [OutputType(typeof(void))]
    public sealed class ClearFragmentEmulatorFaultCommand : EmulatorTargetCmdlet
    {
        /// <summary>The emulator; by default the one the last Start-FragmentEmulator -Connect made.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public FragmentEmulator? Emulator { get; set; }

        protected override FragmentEmulator? GivenEmulator => Emulator;

        protected override void Act(FragmentEmulator emulator)
        {
            CallAdminOrStop(emulator, HttpMethod.Delete, "faults");
        }
    }
}
