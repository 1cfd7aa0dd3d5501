using System.Collections.Generic;

namespace FragmentPS.Emulator.Search
{
    /// <summary>One page read from a sorted index, with the positions its next and previous pages start after.</summary>
    internal sealed class KeysetPage<TItem>
    {
        public List<TItem> Items { get; } = new List<TItem>();

        /// <summary>Where the next page starts (after the last item); null on the last page.</summary>
        public KeysetPosition? Next { get; set; }

        /// <summary>Whether there is a previous page; <see cref="Previous"/> is then where it starts (null: from the start).</summary>
        public bool HasPrevious { get; set; }
        public KeysetPosition? Previous { get; set; }
    }
}
