using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace FragmentPS.Emulator.Store
{
    /// <summary>
    /// A task's <c>fields</c>: any JSON values under any keys, in the order they were first written.
    /// Immutable once stored: <see cref="Merge"/> returns a new map (or the same one when nothing changes).
    /// </summary>
    internal sealed class FieldMap
    {
        public static readonly FieldMap Empty = new FieldMap(new OrderedDictionary<string, FieldValue>());

        private readonly OrderedDictionary<string, FieldValue> _values;

        private FieldMap(OrderedDictionary<string, FieldValue> values) => _values = values;

        public int Count => _values.Count;

        public IEnumerable<KeyValuePair<string, FieldValue>> Entries => _values;

        public static FieldMap From(IEnumerable<KeyValuePair<string, JsonElement>> entries)
        {
            var values = new OrderedDictionary<string, FieldValue>();
            foreach (KeyValuePair<string, JsonElement> entry in entries) values[entry.Key] = new FieldValue(entry.Value);
            return new FieldMap(values);
        }

        /// <summary>Key by key: a key sent replaces (a JSON null is stored as null); keys not sent stay.</summary>
        public FieldMap Merge(IReadOnlyList<KeyValuePair<string, JsonElement>> patch)
        {
            OrderedDictionary<string, FieldValue>? merged = null;
            foreach (KeyValuePair<string, JsonElement> entry in patch)
            {
                OrderedDictionary<string, FieldValue> target = merged ?? _values;
                if (target.TryGetValue(entry.Key, out FieldValue old) && JsonElement.DeepEquals(old.Json, entry.Value)) continue;
                merged ??= new OrderedDictionary<string, FieldValue>(_values);
                merged[entry.Key] = new FieldValue(entry.Value);
            }
            return merged is null ? this : new FieldMap(merged);
        }

        /// <summary>
        /// The search's equality filter: the field compared as text with any of <paramref name="wanted"/>.
        /// A JSON string compares by its value; numbers, booleans and null by their JSON text.
        /// </summary>
        public bool MatchesAny(string key, string[] wanted)
        {
            if (!_values.TryGetValue(key, out FieldValue value)) return false;
            foreach (string text in wanted)
            {
                if (value.TextEquals(text)) return true;
            }
            return false;
        }
    }

    /// <summary>
    /// A field's JSON value, with its text form kept beside it when short: the search's field filters compare
    /// text over every task, and a string compare is several times cheaper than asking the JSON document.
    /// </summary>
    internal readonly struct FieldValue
    {
        private const int CachedTextMaxLength = 256;

        private readonly string? _text;

        public FieldValue(JsonElement json)
        {
            Json = json;
            _text = json.ValueKind switch
            {
                JsonValueKind.String when JsonMarshal.GetRawUtf8Value(json).Length <= CachedTextMaxLength => json.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => json.GetRawText(),
                _ => null,
            };
        }

        public JsonElement Json { get; }

        public bool TextEquals(string text)
        {
            if (_text is not null) return string.Equals(_text, text, StringComparison.Ordinal);
            return Json.ValueKind == JsonValueKind.String ? Json.ValueEquals(text) : Json.GetRawText() == text;
        }
    }
}
