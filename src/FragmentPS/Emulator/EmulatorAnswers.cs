using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using FragmentPS.Internal;

namespace FragmentPS.Emulator
{
    /// <summary>The admin routes' JSON answers as the objects the emulator cmdlets write.</summary>
    internal static class EmulatorAnswers
    {
        /// <summary>The fault kinds: as cmdlets name them, and as the emulator's JSON does.</summary>
        public static readonly IReadOnlyDictionary<string, string> FaultKinds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Latency"] = "latency",
            ["Status"] = "status",
            ["DropBefore"] = "drop_before",
            ["DropAfter"] = "drop_after",
            ["Truncate"] = "truncate",
        };

        public static FragmentEmulatorStatistic Statistic(JsonElement stats, JsonElement faults)
        {
            return new FragmentEmulatorStatistic
            {
                Tasks = stats.GetProperty("tasks").GetInt32(),
                TotalRequests = stats.GetProperty("total_requests").GetInt64(),
                RateLimited = stats.GetProperty("rate_limited").GetInt64(),
                Routes = stats.GetProperty("routes").EnumerateArray().Select(row => new FragmentEmulatorRouteCount
                {
                    Method = row.GetProperty("method").GetString() ?? string.Empty,
                    Route = row.GetProperty("route").GetString() ?? string.Empty,
                    Status = row.GetProperty("status").GetInt32(),
                    Count = row.GetProperty("count").GetInt64(),
                }).ToArray(),
                Faults = Faults(faults).ToArray(),
            };
        }

        public static List<FragmentEmulatorFault> Faults(JsonElement faults) =>
            faults.GetProperty("rules").EnumerateArray().Select(Fault).ToList();

        private static FragmentEmulatorFault Fault(JsonElement rule)
        {
            string kind = rule.GetProperty("kind").GetString() ?? string.Empty;
            JsonElement steps = rule.GetProperty("sequence");
            return new FragmentEmulatorFault
            {
                Method = rule.GetProperty("method").GetString() ?? "*",
                Route = rule.GetProperty("route").GetString() ?? "*",
                Kind = FaultKinds.LastOrDefault(known => known.Value == kind).Key ?? kind,
                StatusCode = rule.GetProperty("status").GetInt32(),
                RetryAfterSec = OptionalInt(rule, "retry_after"),
                LatencyMs = rule.GetProperty("latency_ms").GetInt32(),
                Probability = rule.GetProperty("probability").GetDouble(),
                Seed = OptionalInt(rule, "seed"),
                Sequence = steps.ValueKind == JsonValueKind.Array ? steps.EnumerateArray().Select(step => step.GetBoolean()).ToArray() : null,
                Count = OptionalInt(rule, "count"),
                Matched = rule.GetProperty("matched").GetInt32(),
                Fired = rule.GetProperty("fired").GetInt32(),
            };
        }

        public static FragmentEmulatorRequest Request(JsonElement entry)
        {
            var query = new OrderedDictionary(StringComparer.Ordinal);
            foreach (JsonProperty parameter in entry.GetProperty("query").EnumerateObject())
            {
                string[] values = parameter.Value.EnumerateArray().Select(value => value.GetString() ?? string.Empty).ToArray();
                query[parameter.Name] = values.Length == 1 ? values[0] : (object)values;
            }
            return new FragmentEmulatorRequest
            {
                Sequence = entry.GetProperty("sequence").GetInt64(),
                Time = Date(entry.GetProperty("time")),
                Method = entry.GetProperty("method").GetString() ?? string.Empty,
                Path = entry.GetProperty("path").GetString() ?? string.Empty,
                Route = entry.GetProperty("route").GetString() ?? string.Empty,
                Query = query,
                Body = PSJson.ToPSObject(entry.GetProperty("body")),
                Status = entry.GetProperty("status").GetInt32(),
                Attempt = entry.GetProperty("attempt").GetInt32(),
            };
        }

        public static DateTimeOffset Date(JsonElement text) =>
            DateTimeOffset.Parse(text.GetString() ?? string.Empty, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        private static int? OptionalInt(JsonElement rule, string name) =>
            rule.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : (int?)null;
    }
}
