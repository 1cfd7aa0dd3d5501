using System;
using System.Collections.Generic;
using FragmentPS.Emulator.Store;

namespace FragmentPS.Emulator.Search
{
    /// <summary>
    /// Keyset paging over a SortedSet index: a page is the first <c>limit</c> accepted entries strictly after a
    /// position, in ascending or descending order. An entry is accepted when <c>accept</c> returns an item for it
    /// (that is where a search applies its snapshot and its filters).
    /// </summary>
    internal static class KeysetPager
    {
        /// <summary>
        /// The page after <paramref name="after"/>; null when that takes more than <paramref name="budget"/>
        /// entries (a rare filter), so the caller can find the page another way.
        /// </summary>
        public static KeysetPage<TItem>? Read<T, TItem>(SortedSet<KeysetEntry<T>> index, bool descending,
            KeysetPosition? after, int limit, Func<KeysetEntry<T>, TItem?> accept, int budget = int.MaxValue)
            where T : class
            where TItem : class
        {
            var page = new KeysetPage<TItem>();
            KeysetEntry<T>? last = null;
            KeysetEntry<T>? first = null;
            int examined = 0;
            foreach (KeysetEntry<T> entry in Walk(index, forward: !descending, Probe<T>(after), inclusive: false))
            {
                if (++examined > budget) return null;
                TItem? item = accept(entry);
                if (item is null) continue;
                if (page.Items.Count == limit)
                {
                    page.Next = new KeysetPosition(last!.Key, last.Uid);
                    break;
                }
                first ??= entry;
                last = entry;
                page.Items.Add(item);
            }
            if (after is not null && !FindPrevious(page, index, descending, first, Probe<T>(after)!, limit, accept, budget - examined)) return null;
            return page;
        }

        /// <summary>
        /// The previous page is the <c>limit</c> accepted entries before this page's first item (or up to and
        /// including the cursor's position when this page is empty); it starts after the entry before them.
        /// </summary>
        private static bool FindPrevious<T, TItem>(KeysetPage<TItem> page, SortedSet<KeysetEntry<T>> index, bool descending,
            KeysetEntry<T>? first, KeysetEntry<T> after, int limit, Func<KeysetEntry<T>, TItem?> accept, int budget)
            where T : class
            where TItem : class
        {
            int seen = 0;
            foreach (KeysetEntry<T> entry in Walk(index, forward: descending, first ?? after, inclusive: first is null))
            {
                if (--budget < 0) return false;
                if (accept(entry) is null) continue;
                if (++seen > limit)
                {
                    page.Previous = new KeysetPosition(entry.Key, entry.Uid);
                    break;
                }
            }
            page.HasPrevious = seen > 0;
            return true;
        }

        /// <summary>
        /// The entries after <paramref name="from"/> going up (<paramref name="forward"/>) or down the index;
        /// <paramref name="from"/> itself only when <paramref name="inclusive"/>.
        /// </summary>
        private static IEnumerable<KeysetEntry<T>> Walk<T>(SortedSet<KeysetEntry<T>> index, bool forward, KeysetEntry<T>? from, bool inclusive)
            where T : class
        {
            IEnumerable<KeysetEntry<T>> entries = from is null
                ? (forward ? index : index.Reverse())
                : (forward ? index.GetViewBetween(from, Last<T>()) : index.GetViewBetween(First<T>(), from).Reverse());
            foreach (KeysetEntry<T> entry in entries)
            {
                if (!inclusive && from is not null && KeysetEntry<T>.Order.Compare(entry, from) == 0) continue;
                yield return entry;
            }
        }

        private static KeysetEntry<T>? Probe<T>(KeysetPosition? position) where T : class =>
            position is { } p ? KeysetEntry<T>.Probe(p.Key, p.Uid) : null;

        private static KeysetEntry<T> First<T>() where T : class => KeysetEntry<T>.Probe(long.MinValue, Guid.Empty);

        private static KeysetEntry<T> Last<T>() where T : class =>
            KeysetEntry<T>.Probe(long.MaxValue, new Guid(uint.MaxValue, ushort.MaxValue, ushort.MaxValue, 255, 255, 255, 255, 255, 255, 255, 255));
    }
}
