using System;
using System.Collections.Generic;
using System.Text.Json;

namespace FragmentPS.Core.Models
{
    /// <summary>
    /// Reads tasks straight from a parsed page. One JsonDocument per response, and every value of
    /// <see cref="TaskRecord.Fields"/> and <see cref="TaskRecord.Extra"/> points into it: no per-value
    /// document and no reflection, which is most of the cost of a 100-task page otherwise.
    /// </summary>
    public static class TaskReader
    {
        public static TaskRecord ReadTask(byte[] body) => Read(Parse(body));

        public static Page<TaskRecord> ReadPage(byte[] body)
        {
            // The page's document goes back to the pool at once and each task keeps a small copy of its own:
            // a page's document held by its records was ~130 KB of pooled arrays never returned, a
            // large-object allocation per page and so a full GC every few pages of a long search.
            using var doc = JsonDocument.Parse(body);
            JsonElement root = doc.RootElement;
            var page = new Page<TaskRecord>();
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                page.Items.Capacity = items.GetArrayLength();
                foreach (var item in items.EnumerateArray()) page.Items.Add(Read(item.Clone()));
            }
            else
            {
                throw new JsonException("The page has no 'items' array.");
            }
            if (root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object)
                page.Meta = ReadMeta(meta);
            return page;
        }

        public static List<TaskRecord> ReadItems(byte[] body)
        {
            JsonElement root = Parse(body);
            if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
                throw new JsonException("The answer has no 'items' array.");
            var list = new List<TaskRecord>(items.GetArrayLength());
            foreach (var item in items.EnumerateArray()) list.Add(Read(item));
            return list;
        }

        // The keys TaskRecord models; every other key is kept in TaskRecord.Extra.
        private static readonly HashSet<string> KnownKeys = new HashSet<string>(StringComparer.Ordinal)
        {
            "uid", "archived", "status", "fields", "due_at", "created_at", "updated_at", "started_at", "done_at",
            "assigned_at", "snooze_expires_at", "queue_uid", "assignee_uid", "case_uid", "parent_uid",
        };

        public static TaskRecord Read(JsonElement task)
        {
            if (task.ValueKind != JsonValueKind.Object) throw new JsonException("A task is not a JSON object.");
            // One pass over the keys, stopping once every modelled key has been seen: the API sends those first,
            // so the ~30 other keys are never visited. (A TryGetProperty per modelled key scanned all ~42 keys
            // each time: 0.55 of the 0.6 ms it took to read a 100-task page.) The cases match KnownKeys.
            var record = new TaskRecord { Raw = task };
            int found = 0;
            foreach (var p in task.EnumerateObject())
            {
                JsonElement v = p.Value;
                int bit;
                switch (p.Name)
                {
                    case "uid": bit = 1 << 0; record.Uid = v.GetGuid(); break;
                    case "archived": bit = 1 << 1; record.Archived = v.ValueKind == JsonValueKind.True; break;
                    case "status": bit = 1 << 2; record.Status = v.ValueKind == JsonValueKind.String ? v.GetString() : null; break;
                    case "fields": bit = 1 << 3; record.Fields = Fields(v); break;
                    case "due_at": bit = 1 << 4; record.DueAt = Date(v); break;
                    case "created_at": bit = 1 << 5; record.CreatedAt = Date(v); break;
                    case "updated_at": bit = 1 << 6; record.UpdatedAt = Date(v); break;
                    case "started_at": bit = 1 << 7; record.StartedAt = Date(v); break;
                    case "done_at": bit = 1 << 8; record.DoneAt = Date(v); break;
                    case "assigned_at": bit = 1 << 9; record.AssignedAt = Date(v); break;
                    case "snooze_expires_at": bit = 1 << 10; record.SnoozeExpiresAt = Date(v); break;
                    case "queue_uid": bit = 1 << 11; record.QueueUid = Uid(v); break;
                    case "assignee_uid": bit = 1 << 12; record.AssigneeUid = Uid(v); break;
                    case "case_uid": bit = 1 << 13; record.CaseUid = Uid(v); break;
                    case "parent_uid": bit = 1 << 14; record.ParentUid = Uid(v); break;
                    default: continue;
                }
                found |= bit;
                if (found == AllKnownKeys) break;
            }
            return record;
        }

        private const int AllKnownKeys = (1 << 15) - 1;

        private static Dictionary<string, JsonElement>? Fields(JsonElement v)
        {
            if (v.ValueKind != JsonValueKind.Object) return null;
            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var f in v.EnumerateObject()) fields[f.Name] = f.Value;
            return fields;
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

        private static JsonElement Parse(byte[] body) =>
            // Not disposed on purpose: the elements handed out live as long as the records that hold them.
            JsonDocument.Parse(body).RootElement;

        private static DateTimeOffset? Date(JsonElement v) =>
            v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var d) ? d : (DateTimeOffset?)null;

        private static Guid? Uid(JsonElement v) =>
            v.ValueKind == JsonValueKind.String && v.TryGetGuid(out var g) ? g : (Guid?)null;

        private static PageMeta ReadMeta(JsonElement meta) => new PageMeta
        {
            Limit = meta.TryGetProperty("limit", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0,
            SelfCursor = Text(meta, "self_cursor"),
            PrevCursor = Text(meta, "prev_cursor"),
            NextCursor = Text(meta, "next_cursor"),
            TotalCount = meta.TryGetProperty("total_count", out v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : (long?)null,
        };

        private static string? Text(JsonElement obj, string key) =>
            obj.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
