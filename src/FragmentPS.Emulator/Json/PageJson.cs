using System;
using System.Collections.Generic;
using System.Text.Json;
using FragmentPS.Emulator.Search;

namespace FragmentPS.Emulator.Json
{
    /// <summary>
    /// The list answers: a search or comment page <c>{"items": [...], "meta": {"limit", "self_cursor",
    /// "prev_cursor", "next_cursor", "total_count"}}</c>, and a batch's <c>{"items": [...]}</c>.
    /// </summary>
    internal static class PageJson
    {
        /// <summary>
        /// A page that was read from <paramref name="self"/> on; <paramref name="cursorAt"/> makes the cursor for a
        /// position, so the previous and next cursors are there exactly when the page has such a neighbour.
        /// </summary>
        public static byte[] Write<TItem>(KeysetPage<TItem> page, Func<TItem, byte[]> json, int limit,
            KeysetPosition? self, Func<KeysetPosition?, string> cursorAt, int totalCount) => JsonBodies.Write(w =>
        {
            w.WriteStartObject();
            WriteItems(w, page.Items, json);
            w.WriteStartObject("meta");
            w.WriteNumber("limit", limit);
            w.WriteString("self_cursor", cursorAt(self));
            w.WriteString("prev_cursor", page.HasPrevious ? cursorAt(page.Previous) : null);
            w.WriteString("next_cursor", page.Next is { } next ? cursorAt(next) : null);
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
