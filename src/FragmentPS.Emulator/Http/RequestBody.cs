using System;
using System.IO;
using System.Text.Json;
using System.Text.Unicode;
using System.Threading.Tasks;
using FragmentPS.Emulator.Validation;
using Microsoft.AspNetCore.Http;

namespace FragmentPS.Emulator.Http
{
    /// <summary>
    /// Reads a request body as JSON: within the size limit (413), as HTTP allows (a broken chunked encoding or a
    /// body shorter than its Content-Length is the client's fault: 400), and as FastAPI reports bad JSON,
    /// invalid UTF-8 included (422). The bytes are kept on the request, so the journal sees what was sent.
    /// </summary>
    internal static class RequestBody
    {
        private const string ReadItem = "FragmentPS.Emulator.RequestBody";

        /// <summary>What reading the body gave: its bytes, or the answer refusing it. A body is read once.</summary>
        private sealed record BodyRead(byte[]? Bytes, ApiResult? Refused);

        /// <summary>
        /// The body's JSON value, or Undefined with a 422 entry in <paramref name="errors"/> (empty body, bad JSON,
        /// not UTF-8); or the answer refusing the request outright (413, 400).
        /// </summary>
        public static async Task<(JsonElement Json, ApiResult? Refused)> ReadJsonAsync(HttpContext http, long maxBytes, ValidationErrors errors)
        {
            (byte[]? bytes, ApiResult? refused) = await ReadBytesAsync(http, maxBytes);
            if (refused is not null) return (default, refused);
            object[] loc = ValidationErrors.At("body");
            if (bytes!.Length == 0)
            {
                errors.Missing(ValidationErrors.At(), "body", null);
                return (default, null);
            }
            if (!Utf8.IsValid(bytes))
            {
                errors.Add("json_invalid", loc, null, "JSON decode error: the body is not valid UTF-8", null);
                return (default, null);
            }
            try
            {
                var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 256 });
                // ParseValue makes a document of its own (no pooled buffers), so its elements may be stored for good.
                JsonElement json = JsonElement.ParseValue(ref reader);
                if (reader.Read()) throw new JsonException("Extra data after the JSON value");
                return (json, null);
            }
            catch (JsonException ex)
            {
                errors.Add("json_invalid", loc, null, "JSON decode error: " + FirstSentence(ex.Message), null);
                return (default, null);
            }
        }

        /// <summary>The body as it was read for a handler, or read now (within the limit) for the journal; null when unreadable.</summary>
        public static async Task<byte[]?> ForJournalAsync(HttpContext http, long maxBytes)
        {
            try
            {
                return (await ReadBytesAsync(http, maxBytes)).Bytes;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
            {
                return null; // the journal keeps what it can; the client went away
            }
        }

        /// <summary>The whole body, or the answer when it is over <paramref name="maxBytes"/> or broken in transit.</summary>
        private static async Task<(byte[]? Bytes, ApiResult? Refused)> ReadBytesAsync(HttpContext http, long maxBytes)
        {
            if (http.Items.TryGetValue(ReadItem, out object? kept) && kept is BodyRead done) return (done.Bytes, done.Refused);
            BodyRead read = await ReadOnceAsync(http, maxBytes);
            http.Items[ReadItem] = read;
            return (read.Bytes, read.Refused);
        }

        private static async Task<BodyRead> ReadOnceAsync(HttpContext http, long maxBytes)
        {
            HttpRequest request = http.Request;
            if (request.ContentLength > maxBytes) return new BodyRead(null, TooLarge(maxBytes));
            byte[] bytes;
            try
            {
                if (request.ContentLength is long known)
                {
                    bytes = new byte[known];
                    await request.Body.ReadExactlyAsync(bytes, http.RequestAborted);
                }
                else
                {
                    using var buffer = new MemoryStream();
                    byte[] chunk = new byte[81920];
                    int read;
                    while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
                    {
                        if (buffer.Length + read > maxBytes) return new BodyRead(null, TooLarge(maxBytes));
                        buffer.Write(chunk, 0, read);
                    }
                    bytes = buffer.ToArray();
                }
            }
            catch (BadHttpRequestException ex)
            {
                return new BodyRead(null, ApiResult.Detail(ex.StatusCode, "Bad request body: " + FirstSentence(ex.Message)));
            }
            catch (EndOfStreamException)
            {
                return new BodyRead(null, ApiResult.Detail(400, "Bad request body: it ended before the length its Content-Length gave"));
            }
            return new BodyRead(bytes, null);
        }

        private static ApiResult TooLarge(long maxBytes) => ApiResult.Detail(413, $"Request body is larger than the limit of {maxBytes} bytes");

        private static string FirstSentence(string message)
        {
            int end = message.IndexOf(". ", StringComparison.Ordinal);
            return (end < 0 ? message : message.Substring(0, end)).TrimEnd('.');
        }
    }
}
