using System;
using System.Collections.Generic;
using System.Text.Json;

namespace FragmentPS.Emulator.Store
{
    /// <summary>
    /// A task's <c>fields</c>: any JSON values under any keys, in the order they were first written. Immutable:
    /// <see cref="Merge"/> returns a new map, or this one when nothing changes.
    ///
    /// Laid out for the search, whose field filters run over every task for a total_count: one flat array per
    /// task, keys interned (a key compares by reference) and each value's text hash kept (a value compares
    /// without being read). A lookup then touches one array, where a dictionary would touch four objects.
    /// Maps with many keys also get a dictionary index, so large bodies stay linear.
    /// </summary>
    internal readonly struct FieldMap
    {
        private const int IndexFrom = 16;

        private readonly Field[]? _fields;
        private readonly Dictionary<string, int>? _index;

        private FieldMap(Field[] fields)
        {
            _fields = fields;
            _index = null;
            if (fields.Length <= IndexFrom) return;
            _index = new Dictionary<string, int>(fields.Length, StringComparer.Ordinal);
            for (int i = 0; i < fields.Length; i++) _index[fields[i].Key] = i;
        }

        public static FieldMap Empty => default;

        public int Count => _fields?.Length ?? 0;

        public ReadOnlySpan<Field> Entries => _fields;

        /// <summary>Whether <paramref name="other"/> is this very map (what an unchanged merge returns).</summary>
        public bool SameAs(FieldMap other) => ReferenceEquals(_fields, other._fields);

        public static FieldMap From(IEnumerable<KeyValuePair<string, JsonElement>> entries) =>
            Empty.Merge(entries as IReadOnlyList<KeyValuePair<string, JsonElement>> ?? new List<KeyValuePair<string, JsonElement>>(entries));

        /// <summary>Key by key: a key sent replaces (a JSON null is stored as null); keys not sent stay.</summary>
        public FieldMap Merge(IReadOnlyList<KeyValuePair<string, JsonElement>> patch)
        {
            List<Field>? merged = null;
            Dictionary<string, int>? added = null;
            foreach (KeyValuePair<string, JsonElement> entry in patch)
            {
                string key = FieldKeys.Intern(entry.Key);
                int at = merged is null ? IndexOf(key, interned: false) : IndexIn(merged, added, key);
                if (at >= 0 && JsonElement.DeepEquals((merged is null ? _fields![at] : merged[at]).Json, entry.Value)) continue;
                if (merged is null)
                {
                    merged = new List<Field>(_fields ?? Array.Empty<Field>());
                    if (merged.Count > IndexFrom) added = BuildIndex(merged);
                }
                var field = new Field(key, entry.Value);
                if (at >= 0)
                {
                    merged[at] = field;
                    continue;
                }
                merged.Add(field);
                if (merged.Count > IndexFrom)
                {
                    added ??= BuildIndex(merged);
                    added[key] = merged.Count - 1;
                }
            }
            return merged is null ? this : new FieldMap(merged.ToArray());
        }

        /// <summary>The search's equality filter on one key: the field's text equals any of the wanted texts.</summary>
        public bool Matches(FieldEqualityFilter filter)
        {
            int at = IndexOf(filter.Key, filter.Interned);
            return at >= 0 && _fields![at].TextEqualsAny(filter);
        }

        private int IndexOf(string key, bool interned)
        {
            if (_fields is null) return -1;
            if (_index is not null) return _index.TryGetValue(key, out int found) ? found : -1;
            for (int i = 0; i < _fields.Length; i++)
            {
                string candidate = _fields[i].Key;
                if (ReferenceEquals(candidate, key) || (!interned && string.Equals(candidate, key, StringComparison.Ordinal))) return i;
            }
            return -1;
        }

        private static int IndexIn(List<Field> fields, Dictionary<string, int>? index, string key)
        {
            if (index is not null) return index.TryGetValue(key, out int found) ? found : -1;
            for (int i = 0; i < fields.Count; i++)
            {
                if (string.Equals(fields[i].Key, key, StringComparison.Ordinal)) return i;
            }
            return -1;
        }

        private static Dictionary<string, int> BuildIndex(List<Field> fields)
        {
            var index = new Dictionary<string, int>(fields.Count * 2, StringComparer.Ordinal);
            for (int i = 0; i < fields.Count; i++) index[fields[i].Key] = i;
            return index;
        }
    }
}
