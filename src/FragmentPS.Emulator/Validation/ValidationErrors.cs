using System.Collections.Generic;
using System.Text.Json;

namespace FragmentPS.Emulator.Validation
{
    /// <summary>Collects the 422 entries of one request, each under a location prefix such as ["body","items",3].</summary>
    internal sealed class ValidationErrors
    {
        public const string InvalidDateMessage = "Input should be a valid datetime, expected an ISO-8601 date and time";

        private readonly List<ValidationError> _errors = new List<ValidationError>();

        public bool Any => _errors.Count > 0;
        public IReadOnlyList<ValidationError> All => _errors;

        public void Add(string type, IReadOnlyList<object> prefix, string? name, string msg, object? input)
        {
            object[] loc = name is null ? [.. prefix] : Child(prefix, name);
            // An absent value (an Undefined element) is echoed as null.
            _errors.Add(new ValidationError(type, loc, msg, input is JsonElement { ValueKind: JsonValueKind.Undefined } ? null : input));
        }

        public void Missing(IReadOnlyList<object> prefix, string name, object? input) =>
            Add("missing", prefix, name, "Field required", input);

        /// <summary>The entry for a create without <c>fields.title</c>: under ["fields"], with the fields (or the body) as input.</summary>
        public void MissingTitle(TaskPatch patch, IReadOnlyList<object> loc) =>
            Missing(Child(loc, "fields"), "title", patch.Fields is null ? patch.Body : patch.FieldsInput);

        /// <summary>True when <paramref name="body"/> is a JSON object; else a 422 entry as pydantic words it.</summary>
        public bool RequireObject(JsonElement body, IReadOnlyList<object> loc)
        {
            if (body.ValueKind == JsonValueKind.Object) return true;
            Add("model_attributes_type", loc, null, "Input should be a valid dictionary or object to extract fields from", body);
            return false;
        }

        /// <summary>
        /// True with the array under <paramref name="key"/> of <paramref name="body"/>; else a 422 entry (not an
        /// object, the key missing, not a list).
        /// </summary>
        public bool RequireList(JsonElement body, IReadOnlyList<object> loc, string key, out JsonElement list)
        {
            list = default;
            if (!RequireObject(body, loc)) return false;
            if (!body.TryGetProperty(key, out list))
            {
                Missing(loc, key, body);
                return false;
            }
            if (list.ValueKind == JsonValueKind.Array) return true;
            Add("list_type", loc, key, "Input should be a valid list", list);
            return false;
        }

        /// <summary>The entry for a value that is not an ISO-8601 date, worded as pydantic words it.</summary>
        public void InvalidDate(IReadOnlyList<object> loc, string? name, object? input) =>
            Add("datetime_parsing", loc, name, InvalidDateMessage, input);

        public static object[] At(params object[] loc) => loc;

        public static object[] Child(IReadOnlyList<object> prefix, object segment) => [.. prefix, segment];
    }
}
