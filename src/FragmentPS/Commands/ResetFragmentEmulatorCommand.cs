using System.Management.Automation;
using System.Net.Http;

namespace FragmentPS.Commands
{
    /// <summary>Empties an emulator: tasks, comments, fault rules, request journal, statistics and rate-limit buckets (its tokens and clock stay).</summary>
    [Cmdlet(VerbsCommon.Reset, "FragmentEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class ResetFragmentEmulatorCommand : EmulatorTargetCmdlet
    {
        /// <summary>The emulator; by default the one the last Start-FragmentEmulator -Connect made.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public FragmentEmulator? Emulator { get; set; }

        protected override FragmentEmulator? GivenEmulator => Emulator;

        protected override void Act(FragmentEmulator emulator)
        {
            if (!ShouldProcess(emulator.BaseUri?.ToString(), "Reset the emulator (tasks, comments, faults, journal, statistics)")) return;
            CallAdminOrStop(emulator, HttpMethod.Post, "reset");
        }
    }
}
