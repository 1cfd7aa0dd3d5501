using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using FragmentPS.Emulator.Validation;

namespace FragmentPS.Emulator.Json
{
    /// <summary>Error bodies and small JSON answers: serialized objects, or written with Utf8JsonWriter.</summary>
    internal static class JsonBodies
    {
        /// <summary>Relaxed escaping: the answers are JSON for API clients, never embedded in HTML, so quotes stay readable.</summary>
        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
        {
            SkipValidation = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>
        /// The same escaping; property names in snake_case, as the API spells its keys. A 422 echoes the bad input,
        /// which may nest as deep as a request body may (256), so the depth limit is the writer's own.
        /// </summary>
        private static readonly JsonSerializerOptions SerializerOptions = new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            MaxDepth = 1000,
        };

        /// <summary>The UTF-8 JSON of <paramref name="value"/>, an anonymous object or a record, keys in snake_case.</summary>
        public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, SerializerOptions);

        /// <summary>Runs <paramref name="write"/> against a fresh writer and returns the UTF-8 bytes.</summary>
        public static byte[] Write(Action<Utf8JsonWriter> write)
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                write(writer);
            }
            return buffer.WrittenSpan.ToArray();
        }

        /// <summary><c>{"detail": "..."}</c>, the body of every non-422 error.</summary>
        public static byte[] Detail(string message) => Serialize(new { Detail = message });

        /// <summary>The FastAPI-shaped 422 body: <c>{"detail": [{"type", "loc", "msg", "input"}]}</c>.</summary>
        public static byte[] Validation(IReadOnlyList<ValidationError> errors) => Serialize(new { Detail = errors });
    }
}
