using System.Collections.Generic;
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
    /// The emulator-only surface under /_emulator/ (contract section 6): health, reset, seed, stats, tokens and
    /// faults. No auth, no rate limit, no faults, not counted in the stats.
    /// </summary>
    internal sealed class AdminEndpoints
    {
        private readonly EmulatorState _state;

        public AdminEndpoints(EmulatorState state) => _state = state;

        /// <summary>GET /_emulator/health: <c>{"status": "ok", "tasks": n}</c>.</summary>
        public Task<ApiResult> HealthAsync(HttpContext http) => Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("status", "ok");
            w.WriteNumber("tasks", _state.Store.Read(store => store.Count));
            w.WriteEndObject();
        });

        /// <summary>POST /_emulator/reset: tasks, comments, stats, fault rules and rate-limit buckets are cleared.</summary>
        public Task<ApiResult> ResetAsync(HttpContext http)
        {
            _state.Reset();
            return Status("reset");
        }

        /// <summary>POST /_emulator/seed <c>{"count": N, "fields": {...}}</c>: <c>{"seeded": N, "total": n}</c>.</summary>
        public async Task<ApiResult> SeedAsync(HttpContext http)
        {
            var errors = new ValidationErrors();
            (JsonElement body, ApiResult? tooLarge) = await ApiInput.BodyAsync(http, _state, errors);
            if (tooLarge is { } refused) return refused;
            int count = 0;
            JsonElement? fields = null;
            if (ApiInput.IsPresent(body) && errors.RequireObject(body, ApiInput.BodyLoc))
            {
                if (!body.TryGetProperty("count", out JsonElement countJson)) errors.Missing(ApiInput.BodyLoc, "count", body);
                else if (countJson.ValueKind != JsonValueKind.Number || !countJson.TryGetInt32(out count) || count < 0 || count > Seeder.MaxCount)
                {
                    errors.Add("int_type", ApiInput.BodyLoc, "count", $"Input should be a whole number from 0 to {Seeder.MaxCount}", countJson);
                }
                if (body.TryGetProperty("fields", out JsonElement fieldsJson) && fieldsJson.ValueKind != JsonValueKind.Null)
                {
                    if (fieldsJson.ValueKind == JsonValueKind.Object) fields = fieldsJson;
                    else errors.Add("dict_type", ApiInput.BodyLoc, "fields", "Input should be a valid dictionary", fieldsJson);
                }
            }
            if (errors.Any) return ApiResult.Invalid(errors);
            int total = Seeder.Seed(_state, count, fields);
            return await Json(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("seeded", count);
                w.WriteNumber("total", total);
                w.WriteEndObject();
            });
        }

        /// <summary>GET /_emulator/stats.</summary>
        public Task<ApiResult> StatsAsync(HttpContext http) => Task.FromResult(ApiResult.Ok(_state.Stats.ToJson()));

        /// <summary>DELETE /_emulator/stats: the counters start again from zero.</summary>
        public Task<ApiResult> ClearStatsAsync(HttpContext http)
        {
            _state.Stats.Reset();
            return StatsAsync(http);
        }

        /// <summary>POST /_emulator/tokens <c>{"add": [...], "revoke": [...]}</c>: revoked tokens get 401 from the next request on.</summary>
        public async Task<ApiResult> TokensAsync(HttpContext http)
        {
            var errors = new ValidationErrors();
            (JsonElement body, ApiResult? tooLarge) = await ApiInput.BodyAsync(http, _state, errors);
            if (tooLarge is { } refused) return refused;
            List<string> add = new List<string>(), revoke = new List<string>();
            if (ApiInput.IsPresent(body) && errors.RequireObject(body, ApiInput.BodyLoc))
            {
                ReadTokens(body, "add", add, errors);
                ReadTokens(body, "revoke", revoke, errors);
            }
            if (errors.Any) return ApiResult.Invalid(errors);
            _state.Tokens.Add(add);
            _state.Tokens.Revoke(revoke);
            return await Json(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("added", add.Count);
                w.WriteNumber("revoked", revoke.Count);
                w.WriteEndObject();
            });
        }

        /// <summary>GET /_emulator/faults: the rules with how often each matched and fired.</summary>
        public Task<ApiResult> FaultsAsync(HttpContext http) => Json(_state.Faults.WriteTo);

        /// <summary>POST /_emulator/faults <c>{"rules": [...]}</c>: appends the rules (all or none); answers as GET.</summary>
        public async Task<ApiResult> AddFaultsAsync(HttpContext http)
        {
            var errors = new ValidationErrors();
            (JsonElement body, ApiResult? tooLarge) = await ApiInput.BodyAsync(http, _state, errors);
            if (tooLarge is { } refused) return refused;
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
            if (list.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement token in list.EnumerateArray())
                {
                    if (token.ValueKind == JsonValueKind.String && token.GetString()!.Length > 0) tokens.Add(token.GetString()!);
                }
                if (tokens.Count == list.GetArrayLength()) return;
            }
            errors.Add("list_type", ApiInput.BodyLoc, key, "Input should be a list of non-empty strings", list);
        }

        private static Task<ApiResult> Status(string status) => Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("status", status);
            w.WriteEndObject();
        });

        private static Task<ApiResult> Json(System.Action<Utf8JsonWriter> write) => Task.FromResult(ApiResult.Ok(JsonBodies.Write(write)));
    }
}
