using System;
using System.Collections.Generic;
using System.Text.Json;

namespace FragmentPS.Core.Models
{
    /// <summary>
    /// Reads tasks with a forward-only reader, straight from the answer's bytes: only the modelled keys are
    /// read (the API sends those first). Each task keeps its own JSON text for the ~30 other keys, which are
    /// looked at only when asked for (<see cref="TaskRecord.Extra"/>).
    /// </summary>
    public static class TaskReader
    {
        public static TaskRecord ReadTask(byte[] body)
        {
            PageReader.CheckWholeObject(body);
            return Read(body);
        }

        /// <summary>A page of a search of at most <paramref name="maxItems"/> tasks: its items are read as they are used (see <see cref="PageReader"/>).</summary>
        public static Page<TaskRecord> ReadPage(byte[] body, int maxItems) => PageReader.Read(body, ReadCopy, ReadFrom, maxItems);

        /// <summary>A page of a search from its pooled body (see <see cref="PageReader"/>).</summary>
        public static Page<TaskRecord> ReadPage(Http.ResponseBody body, int maxItems) => PageReader.Read(body, ReadCopy, ReadFrom, maxItems);

        /// <summary>Every item of an <c>items</c> answer (a batch of <paramref name="maxItems"/> at most), read at once.</summary>
        public static List<TaskRecord> ReadItems(byte[] body, int maxItems) => new List<TaskRecord>(ReadPage(body, maxItems).Items);

        // A task of a page keeps a copy of its own text (~1 KB), not a slice of the page: one task kept out
        // of a page (a Where-Object that matches rarely) must not hold the whole ~100 KB page alive.
        private static TaskRecord ReadCopy(ReadOnlyMemory<byte> json) => Read(json.ToArray());

        // The keys TaskRecord models; every other key is kept in TaskRecord.Extra.
        private static readonly HashSet<string> KnownKeys = new HashSet<string>(StringComparer.Ordinal)
        {
            "uid", "archived", "status", "fields", "due_at", "created_at", "updated_at", "started_at", "done_at",
            "assigned_at", "snooze_expires_at", "queue_uid", "assignee_uid", "case_uid", "parent_uid",
        };

        private const int AllKnownKeys = (1 << 15) - 1;

        /// <summary>One task from its JSON text, which the record keeps.</summary>
        public static TaskRecord Read(ReadOnlyMemory<byte> json)
        {
            var reader = new Utf8JsonReader(json.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A task is not a JSON object.");
            var record = new TaskRecord(json);
            ReadKeys(ref reader, record);
            return record;
        }

        /// <summary>
        /// The task whose text starts <paramref name="text"/> (its '{'), and the length of that text: the keys it
        /// models are read, then its end is found by the brackets (<see cref="JsonText"/>), faster than reading
        /// the ~30 other keys. The record keeps a copy of its own text, where those keys wait.
        /// </summary>
        public static TaskRecord ReadFrom(ReadOnlySpan<byte> text, out int length)
        {
            var reader = new Utf8JsonReader(text);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A task is not a JSON object.");
            var record = new TaskRecord();
            ReadKeys(ref reader, record);
            bool atEnd = reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0;
            length = atEnd ? (int)reader.BytesConsumed : JsonText.EndOfContainer(text, (int)reader.BytesConsumed, 1);
            if (length < 0) throw new JsonException("A task's text ends before its closing brace.");
            record.SetText(text.Slice(0, length).ToArray());
            return record;
        }

        /// <summary>
        /// The modelled keys, in one pass that stops once all are seen (the API sends them first), or at the
        /// object's end. The reader is then on the next key's name, or on the closing brace.
        /// </summary>
        private static void ReadKeys(ref Utf8JsonReader reader, TaskRecord record)
        {
            int found = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (found == AllKnownKeys) return;
                int bit = KeyBit(ref reader);
                reader.Read();
                switch (bit)
                {
                    case 1 << 0: record.Uid = reader.GetGuid(); break;
                    case 1 << 1: record.Archived = reader.TokenType == JsonTokenType.True; break;
                    case 1 << 2: record.Status = reader.TokenType == JsonTokenType.String ? Status(ref reader) : null; break;
                    case 1 << 3:
                        // Only where the fields are: they are parsed when first asked for (see TaskRecord.Fields).
                        if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            int start = (int)reader.TokenStartIndex;
                            reader.Skip();
                            record.SetFieldsText(start, (int)reader.BytesConsumed - start);
                        }
                        break;
                    case 1 << 4: record.DueAt = Date(ref reader); break;
                    case 1 << 5: record.CreatedAt = Date(ref reader); break;
                    case 1 << 6: record.UpdatedAt = Date(ref reader); break;
                    case 1 << 7: record.StartedAt = Date(ref reader); break;
                    case 1 << 8: record.DoneAt = Date(ref reader); break;
                    case 1 << 9: record.AssignedAt = Date(ref reader); break;
                    case 1 << 10: record.SnoozeExpiresAt = Date(ref reader); break;
                    case 1 << 11: record.QueueUid = Uid(ref reader); break;
                    case 1 << 12: record.AssigneeUid = Uid(ref reader); break;
                    case 1 << 13: record.CaseUid = Uid(ref reader); break;
                    case 1 << 14: record.ParentUid = Uid(ref reader); break;
                }
                // A value left unread (another key's, or a modelled key with an unexpected shape) is skipped whole.
                if (reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray) reader.Skip();
                found |= bit;
            }
        }

