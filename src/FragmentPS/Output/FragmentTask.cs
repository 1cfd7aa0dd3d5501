using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FragmentPS.Core.Models;

namespace FragmentPS
{
    /// <summary>
    /// A Fragment task: a view of the API's answer (a <see cref="TaskRecord"/>, which this wraps, not copies),
    /// with its fields as PowerShell values. Custom fields are in <see cref="Fields"/> (<c>$task.Fields.country</c>).
    /// </summary>
    public sealed class FragmentTask
    {
        private readonly TaskRecord _record;
        private FragmentValueTable? _fields;
        private FragmentValueTable? _additional;

        /// <summary>An empty task, for users' mocks and tests.</summary>
        public FragmentTask() : this(new TaskRecord()) { }

        internal FragmentTask(TaskRecord record)
        {
            _record = record;
        }

        public Guid Uid { get => _record.Uid; set => _record.Uid = value; }
        public string? Status { get => _record.Status; set => _record.Status = value; }

        /// <summary>The <c>title</c> field.</summary>
        public string? Title
        {
            get => Fields["title"]?.ToString();
            set => Fields["title"] = value;
        }

        /// <summary>The <c>url</c> field, opened by the Fragment player.</summary>
        public string? Url
        {
            get => Fields["url"]?.ToString();
            set => Fields["url"] = value;
        }

        public DateTimeOffset? DueAt { get => _record.DueAt; set => _record.DueAt = value; }
        public DateTimeOffset? CreatedAt { get => _record.CreatedAt; set => _record.CreatedAt = value; }
        public DateTimeOffset? UpdatedAt { get => _record.UpdatedAt; set => _record.UpdatedAt = value; }
        public DateTimeOffset? StartedAt { get => _record.StartedAt; set => _record.StartedAt = value; }
        public DateTimeOffset? DoneAt { get => _record.DoneAt; set => _record.DoneAt = value; }
        public DateTimeOffset? AssignedAt { get => _record.AssignedAt; set => _record.AssignedAt = value; }
        public DateTimeOffset? SnoozeExpiresAt { get => _record.SnoozeExpiresAt; set => _record.SnoozeExpiresAt = value; }
        public bool Archived { get => _record.Archived; set => _record.Archived = value; }
        public Guid? QueueUid { get => _record.QueueUid; set => _record.QueueUid = value; }
        public Guid? AssigneeUid { get => _record.AssigneeUid; set => _record.AssigneeUid = value; }
        public Guid? CaseUid { get => _record.CaseUid; set => _record.CaseUid = value; }
        public Guid? ParentUid { get => _record.ParentUid; set => _record.ParentUid = value; }

        /// <summary>The task's data: title, url and custom keys, as the API returned them.</summary>
        public FragmentValueTable Fields
        {
            // Made from the JSON values when first used, which a pipeline that only counts or passes tasks on
            // never needs; thread-safe, as tab completion may read a task from another thread.
            get => _fields ?? LazyInitializer.EnsureInitialized(ref _fields, () => OutputMapper.ToTable(_record.Fields))!;
            set => _fields = value;
        }

        /// <summary>The names of <see cref="Fields"/>, without making their values when they were not used yet.</summary>
        internal IEnumerable<string> FieldNames =>
            _fields != null ? _fields.Keys.Cast<object>().Select(key => key?.ToString() ?? string.Empty) : _record.FieldKeys();

        /// <summary>Every other key of the API's answer (counters, durations, assignee, keys added later).</summary>
        public FragmentValueTable AdditionalProperties
        {
            get => _additional ?? LazyInitializer.EnsureInitialized(ref _additional, () => OutputMapper.ToTable(_record.Extra))!;
            set => _additional = value;
        }

        /// <summary>
        /// The session this task was read or written in: a task piped into another cmdlet is acted on there.
        /// Internal, so neither views nor Export-Csv, ConvertTo-Json or Export-Clixml see it; null for a task built by hand.
        /// </summary>
        internal FragmentSession? Session { get; set; }

        /// <summary>
        /// When set (Get-FragmentTask -Property), the custom fields this task shows as properties: exactly these,
        /// null where the task has no such field, so every task of an export has the same columns.
        /// </summary>
        internal System.Collections.Generic.IReadOnlyList<string>? FieldProperties { get; set; }

        public override string ToString() => $"{Uid} [{Status}] {Title}";
    }
}
