using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FragmentPS.Core.Errors;

namespace FragmentPS.Core.Models
{
    /// <summary>
    /// Reads a page, <c>{"items": [...], "meta": {...}}</c> with its keys in any order. The envelope is walked
    /// here, not deserialized as a whole, for two reasons: a page holding more items than were asked for is
    /// refused at the first item too many (a server that sends a million items costs a million nothing), and
    /// its items are only located here, then read by the serializer one at a time as they are used (see
    /// <see cref="PageItems{T}"/>), so the first task of a search is out after one item's reading, not a page's.
    /// The whole body is checked here, where a broken one is retried.
    /// </summary>
    internal static class PageParser
    {
        /// <param name="maxItems">The page size asked for (0 when the request named none).</param>
        public static Page<T> Parse<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> itemType, int maxItems) =>
            Parse(body, json => JsonSerializer.Deserialize(json, itemType) ?? throw new JsonException("The item is JSON null."), maxItems);

        /// <summary>As <see cref="Parse{T}(ReadOnlyMemory{byte}, JsonTypeInfo{T}, int)"/>, each item read from its own copy of its text by <paramref name="readItem"/>.</summary>
        public static Page<T> Parse<T>(ReadOnlyMemory<byte> body, Func<byte[], T> readItem, int maxItems)
        {
            var reader = new Utf8JsonReader(body.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw NotAPage("is not a JSON object");
            PageItems<T>? items = null;
            var meta = new PageMeta();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isItems = reader.ValueTextEquals("items"u8);
                bool isMeta = !isItems && reader.ValueTextEquals("meta"u8);
                reader.Read();
                if (isItems) items = ReadItems(body, ref reader, readItem, maxItems);
                else if (isMeta && reader.TokenType == JsonTokenType.StartObject) meta = JsonSerializer.Deserialize(ref reader, FragmentJsonContext.Default.PageMeta)!;
                else reader.Skip();
            }
            // Reading on after the closing brace makes the reader refuse any text that follows it.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) throw new JsonException("The answer is not one JSON object.");
            return new Page<T>(items ?? throw NotAPage("has no 'items' array"), meta);
        }

        private static PageItems<T> ReadItems<T>(ReadOnlyMemory<byte> body, ref Utf8JsonReader reader, Func<byte[], T> readItem, int maxItems)
        {
            if (reader.TokenType != JsonTokenType.StartArray) throw NotAPage("has an 'items' that is not an array");
            var spans = new List<Range>(maxItems > 0 ? maxItems : 16);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (maxItems > 0 && spans.Count == maxItems)
                {
                    throw new FragmentApiException(FragmentErrorKind.InvalidResponse,
                        $"The page holds more than the {maxItems} items asked for (limit={maxItems}); it was refused without reading the rest.");
                }
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                spans.Add(new Range(start, (int)reader.BytesConsumed));
            }
            return new PageItems<T>(body, spans, readItem);
        }

        // A whole answer of the wrong shape: asking again would not change it, so this is not retried.
        private static FragmentApiException NotAPage(string what) =>
            new FragmentApiException(FragmentErrorKind.InvalidResponse, $"The answer is not a page of a listing: it {what}.");
    }
}
