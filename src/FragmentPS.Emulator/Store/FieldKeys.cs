using System;
using System.Collections.Concurrent;

namespace FragmentPS.Emulator.Store
{
    /// <summary>
    /// The pool of field keys. Field names repeat across tasks ("title", "country"), so one string each lets
    /// lookups compare references. Bounded: past the cap (or for long keys) a key is kept as it is. A key is
    /// never removed, so once pooled, every later stored copy of it is the pooled string.
    /// </summary>
    internal static class FieldKeys
    {
        private const int MaxKeys = 100_000;
        private const int MaxLength = 128;

        private static readonly ConcurrentDictionary<string, string> Pool = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        public static string Intern(string key)
        {
            if (Pool.TryGetValue(key, out string? pooled)) return pooled;
            if (key.Length > MaxLength || Pool.Count >= MaxKeys) return key;
            return Pool.GetOrAdd(key, key);
        }

        public static bool TryGetInterned(string key, out string? interned) => Pool.TryGetValue(key, out interned);
    }
}
