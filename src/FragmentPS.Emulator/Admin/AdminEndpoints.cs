using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using FragmentPS.Emulator.Faults;
using FragmentPS.Emulator.Http;
using FragmentPS.Emulator.Json;
using FragmentPS.Emulator.Validation;
using Microsoft.AspNetCore.Http;

namespace FragmentPS.Emulator.Admin
{
    /// <summary>
    /// The emulator-only surface under /_emulator/ (contract section 6): health, reset, seed, tasks (fixtures),
    /// stats, requests (the journal), clock, tokens and faults. Behind <see cref="AdminGate"/> (the admin key, not
    /// a bearer token); no rate limit, no faults, not counted in the stats or the journal.
    /// </summary>
    internal sealed class AdminEndpoints
    {
        private readonly EmulatorState _state;

        public AdminEndpoints(EmulatorState state) => _state = state;

        /// <summary>GET /_emulator/health, the one route without the key: <c>{"status": "ok"}</c> and nothing more.</summary>
        public static Task<ApiResult> HealthAsync(HttpContext http) => Status("ok");

        /// <summary>POST /_emulator/reset: see <see cref="EmulatorState.Reset"/>.</summary>
        public Task<ApiResult> ResetAsync(HttpContext http)
        {
            _state.Reset();
            return Status("reset");
        }

        /// <summary>POST /_emulator/seed <c>{"count": N, "fields": {...}}</c>: <c>{"seeded": N, "total": n}</c>.</summary>
        public async Task<ApiResult> SeedAsync(HttpContext http)
        {
            var errors = new ValidationErrors();
            (JsonElement body, ApiResult? bodyRefused) = await ApiInput.BodyAsync(http, _state, errors);
            if (bodyRefused is { } refused) return refused;
            int count = 0;
            JsonElement? fields = null;
            if (ApiInput.IsPresent(body) && errors.RequireObject(body, ApiInput.BodyLoc))
            {
                if (!body.TryGetProperty("count", out JsonElement countJson)) errors.Missing(ApiInput.BodyLoc, "count", body);
                else if (countJson.ValueKind != JsonValueKind.Number || !countJson.TryGetInt32(out count) || count < 0 || count > _state.Options.MaxAdminTasks)
                {
                    errors.Add("int_type", ApiInput.BodyLoc, "count", $"Input should be a whole number from 0 to {_state.Options.MaxAdminTasks}", countJson);
                }
                if (body.TryGetProperty("fields", out JsonElement fieldsJson) && fieldsJson.ValueKind != JsonValueKind.Null)
                {
                    if (fieldsJson.ValueKind == JsonValueKind.Object) fields = fieldsJson;
                    else errors.Add("dict_type", ApiInput.BodyLoc, "fields", "Input should be a valid dictionary", fieldsJson);
                }
            }
            if (errors.Any) return ApiResult.Invalid(errors);
            (int total, ApiResult? full) = Seeder.Seed(_state, count, fields);
            if (full is { } refusal) return refusal;
            return Ok(new { Seeded = count, Total = total });
        }

        /// <summary>POST /_emulator/tasks <c>{"items": [...]}</c>: <c>{"added": n, "total": n}</c> (see <see cref="TaskImport"/>).</summary>
        public async Task<ApiResult> ImportAsync(HttpContext http)
        {
            var errors = new ValidationErrors();
            (JsonElement body, ApiResult? bodyRefused) = await ApiInput.BodyAsync(http, _state, errors);
            if (bodyRefused is { } refused) return refused;
            if (!ApiInput.IsPresent(body)) return ApiResult.Invalid(errors);
            return TaskImport.Run(_state, body, errors);
        }

        /// <summary>GET /_emulator/stats: the request counters and how many tasks the store holds.</summary>
        public Task<ApiResult> StatsAsync(HttpContext http) =>
            Task.FromResult(Ok(_state.Stats.Answer(_state.Store.Read(store => store.Count))));

        /// <summary>GET /_emulator/requests[?since=date]: the journal, oldest first.</summary>
        public Task<ApiResult> RequestsAsync(HttpContext http)
        {
            DateTime? since = null;
            string? text = http.Request.Query["since"];
            if (text is not null)
            {
                if (!IsoDates.TryParse(text, out DateTime parsed))
                {
                    var errors = new ValidationErrors();
                    errors.InvalidDate(ValidationErrors.At("query"), "since", text);
                    return Task.FromResult(ApiResult.Invalid(errors));
                }
                since = parsed;
            }
            return Task.FromResult(ApiResult.Ok(JournalJson.Serialize(_state.Journal.Entries(since))));
        }

        /// <summary>DELETE /_emulator/requests: the journal starts again empty.</summary>
        public Task<ApiResult> ClearRequestsAsync(HttpContext http)
        {
            _state.Journal.Clear();
            return Task.FromResult(ApiResult.Ok(JournalJson.Serialize(_state.Journal.Entries(null))));
        }

        /// <summary>GET /_emulator/clock: <c>{"now": date}</c>.</summary>
        public Task<ApiResult> ClockAsync(HttpContext http) => ClockAnswer(_state.Clock.Now());

