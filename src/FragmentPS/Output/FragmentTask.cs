using System;
using System.Threading;
using FragmentPS.Core.Models;

namespace FragmentPS
{
    /// <summary>A Fragment task. Custom fields are in <see cref="Fields"/> (<c>$task.Fields.country</c>).</summary>
    public sealed class FragmentTask
    {
        public Guid Uid { get; set; }
        public string? Status { get; set; }

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

        public DateTimeOffset? DueAt { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public DateTimeOffset? DoneAt { get; set; }
        public DateTimeOffset? AssignedAt { get; set; }
        public DateTimeOffset? SnoozeExpiresAt { get; set; }
        public bool Archived { get; set; }
        public Guid? QueueUid { get; set; }
        public Guid? AssigneeUid { get; set; }
        public Guid? CaseUid { get; set; }
        public Guid? ParentUid { get; set; }

        /// <summary>The task's data: title, url and custom keys, as the API returned them.</summary>
        public FragmentValueTable Fields
        {
            // Built on first use from the API's answer: a pipeline that only counts or passes tasks on never pays
            // for converting them (thread-safe, as tab completion may read a task from another thread).
            get => _fields ?? LazyInitializer.EnsureInitialized(ref _fields, () => OutputMapper.ToTable(_source?.Fields))!;
            set => _fields = value;
        }

        /// <summary>Every other key of the API's answer (counters, durations, assignee, keys added later).</summary>
        public FragmentValueTable AdditionalProperties
        {
            // Built on first use: most pipelines never look, and converting ~30 keys per task is half the cost of a search.
            get => _additional ?? LazyInitializer.EnsureInitialized(ref _additional, () => OutputMapper.ToTable(_source?.Extra))!;
            set => _additional = value;
        }

        /// <summary>
        /// The session this task was read or written in: a task piped into another cmdlet is acted on there.
        /// Internal, so neither views nor Export-Csv, ConvertTo-Json or Export-Clixml see it; null for a task built by hand.
        /// </summary>
        internal FragmentSession? Session { get; set; }

        private FragmentValueTable? _fields;
        private FragmentValueTable? _additional;
        private TaskRecord? _source;

        /// <summary>The answer this task was read from; <see cref="Fields"/> and <see cref="AdditionalProperties"/> come from it when first used.</summary>
        internal void SetSource(TaskRecord source)
        {
            _source = source;
            _fields = null;
            _additional = null;
        }

        public override string ToString() => $"{Uid} [{Status}] {Title}";
    }
}
