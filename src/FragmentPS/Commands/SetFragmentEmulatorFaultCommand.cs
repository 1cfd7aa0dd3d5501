using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using FragmentPS.Emulator;

namespace FragmentPS.Commands
{
    /// <summary>
    /// Adds a fault rule to an emulator: the /api/v1 requests it matches get a delay, an error answer, a dropped
    /// connection (before or after the change is applied) or a cut-off answer. Rules add up until
    /// Clear-FragmentEmulatorFault or Reset-FragmentEmulator.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "FragmentEmulatorFault")]
    [OutputType(typeof(FragmentEmulatorFault))]
    public sealed class SetFragmentEmulatorFaultCommand : EmulatorTargetCmdlet
    {
        /// <summary>The emulator; by default the one the last Start-FragmentEmulator -Connect made.</summary>
        [Parameter(ValueFromPipeline = true)]
        public FragmentEmulator? Emulator { get; set; }

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet("Latency", "Status", "DropBefore", "DropAfter", "Truncate")]
        public string Kind { get; set; } = string.Empty;

        /// <summary>The HTTP method the rule applies to; * (the default) for all.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Method { get; set; } = "*";

        /// <summary>The route template (/tasks, /tasks/{uid}, /tasks/batch, ...); * (the default) for all.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Route { get; set; } = "*";

        /// <summary>For -Kind Status: 429, 500, 502, 503 (the default) or 504.</summary>
        [Parameter]
        public int? StatusCode { get; set; }

        /// <summary>For -Kind Status: the Retry-After seconds to send.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? RetryAfterSec { get; set; }

        /// <summary>For -Kind Latency: the delay.</summary>
        [Parameter]
        [ValidateRange(0, 600000)]
        public int? LatencyMs { get; set; }

        /// <summary>The chance, 0 to 1, that a matching request fires the rule (default 1).</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double? Probability { get; set; }

        /// <summary>Seeds the rule's random draws, so which requests fire is the same on every run.</summary>
        [Parameter]
        public int? Seed { get; set; }

        /// <summary>The n-th matching request fires when item n is true; past the end, never.</summary>
        [Parameter]
        public bool[]? Sequence { get; set; }

        /// <summary>Fires at most this many times (default: no limit).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Count { get; set; }

        /// <summary>Writes every rule now active, with its counters.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override FragmentEmulator? GivenEmulator => Emulator;

        protected override void Act(FragmentEmulator emulator)
        {
            var rule = new JsonObject
            {
                ["method"] = Method,
                ["route"] = Route,
                ["kind"] = EmulatorAnswers.FaultKinds[Kind],
            };
            if (StatusCode.HasValue) rule["status"] = StatusCode.Value;
            else if (Kind == "Status") rule["status"] = 503;
            if (RetryAfterSec.HasValue) rule["retry_after"] = RetryAfterSec.Value;
            if (LatencyMs.HasValue) rule["latency_ms"] = LatencyMs.Value;
            if (Probability.HasValue) rule["probability"] = Probability.Value;
            if (Seed.HasValue) rule["seed"] = Seed.Value;
            if (Sequence != null) rule["sequence"] = new JsonArray(Sequence.Select(step => (JsonNode?)step).ToArray());
            if (Count.HasValue) rule["count"] = Count.Value;
            var body = new JsonObject { ["rules"] = new JsonArray(rule) };
            JsonElement answer = CallAdminOrStop(emulator, HttpMethod.Post, "faults", body.ToJsonString());
            if (PassThru)
            {
                foreach (FragmentEmulatorFault fault in EmulatorAnswers.Faults(answer)) WriteObject(fault);
            }
        }
    }
}
