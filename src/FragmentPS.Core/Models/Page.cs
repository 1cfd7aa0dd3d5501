using System.Collections.Generic;

namespace FragmentPS.Core.Models
{
    /// <summary>One page of a listing: the <c>items</c> + <c>meta</c> envelope.</summary>
    public sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, PageMeta meta)
        {
            Items = items;
            Meta = meta;
        }

        public IReadOnlyList<T> Items { get; }
        public PageMeta Meta { get; }
    }
}
