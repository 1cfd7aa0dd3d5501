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
        // What completion offers. One lock and a ring of the last uids: a search writes every task through here.
        private readonly object _recentGate = new object();
        private readonly Guid[] _recentRing = new Guid[RecentTaskLimit];
        private int _recentNext;
        private readonly Dictionary<Guid, string> _recentTasks = new Dictionary<Guid, string>();
        private readonly HashSet<string> _fieldNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public FragmentSession() { }

        internal FragmentSession(FragmentClient client, Uri baseUri)
        {
            Client = client;
            BaseUri = baseUri;
        }

        public Uri? BaseUri { get; set; }
        public Guid AccountUid { get; set; }
        public string? AccountName { get; set; }
        public DateTimeOffset ConnectedAt { get; set; } = DateTimeOffset.Now;
        public int RequestsPerMinute { get; set; }
        public int Burst { get; set; }
        public int MaximumRetryCount { get; set; }
        public double TimeoutSec { get; set; }

        /// <summary>A one-way fingerprint of the token, to tell sessions apart. The token itself is never exposed.</summary>
        public string? TokenFingerprint { get; set; }

        internal FragmentClient? Client { get; set; }

        public bool IsConnected => Client != null;

        public override string ToString() => $"{AccountName ?? "(not connected)"} @ {BaseUri}";

        // ---- what completion offers: tasks and field names this session has seen -------------------

        internal void Remember(FragmentTask task)
        {
            string title = task.Title ?? string.Empty;
            lock (_recentGate)
            {
                if (!_recentTasks.ContainsKey(task.Uid))
                {
                    Guid evicted = _recentRing[_recentNext];
                    if (evicted != Guid.Empty) _recentTasks.Remove(evicted);
                    _recentRing[_recentNext] = task.Uid;
                    _recentNext = (_recentNext + 1) % RecentTaskLimit;
                }
                _recentTasks[task.Uid] = title;
                foreach (var key in task.Fields.Keys) _fieldNames.Add(key?.ToString() ?? string.Empty);
            }
        }

        internal void Forget(Guid uid)
        {
            lock (_recentGate) _recentTasks.Remove(uid);
        }

        internal IReadOnlyList<KeyValuePair<Guid, string>> RecentTasks
        {
            get { lock (_recentGate) return _recentTasks.ToList(); }
        }

        internal IReadOnlyList<string> FieldNames
        {
            get { lock (_recentGate) return _fieldNames.Where(k => k.Length > 0).OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToList(); }
        }
    }
}
