using System.Text.Json.Serialization;

namespace FragmentPS.Core.Models
{
    /// <summary>The keys of a page's <c>meta</c> the client reads [SPEC]; the others (limit, the other cursors) it has no use for.</summary>
    public sealed class PageMeta
    {
        public string? NextCursor { get; set; }

        [JsonConverter(typeof(CountConverter))]
        public long? TotalCount { get; set; }
    }
}
