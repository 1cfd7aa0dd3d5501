using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FragmentPS.Core.Models
{
    public sealed class CommentRecord
    {
        public Guid Uid { get; set; }
        public Guid TaskUid { get; set; }
        public string? Content { get; set; }
        public Guid? AuthorUid { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; set; }
    }
}
