using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace FragmentPS.Emulator.Journal
{
    /// <summary>
    /// The last /api/v1 requests, oldest first, so a test can assert what a runbook sent. Bounded: at most
    /// <see cref="MaxEntries"/> entries and <see cref="MaxKeptBodyBytes"/> of bodies in all (the oldest go
    /// first); a body over <see cref="MaxBodyBytes"/> is not kept.
    ///
    /// <c>attempt</c> is the server's view of a retry: a request is attempt n+1 when the last request of the same
    /// caller with the same method, path, query and body was attempt n and got no success (no answer, 408, 429
    /// or 5xx); any other request is attempt 1.
    /// </summary>
    internal sealed class RequestJournal
    {
        public const int MaxEntries = 10_000;
        public const int MaxBodyBytes = 1024 * 1024;
        public const long MaxKeptBodyBytes = 64L * 1024 * 1024;

        private readonly object _gate = new object();
        private readonly LinkedList<JournalEntry> _entries = new LinkedList<JournalEntry>();
        private readonly Dictionary<string, JournalEntry> _lastBySignature = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
        private long _keptBodyBytes;
        private long _sequence;

        public void Record(string method, string path, string route, string? queryString, byte[]? body, int status, string caller)
        {
            bool kept = body is not null && body.Length <= MaxBodyBytes;
            byte[]? keptBody = kept ? body : null;
            bool isJson = keptBody is { Length: > 0 } && IsJson(keptBody);
            string target = path + (queryString ?? string.Empty);
            string signature = string.Join('\n', caller, method, target, body is null ? string.Empty : Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(body)));
            lock (_gate)
            {
                int attempt = _lastBySignature.TryGetValue(signature, out JournalEntry? previous) && Failed(previous.Status) ? previous.Attempt + 1 : 1;
                var entry = new JournalEntry(++_sequence, DateTime.UtcNow, method, path, route,
                    Http.QueryParameters.Parse(queryString), keptBody, isJson, status, attempt, caller);
                _entries.AddLast(entry);
                _lastBySignature[signature] = entry;
                _keptBodyBytes += keptBody?.Length ?? 0;
                while (_entries.Count > MaxEntries || _keptBodyBytes > MaxKeptBodyBytes)
                {
                    JournalEntry oldest = _entries.First!.Value;
                    _entries.RemoveFirst();
                    _keptBodyBytes -= oldest.Body?.Length ?? 0;
                }
                if (_lastBySignature.Count > 4 * MaxEntries) _lastBySignature.Clear();
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _entries.Clear();
                _lastBySignature.Clear();
                _keptBodyBytes = 0;
            }
        }

        /// <summary>The entries, oldest first, those at or after <paramref name="since"/> when given.</summary>
        public List<JournalEntry> Entries(DateTime? since)
        {
            lock (_gate) return _entries.Where(entry => since is not DateTime from || entry.Time >= from).ToList();
        }

        private static bool Failed(int status) => status is 0 or 408 or 429 or >= 500;

        private static bool IsJson(byte[] body)
        {
            if (!System.Text.Unicode.Utf8.IsValid(body)) return false;
            try
            {
                var reader = new Utf8JsonReader(body);
                reader.Read();
                reader.Skip();
                return !reader.Read();
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }
}
