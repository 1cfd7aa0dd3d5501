namespace FragmentPS
{
    /// <summary>How many requests an emulator answered for one method, route template and status.</summary>
    public sealed class FragmentEmulatorRouteCount
    {
        public string Method { get; set; } = string.Empty;

        /// <summary>/accounts/me, /tasks, /tasks/{uid}, /tasks/batch, /tasks/{uid}/comments or other.</summary>
        public string Route { get; set; } = string.Empty;

        /// <summary>The status answered; 0 for requests dropped by a fault.</summary>
        public int Status { get; set; }

        public long Count { get; set; }

        public override string ToString() => $"{Method} {Route} {Status}: {Count}";
    }
}
