using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using FragmentPS.Emulator.Validation;
using Microsoft.AspNetCore.Http;

namespace FragmentPS.Emulator.Http
{
    /// <summary>Reads a request body as JSON, within the size limit (413) and as FastAPI reports bad JSON (422).</summary>
    internal static class RequestBody
    {
        /// <summary>
        /// The body's JSON value, or Undefined with a 422 entry in <paramref name="errors"/> (empty body, bad JSON).
        /// A body over <paramref name="maxBytes"/> gives the 413 answer instead.
        /// </summary>
        public static async Task<(JsonElement Json, ApiResult? TooLarge)> ReadJsonAsync(HttpContext http, long maxBytes, ValidationErrors errors)
        {
            byte[]? bytes = await ReadBytesAsync(http.Request, maxBytes);
            if (bytes is null) return (default, ApiResult.Detail(413, $"Request body is larger than the limit of {maxBytes} bytes"));
            object[] loc = ValidationErrors.At("body");
            if (bytes.Length == 0)
            {
                errors.Missing(ValidationErrors.At(), "body", null);
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

        /// <summary>The whole body, or null when it is over <paramref name="maxBytes"/>.</summary>
        private static async Task<byte[]?> ReadBytesAsync(HttpRequest request, long maxBytes)
        {
            if (request.ContentLength > maxBytes) return null;
            if (request.ContentLength is long known)
            {
                byte[] exact = new byte[known];
                await request.Body.ReadExactlyAsync(exact, request.HttpContext.RequestAborted);
                return exact;
            }
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[81920];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes) return null;
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }

        private static string FirstSentence(string message)
        {
            int end = message.IndexOf(". ", StringComparison.Ordinal);
            return end < 0 ? message : message.Substring(0, end);
        }
    }
}
