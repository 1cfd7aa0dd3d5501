namespace FragmentPS
{
    /// <summary>A fault rule active in an emulator, with how often it matched a request and how often it fired.</summary>
    public sealed class FragmentEmulatorFault
    {
        public string Method { get; set; } = "*";
        public string Route { get; set; } = "*";

        /// <summary>Latency, Status, DropBefore, DropAfter or Truncate.</summary>
        public string Kind { get; set; } = string.Empty;

        public int StatusCode { get; set; }
        public int? RetryAfterSec { get; set; }
        public int LatencyMs { get; set; }
        public double Probability { get; set; } = 1;
        public int? Seed { get; set; }
        public bool[]? Sequence { get; set; }
        public int? Count { get; set; }
        public int Matched { get; set; }
        public int Fired { get; set; }

        public override string ToString() => $"{Kind} {Method} {Route}";
    }
}
