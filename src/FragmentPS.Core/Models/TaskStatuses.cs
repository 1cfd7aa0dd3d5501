using System;
using System.Linq;

namespace FragmentPS.Core.Models
{
    /// <summary>The task status enum of the API: one list, used by validation, completion and the cmdlets.</summary>
    public static class TaskStatuses
    {
        public const string Todo = "TODO";
        public const string Started = "STARTED";
        public const string Done = "DONE";

        public static readonly string[] All = { Todo, Started, Done };

        /// <summary>The canonical spelling of a status, or null when it is not one.</summary>
        public static string? Normalize(string? value) =>
            value == null ? null : All.FirstOrDefault(s => string.Equals(s, value.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}
