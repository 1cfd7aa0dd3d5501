using System;
using System.Collections.Concurrent;
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
        private readonly ConcurrentDictionary<Guid, string> _recentTasks = new ConcurrentDictionary<Guid, string>();
        private readonly ConcurrentQueue<Guid> _recentOrder = new ConcurrentQueue<Guid>();
        private readonly ConcurrentDictionary<string, byte> _fieldNames = new ConcurrentDictionary<string, byte>(StringComparer.OrdinalIgnoreCase);

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
            if (_recentTasks.TryAdd(task.Uid, task.Title ?? string.Empty))
            {
                _recentOrder.Enqueue(task.Uid);
                while (_recentOrder.Count > RecentTaskLimit && _recentOrder.TryDequeue(out var old)) _recentTasks.TryRemove(old, out _);
            }
            else
            {
                _recentTasks[task.Uid] = task.Title ?? string.Empty;
            }
            foreach (var key in task.Fields.Keys) _fieldNames.TryAdd(key?.ToString() ?? string.Empty, 0);
        }

        internal void Forget(Guid uid) => _recentTasks.TryRemove(uid, out _);

        internal IReadOnlyList<KeyValuePair<Guid, string>> RecentTasks => _recentTasks.ToList();

        internal IReadOnlyList<string> FieldNames => _fieldNames.Keys.Where(k => k.Length > 0).OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
