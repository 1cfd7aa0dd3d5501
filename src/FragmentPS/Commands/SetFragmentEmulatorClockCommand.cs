using System;
using System.Globalization;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using FragmentPS.Core;
using FragmentPS.Emulator;

namespace FragmentPS.Commands
{
    /// <summary>
    /// Moves an emulator's clock, which every date the server sets comes from (created_at, updated_at, the default
    /// due_at, started_at, done_at, comments' dates...): to a date (-Now) or by a time span (-Advance). It runs on
    /// from there.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "FragmentEmulatorClock", DefaultParameterSetName = NowSet)]
    [OutputType(typeof(DateTimeOffset))]
    public sealed class SetFragmentEmulatorClockCommand : EmulatorTargetCmdlet
    {
        private const string NowSet = "Now";
        private const string AdvanceSet = "Advance";

        /// <summary>The emulator; by default the one the last Start-FragmentEmulator -Connect made.</summary>
        [Parameter(ValueFromPipeline = true)]
        public FragmentEmulator? Emulator { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NowSet)]
        public DateTimeOffset Now { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = AdvanceSet)]
        public TimeSpan Advance { get; set; }

        /// <summary>Writes the emulator's time after the move.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override FragmentEmulator? GivenEmulator => Emulator;

        protected override void Act(FragmentEmulator emulator)
        {
            string body = ParameterSetName == NowSet
                ? "{\"now\":\"" + FragmentJson.FormatDate(Now) + "\"}"
                : "{\"advance_seconds\":" + Advance.TotalSeconds.ToString("R", CultureInfo.InvariantCulture) + "}";
            JsonElement answer = CallAdminOrStop(emulator, HttpMethod.Post, "clock", body);
            if (PassThru) WriteObject(EmulatorAnswers.Date(answer.GetProperty("now")));
        }
    }
}
