using System;

namespace FragmentPS.Emulator.Search
{
    /// <summary>A place in a sorted index: the sort key and the uid that breaks ties.</summary>
    internal readonly record struct KeysetPosition(long Key, Guid Uid);
}
