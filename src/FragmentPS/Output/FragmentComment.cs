using System;

namespace FragmentPS
{
    /// <summary>A comment on a task.</summary>
    public sealed class FragmentComment
    {
        public Guid Uid { get; set; }
        public Guid TaskUid { get; set; }
        public string? Content { get; set; }
        public Guid? AuthorUid { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
        public FragmentValueTable AdditionalProperties { get; set; } = new FragmentValueTable();

        /// <summary>The session this comment was read or written in (internal, so nothing serializes it); null when built by hand.</summary>
        internal FragmentSession? Session { get; set; }

        public override string ToString() => Content ?? string.Empty;
    }
}
