using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.Json;
using FragmentPS.Core.Errors;

namespace FragmentPS.Core.Models
{
    /// <summary>Reads one item of a list from its JSON text (exactly one value; a slice of the page's body, which it may keep).</summary>
    public delegate T ItemReader<out T>(ReadOnlyMemory<byte> json);

    /// <summary>Reads the item that starts at the start of <paramref name="text"/> (its '{'), and says how long its text is.</summary>
    public delegate T ItemScanner<T>(ReadOnlySpan<byte> text, out int length);

    /// <summary>
    /// Reads a page (<c>items</c> + <c>meta</c>) so that the next page can be requested as early as possible
    /// and the items are read by their consumer, on the consumer's thread, one at a time.
    /// </summary>
    /// <remarks>
    /// A search's next request needs only <c>meta.next_cursor</c>. When the body ends with the <c>meta</c>
    /// object (the API's order), it is read from the tail in microseconds and the rest of the body waits for
    /// the consumer: the reading of a page no longer delays the request for the next one, and the first task
    /// is out after one item has been read, not a hundred. Each item is read, and its end found, when the
    /// consumer gets to it (<see cref="ItemScanner{T}"/>); the framing between items and up to the end is
    /// checked on the way. A body that does not end that way (or a truncated one) is read whole at once, here,
    /// where a broken body is retried, and its items are read from their spans (<see cref="ItemReader{T}"/>).
    /// </remarks>
    public static class PageReader
    {
        /// <param name="maxItems">The page size asked for: a page with more items is refused before they are read (0: no limit).</param>
        public static Page<T> Read<T>(byte[] body, ItemReader<T> readItem, ItemScanner<T> scanItem, int maxItems) where T : class
        {
            if (TryReadTrailingMeta(body, out var meta)) return Checked(new LazyItems<T>(body, body.Length, false, readItem, scanItem, maxItems), meta, maxItems);
            var envelope = ReadEnvelope(body, maxItems);
            return new Page<T>(new LazyItems<T>(body, readItem, envelope.Spans), envelope.Meta);
        }

        /// <summary>Reads one item past <paramref name="maxItems"/> now, so that a page with too many is refused here, not by its consumer.</summary>
        private static Page<T> Checked<T>(LazyItems<T> items, PageMeta meta, int maxItems) where T : class
        {
            if (maxItems > 0) items.Has(maxItems);
            return new Page<T>(items, meta);
        }

        internal static FragmentApiException TooManyItems(int maxItems) =>
            new FragmentApiException(FragmentErrorKind.InvalidResponse,
                $"The page holds more than the {maxItems} items asked for (limit={maxItems}); it was refused without reading the rest.");

        /// <summary>
        /// As <see cref="Read{T}(byte[], ItemReader{T}, ItemScanner{T}, int)"/>, from a pooled body: when the page is
        /// read item by item, it takes the body's buffer and gives it back to the pool once its scan has reached
        /// the end (every item then holds a copy of its own text); otherwise it reads a copy.
        /// </summary>
        public static Page<T> Read<T>(Http.ResponseBody body, ItemReader<T> readItem, ItemScanner<T> scanItem, int maxItems) where T : class
        {
            if (TryReadTrailingMeta(body.Span, out var meta))
            {
                int length = body.Length;
                return Checked(new LazyItems<T>(body.TakeBuffer(), length, true, readItem, scanItem, maxItems), meta, maxItems);
            }
            return Read(body.ToArray(), readItem, scanItem, maxItems);
        }

        /// <summary>Checks that a body is one whole JSON object (the reader of a single item stops early).</summary>
        public static void CheckWholeObject(byte[] body)
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new JsonException("The answer is not a JSON object.");
            reader.Skip();
            if (reader.Read()) throw new JsonException("The answer is not one JSON object.");
        }