        /// <summary>The status as one shared string for the three known values (no string per task).</summary>
        private static string? Status(ref Utf8JsonReader reader)
        {
            if (!reader.ValueIsEscaped)
            {
                var v = reader.ValueSpan;
                if (v.SequenceEqual("TODO"u8)) return TaskStatuses.Todo;
                if (v.SequenceEqual("STARTED"u8)) return TaskStatuses.Started;
                if (v.SequenceEqual("DONE"u8)) return TaskStatuses.Done;
            }
            return reader.GetString();
        }

        /// <summary>The bit of a modelled key (0 for any other), matched on the raw bytes without making a string.</summary>
        private static int KeyBit(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped)
            {
                // Escaped names are legal JSON though the API never sends them: take the slow, exact way.
                string name = reader.GetString()!;
                return KnownKeys.Contains(name) ? KeyBit(System.Text.Encoding.UTF8.GetBytes(name)) : 0;
            }
            return KeyBit(reader.ValueSpan);
        }

        private static int KeyBit(ReadOnlySpan<byte> name)
        {
            switch (name.Length)
            {
                case 3: return name.SequenceEqual("uid"u8) ? 1 << 0 : 0;
                case 6:
                    if (name.SequenceEqual("status"u8)) return 1 << 2;
                    if (name.SequenceEqual("fields"u8)) return 1 << 3;
                    return name.SequenceEqual("due_at"u8) ? 1 << 4 : 0;
                case 7: return name.SequenceEqual("done_at"u8) ? 1 << 8 : 0;
                case 8:
                    if (name.SequenceEqual("archived"u8)) return 1 << 1;
                    return name.SequenceEqual("case_uid"u8) ? 1 << 13 : 0;
                case 9: return name.SequenceEqual("queue_uid"u8) ? 1 << 11 : 0;
                case 10:
                    if (name.SequenceEqual("created_at"u8)) return 1 << 5;
                    if (name.SequenceEqual("updated_at"u8)) return 1 << 6;
                    if (name.SequenceEqual("started_at"u8)) return 1 << 7;
                    return name.SequenceEqual("parent_uid"u8) ? 1 << 14 : 0;
                case 11: return name.SequenceEqual("assigned_at"u8) ? 1 << 9 : 0;
                case 12: return name.SequenceEqual("assignee_uid"u8) ? 1 << 12 : 0;
                case 17: return name.SequenceEqual("snooze_expires_at"u8) ? 1 << 10 : 0;
                default: return 0;
            }
        }

        /// <summary>A task's <c>fields</c> object, from its text: one small document, the values stay JSON until shown.</summary>
        internal static Dictionary<string, JsonElement> ReadFields(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json);
            JsonElement fields = JsonElement.ParseValue(ref reader);
            var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var f in fields.EnumerateObject()) result[f.Name] = f.Value;
            return result;
        }

        /// <summary>The keys of a task that <see cref="TaskRecord"/> does not model.</summary>
        public static Dictionary<string, JsonElement>? OtherKeys(JsonElement task)
        {
            if (task.ValueKind != JsonValueKind.Object) return null;
            var extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var p in task.EnumerateObject())
                if (!KnownKeys.Contains(p.Name)) extra[p.Name] = p.Value;
            return extra;
        }

        private static DateTimeOffset? Date(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var d) ? d : (DateTimeOffset?)null;

        private static Guid? Uid(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var g) ? g : (Guid?)null;
    }
}
