using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;
using FragmentPS.Core.Errors;

namespace FragmentPS.Core.Models
{
    /// <summary>
    /// The items of a page whose body was checked whole: each is deserialized from its text when first used,
    /// on the consumer's thread, from a copy of its own (an item that is kept must not keep its page alive).
    /// An item of the wrong shape fails when it is reached, as an InvalidResponse; the items before it stand.
    /// </summary>
    internal sealed class PageItems<T> : IReadOnlyList<T>
    {
        private readonly ReadOnlyMemory<byte> _page;
        private readonly List<Range> _itemRanges;
        private readonly Func<byte[], T> _read;
        private readonly T[] _items;
        private readonly bool[] _done;

        public PageItems(ReadOnlyMemory<byte> page, List<Range> itemRanges, Func<byte[], T> read)
        {
            _page = page;
            _itemRanges = itemRanges;
            _read = read;
            _items = new T[itemRanges.Count];
            _done = new bool[itemRanges.Count];
        }

        public int Count => _itemRanges.Count;

        public T this[int index]
        {
            get
            {
                if (_done[index]) return _items[index];
                try
                {
                    _items[index] = _read(_page[_itemRanges[index]].ToArray());
                }
                catch (JsonException ex)
                {
                    throw new FragmentApiException(FragmentErrorKind.InvalidResponse, $"Item {index + 1} of the page could not be read: {ex.Message}", ex);
                }
                _done[index] = true;
                return _items[index];
            }
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (int i = 0; i < Count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
