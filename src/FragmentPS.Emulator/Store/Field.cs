using System;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace FragmentPS.Emulator.Store
{
    /// <summary>
    /// One field: its key, its JSON value, and (when short) the value as text with its hash: a JSON string's
    /// value, or the JSON text of a number, boolean or null, which is what the search compares.
    /// </summary>
    internal readonly struct Field
    {
        private const int CachedTextMaxBytes = 256;

        private readonly string? _text;
        private readonly int _textHash;

        public Field(string key, JsonElement json)
        {
            Key = key;
            Json = json;
            _text = json.ValueKind switch
            {
                JsonValueKind.String when JsonMarshal.GetRawUtf8Value(json).Length <= CachedTextMaxBytes => json.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => json.GetRawText(),
                _ => null,
            };
            _textHash = _text is null ? 0 : FieldEqualityFilter.Hash(_text);
        }

        public string Key { get; }
        public JsonElement Json { get; }

        public bool TextEqualsAny(FieldEqualityFilter filter)
        {
            for (int i = 0; i < filter.Values.Length; i++)
            {
                bool equal = _text is not null
                    ? _textHash == filter.Hashes[i] && string.Equals(_text, filter.Values[i], StringComparison.Ordinal)
                    : Json.ValueKind == JsonValueKind.String ? Json.ValueEquals(filter.Values[i]) : Json.GetRawText() == filter.Values[i];
                if (equal) return true;
            }
            return false;
        }
    }
}
