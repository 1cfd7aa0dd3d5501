using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace FragmentPS.Core.Http
{
    /// <summary>
    /// Turns the API's error bodies into one readable message. Two shapes [DECIDED, FastAPI]:
    /// <c>{"detail": "text"}</c> and, for 422, <c>{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}</c>.
    /// </summary>
    public static class ApiErrorParser
    {
        // loc entries that say where the value was, not which field it was.
        private static readonly HashSet<string> LocationRoots = new HashSet<string>(StringComparer.Ordinal) { "body", "query", "path", "header" };

        /// <summary>The detail and the first field named; every string passes <paramref name="redact"/> before it is cut short.</summary>
        public static (string Detail, string? Field) Parse(byte[]? body, Func<string, string> redact)
        {
            if (body == null || body.Length == 0) return (string.Empty, null);
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("detail", out var detail))
                    return (Truncate(redact(Encoding.UTF8.GetString(body))), null);
                if (detail.ValueKind == JsonValueKind.String) return (Truncate(redact(detail.GetString() ?? string.Empty)), null);
                if (detail.ValueKind == JsonValueKind.Array)
                {
                    var entries = detail.EnumerateArray().Select(entry => (Field: redact(FieldOf(entry)), Message: redact(MessageOf(entry)))).ToList();
                    string lines = string.Join("; ", entries.Select(e => e.Field.Length > 0 ? e.Field + ": " + e.Message : e.Message));
                    return (Truncate(lines), entries.Select(e => e.Field).FirstOrDefault(field => field.Length > 0));
                }
                return (Truncate(redact(detail.ToString())), null);
            }
            catch (JsonException)
            {
                return (Truncate(redact(Encoding.UTF8.GetString(body))), null);
            }
        }

        /// <summary>
        /// The batch items a refusal names [DECIDED: the contract says a batch refusal "names the item index"]: a
        /// 422 whose every entry sits under <c>loc ["body","items",i,...]</c>, or a <c>detail</c> text that starts
        /// with <c>items[i]:</c> (403, 404). Null when the refusal is about the whole call (or names no item).
        /// </summary>
        public static IReadOnlyList<int>? ItemIndexes(byte[]? body)
        {
            if (body == null || body.Length == 0) return null;
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("detail", out var detail)) return null;
                var indexes = new SortedSet<int>();
                if (detail.ValueKind == JsonValueKind.String)
                {
                    var match = ItemPrefix.Match(detail.GetString() ?? string.Empty);
                    if (!match.Success) return null;
                    indexes.Add(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                }
                else if (detail.ValueKind == JsonValueKind.Array)
                {
                    foreach (var entry in detail.EnumerateArray())
                    {
                        int? index = ItemOf(entry);
                        if (index == null) return null;
                        indexes.Add(index.Value);
                    }
                }
                return indexes.Count == 0 ? null : indexes.ToList();
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static readonly System.Text.RegularExpressions.Regex ItemPrefix =
            new System.Text.RegularExpressions.Regex(@"^items\[(\d+)\]:", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private static int? ItemOf(JsonElement entry)
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("loc", out var loc) || loc.ValueKind != JsonValueKind.Array) return null;
            var parts = loc.EnumerateArray().ToList();
            if (parts.Count < 3 || parts[0].ValueKind != JsonValueKind.String || parts[0].GetString() != "body"
                || parts[1].ValueKind != JsonValueKind.String || parts[1].GetString() != "items"
                || parts[2].ValueKind != JsonValueKind.Number || !parts[2].TryGetInt32(out int index) || index < 0)
                return null;
            return index;
        }

        private static string MessageOf(JsonElement entry) =>
            entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString() ?? string.Empty
                : entry.ToString();

        private static string FieldOf(JsonElement entry)
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("loc", out var loc) || loc.ValueKind != JsonValueKind.Array)
                return string.Empty;
            var parts = loc.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() ?? "" : p.ToString()).ToList();
            if (parts.Count > 0 && LocationRoots.Contains(parts[0])) parts.RemoveAt(0);
            return string.Join(".", parts);
        }

        // Long enough for any real message; cut only after redaction, so no part of a secret is left.
        private static string Truncate(string text) => text.Length <= 1000 ? text : string.Concat(text.AsSpan(0, 1000), "…");
    }
}
