using System;
using System.Collections.Generic;
using System.Linq;

namespace FragmentPS
{
    /// <summary>
    /// The sessions Connect-Fragment made, by name, and the default one. Process-wide on purpose:
    /// ForEach-Object -Parallel and thread jobs run in other runspaces of the same process and should use the
    /// connections the user made, as Az modules do.
    /// </summary>
    internal static class SessionRegistry
    {
        private static readonly object Gate = new object();
        // In connect order; one session per name (names compare without case, as PowerShell names do).
        private static readonly List<FragmentSession> Sessions = new List<FragmentSession>();
        private static volatile FragmentSession? _default;

        public static FragmentSession? Default
        {
            get => _default;
            set => _default = value;
        }

        /// <summary>Adds a connected session under its name, replacing the one of that name, and makes it the default.</summary>
        public static void Add(FragmentSession session)
        {
            lock (Gate)
            {
                Sessions.RemoveAll(s => ReferenceEquals(s, session) || SameName(s, session.Name));
                Sessions.Add(session);
                _default = session;
            }
        }

        /// <summary>Forgets a session (it was disconnected); the default too, when it was the default.</summary>
        public static void Remove(FragmentSession session)
        {
            lock (Gate)
            {
                Sessions.RemoveAll(s => ReferenceEquals(s, session));
                if (ReferenceEquals(_default, session)) _default = null;
            }
        }

        /// <summary>The connected sessions, oldest first (a session disconnected elsewhere drops out).</summary>
        public static IReadOnlyList<FragmentSession> All
        {
            get
            {
                lock (Gate) return Sessions.Where(s => s.IsConnected).ToList();
            }
        }

        public static FragmentSession? Find(string name) => All.LastOrDefault(s => SameName(s, name));

        private static bool SameName(FragmentSession session, string? name) =>
            string.Equals(session.Name, name, StringComparison.OrdinalIgnoreCase);
    }
}
