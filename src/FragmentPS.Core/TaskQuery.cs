using System;
using System.Collections.Generic;
using System.Linq;

namespace FragmentPS.Core
{
    /// <summary>
    /// A task search. <see cref="ToQueryParameters"/> is the one place where filters become query
    /// parameters [DECIDED in the contract, section 5], so a change of spelling touches only this class.
    /// </summary>
    public sealed class TaskQuery
    {
        public const int MaxPageSize = 100;
        public const int DefaultPageSize = 100;

        public List<string> Statuses { get; } = new List<string>();

        /// <summary>Custom-field equality filters; several values for one key match any of them.</summary>
        public Dictionary<string, List<string>> Fields { get; } = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        public List<Guid> AssigneeUids { get; } = new List<Guid>();
        public List<Guid> QueueUids { get; } = new List<Guid>();
        public List<Guid> ParentUids { get; } = new List<Guid>();
        public bool? Archived { get; set; }
        public DateTimeOffset? CreatedAfter { get; set; }
        public DateTimeOffset? CreatedBefore { get; set; }
        public DateTimeOffset? UpdatedAfter { get; set; }
        public DateTimeOffset? UpdatedBefore { get; set; }
        public DateTimeOffset? DueAfter { get; set; }
        public DateTimeOffset? DueBefore { get; set; }
        public TaskSortField SortBy { get; set; } = TaskSortField.CreatedAt;
        public bool Descending { get; set; }

        /// <summary>Items per page request (1..100).</summary>
        public int PageSize { get; set; } = DefaultPageSize;

        public IEnumerable<KeyValuePair<string, string>> ToQueryParameters()
        {
            yield return Pair("limit", Math.Max(1, Math.Min(MaxPageSize, PageSize)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var s in Statuses) yield return Pair("status", s);
            if (Archived.HasValue) yield return Pair("archived", Archived.Value ? "true" : "false");
            foreach (var u in QueueUids) yield return Pair("queue_uid", u.ToString("D"));
            foreach (var u in AssigneeUids) yield return Pair("assignee_uid", u.ToString("D"));
            foreach (var u in ParentUids) yield return Pair("parent_uid", u.ToString("D"));
            foreach (var p in Range("created_at", CreatedAfter, CreatedBefore)) yield return p;
            foreach (var p in Range("updated_at", UpdatedAfter, UpdatedBefore)) yield return p;
            foreach (var p in Range("due_at", DueAfter, DueBefore)) yield return p;
            yield return Pair("order_by", (Descending ? "-" : "") + SortKey(SortBy));
            // Custom fields always go as fields.<key>, so a field named like a native filter ("status") stays a field.
            foreach (var field in Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
                foreach (var value in field.Value) yield return Pair("fields." + field.Key, value);
        }

        public static string SortKey(TaskSortField field) => field switch
        {
            TaskSortField.UpdatedAt => "updated_at",
            TaskSortField.DueAt => "due_at",
            _ => "created_at",
        };

        private static IEnumerable<KeyValuePair<string, string>> Range(string key, DateTimeOffset? after, DateTimeOffset? before)
        {
            if (after.HasValue) yield return Pair(key + "_after", FragmentJson.FormatDate(after.Value));
            if (before.HasValue) yield return Pair(key + "_before", FragmentJson.FormatDate(before.Value));
        }

        private static KeyValuePair<string, string> Pair(string key, string value) => new KeyValuePair<string, string>(key, value);
    }
}
