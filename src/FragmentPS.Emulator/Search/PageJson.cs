using System;
using System.Collections.Generic;
using FragmentPS.Emulator.Json;

namespace FragmentPS.Emulator.Search
{
    /// <summary>The page envelope: <c>{"items": [...], "meta": {"limit", "self_cursor", "prev_cursor", "next_cursor", "total_count"}}</c>.</summary>
    internal static class PageJson
    {
        public static byte[] Write<TItem>(IReadOnlyList<TItem> items, Func<TItem, byte[]> json, int limit,
            string selfCursor, string? prevCursor, string? nextCursor, int totalCount) => JsonBodies.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("items");
            foreach (TItem item in items) w.WriteRawValue(json(item), skipInputValidation: true);
            w.WriteEndArray();
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
            w.WriteStartArray("items");
            foreach (TItem item in items) w.WriteRawValue(json(item), skipInputValidation: true);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
