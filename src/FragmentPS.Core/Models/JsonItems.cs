using System;
using System.Text.Json;

namespace FragmentPS.Core.Models
{
    /// <summary>Page items of a plain record type, for <see cref="PageReader"/>: each read whole by the serializer.</summary>
    internal static class JsonItems<T> where T : class
    {
        public static T Read(ReadOnlyMemory<byte> json) => FragmentJson.Deserialize<T>(json.Span);

        public static T Scan(ReadOnlySpan<byte> text, out int length)
        {
            var reader = new Utf8JsonReader(text);
            var item = JsonSerializer.Deserialize<T>(ref reader, FragmentJson.Options) ?? throw new JsonException("A page item is JSON null.");
            length = (int)reader.BytesConsumed;
            return item;
        }
    }
}
