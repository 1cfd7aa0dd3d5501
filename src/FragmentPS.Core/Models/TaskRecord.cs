using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FragmentPS.Core.Models
{
    /// <summary>A task as the API returns it. Keys the client does not model stay in <see cref="Extra"/>.</summary>
    public sealed class TaskRecord
    {
        public Guid Uid { get; set; }
        public bool Archived { get; set; }
        public string? Status { get; set; }
        public Dictionary<string, JsonElement>? Fields { get; set; }
        public DateTimeOffset? DueAt { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public DateTimeOffset? DoneAt { get; set; }
        public DateTimeOffset? AssignedAt { get; set; }
        public DateTimeOffset? SnoozeExpiresAt { get; set; }
        public Guid? QueueUid { get; set; }
        public Guid? AssigneeUid { get; set; }
        public Guid? CaseUid { get; set; }
        public Guid? ParentUid { get; set; }

        /// <summary>Every other response key, unchanged: the API grows and nothing may be dropped.</summary>
        /// <remarks>Read from <see cref="Raw"/> on first use: most callers never look at the ~30 other keys.</remarks>
        public Dictionary<string, JsonElement>? Extra
        {
            get => _extra ??= TaskReader.OtherKeys(Raw);
            set => _extra = value;
        }

        /// <summary>The task as the API sent it (default when the record was built by hand).</summary>
        [JsonIgnore]
        public JsonElement Raw { get; set; }

        private Dictionary<string, JsonElement>? _extra;
    }

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

    public sealed class AccountRecord
    {
        public Guid Uid { get; set; }
        public string? Name { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra { get; set; }
    }

    /// <summary>One page of a search: the <c>items</c> + <c>meta</c> envelope.</summary>
    public sealed class Page<T>
    {
        public List<T> Items { get; set; } = new List<T>();
        public PageMeta Meta { get; set; } = new PageMeta();
    }

    public sealed class PageMeta
    {
        public int Limit { get; set; }
        public string? SelfCursor { get; set; }
        public string? PrevCursor { get; set; }
        public string? NextCursor { get; set; }
        public long? TotalCount { get; set; }
    }
}
