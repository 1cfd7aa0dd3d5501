using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using FragmentPS.Emulator.Json;
using FragmentPS.Emulator.Store;

namespace FragmentPS.Emulator.Admin
{
    /// <summary>
    /// Synthetic tasks, many and fast: "Seeded task {i}", country cycling FR, DE, US, GB, ES, ticket_id "T-{i}",
    /// status cycling TODO, STARTED, DONE, created_at 1 ms apart ending now, due_at spread over the next two weeks.
    /// Numbering goes on across seed calls (until a reset), so titles and ticket ids stay unique.
    /// </summary>
    internal static class Seeder
    {
        private static readonly string[] Countries = { "FR", "DE", "US", "GB", "ES" };
        private const int DueSpreadMinutes = 14 * 24 * 60;

        /// <summary>
        /// Adds <paramref name="count"/> tasks as one store write and returns how many tasks there are now; or,
        /// changing nothing, the 422 when that would pass <see cref="StoreCap"/>.
        /// </summary>
        public static (int Total, Http.ApiResult? Refused) Seed(EmulatorState state, int count, JsonElement? extraFields)
        {
            return state.Store.Write<(int, Http.ApiResult?)>(store =>
            {
                if (StoreCap.Refuse(state.Options.MaxAdminTasks, store.Count, count) is { } refused) return (store.Count, refused);
                int first = state.SeededSoFar + 1;
                JsonElement fields = BuildFields(first, count, extraFields);
                DateTime now = store.Now;
                int k = 0;
                foreach (JsonElement taskFields in fields.EnumerateArray())
                {
                    int i = first + k;
                    DateTime created = now.AddMilliseconds(k - (count - 1));
                    string status = StatusEnum.All[(i - 1) % StatusEnum.All.Length];
                    store.Put(new StoredTask
                    {
                        Uid = Guid.NewGuid(),
                        Status = status,
                        Fields = FieldMap.From(taskFields.EnumerateObject().Select(field => KeyValuePair.Create(field.Name, field.Value))),
                        CreatedAt = created,
                        UpdatedAt = created,
                        DueAt = now.AddMinutes(60 + (((long)(i - 1) * 37) % DueSpreadMinutes)),
                        StartedAt = status == StatusEnum.Todo ? null : created,
                        DoneAt = status == StatusEnum.Done ? created : null,
                    });
                    k++;
                }
                state.SeededSoFar += count;
                return (store.Count, null);
            });
        }

        /// <summary>
        /// Every task's fields as one JSON array parsed once: far cheaper than a JSON document per value, and the
        /// elements (immutable) can share it.
        /// </summary>
        private static JsonElement BuildFields(int first, int count, JsonElement? extraFields)
        {
            byte[] json = JsonBodies.Write(w =>
            {
                w.WriteStartArray();
                for (int i = first; i < first + count; i++)
                {
                    w.WriteStartObject();
                    w.WriteString("title", "Seeded task " + i);
                    w.WriteString("country", Countries[(i - 1) % Countries.Length]);
                    w.WriteString("ticket_id", "T-" + i);
                    if (extraFields is { } extra)
                    {
                        foreach (JsonProperty field in extra.EnumerateObject()) field.WriteTo(w);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });
            var reader = new Utf8JsonReader(json);
            return JsonElement.ParseValue(ref reader);
        }
    }
}
