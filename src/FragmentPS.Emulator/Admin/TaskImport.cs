using System;
using System.Collections.Generic;
using System.Text.Json;
using FragmentPS.Emulator.Http;
using FragmentPS.Emulator.Json;
using FragmentPS.Emulator.Store;
using FragmentPS.Emulator.Validation;

namespace FragmentPS.Emulator.Admin
{
    /// <summary>
    /// POST /_emulator/tasks <c>{"items": [...]}</c>: fixtures as given. Each item is a task body as POST /tasks
    /// takes it (fields.title required), and may also set the dates the server sets on its own: created_at
    /// (also the default for due_at and for the started_at/done_at a status implies), updated_at (default:
    /// created_at), started_at, done_at. An item whose uid is in the store replaces that task. All or nothing,
    /// as one store write; no rate limit, faults or statistics.
    /// </summary>
    internal static class TaskImport
    {
        private sealed record Item(TaskPatch Patch, DateTime? CreatedAt, DateTime? UpdatedAt);

        public static ApiResult Run(EmulatorState state, JsonElement body, ValidationErrors errors)
        {
            List<Item> items = Parse(body, errors);
            if (errors.Any) return ApiResult.Invalid(errors);
            (int total, ApiResult? refused) = state.Store.Write<(int, ApiResult?)>(store =>
            {
                var uids = new HashSet<Guid>();
                var records = new List<StoredTask>(items.Count);
                foreach (Item item in items)
                {
                    Guid uid = item.Patch.Uid.IsSet ? item.Patch.Uid.Value : Guid.NewGuid();
                    StoredTask record = TaskMutations.Create(uid, item.Patch, item.CreatedAt ?? store.Now);
                    record.UpdatedAt = item.UpdatedAt ?? record.UpdatedAt;
                    records.Add(record);
                    if (store.Get(uid) is null) uids.Add(uid);
                }
                if (StoreCap.Refuse(state.Options.MaxAdminTasks, store.Count, uids.Count) is { } full) return (store.Count, full);
                foreach (StoredTask record in records) store.Put(record);
                return (store.Count, null);
            });
            return refused ?? ApiResult.Ok(JsonBodies.Serialize(new { Added = items.Count, Total = total }));
        }

        private static List<Item> Parse(JsonElement body, ValidationErrors errors)
        {
            var items = new List<Item>();
            IReadOnlyList<object> loc = ApiInput.BodyLoc;
            if (!errors.RequireList(body, loc, "items", out JsonElement array)) return items;
            int index = 0;
            foreach (JsonElement element in array.EnumerateArray())
            {
                object[] itemLoc = ValidationErrors.At("body", "items", index++);
                TaskPatch? patch = TaskPatchParser.Parse(element, itemLoc, errors);
                if (patch is null) continue;
                if (!patch.HasTitle) errors.MissingTitle(patch, itemLoc);
                items.Add(new Item(patch, ServerDate(element, "created_at", itemLoc, errors), ServerDate(element, "updated_at", itemLoc, errors)));
            }
            return items;
        }

        private static DateTime? ServerDate(JsonElement item, string key, object[] loc, ValidationErrors errors)
        {
            if (!item.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.String && IsoDates.TryParse(value.GetString(), out DateTime date)) return date;
            errors.InvalidDate(loc, key, value);
            return null;
        }
    }
}
