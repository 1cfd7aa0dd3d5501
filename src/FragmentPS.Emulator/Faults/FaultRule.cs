using System.Collections.Generic;

namespace FragmentPS.Emulator.Faults
{
    /// <summary>
    /// A fault injection rule, as given to <see cref="EmulatorOptions.FaultRules"/>, <c>--faults</c> or
    /// <c>POST /_emulator/faults</c> (JSON keys in snake_case: method, route, kind, status, retry_after,
    /// latency_ms, probability, seed, sequence, count).
    /// </summary>
    public sealed class FaultRule
    {
        /// <summary>The HTTP method it applies to, or "*".</summary>
        public string Method { get; set; } = "*";

        /// <summary>The route template as the stats write it ("/tasks/{uid}", "/tasks/batch", "other"...), or "*".</summary>
        public string Route { get; set; } = "*";

        public FaultKind Kind { get; set; }

        /// <summary>For <see cref="FaultKind.Status"/>: 429, 500, 502, 503 or 504.</summary>
        public int Status { get; set; } = 503;

        /// <summary>For <see cref="FaultKind.Status"/>: the Retry-After seconds to send; none when null.</summary>
        public int? RetryAfter { get; set; }

        /// <summary>For <see cref="FaultKind.Latency"/>: the delay in milliseconds.</summary>
        public int LatencyMs { get; set; }

        /// <summary>The chance (0..1) that a matching request fires the rule; ignored when <see cref="Sequence"/> is set.</summary>
        public double Probability { get; set; } = 1;

        /// <summary>Seeds the rule's own random draws, so which requests fire is the same on every run.</summary>
        public int? Seed { get; set; }

        /// <summary>The n-th matching request fires when Sequence[n] is true; past the end the rule never fires.</summary>
        public IList<bool>? Sequence { get; set; }

        /// <summary>Fires at most this many times; unlimited when null.</summary>
        public int? Count { get; set; }

        /// <summary>A copy the emulator keeps, so later changes to this object do not reach the running rule.</summary>
        internal FaultRule Clone()
        {
            var copy = (FaultRule)MemberwiseClone();
            copy.Sequence = Sequence is null ? null : new List<bool>(Sequence);
            return copy;
        }

        /// <summary>The route templates a rule may name besides "*": those the stats report.</summary>
        public static readonly IReadOnlyList<string> Routes = new[]
        {
            "/accounts/me", "/tasks", "/tasks/{uid}", "/tasks/batch", "/tasks/{uid}/comments", "other",
        };

        /// <summary>The statuses a <see cref="FaultKind.Status"/> rule may answer.</summary>
        public static readonly IReadOnlyList<int> Statuses = new[] { 429, 500, 502, 503, 504 };
    }
}
