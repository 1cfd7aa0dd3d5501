using System;
using System.Collections.Generic;
using System.Text.Json;

namespace FragmentPS.Emulator.Json
{
    /// <summary>
    /// The list answers: a search or comment page <c>{"items": [...], "meta": {"limit", "self_cursor",
    /// "prev_cursor", "next_cursor", "total_count"}}</c>, and a batch's <c>{"items": [...]}</c>.
    /// </summary>
    internal static class PageJson
    {
        public static byte[] Write<TItem>(IReadOnlyList<TItem> items, Func<TItem, byte[]> json, int limit,
            string selfCursor, string? prevCursor, string? nextCursor, int totalCount) => JsonBodies.Write(w =>
        {
            w.WriteStartObject();
            WriteItems(w, items, json);
            w.WriteStartObject("meta");
            w.WriteNumber("limit", limit);
            w.WriteString("self_cursor", selfCursor);
            w.WriteString("prev_cursor", prevCursor);
            w.WriteString("next_cursor", nextCursor);
            w.WriteNumber("total_count", totalCount);
            w.WriteEndObject();
            w.WriteEndObject();
        });

        /// <summary><c>{"items": [...]}</c>, the answer of a batch.</summary>
        public static byte[] Items<TItem>(IReadOnlyList<TItem> items, Func<TItem, byte[]> json) => JsonBodies.Write(w =>
        {
            w.WriteStartObject();
            WriteItems(w, items, json);
            w.WriteEndObject();
        });

        private static void WriteItems<TItem>(Utf8JsonWriter w, IReadOnlyList<TItem> items, Func<TItem, byte[]> json)
        {
            w.WriteStartArray("items");
            foreach (TItem item in items) w.WriteRawValue(json(item), skipInputValidation: true);
            w.WriteEndArray();
        }
    }
}
