using System;
using System.Collections.Generic;

namespace FragmentPS.Internal
{
    /// <summary>
    /// The search's native query keys (the contract's section 5), each with the Get-FragmentTask parameter that
    /// sends it. A -Filter key of one of these names would be searched for as a custom field of that name.
    /// </summary>
    internal static class NativeFilterKeys
    {
        private static readonly Dictionary<string, string> Parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["status"] = "-Status",
            ["archived"] = "-Archived",
            ["queue_uid"] = "-QueueUid",
            ["assignee_uid"] = "-AssigneeUid",
            ["parent_uid"] = "-ParentUid",
            ["created_at"] = "-CreatedAfter / -CreatedBefore",
            ["created_at_after"] = "-CreatedAfter",
            ["created_at_before"] = "-CreatedBefore",
            ["updated_at"] = "-UpdatedAfter / -UpdatedBefore",
            ["updated_at_after"] = "-UpdatedAfter",
            ["updated_at_before"] = "-UpdatedBefore",
            ["due_at"] = "-DueAfter / -DueBefore",
            ["due_at_after"] = "-DueAfter",
            ["due_at_before"] = "-DueBefore",
            ["order_by"] = "-SortBy and -Descending",
            ["limit"] = "-PageSize (or -First)",
            ["cursor"] = "nothing: Get-FragmentTask follows the cursors itself",
        };

        /// <summary>The parameter to use instead, or null when the key is a custom field's.</summary>
        public static string? ParameterFor(string key) => Parameters.TryGetValue(key.Trim(), out var parameter) ? parameter : null;
    }
}
