using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using FragmentPS.Emulator.Json;
using FragmentPS.Emulator.Store;
using FragmentPS.Emulator.Validation;
using Microsoft.AspNetCore.Http;

namespace FragmentPS.Emulator.Http
{
    /// <summary>
    /// POST (create), PUT (upsert) and PATCH (update) /tasks/batch: <c>{"items": [...]}</c> in and out, at most
    /// <see cref="MaxItems"/>, all-or-nothing. Every item is validated first (422 entries under
    /// ["body","items",index,...]); then, under the store's write lock, each is checked against the store (403/404
    /// naming the index) and only when all pass are they applied, as one store version.
    /// </summary>
    internal sealed class BatchEndpoints
    {
        public const int MaxItems = 100;

        private readonly EmulatorState _state;

        public BatchEndpoints(EmulatorState state) => _state = state;

        public Task<ApiResult> CreateAsync(HttpContext http) => WriteAsync(http, WriteMode.Create);

        public Task<ApiResult> PutAsync(HttpContext http) => WriteAsync(http, WriteMode.Upsert);

        public Task<ApiResult> PatchAsync(HttpContext http) => WriteAsync(http, WriteMode.Update);

        private async Task<ApiResult> WriteAsync(HttpContext http, WriteMode mode)
        {
            var errors = new ValidationErrors();
            (JsonElement body, ApiResult? bodyRefused) = await ApiInput.BodyAsync(http, _state, errors);
            if (bodyRefused is { } refused) return refused;
            List<TaskPatch> items = ApiInput.IsPresent(body) ? ParseItems(body, mode, errors) : new List<TaskPatch>();
            if (errors.Any) return ApiResult.Invalid(errors);

            (ApiResult? failure, List<StoredTask> tasks) = TaskWritePlan.Run(_state.Store, plan =>
            {
                for (int i = 0; i < items.Count; i++)
                {
                    TaskPatch item = items[i];
                    Guid uid = item.Uid.IsSet ? item.Uid.Value : Guid.NewGuid();
                    if (plan.Add(mode, uid, item, ItemLoc(i), i) is { } refusal) return refusal;
                }
                return null;
            });
            return failure ?? ApiResult.Ok(PageJson.Items(tasks, task => task.Json));
        }

        private static List<TaskPatch> ParseItems(JsonElement body, WriteMode mode, ValidationErrors errors)
        {
            var items = new List<TaskPatch>();
            IReadOnlyList<object> loc = ApiInput.BodyLoc;
            if (!errors.RequireList(body, loc, "items", out JsonElement array)) return items;
            int count = array.GetArrayLength();
            if (count > MaxItems)
            {
                errors.Add("too_long", loc, "items", $"List should have at most {MaxItems} items after validation, not {count}", null);
                return items;
            }
            int index = 0;
            foreach (JsonElement element in array.EnumerateArray())
            {
                object[] itemLoc = ItemLoc(index++);
                TaskPatch? item = TaskPatchParser.Parse(element, itemLoc, errors);
                if (item is null) continue;
                if (mode != WriteMode.Create && !item.Uid.IsSet && !HasKey(element, "uid")) errors.Missing(itemLoc, "uid", element);
                if (mode == WriteMode.Create && !item.HasTitle) errors.MissingTitle(item, itemLoc);
                items.Add(item);
            }
            return items;
        }

        private static object[] ItemLoc(int index) => ValidationErrors.At("body", "items", index);

        private static bool HasKey(JsonElement item, string key) => item.TryGetProperty(key, out _);
    }
}
