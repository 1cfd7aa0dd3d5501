using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;
using FragmentPS.Core.Errors;

namespace FragmentPS.Core.Models
{
    /// <summary>
    /// The items of a page whose body was checked whole: each is deserialized from its text when first used,
    /// on the consumer's thread. An item of the wrong shape fails when it is reached, as an
    /// InvalidResponse; the items before it stand.
    /// </summary>
    internal sealed class PageItems<T> : IReadOnlyList<T>
    {
        private readonly List<byte[]> _texts;
        private readonly Func<byte[], T> _read;
        private readonly T[] _items;
        private readonly bool[] _done;

        public PageItems(List<byte[]> texts, Func<byte[], T> read)
        {
            _texts = texts;
            _read = read;
            _items = new T[texts.Count];
            _done = new bool[texts.Count];
        }

        public int Count => _texts.Count;

        public T this[int index]
        {
            get
            {
                if (_done[index]) return _items[index];
                try
                {
                    _items[index] = _read(_texts[index]);
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
