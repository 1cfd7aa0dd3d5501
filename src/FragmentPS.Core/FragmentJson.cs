using System;
using System.Globalization;

namespace FragmentPS.Core
{
    /// <summary>The API's date format, for what the client sends (reading is <see cref="Models.FragmentJsonContext"/>'s).</summary>
    public static class FragmentJson
    {
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
    }
}
