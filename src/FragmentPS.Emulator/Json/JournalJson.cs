using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using FragmentPS.Emulator.Journal;

namespace FragmentPS.Emulator.Json
{
    /// <summary>
    /// GET /_emulator/requests: <c>{"requests": [{"sequence", "time", "method", "path", "route", "query", "body",
    /// "status", "attempt"}]}</c>. A JSON body is written as JSON, any other as a string; the query as arrays of values.
    /// </summary>
    internal static class JournalJson
    {
        public static byte[] Serialize(IReadOnlyList<JournalEntry> entries) => JsonBodies.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("requests");
            foreach (JournalEntry entry in entries) Write(w, entry);
            w.WriteEndArray();
            w.WriteEndObject();
        });

        private static void Write(Utf8JsonWriter w, JournalEntry entry)
        {
            w.WriteStartObject();
            w.WriteNumber("sequence", entry.Sequence);
            w.WriteString("time", IsoDates.ToText(IsoDates.TruncateToMillisecond(entry.Time)));
            w.WriteString("method", entry.Method);
            w.WriteString("path", entry.Path);
            w.WriteString("route", entry.Route);
            w.WriteStartObject("query");
            foreach (KeyValuePair<string, List<string>> parameter in entry.Query)
            {
                w.WriteStartArray(parameter.Key);
                foreach (string value in parameter.Value) w.WriteStringValue(value);
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WritePropertyName("body");
            if (entry.Body is not { Length: > 0 } body) w.WriteNullValue();
            else if (entry.BodyIsJson) w.WriteRawValue(body, skipInputValidation: true);
            else w.WriteStringValue(Encoding.UTF8.GetString(body));
            w.WriteNumber("status", entry.Status);
            w.WriteNumber("attempt", entry.Attempt);
            w.WriteEndObject();
        }
    }
}
