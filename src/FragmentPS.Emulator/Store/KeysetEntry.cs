using System;
using System.Collections.Generic;

namespace FragmentPS.Emulator.Store
{
    /// <summary>An entry of a sorted index: the sort key (UTC ticks), the uid that breaks ties, and what it points to.</summary>
    internal sealed class KeysetEntry<T>
        where T : class
    {
        public KeysetEntry(long key, Guid uid, T? value)
        {
            Key = key;
            Uid = uid;
            Value = value;
        }

        public long Key { get; }
        public Guid Uid { get; }

        /// <summary>Null only on probe entries, which are built to position a search and never stored.</summary>
        public T? Value { get; }

        public static KeysetEntry<T> Probe(long key, Guid uid) => new KeysetEntry<T>(key, uid, null);

        /// <summary>Orders by key, then uid. Guid order is the order of the lower-case text, so ties sort as the uids read.</summary>
        public static readonly IComparer<KeysetEntry<T>> Order = Comparer<KeysetEntry<T>>.Create((a, b) =>
        {
            int byKey = a.Key.CompareTo(b.Key);
            return byKey != 0 ? byKey : a.Uid.CompareTo(b.Uid);
        });

        public static SortedSet<KeysetEntry<T>> NewIndex() => new SortedSet<KeysetEntry<T>>(Order);
    }
}
