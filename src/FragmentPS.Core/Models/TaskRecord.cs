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
        /// <summary>The task's <c>fields</c> (title, url, custom keys); read from the task's text on first use.</summary>
        public Dictionary<string, JsonElement>? Fields
        {
            get
            {
                if (_fieldsLength > 0)
                {
                    _fields = TaskReader.ReadFields(_json.Span.Slice(_fieldsStart, _fieldsLength));
                    _fieldsLength = 0;
                }
                return _fields;
            }
            set
            {
                _fields = value;
                _fieldsLength = 0;
            }
        }
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

        public TaskRecord() { }

        /// <summary>A task read from its JSON text, which it keeps for <see cref="Raw"/> and <see cref="Extra"/>.</summary>
        public TaskRecord(ReadOnlyMemory<byte> json)
        {
            _json = json;
        }

        /// <summary>Every other response key, unchanged: the API grows and nothing may be dropped.</summary>
        /// <remarks>Read from <see cref="Raw"/> on first use: most callers never look at the ~30 other keys.</remarks>
        public Dictionary<string, JsonElement>? Extra
        {
            get => _extra ??= TaskReader.OtherKeys(Raw);
            set => _extra = value;
        }

        /// <summary>The task as the API sent it (default when the record was built by hand).</summary>
        [JsonIgnore]
        public JsonElement Raw
        {
            get
            {
                if (_raw == null && !_json.IsEmpty)
                {
                    var reader = new Utf8JsonReader(_json.Span);
                    _raw = JsonElement.ParseValue(ref reader);
                }
                return _raw ?? default;
            }
            set => _raw = value;
        }

        /// <summary>Where the <c>fields</c> object is in the task's text, for <see cref="Fields"/> to read when asked.</summary>
        internal void SetFieldsText(int start, int length)
        {
            _fieldsStart = start;
            _fieldsLength = length;
        }

        /// <summary>The task's own text, when it was read in the same pass as its page (see <see cref="TaskReader.ReadFrom"/>).</summary>
        internal void SetText(ReadOnlyMemory<byte> json) => _json = json;

        private ReadOnlyMemory<byte> _json;
        private Dictionary<string, JsonElement>? _fields;
        private int _fieldsStart;
        private int _fieldsLength;
        private JsonElement? _raw;
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
    public sealed class Page<T> where T : class
    {
        public Page() { }

        public Page(IReadOnlyList<T> items, PageMeta meta)
        {
            Items = items;
            Meta = meta;
        }

        /// <summary>The page's items; a search page reads each one on first use (see <see cref="PageReader"/>).</summary>
        public IReadOnlyList<T> Items { get; set; } = Array.Empty<T>();

        /// <summary>True when the page has an item at <paramref name="index"/>. Unlike <c>Items.Count</c>, it
        /// reads a search page no further than that item, so the first task can go out before the rest is read.</summary>
        public bool HasItemAt(int index) =>
            Items is PageReader.LazyItems<T> lazy ? lazy.Has(index) : index < Items.Count;
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
