using System;
using System.Collections.Generic;
using System.Globalization;
using FragmentPS.Emulator.Json;
using FragmentPS.Emulator.Validation;

namespace FragmentPS.Emulator.Search
{
    /// <summary>The values of one query parameter and the 422 entries for the bad ones.</summary>
    internal readonly struct QueryValues
    {
        private readonly string _name;
        private readonly List<string> _values;
        private readonly ValidationErrors _errors;

        public QueryValues(string name, List<string> values, ValidationErrors errors)
        {
            _name = name;
            _values = values;
            _errors = errors;
        }

        private string Last => _values[^1];

        private void Fail(string type, string msg, string input) =>
            _errors.Add(type, ValidationErrors.At("query"), _name, msg, input);

        public int? LastInt(int min, int max)
        {
            if (!int.TryParse(Last, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            {
                Fail("int_parsing", "Input should be a valid integer, unable to parse string as an integer", Last);
                return null;
            }
            if (value < min) Fail("greater_than_equal", $"Input should be greater than or equal to {min}", Last);
            else if (value > max) Fail("less_than_equal", $"Input should be less than or equal to {max}", Last);
            else return value;
            return null;
        }

        public Cursor? LastCursor(CursorKind kind)
        {
            if (Cursor.TryDecode(Last, out Cursor cursor) && cursor.Kind == kind) return cursor;
            Fail("value_error", "Value error, the cursor is not one this search returned", Last);
            return null;
        }

        /// <summary>The last value as one of <paramref name="choices"/>, optionally after a '-' meaning descending.</summary>
        public string? LastOf(string[] choices, bool allowDescending, out int choice, out bool descending)
        {
            string text = Last;
            descending = allowDescending && text.StartsWith('-');
            choice = Array.IndexOf(choices, descending ? text.Substring(1) : text);
            if (choice >= 0) return text;
            Fail("enum", "Input should be " + string.Join(", ", Array.ConvertAll(choices, c => $"'{c}'")) +
                         (allowDescending ? ", with an optional leading '-'" : ""), text);
            return null;
        }

        /// <summary>Every value that <paramref name="parse"/> accepts; a 422 entry for each other one.</summary>
        public T[] All<T>(TryParser<T> parse, string type, string msg)
        {
            var parsed = new List<T>(_values.Count);
            foreach (string value in _values)
            {
                if (parse(value, out T item)) parsed.Add(item);
                else Fail(type, msg, value);
            }
            return parsed.ToArray();
        }

        public bool[] AllBools() => All<bool>(TryParseBool, "bool_parsing", "Input should be a valid boolean, unable to interpret input");

        public Guid[] AllUids() => All<Guid>(UuidText.TryParse, "uuid_parsing", "Input should be a valid UUID");

        /// <summary>"Any of the values": the earliest of several _after dates, the latest of several _before dates.</summary>
        public long? AllDates(bool earliest)
        {
            DateTime[] dates = All<DateTime>(IsoDates.TryParse, "datetime_parsing", ValidationErrors.InvalidDateMessage);
            if (dates.Length == 0) return null;
            long bound = dates[0].Ticks;
            foreach (DateTime date in dates) bound = earliest ? Math.Min(bound, date.Ticks) : Math.Max(bound, date.Ticks);
            return bound;
        }

        private static bool TryParseBool(string text, out bool value)
        {
            value = text is "true" or "True" or "1";
            return value || text is "false" or "False" or "0";
        }
    }
}
