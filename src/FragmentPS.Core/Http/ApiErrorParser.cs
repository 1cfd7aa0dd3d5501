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

        public static (string Detail, string? Field) Parse(byte[]? body)
        {
            if (body == null || body.Length == 0) return (string.Empty, null);
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("detail", out var detail))
                    return (Truncate(Encoding.UTF8.GetString(body)), null);
                if (detail.ValueKind == JsonValueKind.String) return (detail.GetString() ?? string.Empty, null);
                if (detail.ValueKind == JsonValueKind.Array)
                {
                    string? firstField = null;
                    var lines = new List<string>();
                    foreach (var entry in detail.EnumerateArray())
                    {
                        string field = FieldOf(entry);
                        string msg = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String
                            ? m.GetString() ?? string.Empty
                            : entry.ToString();
                        if (firstField == null && field.Length > 0) firstField = field;
                        lines.Add(field.Length > 0 ? field + ": " + msg : msg);
                    }
                    return (string.Join("; ", lines), firstField);
                }
                return (detail.ToString(), null);
            }
            catch (JsonException)
            {
                return (Truncate(Encoding.UTF8.GetString(body)), null);
            }
        }

        private static string FieldOf(JsonElement entry)
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("loc", out var loc) || loc.ValueKind != JsonValueKind.Array)
                return string.Empty;
            var parts = loc.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() ?? "" : p.ToString()).ToList();
            if (parts.Count > 0 && LocationRoots.Contains(parts[0])) parts.RemoveAt(0);
            return string.Join(".", parts);
        }

        private static string Truncate(string text) => text.Length <= 300 ? text : text.Substring(0, 300) + "…";
    }
}
