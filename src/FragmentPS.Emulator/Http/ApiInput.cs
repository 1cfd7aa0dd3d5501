using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using FragmentPS.Emulator.Json;
using FragmentPS.Emulator.Validation;
using Microsoft.AspNetCore.Http;

namespace FragmentPS.Emulator.Http
{
    /// <summary>The inputs handlers share: the {uid} path segment and the JSON body, each checked into one error list.</summary>
    internal static class ApiInput
    {
        public static readonly IReadOnlyList<object> BodyLoc = ValidationErrors.At("body");

        /// <summary>The {uid} route value; a 422 entry at ["path","uid"] when it is not a UUID.</summary>
        public static Guid PathUid(HttpContext http, ValidationErrors errors)
        {
            string? text = http.Request.RouteValues["uid"] as string;
            if (UuidText.TryParse(text, out Guid uid)) return uid;
            errors.Add("uuid_parsing", ValidationErrors.At("path"), "uid", "Input should be a valid UUID", text);
            return Guid.Empty;
        }

        /// <summary>The JSON body (Undefined when it was empty or not JSON, with a 422 entry), or the 413 or 400 answer.</summary>
        public static Task<(JsonElement Json, ApiResult? Refused)> BodyAsync(HttpContext http, EmulatorState state, ValidationErrors errors) =>
            RequestBody.ReadJsonAsync(http, state.Options.MaxBodyBytes, errors);

        public static bool IsPresent(JsonElement json) => json.ValueKind != JsonValueKind.Undefined;
    }
}
