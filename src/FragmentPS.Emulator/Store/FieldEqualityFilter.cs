using System;

namespace FragmentPS.Emulator.Store
{
    /// <summary>A field equality filter, prepared once per search: the key interned when it can be, the texts hashed.</summary>
    internal sealed class FieldEqualityFilter
    {
        public FieldEqualityFilter(string key, string[] values)
        {
            Interned = FieldKeys.TryGetInterned(key, out string? interned);
            Key = interned ?? key;
            Values = values;
            Hashes = Array.ConvertAll(values, Hash);
        }

        public string Key { get; }

        /// <summary>True when <see cref="Key"/> is the pooled string: every stored key equal to it is then that same reference.</summary>
        public bool Interned { get; }

        public string[] Values { get; }
        public int[] Hashes { get; }

        public static int Hash(string text) => string.GetHashCode(text, StringComparison.Ordinal);
    }
}
