using System;

namespace FragmentPS
{
    public sealed class FragmentComment
    {
        public Guid Uid { get; set; }
        public Guid TaskUid { get; set; }
        public string? Content { get; set; }
        public Guid? AuthorUid { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
        public FragmentValueTable AdditionalProperties { get; set; } = new FragmentValueTable();

        public override string ToString() => Content ?? string.Empty;
    }
}
