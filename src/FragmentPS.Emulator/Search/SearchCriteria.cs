using System;
using System.Collections.Generic;
using System.Text;
using FragmentPS.Emulator.Http;
using FragmentPS.Emulator.Store;
using FragmentPS.Emulator.Validation;

namespace FragmentPS.Emulator.Search
{
    /// <summary>
    /// What a <c>GET /tasks</c> search asks for (contract section 5), parsed from the query string: filters,
    /// order, page size and cursor. A parameter given several times matches any of its values. Date ranges:
    /// <c>*_after</c> keeps dates at or after the value (&gt;=), <c>*_before</c> keeps dates strictly before it
    /// (&lt;), so adjacent ranges neither overlap nor leave a gap; a null date matches no range. Every other parameter is an equality filter on <c>fields.key</c>.
    /// </summary>
    internal sealed class SearchCriteria
    {
        private static readonly string[] DateParameters = { "created_at", "updated_at", "due_at" };

        public int Limit { get; private set; }
        public SortField OrderBy { get; private set; } = SortField.CreatedAt;
        public bool Descending { get; private set; }
        public Cursor? Cursor { get; private set; }

        private string[]? _statuses;
        private bool[]? _archived;
        private Guid[]? _queueUids;
        private Guid[]? _assigneeUids;
        private Guid[]? _parentUids;
        private readonly long?[] _after = new long?[StoredTask.SortFieldCount];
        private readonly long?[] _before = new long?[StoredTask.SortFieldCount];
        private bool _hasDateRange;
        private readonly List<FieldEqualityFilter> _fieldFilters = new List<FieldEqualityFilter>();

        /// <summary>The filter parameters as sent, in one string ("" when none): what total_count depends on.</summary>
        public string FilterKey { get; private set; } = string.Empty;

        public static SearchCriteria Parse(string? queryString, int maxPageSize, ValidationErrors errors)
        {
            var criteria = new SearchCriteria { Limit = Math.Min(50, maxPageSize) };
            string? orderBy = null;
            var filterKey = new StringBuilder();
            foreach (KeyValuePair<string, List<string>> parameter in QueryParameters.Parse(queryString))
            {
                string name = parameter.Key;
                List<string> values = parameter.Value;
                var reader = new QueryValues(name, values, errors);
                switch (name)
                {
                    case "limit": criteria.Limit = reader.LastInt(1, maxPageSize) ?? criteria.Limit; break;
                    case "cursor": criteria.Cursor = reader.LastCursor(CursorKind.Tasks); break;
                    case "order_by": orderBy = criteria.ReadOrderBy(reader); break;
                    case "status": criteria._statuses = reader.All<string>(StatusEnum.TryParse, "enum", StatusEnum.Expected); break;
                    case "archived": criteria._archived = reader.AllBools(); break;
                    case "queue_uid": criteria._queueUids = reader.AllUids(); break;
                    case "assignee_uid": criteria._assigneeUids = reader.AllUids(); break;
                    case "parent_uid": criteria._parentUids = reader.AllUids(); break;
                    default:
                        if (!criteria.TryDateRange(name, reader)) criteria.AddFieldFilter(name, values);
                        break;
                }
                if (name is not ("limit" or "cursor" or "order_by")) filterKey.Append(name).Append('=').AppendJoin('\u0001', values).Append('\u0002');
            }
            criteria.FilterKey = filterKey.ToString();
            criteria.ReconcileCursorOrder(orderBy, errors);
            return criteria;
        }

        /// <summary>
        /// Whether the task passes every filter. It reads only the parts of the task that a set filter needs: this
        /// runs over every task for a total_count, and each unneeded read of the (large) record can be a cache miss.
        /// </summary>
        public bool Matches(StoredTask task)
        {
            if (_statuses is not null && Array.IndexOf(_statuses, task.Status) < 0) return false;
            if (_archived is not null && Array.IndexOf(_archived, task.Archived) < 0) return false;
            if (_queueUids is not null && !AnyUid(_queueUids, task.QueueUid)) return false;
            if (_assigneeUids is not null && !AnyUid(_assigneeUids, task.AssigneeUid)) return false;
            if (_parentUids is not null && !AnyUid(_parentUids, task.ParentUid)) return false;
            if (_hasDateRange && !InDateRanges(task)) return false;
            foreach (FieldEqualityFilter filter in _fieldFilters)
            {
                if (!task.Fields.Matches(filter)) return false;
            }
            return true;
        }

        private bool InDateRanges(StoredTask task)
        {
            for (int f = 0; f < StoredTask.SortFieldCount; f++)
            {
                if (_after[f] is null && _before[f] is null) continue;
                DateTime? date = task.DateOf((SortField)f);
                if (date is null || date.Value.Ticks < (_after[f] ?? long.MinValue) || date.Value.Ticks >= (_before[f] ?? long.MaxValue)) return false;
            }
            return true;
        }

        private static bool AnyUid(Guid[] wanted, Guid? actual) => actual is Guid uid && Array.IndexOf(wanted, uid) >= 0;

        /// <summary>Reads created_at_after and the like; false when <paramref name="name"/> is not a date range.</summary>
        private bool TryDateRange(string name, QueryValues reader)
        {
            for (int f = 0; f < DateParameters.Length; f++)
            {
                string prefix = DateParameters[f];
                if (name == prefix + "_after") _after[f] = reader.AllDates(earliest: true);
                else if (name == prefix + "_before") _before[f] = reader.AllDates(earliest: false);
                else continue;
                _hasDateRange = true;
                return true;
            }
            return false;
        }

        private void AddFieldFilter(string name, List<string> values)
        {
            string key = name.StartsWith("fields.", StringComparison.Ordinal) ? name.Substring("fields.".Length) : name;
            if (key.Length > 0) _fieldFilters.Add(new FieldEqualityFilter(key, values.ToArray()));
        }

        /// <summary>
        /// The cursor carries its order: a search that sends the cursor alone keeps it, and one that sends a
        /// different order_by with it is refused (that cursor's position means nothing in another order).
        /// </summary>
        private void ReconcileCursorOrder(string? orderBy, ValidationErrors errors)
        {
            if (Cursor is not { } cursor) return;
            if (orderBy is not null && (cursor.Field != OrderBy || cursor.Descending != Descending))
            {
                errors.Add("value_error", ValidationErrors.At("query"), "cursor",
                    $"The cursor belongs to a search with another order_by than '{orderBy}'", cursor.Encode());
                return;
            }
            OrderBy = cursor.Field;
            Descending = cursor.Descending;
        }

        private string? ReadOrderBy(QueryValues reader)
        {
            string? text = reader.LastOf(DateParameters, allowDescending: true, out int field, out bool descending);
            if (text is null) return null;
            OrderBy = (SortField)field;
            Descending = descending;
            return text;
        }
    }
}
