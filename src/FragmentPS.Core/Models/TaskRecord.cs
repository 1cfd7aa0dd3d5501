using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading;

namespace FragmentPS.Core.Models
{
    /// <summary>
    /// A task as the API returns it: the one list of the task keys the client models (their JSON names come
    /// from the snake_case policy of <see cref="FragmentJsonContext"/>). Every other key stays in <see cref="Extra"/>.
    /// </summary>
    public sealed class TaskRecord
    {
        private Dictionary<string, JsonElement>? _fields;
        private Dictionary<string, JsonElement>? _extra;
        private byte[]? _text;

        public Guid Uid { get; set; }
        public string? Status { get; set; }

        /// <summary>The task's <c>fields</c>: title, url and custom keys, as JSON values.</summary>
        public Dictionary<string, JsonElement>? Fields
        {
            get { ReadData(); return _fields; }
            set { ReadData(); _fields = value; }
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

        /// <summary>Every other response key, unchanged: the API grows and nothing may be dropped.</summary>
        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Extra
        {
            get { ReadData(); return _extra; }
            set { ReadData(); _extra = value; }
        }

        /// <summary>
        /// A task of a search page, read without its <see cref="Fields"/> and <see cref="Extra"/>: making a JSON
        /// value of each of its ~35 other keys is most of the cost of reading a task, and most pipelines never
        /// look at them. The task keeps its own text and reads them from it when first asked for.
        /// </summary>
        internal static TaskRecord ReadFromPage(byte[] json)
        {
            var task = JsonSerializer.Deserialize(json, WithoutData) ?? throw new JsonException("The task is JSON null.");
            task._text = json;
            return task;
        }

        /// <summary>
        /// The keys of <see cref="Fields"/>. A task of a search page that has not been asked for its fields reads
        /// only the key names from its text: completion collects them from every task a search writes, and making
        /// every field's value for that would undo the lazy reading.
        /// </summary>
        public IReadOnlyList<string> FieldKeys()
        {
            byte[]? text = Volatile.Read(ref _text);
            if (text == null) return _fields?.Keys.ToList() ?? new List<string>();
            var keys = new List<string>();
            var reader = new Utf8JsonReader(text);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isFields = reader.ValueTextEquals("fields"u8);
                reader.Read();
                if (!isFields || reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    keys.Add(reader.GetString()!);
                    reader.Read();
                    reader.Skip();
                }
                break;
            }
            return keys;
        }

        private void ReadData()
        {
            var text = Volatile.Read(ref _text);
            if (text == null) return;
            // Another thread (tab completion) may do the same at once: each reads a whole copy; either may win.
            var whole = JsonSerializer.Deserialize(text, FragmentJsonContext.Default.TaskRecord)!;
            _fields = whole._fields;
            _extra = whole._extra;
            Volatile.Write(ref _text, null);
        }

        /// <summary>The task's contract without <c>fields</c> and the other keys, which it then skips.</summary>
        private static readonly JsonTypeInfo<TaskRecord> WithoutData = (JsonTypeInfo<TaskRecord>)new JsonSerializerOptions(FragmentJsonContext.Default.Options)
        {
            TypeInfoResolver = FragmentJsonContext.Default.WithAddedModifier(type =>
            {
                if (type.Type != typeof(TaskRecord)) return;
                foreach (var data in type.Properties.Where(p => p.IsExtensionData || p.Name == "fields").ToList()) type.Properties.Remove(data);
            }),
        }.GetTypeInfo(typeof(TaskRecord));
    }
}
