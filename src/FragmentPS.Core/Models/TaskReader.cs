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
                page.Meta = meta.Deserialize<PageMeta>(FragmentJson.Options) ?? new PageMeta();
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

        public static TaskRecord Read(JsonElement task)
        {
            if (task.ValueKind != JsonValueKind.Object) throw new JsonException("A task is not a JSON object.");
            var record = new TaskRecord();
            foreach (var p in task.EnumerateObject())
            {
                JsonElement v = p.Value;
                switch (p.Name)
                {
                    case "uid": record.Uid = v.GetGuid(); break;
                    case "archived": record.Archived = v.ValueKind == JsonValueKind.True; break;
                    case "status": record.Status = v.ValueKind == JsonValueKind.String ? v.GetString() : null; break;
                    case "fields":
                        if (v.ValueKind == JsonValueKind.Object)
                        {
                            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                            foreach (var f in v.EnumerateObject()) fields[f.Name] = f.Value;
                            record.Fields = fields;
                        }
                        break;
                    case "due_at": record.DueAt = Date(v); break;
                    case "created_at": record.CreatedAt = Date(v); break;
                    case "updated_at": record.UpdatedAt = Date(v); break;
                    case "started_at": record.StartedAt = Date(v); break;
                    case "done_at": record.DoneAt = Date(v); break;
                    case "assigned_at": record.AssignedAt = Date(v); break;
                    case "snooze_expires_at": record.SnoozeExpiresAt = Date(v); break;
                    case "queue_uid": record.QueueUid = Uid(v); break;
                    case "assignee_uid": record.AssigneeUid = Uid(v); break;
                    case "case_uid": record.CaseUid = Uid(v); break;
                    case "parent_uid": record.ParentUid = Uid(v); break;
                    default:
                        (record.Extra ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[p.Name] = v;
                        break;
                }
            }
            return record;
        }

        private static JsonElement Parse(byte[] body) =>
            // Not disposed on purpose: the elements handed out live as long as the records that hold them.
            JsonDocument.Parse(body).RootElement;

        private static DateTimeOffset? Date(JsonElement v) =>
            v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var d) ? d : (DateTimeOffset?)null;

        private static Guid? Uid(JsonElement v) =>
            v.ValueKind == JsonValueKind.String && v.TryGetGuid(out var g) ? g : (Guid?)null;
    }
}
