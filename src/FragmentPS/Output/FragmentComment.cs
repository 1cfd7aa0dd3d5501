using System;
using System.Threading;
using FragmentPS.Core.Models;

namespace FragmentPS
{
    /// <summary>A comment on a task: a view of the API's answer (a <see cref="CommentRecord"/>, which this wraps, not copies).</summary>
    public sealed class FragmentComment
    {
        private readonly CommentRecord _record;
        private FragmentValueTable? _additional;

        /// <summary>An empty comment, for users' mocks and tests.</summary>
        public FragmentComment() : this(new CommentRecord()) { }

        internal FragmentComment(CommentRecord record)
        {
            _record = record;
        }

        public Guid Uid { get => _record.Uid; set => _record.Uid = value; }
        public Guid TaskUid { get => _record.TaskUid; set => _record.TaskUid = value; }
        public string? Content { get => _record.Content; set => _record.Content = value; }
        public Guid? AuthorUid { get => _record.AuthorUid; set => _record.AuthorUid = value; }
        public DateTimeOffset? CreatedAt { get => _record.CreatedAt; set => _record.CreatedAt = value; }
        public DateTimeOffset? UpdatedAt { get => _record.UpdatedAt; set => _record.UpdatedAt = value; }

        /// <summary>Every other key of the API's answer.</summary>
        public FragmentValueTable AdditionalProperties
        {
            get => _additional ?? LazyInitializer.EnsureInitialized(ref _additional, () => OutputMapper.ToTable(_record.Extra))!;
            set => _additional = value;
        }

        /// <summary>The session this comment was read or written in (internal, so nothing serializes it); null when built by hand.</summary>
        internal FragmentSession? Session { get; set; }

        public override string ToString() => Content ?? string.Empty;
    }
}
