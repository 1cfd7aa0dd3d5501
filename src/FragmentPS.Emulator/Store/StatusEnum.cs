namespace FragmentPS.Emulator.Store
{
    /// <summary>The status enum as the server checks it: spelt exactly (case-sensitive, as pydantic enums are).</summary>
    internal static class StatusEnum
    {
        public const string Todo = "TODO";
        public const string Started = "STARTED";
        public const string Done = "DONE";

        public static readonly string[] All = { Todo, Started, Done };

        /// <summary>The message pydantic gives for a value outside the enum.</summary>
        public const string Expected = "Input should be 'TODO', 'STARTED' or 'DONE'";

        /// <summary>The interned constant for <paramref name="text"/>, or null when it is not a status.</summary>
        public static string? Parse(string? text) => text switch
        {
            Todo => Todo,
            Started => Started,
            Done => Done,
            _ => null,
        };

        public static bool TryParse(string text, out string status)
        {
            status = Parse(text)!;
            return status is not null;
        }
    }
}
