using System;
using System.Runtime;
using FragmentPS.Emulator.Admin;
using FragmentPS.Emulator.Auth;
using FragmentPS.Emulator.Faults;
using FragmentPS.Emulator.Journal;
using FragmentPS.Emulator.Json;
using FragmentPS.Emulator.Limits;
using FragmentPS.Emulator.Search;
using FragmentPS.Emulator.Stats;
using FragmentPS.Emulator.Store;

namespace FragmentPS.Emulator
{
    /// <summary>Everything one running emulator holds: its options, clock, store, tokens, limiter, faults, statistics and journal.</summary>
    internal sealed class EmulatorState
    {
        /// <summary>Superseded task versions kept at most, whatever the retention time, to bound memory.</summary>
        private const int MaxHistory = 1_000_000;

        public EmulatorState(EmulatorOptions options)
        {
            Options = options;
            AdminKey = options.AdminKey ?? AdminGate.NewKey();
            Clock = new EmulatorClock(options.Now);
            Store = new TaskStore(Clock, options.CursorRetention, MaxHistory);
            Tokens = new TokenRegistry(options.Tokens);
            RateLimiter = new PerTokenRateLimiter(options.RateLimitPerMinute, options.Burst);
            Faults.Add(options.FaultRules);
            if (options.LatencyMs > 0) Faults.Add(new[] { new FaultRule { Kind = FaultKind.Latency, LatencyMs = options.LatencyMs } });
            StartedAt = Clock.Now();
        }

        public EmulatorOptions Options { get; }
        public string AdminKey { get; }
        public EmulatorClock Clock { get; }
        public TaskStore Store { get; }
        public TokenRegistry Tokens { get; }
        public PerTokenRateLimiter RateLimiter { get; }
        public FaultInjector Faults { get; } = new FaultInjector();
        public RequestStats Stats { get; } = new RequestStats();
        public RequestJournal Journal { get; } = new RequestJournal();
        public TotalCountCache TotalCounts { get; } = new TotalCountCache();
        public DateTime StartedAt { get; }

        /// <summary>The one account every token belongs to; its uid is the same on every run.</summary>
        public Guid AccountUid { get; } = UuidText.FromText("fragment-emulator-account");

        /// <summary>Numbers seeded tasks across seed calls, so their titles and ticket ids stay unique.</summary>
        public int SeededSoFar;

        /// <summary>
        /// POST /_emulator/reset: tasks, comments, statistics, journal, fault rules and rate-limit buckets all go
        /// (tokens and the clock stay). The memory they held goes back to the system at once: a test run that seeds
        /// a million tasks per test would otherwise keep the high-water mark of every test.
        /// </summary>
        public void Reset()
        {
            Store.Clear();
            Stats.Reset();
            Journal.Clear();
            Faults.Clear();
            RateLimiter.Reset();
            SeededSoFar = 0;
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }
}
