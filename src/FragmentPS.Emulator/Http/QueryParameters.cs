using System;
using System.Collections.Generic;

namespace FragmentPS.Emulator.Http
{
    /// <summary>
    /// The raw query string as ordered, case-sensitive keys, each with every value it was given. ASP.NET's
    /// IQueryCollection folds key case, and field names are case-sensitive JSON keys.
    /// </summary>
    internal static class QueryParameters
    {
        public static OrderedDictionary<string, List<string>> Parse(string? query)
        {
            var parameters = new OrderedDictionary<string, List<string>>(StringComparer.Ordinal);
            if (string.IsNullOrEmpty(query)) return parameters;
            foreach (string pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = pair.IndexOf('=');
                string key = Decode(equals < 0 ? pair : pair.Substring(0, equals));
                string value = equals < 0 ? string.Empty : Decode(pair.Substring(equals + 1));
                if (!parameters.TryGetValue(key, out List<string>? values))
                {
                    values = new List<string>(1);
                    parameters.Add(key, values);
                }
                values.Add(value);
            }
            return parameters;
        }

        private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
    }
}
