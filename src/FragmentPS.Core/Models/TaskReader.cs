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
            JsonElement root = Parse(body);
            var page = new Page<TaskRecord>();
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                page.Items.Capacity = items.GetArrayLength();
                foreach (var item in items.EnumerateArray()) page.Items.Add(Read(item));
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
            // TryGetProperty compares UTF-8 bytes: no string is made for the ~45 keys of a task.
            var record = new TaskRecord { Raw = task };
            if (task.TryGetProperty("uid", out var v)) record.Uid = v.GetGuid();
            if (task.TryGetProperty("archived", out v)) record.Archived = v.ValueKind == JsonValueKind.True;
            if (task.TryGetProperty("status", out v) && v.ValueKind == JsonValueKind.String) record.Status = v.GetString();
            if (task.TryGetProperty("fields", out v) && v.ValueKind == JsonValueKind.Object)
            {
                var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var f in v.EnumerateObject()) fields[f.Name] = f.Value;
                record.Fields = fields;
            }
            record.DueAt = Date(task, "due_at");
            record.CreatedAt = Date(task, "created_at");
            record.UpdatedAt = Date(task, "updated_at");
            record.StartedAt = Date(task, "started_at");
            record.DoneAt = Date(task, "done_at");
            record.AssignedAt = Date(task, "assigned_at");
            record.SnoozeExpiresAt = Date(task, "snooze_expires_at");
            record.QueueUid = Uid(task, "queue_uid");
            record.AssigneeUid = Uid(task, "assignee_uid");
            record.CaseUid = Uid(task, "case_uid");
            record.ParentUid = Uid(task, "parent_uid");
            return record;
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

        private static DateTimeOffset? Date(JsonElement task, string key) =>
            task.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var d) ? d : (DateTimeOffset?)null;

        private static Guid? Uid(JsonElement task, string key) =>
            task.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.TryGetGuid(out var g) ? g : (Guid?)null;

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
