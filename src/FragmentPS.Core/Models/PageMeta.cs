namespace FragmentPS.Core.Models
{
    /// <summary>A page's <c>meta</c>: the cursors and counts of the listing [SPEC].</summary>
    public sealed class PageMeta
    {
        public int? Limit { get; set; }
        public string? SelfCursor { get; set; }
        public string? PrevCursor { get; set; }
        public string? NextCursor { get; set; }
        public long? TotalCount { get; set; }
    }
}
