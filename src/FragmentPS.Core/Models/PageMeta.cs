using System.Text.Json.Serialization;

namespace FragmentPS.Core.Models
{
    /// <summary>A page's <c>meta</c>: the cursors and counts of the listing [SPEC].</summary>
    public sealed class PageMeta
    {
        [JsonConverter(typeof(CountConverter))]
        public long? Limit { get; set; }

        public string? SelfCursor { get; set; }
        public string? PrevCursor { get; set; }
        public string? NextCursor { get; set; }

        [JsonConverter(typeof(CountConverter))]
        public long? TotalCount { get; set; }
    }
}