        /// <summary>
        /// POST /_emulator/clock <c>{"now": date}</c> or <c>{"advance_seconds": n}</c>: moves the clock every date the
        /// server sets comes from; it runs on from there. Answers as GET.
        /// </summary>
        public async Task<ApiResult> SetClockAsync(HttpContext http)
        {
            var errors = new ValidationErrors();
            (JsonElement body, ApiResult? bodyRefused) = await ApiInput.BodyAsync(http, _state, errors);
            if (bodyRefused is { } refused) return refused;
            if (!ApiInput.IsPresent(body) || !errors.RequireObject(body, ApiInput.BodyLoc)) return ApiResult.Invalid(errors);
            bool hasNow = body.TryGetProperty("now", out JsonElement nowJson);
            bool hasAdvance = body.TryGetProperty("advance_seconds", out JsonElement advanceJson);
            if (hasNow == hasAdvance)
            {
                errors.Add("value_error", ApiInput.BodyLoc, null, "Value error, give exactly one of 'now' and 'advance_seconds'", body);
                return ApiResult.Invalid(errors);
            }
            DateTime current = _state.Clock.Now();
            if (hasNow)
            {
                if (nowJson.ValueKind == JsonValueKind.String && IsoDates.TryParse(nowJson.GetString(), out DateTime now)) return await ClockAnswer(_state.Clock.Set(now));
                errors.InvalidDate(ApiInput.BodyLoc, "now", nowJson);
                return ApiResult.Invalid(errors);
            }
            const double MaxSeconds = 100 * 366 * 86400.0;
            if (advanceJson.ValueKind == JsonValueKind.Number && advanceJson.GetDouble() is double seconds && Math.Abs(seconds) <= MaxSeconds &&
                current.Ticks + (long)(seconds * TimeSpan.TicksPerSecond) is long target && target > DateTime.MinValue.Ticks && target < DateTime.MaxValue.Ticks)
            {
                return await ClockAnswer(_state.Clock.Advance(TimeSpan.FromSeconds(seconds)));
            }
            errors.Add("value_error", ApiInput.BodyLoc, "advance_seconds", "Input should be a number of seconds within 100 years, keeping the date within years 1 to 9999", advanceJson);
            return ApiResult.Invalid(errors);
        }

        /// <summary>DELETE /_emulator/stats: the counters start again from zero; answers as GET.</summary>
        public Task<ApiResult> ClearStatsAsync(HttpContext http)
        {
            _state.Stats.Reset();
            return StatsAsync(http);
        }

        /// <summary>POST /_emulator/tokens <c>{"add": [...], "revoke": [...]}</c>: revoked tokens get 401 from the next request on.</summary>
        public async Task<ApiResult> TokensAsync(HttpContext http)
        {
            var errors = new ValidationErrors();
            (JsonElement body, ApiResult? bodyRefused) = await ApiInput.BodyAsync(http, _state, errors);
            if (bodyRefused is { } refused) return refused;
            List<string> add = new List<string>(), revoke = new List<string>();
            if (ApiInput.IsPresent(body) && errors.RequireObject(body, ApiInput.BodyLoc))
            {
                ReadTokens(body, "add", add, errors);
                ReadTokens(body, "revoke", revoke, errors);
            }
            if (errors.Any) return ApiResult.Invalid(errors);
            _state.Tokens.Add(add);
            _state.Tokens.Revoke(revoke);
            return Ok(new { Added = add.Count, Revoked = revoke.Count });
        }

        /// <summary>GET /_emulator/faults: the rules with how often each matched and fired.</summary>
        public Task<ApiResult> FaultsAsync(HttpContext http) => Task.FromResult(Ok(_state.Faults.Describe()));

        /// <summary>POST /_emulator/faults <c>{"rules": [...]}</c>: appends the rules (all or none); answers as GET.</summary>
        public async Task<ApiResult> AddFaultsAsync(HttpContext http)
        {
            var errors = new ValidationErrors();
            (JsonElement body, ApiResult? bodyRefused) = await ApiInput.BodyAsync(http, _state, errors);
            if (bodyRefused is { } refused) return refused;
            List<FaultRule> rules = ApiInput.IsPresent(body) ? FaultRuleJson.ParseRules(body, errors) : new List<FaultRule>();
            if (errors.Any) return ApiResult.Invalid(errors);
            _state.Faults.Add(rules);
            return await FaultsAsync(http);
        }

        /// <summary>DELETE /_emulator/faults: no rule left.</summary>
        public Task<ApiResult> ClearFaultsAsync(HttpContext http)
        {
            _state.Faults.Clear();
            return FaultsAsync(http);
        }

        private static void ReadTokens(JsonElement body, string key, List<string> tokens, ValidationErrors errors)
        {
            if (!body.TryGetProperty(key, out JsonElement list) || list.ValueKind == JsonValueKind.Null) return;
            if (list.ValueKind == JsonValueKind.Array &&
                list.EnumerateArray().All(token => token.ValueKind == JsonValueKind.String && token.GetString()!.Length > 0))
            {
                tokens.AddRange(list.EnumerateArray().Select(token => token.GetString()!));
                return;
            }
            errors.Add("list_type", ApiInput.BodyLoc, key, "Input should be a list of non-empty strings", list);
        }

        private static Task<ApiResult> ClockAnswer(DateTime now) => Task.FromResult(Ok(new { Now = IsoDates.ToText(now) }));

        private static Task<ApiResult> Status(string status) => Task.FromResult(Ok(new { Status = status }));

        private static ApiResult Ok<T>(T answer) => ApiResult.Ok(JsonBodies.Serialize(answer));
    }
}