        /// <summary>
        /// The <c>meta</c> object when it is the last key of the body's object: the last <c>"meta"</c> in the
        /// text, not escaped, after <c>{</c> or <c>,</c>, then <c>:</c>, one object, and only the closing brace.
        /// Text after an object value that closes with one brace at the very end can only be a key of the root
        /// object, so a match is never a nested key or text inside a string. False when in doubt.
        /// </summary>
        private static bool TryReadTrailingMeta(ReadOnlySpan<byte> body, out PageMeta meta)
        {
            meta = new PageMeta();
            int end = body.Length - 1;
            while (end >= 0 && IsWhiteSpace(body[end])) end--;
            if (end < 1 || body[end] != (byte)'}') return false;
            int key = body.Slice(0, end).LastIndexOf("\"meta\""u8);
            if (key < 1 || body[key - 1] == (byte)'\\') return false;
            int before = key - 1;
            while (before >= 0 && IsWhiteSpace(body[before])) before--;
            if (before < 0 || (body[before] != (byte)'{' && body[before] != (byte)',')) return false;
            int colon = key + 6;
            while (colon < end && IsWhiteSpace(body[colon])) colon++;
            if (colon >= end || body[colon] != (byte)':') return false;
            try
            {
                var reader = new Utf8JsonReader(body.Slice(colon + 1, end - colon - 1));
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
                meta = ReadMeta(ref reader);
                // Only white space may follow the object, up to the closing brace.
                return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static bool IsWhiteSpace(byte b) => b == (byte)' ' || b == (byte)'\n' || b == (byte)'\r' || b == (byte)'\t';

        /// <summary>One full pass over the body: where each item lies, and the meta.</summary>
        private static Envelope ReadEnvelope(byte[] body, int maxItems)
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new JsonException("The answer is not a JSON object.");
            ItemSpan[]? spans = null;
            var meta = new PageMeta();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isItems = reader.ValueTextEquals("items"u8);
                bool isMeta = !isItems && reader.ValueTextEquals("meta"u8);
                reader.Read();
                if (isItems) spans = ItemSpans(ref reader, maxItems);
                else if (isMeta && reader.TokenType == JsonTokenType.StartObject) meta = ReadMeta(ref reader);
                else reader.Skip();
            }
            // Reading past the end makes the reader refuse trailing text, as JsonDocument.Parse did.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
                throw new JsonException("The answer is not one JSON object.");
            if (spans == null) throw new JsonException("The answer has no 'items' array.");
            return new Envelope(spans, meta);
        }

