using System;
using System.Globalization;

namespace FragmentPS.Emulator.Json
{
    /// <summary>
    /// Dates as the contract writes them: UTC, ISO-8601, milliseconds, 'Z'. Every stored date is cut to the
    /// millisecond, so what a client reads back, pages by and filters on is exactly what was stored.
    /// </summary>
    internal static class IsoDates
    {
        private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

        public static DateTime TruncateToMillisecond(DateTime utc) =>
            new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

        public static string ToText(DateTime utc) => utc.ToString(Format, CultureInfo.InvariantCulture);

        /// <summary>
        /// ISO-8601 date or date-time; a missing zone is read as UTC (as pydantic does). Loose forms such as
        /// "Jan 5 2025", which DateTimeOffset would otherwise accept, are refused by the shape check.
        /// </summary>
        public static bool TryParse(string? text, out DateTime utc)
        {
            utc = default;
            if (text is null || text.Length < 10 || !LooksIso(text)) return false;
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed))
            {
                return false;
            }
            utc = TruncateToMillisecond(parsed.UtcDateTime);
            return true;
        }

        private static bool LooksIso(string text)
        {
            for (int i = 0; i < 10; i++)
            {
                bool dash = i == 4 || i == 7;
                if (dash ? text[i] != '-' : !char.IsAsciiDigit(text[i])) return false;
            }
            return text.Length == 10 || text[10] is 'T' or 't' or ' ';
        }
    }
}
