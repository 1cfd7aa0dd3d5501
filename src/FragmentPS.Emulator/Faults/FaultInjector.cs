using System;
using System.Collections.Generic;
using System.Linq;

namespace FragmentPS.Emulator.Faults
{
    /// <summary>
    /// Holds the active fault rules and draws them for each /api/v1 request. Every rule matching the request
    /// draws (so "the n-th matching request" counts every match, whatever other rules did); every firing latency
    /// rule adds its delay; the first other rule that fires decides. A rule's <c>count</c> and its <c>fired</c>
    /// counter only count the times it took effect.
    /// </summary>
    internal sealed class FaultInjector
    {
        private volatile ActiveRule[] _rules = Array.Empty<ActiveRule>();
        private readonly object _gate = new object();

        public void Add(IEnumerable<FaultRule> rules)
        {
            lock (_gate) _rules = _rules.Concat(rules.Select(rule => new ActiveRule(rule))).ToArray();
        }

        public void Clear()
        {
            lock (_gate) _rules = Array.Empty<ActiveRule>();
        }

        public FaultDecision Evaluate(string method, string route)
        {
            ActiveRule[] rules = _rules;
            if (rules.Length == 0) return default;
            int latency = 0;
            FaultRule? decider = null;
            foreach (ActiveRule rule in rules)
            {
                if (!rule.Matches(method, route)) continue;
                bool latencyRule = rule.Rule.Kind == FaultKind.Latency;
                if (!rule.Draw(canTakeEffect: latencyRule || decider is null)) continue;
                if (latencyRule) latency += rule.Rule.LatencyMs;
                else decider = rule.Rule;
            }
            return new FaultDecision(latency, decider);
        }

        /// <summary><c>{"rules": [rule + "matched" and "fired" counters]}</c>.</summary>
        public object Describe() => new { Rules = _rules.Select(rule => FaultRuleJson.Describe(rule.Rule, rule.Counters)) };

        /// <summary>A rule with its own counters and, when seeded, its own random sequence.</summary>
        private sealed class ActiveRule
        {
            private readonly Random? _seeded;
            private int _matched;
            private int _fired;

            public ActiveRule(FaultRule rule)
            {
                Rule = rule.Clone();
                _seeded = rule.Seed is int seed ? new Random(seed) : null;
            }

            public FaultRule Rule { get; }

            public (int Matched, int Fired) Counters
            {
                get
                {
                    lock (this) return (_matched, _fired);
                }
            }

            public bool Matches(string method, string route) =>
                (Rule.Method == "*" || string.Equals(Rule.Method, method, StringComparison.OrdinalIgnoreCase)) &&
                (Rule.Route == "*" || Rule.Route == route);

            /// <summary>Counts a match and draws; true when the rule fires and takes effect.</summary>
            public bool Draw(bool canTakeEffect)
            {
                lock (this)
                {
                    int n = _matched++;
                    bool fires = Rule.Sequence is { } sequence
                        ? n < sequence.Count && sequence[n]
                        : (_seeded ?? Random.Shared).NextDouble() < Rule.Probability;
                    if (!fires || !canTakeEffect || (Rule.Count is int most && _fired >= most)) return false;
                    _fired++;
                    return true;
                }
            }
        }
    }
}
