using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using FragmentPS.Emulator.Validation;

namespace FragmentPS.Emulator.Faults
{
    /// <summary>Fault rules to and from JSON: <c>{"rules": [{"method", "route", "kind", ...}]}</c>, snake_case keys.</summary>
    internal static class FaultRuleJson
    {
        private static readonly (string Name, FaultKind Kind)[] Kinds =
        {
            ("latency", FaultKind.Latency), ("status", FaultKind.Status), ("drop_before", FaultKind.DropBefore),
            ("drop_after", FaultKind.DropAfter), ("truncate", FaultKind.Truncate),
        };

        public static string KindName(FaultKind kind) => Array.Find(Kinds, k => k.Kind == kind).Name;

        /// <summary>Reads the <c>rules</c> array of <paramref name="body"/>; every bad rule key becomes a 422 entry.</summary>
        public static List<FaultRule> ParseRules(JsonElement body, ValidationErrors errors)
        {
            var rules = new List<FaultRule>();
            object[] loc = ValidationErrors.At("body");
            if (!errors.RequireList(body, loc, "rules", out JsonElement array)) return rules;
            int index = 0;
            foreach (JsonElement item in array.EnumerateArray())
            {
                FaultRule? rule = ParseRule(item, ValidationErrors.At("body", "rules", index++), errors);
                if (rule is not null) rules.Add(rule);
            }
            return rules;
        }

        private static FaultRule? ParseRule(JsonElement item, object[] loc, ValidationErrors errors)
        {
            if (!errors.RequireObject(item, loc)) return null;
            var rule = new FaultRule();
            var reader = new RuleReader(item, loc, errors);
            rule.Method = reader.Text("method", "*", text => text == "*" || IsToken(text), "a method name or '*'").ToUpperInvariant();
            rule.Route = reader.Text("route", "*", text => text == "*" || FaultRule.Routes.Contains(text),
                "'*' or one of " + string.Join(", ", FaultRule.Routes));
            string kind = reader.Text("kind", null, text => Array.Exists(Kinds, k => k.Name == text),
                "'latency', 'status', 'drop_before', 'drop_after' or 'truncate'");
            rule.Kind = Array.Find(Kinds, k => k.Name == kind).Kind;
            rule.Status = reader.Int("status", required: rule.Kind == FaultKind.Status, 429, 504) ?? 503;
            if (rule.Kind == FaultKind.Status && !FaultRule.Statuses.Contains(rule.Status))
            {
                errors.Add("enum", loc, "status", "Input should be 429, 500, 502, 503 or 504", rule.Status);
            }
            rule.RetryAfter = reader.Int("retry_after", required: false, 0, int.MaxValue);
            rule.LatencyMs = reader.Int("latency_ms", required: rule.Kind == FaultKind.Latency, 0, 600_000) ?? 0;
            rule.Probability = reader.Probability();
            rule.Seed = reader.Int("seed", required: false, int.MinValue, int.MaxValue);
            rule.Sequence = reader.Sequence();
            rule.Count = reader.Int("count", required: false, 0, int.MaxValue);
            return rule;
        }

        /// <summary>A rule as GET /_emulator/faults lists it: every key, null where unset, and its counters.</summary>
        public static object Describe(FaultRule rule, (int Matched, int Fired) counters) => new
        {
            rule.Method,
            rule.Route,
            Kind = KindName(rule.Kind),
            rule.Status,
            rule.RetryAfter,
            rule.LatencyMs,
            rule.Probability,
            rule.Seed,
            rule.Sequence,
            rule.Count,
            counters.Matched,
            counters.Fired,
        };

        private static bool IsToken(string text) => text.Length is > 0 and < 20 && text.All(char.IsAsciiLetter);

        /// <summary>Reads a rule's keys; absent or null keys take their default, a required key without one is "missing".</summary>
        private readonly struct RuleReader
        {
            private readonly JsonElement _rule;
            private readonly object[] _loc;
            private readonly ValidationErrors _errors;

            public RuleReader(JsonElement rule, object[] loc, ValidationErrors errors)
            {
                _rule = rule;
                _loc = loc;
                _errors = errors;
            }

            private bool TryGet(string name, out JsonElement value) =>
                _rule.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

            public string Text(string name, string? fallback, Func<string, bool> valid, string expected)
            {
                if (!TryGet(name, out JsonElement value))
                {
                    if (fallback is null) _errors.Missing(_loc, name, _rule);
                    return fallback ?? string.Empty;
                }
                if (value.ValueKind == JsonValueKind.String && valid(value.GetString()!)) return value.GetString()!;
                _errors.Add("value_error", _loc, name, "Input should be " + expected, value);
                return fallback ?? string.Empty;
            }

            /// <summary>The whole number under <paramref name="name"/>; null when absent (a 422 entry when required) or invalid.</summary>
            public int? Int(string name, bool required, int min, int max)
            {
                if (!TryGet(name, out JsonElement value))
                {
                    if (required) _errors.Missing(_loc, name, _rule);
                    return null;
                }
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) && number >= min && number <= max) return number;
                _errors.Add("int_type", _loc, name, $"Input should be a whole number from {min} to {max}", value);
                return null;
            }

            public double Probability()
            {
                if (!TryGet("probability", out JsonElement value)) return 1;
                if (value.ValueKind == JsonValueKind.Number && value.GetDouble() is >= 0 and <= 1) return value.GetDouble();
                _errors.Add("value_error", _loc, "probability", "Input should be a number from 0 to 1", value);
                return 1;
            }

            public List<bool>? Sequence()
            {
                if (!TryGet("sequence", out JsonElement value)) return null;
                if (value.ValueKind == JsonValueKind.Array &&
                    value.EnumerateArray().All(step => step.ValueKind is JsonValueKind.True or JsonValueKind.False))
                {
                    return value.EnumerateArray().Select(step => step.GetBoolean()).ToList();
                }
                _errors.Add("list_type", _loc, "sequence", "Input should be a list of booleans", value);
                return null;
            }
        }
    }
}
