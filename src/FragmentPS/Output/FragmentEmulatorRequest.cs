using System;
using System.Collections.Specialized;

namespace FragmentPS
{
    /// <summary>One /api/v1 request an emulator served, as Get-FragmentEmulatorRequest writes it.</summary>
    public sealed class FragmentEmulatorRequest
    {
        /// <summary>Its number in the emulator's journal (1 for the first since the start or the last reset).</summary>
        public long Sequence { get; set; }

        /// <summary>When it arrived, by this machine's clock (not the emulator's, which tests may move).</summary>
        public DateTimeOffset Time { get; set; }

        public string Method { get; set; } = string.Empty;

        /// <summary>The path below the API's base, e.g. /tasks/0f5e...; the query is in <see cref="Query"/>.</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>The route template, e.g. /tasks/{uid} (as Get-FragmentEmulatorStatistic and fault rules name routes).</summary>
        public string Route { get; set; } = string.Empty;

        /// <summary>Each query parameter: its value, or its values (an array) when it was given several times.</summary>
        public OrderedDictionary Query { get; set; } = new OrderedDictionary(StringComparer.Ordinal);

        /// <summary>The JSON body as objects (as ConvertFrom-Json makes them); text when it was not JSON; null without one.</summary>
        public object? Body { get; set; }

        /// <summary>The status answered; 0 when the connection was dropped (a fault) without an answer.</summary>
        public int Status { get; set; }

        /// <summary>1, or n when the same caller sent the same request n-1 times in a row without success (a retry).</summary>
        public int Attempt { get; set; }

        public override string ToString() => $"{Method} {Path} -> {Status}";
    }
}
