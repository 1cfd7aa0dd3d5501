namespace FragmentPS.Emulator.Faults
{
    /// <summary>What an injected fault does to a matching /api/v1 request.</summary>
    public enum FaultKind
    {
        /// <summary>Waits <see cref="FaultRule.LatencyMs"/> before the request goes on (every firing latency rule adds up).</summary>
        Latency,

        /// <summary>Answers <see cref="FaultRule.Status"/> with a <c>{"detail"}</c> body, without processing the request.</summary>
        Status,

        /// <summary>Aborts the connection without processing the request.</summary>
        DropBefore,

        /// <summary>Processes the request (the change is applied), then aborts the connection without an answer.</summary>
        DropAfter,

        /// <summary>Processes the request, then answers 200 with the first half of its JSON body.</summary>
        Truncate,
    }
}
