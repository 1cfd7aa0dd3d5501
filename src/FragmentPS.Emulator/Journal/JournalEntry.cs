using System;
using System.Collections.Generic;

namespace FragmentPS.Emulator.Journal
{
    /// <summary>
    /// One /api/v1 request as the journal keeps it. <see cref="Caller"/> tells callers apart for
    /// <see cref="Attempt"/> and is never written out (it is the bearer token).
    /// </summary>
    internal sealed record JournalEntry(
        long Sequence,
        DateTime Time,
        string Method,
        string Path,
        string Route,
        IReadOnlyList<KeyValuePair<string, List<string>>> Query,
        byte[]? Body,
        bool BodyIsJson,
        int Status,
        int Attempt,
        string Caller);
}
