using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using FragmentPS.Emulator;

namespace FragmentPS.Commands
{
    /// <summary>What an emulator holds and has served: task count, requests by method, route and status, 429s, fault rules.</summary>
    [Cmdlet(VerbsCommon.Get, "FragmentEmulatorStatistic")]
    [OutputType(typeof(FragmentEmulatorStatistic))]
    public sealed class GetFragmentEmulatorStatisticCommand : EmulatorTargetCmdlet
    {
        /// <summary>The emulator; by default the one the last Start-FragmentEmulator -Connect made.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public FragmentEmulator? Emulator { get; set; }

        protected override FragmentEmulator? GivenEmulator => Emulator;

        protected override void Act(FragmentEmulator emulator)
        {
            JsonElement stats = CallAdminOrStop(emulator, HttpMethod.Get, "stats");
            JsonElement faults = CallAdminOrStop(emulator, HttpMethod.Get, "faults");
            WriteObject(EmulatorAnswers.Statistic(stats, faults));
        }
    }
}
