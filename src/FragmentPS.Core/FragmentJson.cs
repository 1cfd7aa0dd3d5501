using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FragmentPS.Core
{
    /// <summary>The JSON conventions of the API (snake_case keys, ISO-8601 dates in UTC).</summary>
    public static class FragmentJson
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = false,
        };

        /// <summary>Dates go out in UTC with milliseconds and a Z, as the API writes them.</summary>
        public static string FormatDate(DateTimeOffset value) =>
            value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        /// <summary>
        /// A DateTime without a zone is local time, as PowerShell's [datetime] casts make it. Converted with
        /// ToUniversalTime, which clamps at DateTime.MinValue/MaxValue, where a DateTimeOffset with a local offset
        /// would throw for dates near either end.
        /// </summary>
        public static string FormatDate(DateTime value)
        {
            DateTime utc = value.Kind == DateTimeKind.Utc ? value
                : (value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Local) : value).ToUniversalTime();
            return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        public static T Deserialize<T>(ReadOnlySpan<byte> utf8) =>
            JsonSerializer.Deserialize<T>(utf8, Options) ?? throw new JsonException("The response body was JSON null.");
    }
}
