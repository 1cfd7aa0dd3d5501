using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using FragmentPS.Emulator.Validation;

namespace FragmentPS.Emulator.Json
{
    /// <summary>Error bodies and small JSON answers, written with Utf8JsonWriter.</summary>
    internal static class JsonBodies
    {
        /// <summary>Relaxed escaping: the answers are JSON for API clients, never embedded in HTML, so quotes stay readable.</summary>
        private static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
        {
            SkipValidation = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

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
        public static byte[] Detail(string message) => Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("detail", message);
            w.WriteEndObject();
        });

        /// <summary>The FastAPI-shaped 422 body.</summary>
        public static byte[] Validation(IReadOnlyList<ValidationError> errors) => Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("detail");
            foreach (ValidationError error in errors)
            {
                w.WriteStartObject();
                w.WriteString("type", error.Type);
                w.WriteStartArray("loc");
                foreach (object part in error.Loc)
                {
                    if (part is int index) w.WriteNumberValue(index);
                    else w.WriteStringValue(part.ToString());
                }
                w.WriteEndArray();
                w.WriteString("msg", error.Msg);
                w.WritePropertyName("input");
                WriteLoose(w, error.Input);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

        /// <summary>Writes a JsonElement, a string, a number or null.</summary>
        public static void WriteLoose(Utf8JsonWriter w, object? value)
        {
            switch (value)
            {
                case null: w.WriteNullValue(); break;
                case JsonElement element when element.ValueKind == JsonValueKind.Undefined: w.WriteNullValue(); break;
                case JsonElement element: element.WriteTo(w); break;
                case string text: w.WriteStringValue(text); break;
                case int number: w.WriteNumberValue(number); break;
                case long number: w.WriteNumberValue(number); break;
                case bool flag: w.WriteBooleanValue(flag); break;
                default: w.WriteStringValue(value.ToString()); break;
            }
        }

        public static void WriteDate(Utf8JsonWriter w, JsonEncodedText name, DateTime? utc)
        {
            if (utc is null)
            {
                w.WriteNull(name);
                return;
            }
            Span<char> text = stackalloc char[IsoDates.Length + 8];
            IsoDates.TryFormat(utc.Value, text, out int written);
            w.WriteString(name, text.Slice(0, written));
        }

        public static void WriteUid(Utf8JsonWriter w, JsonEncodedText name, Guid? uid)
        {
            if (uid is null) w.WriteNull(name);
            else w.WriteString(name, uid.Value);
        }
    }
}
