namespace FragmentPS.Emulator.Faults
{
    /// <summary>The faults one request gets: the total delay, then at most one rule that decides its fate.</summary>
    internal readonly record struct FaultDecision(int LatencyMs, FaultRule? Decider);
}
