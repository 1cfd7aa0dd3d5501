using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FragmentPS.Core.Models
{
    /// <summary>
    /// Whether a stored task already holds what a create asked for: only the keys the create sends count (a
    /// status someone changed since, or a field nobody named, does not). A create that finds its uid taken is
    /// harmless exactly when nothing differs: it is a retry whose answer was lost, or a rerun of the same import.
    /// </summary>
    public static class StoredTaskMatch
    {
        /// <summary>The asked keys the stored task holds otherwise (<c>fields.title</c>, <c>status</c>...); empty when it holds them all.</summary>
        public static IReadOnlyList<string> Differences(TaskWrite asked, TaskRecord stored)
        {
            var differences = new List<string>();
            // The stored task as JSON again: its keys as the API named them, the unknown ones included.
            JsonElement raw = JsonSerializer.SerializeToElement(stored, FragmentJsonContext.Default.TaskRecord);
            foreach (var pair in asked.ToJson(includeUid: false))
            {
                if (pair.Key == "fields" && pair.Value is JsonObject fields)
                {
                    JsonElement storedFields = raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("fields", out var f) ? f : default;
                    foreach (var field in fields)
                    {
                        if (!Same(field.Key, field.Value, Property(storedFields, field.Key))) differences.Add("fields." + field.Key);
                    }
                }
                else if (pair.Key == "assignee_email")
                {
                    // Write-only: the answer names the assignee as a user object.
                    JsonElement assignee = Property(raw, "assignee");
                    JsonElement email = Property(assignee, "email");
                    bool same = email.ValueKind == JsonValueKind.String &&
                        string.Equals(email.GetString(), pair.Value?.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
                    if (!same) differences.Add(pair.Key);
                }
                else if (!Same(pair.Key, pair.Value, Property(raw, pair.Key)))
                {
                    differences.Add(pair.Key);
                }
            }
            return differences;
        }

        private static JsonElement Property(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

        private static bool Same(string key, JsonNode? asked, JsonElement stored)
        {
            bool storedEmpty = stored.ValueKind == JsonValueKind.Undefined || stored.ValueKind == JsonValueKind.Null;
            if (asked == null) return storedEmpty;
            if (storedEmpty) return false;
            if (asked is JsonValue value && value.TryGetValue(out string? text) && stored.ValueKind == JsonValueKind.String)
            {
                string storedText = stored.GetString()!;
                if (string.Equals(text, storedText, StringComparison.Ordinal)) return true;
                // The API may spell a uid or a date its own way: compare what they mean.
                if (key.EndsWith("_uid", StringComparison.Ordinal) && Guid.TryParse(text, out var a) && Guid.TryParse(storedText, out var b)) return a == b;
                if (key.EndsWith("_at", StringComparison.Ordinal) && TryDate(text, out var x) && TryDate(storedText, out var y)) return x == y;
                return false;
            }
            return JsonNode.DeepEquals(asked, JsonSerializer.SerializeToNode(stored));
        }

        private static bool TryDate(string? text, out DateTimeOffset date) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out date);
    }
}