        private static ItemSpan[] ItemSpans(ref Utf8JsonReader reader, int maxItems)
        {
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("'items' is not an array.");
            var spans = new List<ItemSpan>(100);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (maxItems > 0 && spans.Count == maxItems) throw TooManyItems(maxItems);
                if (reader.TokenType != JsonTokenType.StartObject)
                    throw new JsonException($"Item {spans.Count + 1} of 'items' is not a JSON object.");
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                spans.Add(new ItemSpan(start, (int)reader.BytesConsumed - start));
            }
            return spans.ToArray();
        }

        private static PageMeta ReadMeta(ref Utf8JsonReader reader)
        {
            var meta = new PageMeta();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "limit" when reader.TokenType == JsonTokenType.Number: meta.Limit = reader.GetInt32(); break;
                    case "total_count" when reader.TokenType == JsonTokenType.Number: meta.TotalCount = reader.GetInt64(); break;
                    case "self_cursor": meta.SelfCursor = Text(ref reader); break;
                    case "prev_cursor": meta.PrevCursor = Text(ref reader); break;
                    case "next_cursor": meta.NextCursor = Text(ref reader); break;
                    default: reader.Skip(); break;
                }
            }
            return meta;
        }

        private static string? Text(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String) return reader.GetString();
            reader.Skip();
            return null;
        }

        internal readonly struct ItemSpan
        {
            public ItemSpan(int start, int length)
            {
                Start = start;
                Length = length;
            }

            public int Start { get; }
            public int Length { get; }
        }

        private sealed class Envelope
        {
            public Envelope(ItemSpan[] spans, PageMeta meta)
            {
                Spans = spans;
                Meta = meta;
            }

            public ItemSpan[] Spans { get; }
            public PageMeta Meta { get; }
        }

        /// <summary>
        /// A page's items, each read on first use. When the meta came from the tail, the body is also scanned
        /// only as far as the items asked for, on the consumer's thread, so the first item costs one item's
        /// reading. Failures are <see cref="FragmentApiException"/>s (InvalidResponse), thrown to the consumer.
        /// </summary>
        internal sealed class LazyItems<T> : IReadOnlyList<T> where T : class
        {
            private byte[]? _body;
            private readonly int _length;
            private readonly bool _pooled;
            private readonly ItemReader<T> _read;
            private readonly ItemScanner<T>? _scan;
            private readonly int _maxItems;
            private readonly List<ItemSpan> _spans;
            private readonly List<T?> _items;
            private List<Exception?>? _itemErrors;
            private bool _scanned;
            // Where the scan stopped: just after the last item found, inside 'items' (0: not there yet).
            private int _position;

            /// <summary>Items whose spans are known (the body was read whole): each read from its span when used.</summary>
            public LazyItems(byte[] body, ItemReader<T> read, ItemSpan[] spans)
            {
                _body = body;
                _length = body.Length;
                _read = read;
                _spans = new List<ItemSpan>(spans);
                _items = new List<T?>(new T?[spans.Length]);
                _scanned = true;
            }

            /// <summary>Items found and read one at a time by <paramref name="scan"/>.</summary>
            /// <param name="pooled">The body is a buffer rented from the shared pool, given back once the scan is done.</param>
            public LazyItems(byte[] body, int length, bool pooled, ItemReader<T> read, ItemScanner<T> scan, int maxItems)
            {
                _maxItems = maxItems;
                _body = body;
                _length = length;
                _pooled = pooled;
                _read = read;
                _scan = scan;
                _spans = new List<ItemSpan>(100);
                _items = new List<T?>(100);
            }

            public int Count
            {
                get
                {
                    while (!_scanned) ScanNext();
                    return _spans.Count;
                }
            }

            /// <summary>True when there is an item at <paramref name="index"/>; scans no further than that item.</summary>
            public bool Has(int index)
            {
                while (index >= _spans.Count && !_scanned) ScanNext();
                return index < _spans.Count;
            }

            public T this[int index]
            {
                get
                {
                    if (!Has(index)) throw new ArgumentOutOfRangeException(nameof(index));
                    if (_itemErrors?[index] is Exception error) throw ItemError(index, error);
                    return _items[index] ?? Read(index);
                }
            }

            /// <summary>
            /// The next item, read in the same pass that finds its end: the item reader reads the keys it needs
            /// and finds the end by the brackets (see <see cref="JsonText"/>); the page's end was checked when its
            /// meta was read from the tail. A value the reader refuses (a uid that is not one) fails that item alone.
            /// </summary>
            private void ScanNext()
            {
                try
                {
                    var body = new ReadOnlySpan<byte>(_body, 0, _length);
                    if (_position == 0) _position = StartOfItems(body);
                    int i = SkipWhiteSpace(body, _position);
                    bool comma = _spans.Count > 0 && i < body.Length && body[i] == (byte)',';
                    if (comma) i = SkipWhiteSpace(body, i + 1);
                    if (i >= body.Length) throw new JsonException("The answer ends inside 'items'.");
                    if (body[i] == (byte)']')
                    {
                        if (comma) throw new JsonException("'items' ends with a comma.");
                        // The rest: other keys, then the closing brace, and nothing after it.
                        int end = JsonText.EndOfContainer(body, i + 1, 1);
                        if (end < 0 || SkipWhiteSpace(body, end) != body.Length) throw new JsonException("The answer is not one JSON object.");
                        FinishScan();
                        return;
                    }
                    if (_spans.Count > 0 && !comma) throw new JsonException($"No comma before item {_spans.Count + 1} of 'items'.");
                    if (body[i] != (byte)'{') throw new JsonException($"Item {_spans.Count + 1} of 'items' is not a JSON object.");
                    if (_maxItems > 0 && _spans.Count == _maxItems) throw TooManyItems(_maxItems);
                    var text = body.Slice(i);
                    T? item = null;
                    Exception? itemError = null;
                    int length;
                    try
                    {
                        item = _scan!(text, out length);
                    }
                    catch (Exception ex) when (ex is FormatException || ex is InvalidOperationException)
                    {
                        itemError = ex;
                        length = JsonText.EndOfContainer(text, 1, 1);
                        if (length < 0) throw new JsonException($"Item {_spans.Count + 1} of 'items' has no end.");
                    }
                    _spans.Add(new ItemSpan(i, length));
                    _items.Add(item);
                    if (itemError != null || _itemErrors != null)
                    {
                        _itemErrors ??= new List<Exception?>(new Exception?[_spans.Count - 1]);
                        _itemErrors.Add(itemError);
                    }
                    _position = i + length;
                }
                catch (JsonException ex)
                {
                    throw new FragmentApiException(FragmentErrorKind.InvalidResponse, $"The page is not whole JSON: {ex.Message}", ex);
                }
            }

            /// <summary>Just after the '[' of 'items' (the keys before it, if any, are read and skipped).</summary>
            private static int StartOfItems(ReadOnlySpan<byte> body)
            {
                var reader = new Utf8JsonReader(body);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    throw new JsonException("The answer is not a JSON object.");
                while (true)
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
                        throw new JsonException("The answer has no 'items' array.");
                    bool isItems = reader.ValueTextEquals("items"u8);
                    reader.Read();
                    if (isItems) break;
                    reader.Skip();
                }
                if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("'items' is not an array.");
                return (int)reader.BytesConsumed;
            }

            private void FinishScan()
            {
                _scanned = true;
                if (_pooled)
                {
                    // Every item holds a copy of its own text now: the page's buffer goes back.
                    System.Buffers.ArrayPool<byte>.Shared.Return(_body!);
                    _body = null;
                }
            }

            private static int SkipWhiteSpace(ReadOnlySpan<byte> text, int i)
            {
                while (i < text.Length && IsWhiteSpace(text[i])) i++;
                return i;
            }

            private T Read(int index)
            {
                var span = _spans[index];
                T item;
                try
                {
                    item = _read(new ReadOnlyMemory<byte>(_body!, span.Start, span.Length));
                }
                catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidOperationException)
                {
                    throw ItemError(index, ex);
                }
                _items[index] = item;
                return item;
            }

            private static FragmentApiException ItemError(int index, Exception error) =>
                new FragmentApiException(FragmentErrorKind.InvalidResponse, $"Item {index + 1} of the page could not be read: {error.Message}", error);

            public IEnumerator<T> GetEnumerator()
            {
                for (int i = 0; Has(i); i++) yield return this[i];
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
