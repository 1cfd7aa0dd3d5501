using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FragmentPS.Core.Models
{
    /// <summary>
    /// Reads a count the server sends for information (<c>meta.total_count</c>): anything but
    /// a whole number from 0 to <see cref="long.MaxValue"/> (1.5, 1e30, -3, "12", an object) is read as unknown.
    /// Nothing the client decides rests on these, so a page is not refused for them.
    /// </summary>
    internal sealed class CountConverter : JsonConverter<long?>
    {
        public override bool HandleNull => true;

        public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value) && value >= 0) return value;
            reader.Skip();
            return null;
        }

        public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
        {
            if (value.HasValue) writer.WriteNumberValue(value.Value);
            else writer.WriteNullValue();
        }
    }
}
