using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using FragmentPS.Core;

namespace FragmentPS
{
    /// <summary>
    /// A connection to Fragment: the base URI, the account, and one shared client. Its display never shows the
    /// token (that stays inside the client); users' Pester mocks may build one with the public constructor.
    /// </summary>
    public sealed class FragmentSession
    {
        private const int RecentTaskLimit = 200;
        // What completion offers: a ring of the last tasks written, under one lock. A search writes every task
        // through here, so writing one costs a slot and nothing more; titles and field names are read from the
        // tasks only when completion asks.
        private readonly object _recentGate = new object();
        private readonly FragmentTask?[] _recentRing = new FragmentTask?[RecentTaskLimit];
        private int _recentNext;
        // Tasks remembered in all, and how many of them have given their field names already.
        private long _remembered;
        private long _harvested;
        private readonly HashSet<string> _fieldNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public FragmentSession() { }

        internal FragmentSession(FragmentClient client, Uri baseUri)
        {
            Client = client;
            BaseUri = baseUri;
        }

        /// <summary>What -Session accepts instead of the object: Connect-Fragment -Name, else the account's name.</summary>
        public string? Name { get; set; }

        public Uri? BaseUri { get; set; }
        public Guid AccountUid { get; set; }
        public string? AccountName { get; set; }
        public DateTimeOffset ConnectedAt { get; set; } = DateTimeOffset.Now;
        public int RequestsPerMinute { get; set; }
        public int Burst { get; set; }
        public int MaximumRetryCount { get; set; }
        public double TimeoutSec { get; set; }
        public int MaximumResponseSizeMB { get; set; }

        /// <summary>A one-way fingerprint of the token, to tell sessions apart. The token itself is never exposed.</summary>
        public string? TokenFingerprint { get; set; }

        internal FragmentClient? Client { get; set; }

        public bool IsConnected => Client != null;

        /// <summary>Whether cmdlets use this session when they are not given -Session.</summary>
        public bool IsDefault => ReferenceEquals(SessionRegistry.Default, this);

        public override string ToString() => $"{Name ?? AccountName ?? "(not connected)"} @ {BaseUri}";

        // ---- what completion offers: tasks and field names this session has seen -------------------

        internal void Remember(FragmentTask task)
        {
            lock (_recentGate)
            {
                _recentRing[_recentNext] = task;
                _recentNext = (_recentNext + 1) % RecentTaskLimit;
                _remembered++;
            }
        }

        internal void Forget(Guid uid)
        {
            lock (_recentGate)
            {
                for (int i = 0; i < _recentRing.Length; i++)
                    if (_recentRing[i]?.Uid == uid) _recentRing[i] = null;
            }
        }

        /// <summary>The remembered tasks' uids and titles, the latest title of each uid.</summary>
        internal IReadOnlyList<KeyValuePair<Guid, string>> RecentTasks
        {
            get
            {
                var titles = new Dictionary<Guid, string>();
                foreach (var task in Snapshot()) titles[task.Uid] = task.Title ?? string.Empty;
                return titles.ToList();
            }
        }

        /// <summary>The latest title remembered for a task, or null when the session has not seen it lately.</summary>
        internal string? RecentTitle(Guid uid) => Snapshot().LastOrDefault(task => task.Uid == uid)?.Title;

        /// <summary>The field names of every task remembered so far (kept once seen); each task is read for them once.</summary>
        internal IReadOnlyList<string> FieldNames
        {
            get
            {
                lock (_recentGate)
                {
                    int fresh = (int)Math.Min(_remembered - _harvested, RecentTaskLimit);
                    for (int back = 1; back <= fresh; back++)
                    {
                        var task = _recentRing[(_recentNext - back + RecentTaskLimit) % RecentTaskLimit];
                        if (task != null) _fieldNames.UnionWith(task.FieldNames);
                    }
                    _harvested = _remembered;
                    return _fieldNames.Where(k => k.Length > 0).OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToList();
                }
            }
        }

        /// <summary>The remembered tasks, oldest first: the ring from its next slot on, then from its start.</summary>
        private List<FragmentTask> Snapshot()
        {
            lock (_recentGate) return _recentRing.Skip(_recentNext).Concat(_recentRing.Take(_recentNext)).OfType<FragmentTask>().ToList();
        }
    }
}
