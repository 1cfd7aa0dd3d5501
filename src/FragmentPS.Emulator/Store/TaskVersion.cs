namespace FragmentPS.Emulator.Store
{
    /// <summary>One stored version of a task and the store versions during which it was the live one: [ValidFrom, ValidTo).</summary>
    internal sealed class TaskVersion
    {
        public TaskVersion(StoredTask record, long validFrom)
        {
            Record = record;
            ValidFrom = validFrom;
        }

        public StoredTask Record { get; }
        public long ValidFrom { get; }
        public long ValidTo { get; set; } = long.MaxValue;
    }
}
