using System;
using System.Collections.Generic;

namespace FragmentPS.Emulator.Store
{
    /// <summary>What a reader may look at while it holds the store's read lock.</summary>
    internal interface ITaskReader
    {
        /// <summary>The store version: it grows by one with every write that changes something.</summary>
        long Version { get; }

        /// <summary>The number of live tasks.</summary>
        int Count { get; }

        StoredTask? Get(Guid uid);

        /// <summary>The sorted index of <paramref name="field"/>: entries of current and retained older versions.</summary>
        SortedSet<KeysetEntry<TaskChain>> Index(SortField field);

        /// <summary>The version a search pinned at <paramref name="requested"/> can still read consistently.</summary>
        long ReadableSnapshot(long requested);

        /// <summary>How many tasks visible at <paramref name="snapshot"/> satisfy <paramref name="match"/>.</summary>
        int CountVisible(long snapshot, Func<StoredTask, bool> match);

        /// <summary>The comments of a live task, ordered by created_at then uid; null when there are none.</summary>
        SortedSet<KeysetEntry<Comment>>? Comments(Guid taskUid);
    }
}
