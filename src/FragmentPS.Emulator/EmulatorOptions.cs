using System;
using System.Collections.Generic;
using System.Net;
using FragmentPS.Emulator.Faults;

namespace FragmentPS.Emulator
{
    /// <summary>How an emulator starts: where it listens, whom it lets in, and its limits (defaults: the real API's).</summary>
    public sealed class EmulatorOptions
    {
        public const int DefaultRateLimitPerMinute = 60;
        public const int DefaultBurst = 10;
        public const int DefaultMaxPageSize = 100;
        public const long DefaultMaxBodyBytes = 10L * 1024 * 1024;
        public const int DefaultMaxAdminTasks = 1_000_000;

        /// <summary>The address to bind: an IP address or "localhost". Loopback only unless told otherwise.</summary>
        public string Host { get; set; } = "127.0.0.1";

        /// <summary>The port; 0 picks a free one (read it from <see cref="EmulatorServer.BaseUri"/>).</summary>
        public int Port { get; set; }

        /// <summary>The bearer tokens accepted from the start (more can be added at run time through /_emulator/tokens).</summary>
        public IList<string> Tokens { get; set; } = new List<string>();

        /// <summary>
        /// The key every /_emulator/ request must carry in <c>X-Fragment-Emulator-Key</c>; null makes a new random
        /// one at start (read it from <see cref="EmulatorServer.AdminKey"/>).
        /// </summary>
        public string? AdminKey { get; set; }

        /// <summary>Where the emulator's clock starts (it runs on from there); null for the machine's clock.</summary>
        public DateTime? Now { get; set; }

        /// <summary>Requests a minute per token; 0 switches the rate limit off.</summary>
        public int RateLimitPerMinute { get; set; } = DefaultRateLimitPerMinute;

        /// <summary>How many requests a full bucket lets through at once.</summary>
        public int Burst { get; set; } = DefaultBurst;

        /// <summary>The largest <c>limit</c> a search accepts.</summary>
        public int MaxPageSize { get; set; } = DefaultMaxPageSize;

        /// <summary>Larger request bodies are answered 413.</summary>
        public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

        /// <summary>
        /// How many tasks the admin routes (seed, tasks) may fill the store with: enough for any test or benchmark,
        /// and a bound on the memory one local caller can take (a million tasks is about 1.6 GB).
        /// </summary>
        public int MaxAdminTasks { get; set; } = DefaultMaxAdminTasks;

        /// <summary>Fault rules active from the start.</summary>
        public IList<FaultRule> FaultRules { get; set; } = new List<FaultRule>();

        /// <summary>A delay added to every /api/v1 request from the start (a global latency rule); 0 for none.</summary>
        public int LatencyMs { get; set; }

        /// <summary>
        /// How long a search cursor reads the store as it was when the search began (older versions of changed
        /// tasks are kept that long). An older cursor reads the oldest state still complete.
        /// </summary>
        public TimeSpan CursorRetention { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>The address to bind, or an exception saying what is wrong with the options.</summary>
        internal IPAddress Validate()
        {
            if (Tokens.Count == 0 || Tokens.Contains(string.Empty)) throw new ArgumentException("At least one non-empty token is required.");
            Require(Port is >= 0 and <= 65535, "Port must be from 0 to 65535.");
            Require(RateLimitPerMinute >= 0, "RateLimitPerMinute must be 0 (off) or more.");
            Require(Burst >= 1, "Burst must be 1 or more.");
            Require(MaxPageSize >= 1, "MaxPageSize must be 1 or more.");
            Require(MaxBodyBytes >= 1, "MaxBodyBytes must be 1 or more.");
            Require(MaxAdminTasks >= 0, "MaxAdminTasks must be 0 or more.");
            Require(LatencyMs >= 0, "LatencyMs must be 0 or more.");
            Require(CursorRetention >= TimeSpan.Zero, "CursorRetention must not be negative.");
            Require(AdminKey is null || AdminKey.Length > 0, "AdminKey must not be empty (null makes a random one).");
            if (string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
            if (IPAddress.TryParse(Host, out IPAddress? address)) return address;
            throw new ArgumentException($"Host '{Host}' is not an IP address or 'localhost'.");
        }

        private static void Require(bool condition, string message)
        {
            if (!condition) throw new ArgumentException(message);
        }
    }
}
