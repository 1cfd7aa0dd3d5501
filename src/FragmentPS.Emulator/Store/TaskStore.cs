using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace FragmentPS.Emulator.Store
{
    /// <summary>
    /// The in-memory store. One ReaderWriterLockSlim guards it: searches and reads share it, a write (a single call,
    /// a whole batch, a seed) holds it alone, so a batch is all-or-nothing and nothing is torn. Records are never
    /// changed once stored, so answers are serialized from them after the lock is released.
    ///
    /// Stable paging: a search is pinned to the store version it started at (the cursor carries it) and reads
    /// every task as it was then, through the sorted indexes, which keep entries for older versions too. So a task
    /// that exists throughout is never skipped or repeated, however tasks are created, changed (sort key included)
    /// or deleted between pages. Superseded versions are kept for <c>retention</c> (or up to <c>maxHistory</c>);
    /// a cursor older than that is read at the oldest version still complete.
    /// </summary>
#pragma warning disable CA1001 // The store and its lock live as long as the emulator's process.
    internal sealed class TaskStore : ITaskWriter
#pragma warning restore CA1001
    {
        private readonly ReaderWriterLockSlim _lock = new ReaderWriterLockSlim(LockRecursionPolicy.NoRecursion);
        private Dictionary<Guid, TaskChain> _chains = new Dictionary<Guid, TaskChain>();
        private readonly SortedSet<KeysetEntry<TaskChain>>[] _indexes;
        private Dictionary<Guid, SortedSet<KeysetEntry<Comment>>> _comments = new Dictionary<Guid, SortedSet<KeysetEntry<Comment>>>();
        private Queue<Superseded> _history = new Queue<Superseded>();
        private readonly EmulatorClock _clock;
        private readonly TimeSpan _retention;
        private readonly int _maxHistory;

        private long _version;
        private long _horizon;
        private int _count;
        private long _writingVersion;
        private DateTime _now;
        private bool _changed;

        public TaskStore(EmulatorClock clock, TimeSpan retention, int maxHistory)
        {
            _clock = clock;
            _retention = retention;
            _maxHistory = maxHistory;
            _indexes = new SortedSet<KeysetEntry<TaskChain>>[StoredTask.SortFieldCount];
            for (int i = 0; i < _indexes.Length; i++) _indexes[i] = KeysetEntry<TaskChain>.NewIndex();
        }

        public T Read<T>(Func<ITaskReader, T> read)
        {
            _lock.EnterReadLock();
            try
            {
                return read(this);
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        public T Write<T>(Func<ITaskWriter, T> write)
        {
            _lock.EnterWriteLock();
            try
            {
                _writingVersion = _version + 1;
                _now = _clock.Now();
                _changed = false;
                T result = write(this);
                if (_changed)
                {
                    _version = _writingVersion;
                    PruneHistory();
                }
                return result;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }

        /// <summary>
        /// Forgets every task and comment. Cursors from before read the (empty) present. New tables rather than
        /// Clear(), which would keep the old capacity (a million-task table's arrays) alive.
        /// </summary>
        public void Clear() => Write<bool>(_ =>
        {
            _chains = new Dictionary<Guid, TaskChain>();
            _comments = new Dictionary<Guid, SortedSet<KeysetEntry<Comment>>>();
            _history = new Queue<Superseded>();
            foreach (SortedSet<KeysetEntry<TaskChain>> index in _indexes) index.Clear();
            _count = 0;
            _changed = true;
            _horizon = _writingVersion;
            return true;
        });

        public long Version => _version;
        public int Count => _count;
        public DateTime Now => _now;

        public StoredTask? Get(Guid uid) => _chains.TryGetValue(uid, out TaskChain? chain) ? chain.Live?.Record : null;

        public SortedSet<KeysetEntry<TaskChain>> Index(SortField field) => _indexes[(int)field];

        public long ReadableSnapshot(long requested) => Math.Clamp(requested, _horizon, _version);

        public SortedSet<KeysetEntry<Comment>>? Comments(Guid taskUid) => _comments.GetValueOrDefault(taskUid);

        /// <summary>Walks the uid table rather than an index: a hash table enumerates several times faster than a tree.</summary>
        public int CountVisible(long snapshot, Func<StoredTask, bool> match)
        {
            int count = 0;
            foreach (TaskChain chain in _chains.Values)
            {
                StoredTask? task = snapshot == _version ? chain.Live?.Record : chain.VisibleAt(snapshot);
                if (task is not null && match(task)) count++;
            }
            return count;
        }

        public void Put(StoredTask record)
        {
            if (!_chains.TryGetValue(record.Uid, out TaskChain? chain))
            {
                chain = new TaskChain(record.Uid);
                _chains.Add(record.Uid, chain);
            }
            if (chain.Live is { } live) Supersede(chain, live);
            else _count++;

            chain.Append(new TaskVersion(record, _writingVersion));
            for (int f = 0; f < _indexes.Length; f++)
            {
                _indexes[f].Add(new KeysetEntry<TaskChain>(record.SortKey((SortField)f), record.Uid, chain));
            }
            _changed = true;
        }

        public bool Delete(Guid uid)
        {
            if (!_chains.TryGetValue(uid, out TaskChain? chain) || chain.Live is not { } live) return false;
            Supersede(chain, live);
            _count--;
            _comments.Remove(uid);
            _changed = true;
            return true;
        }

        public void AddComment(Comment comment)
        {
            if (!_comments.TryGetValue(comment.TaskUid, out SortedSet<KeysetEntry<Comment>>? comments))
            {
                comments = KeysetEntry<Comment>.NewIndex();
                _comments.Add(comment.TaskUid, comments);
            }
            comments.Add(new KeysetEntry<Comment>(comment.CreatedAt.Ticks, comment.Uid, comment));
        }

        private void Supersede(TaskChain chain, TaskVersion live)
        {
            chain.EndLive(_writingVersion);
            _history.Enqueue(new Superseded(chain, live, _writingVersion, Stopwatch.GetTimestamp()));
        }

        /// <summary>Drops superseded versions past the retention window (oldest first) and their index entries.</summary>
        private void PruneHistory()
        {
            while (_history.Count > 0)
            {
                Superseded oldest = _history.Peek();
                if (_history.Count <= _maxHistory && Stopwatch.GetElapsedTime(oldest.At) < _retention) break;
                _history.Dequeue();

                TaskChain chain = oldest.Chain;
                chain.Versions.Remove(oldest.Version);
                for (int f = 0; f < _indexes.Length; f++)
                {
                    long key = oldest.Version.Record.SortKey((SortField)f);
                    if (!chain.SharesKey((SortField)f, key, oldest.Version))
                    {
                        _indexes[f].Remove(KeysetEntry<TaskChain>.Probe(key, chain.Uid));
                    }
                }
                if (chain.Versions.Count == 0 && _chains.TryGetValue(chain.Uid, out TaskChain? held) && held == chain)
                {
                    _chains.Remove(chain.Uid);
                }
                _horizon = Math.Max(_horizon, oldest.AtVersion);
            }
        }

        /// <summary>A version replaced at store version <c>AtVersion</c>, at Stopwatch time <c>At</c>: retention runs on real time, whatever the emulator clock says.</summary>
        private readonly record struct Superseded(TaskChain Chain, TaskVersion Version, long AtVersion, long At);
    }
}
