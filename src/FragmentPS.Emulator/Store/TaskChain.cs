using System;
using System.Collections.Generic;

namespace FragmentPS.Emulator.Store
{
    /// <summary>
    /// Every retained version of one uid, oldest first. A search that started at store version V sees the version
    /// live at V, which is what keeps paging stable while tasks change (see <see cref="TaskStore"/>).
    /// </summary>
    internal sealed class TaskChain
    {
        public TaskChain(Guid uid) => Uid = uid;

        public Guid Uid { get; }
        public List<TaskVersion> Versions { get; } = new List<TaskVersion>(1);

        /// <summary>The current version, null once deleted. Kept apart from the list: full scans read only this.</summary>
        public TaskVersion? Live { get; private set; }

        public void Append(TaskVersion version)
        {
            Versions.Add(version);
            Live = version;
        }

        /// <summary>The live version stops being current at <paramref name="version"/> (updated or deleted).</summary>
        public void EndLive(long version)
        {
            Live!.ValidTo = version;
            Live = null;
        }

        public StoredTask? VisibleAt(long version)
        {
            for (int i = Versions.Count - 1; i >= 0; i--)
            {
                TaskVersion candidate = Versions[i];
                if (candidate.ValidFrom <= version) return version < candidate.ValidTo ? candidate.Record : null;
            }
            return null;
        }

        /// <summary>Whether a retained version other than <paramref name="except"/> has this key for <paramref name="field"/>.</summary>
        public bool SharesKey(SortField field, long key, TaskVersion except)
        {
            foreach (TaskVersion version in Versions)
            {
                if (version != except && version.Record.SortKey(field) == key) return true;
            }
            return false;
        }
    }
}
