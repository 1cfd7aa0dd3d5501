using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Text.Json;
using System.Text.Json.Nodes;
using FragmentPS.Core;

namespace FragmentPS.Internal
{
    /// <summary>A value a user gave that cannot be sent as JSON; <see cref="Path"/> names where it was.</summary>
    internal sealed class FieldValueException : Exception
    {
        public FieldValueException(string path, string message) : base(message) { Path = path; }
        public string Path { get; }
    }

    /// <summary>Converts between PowerShell values and JSON, both ways, without PowerShell's own JSON cmdlets.</summary>
    internal static class PSJson
    {
        private const int MaxDepth = 32;

        /// <summary>A PowerShell value as JSON; throws <see cref="FieldValueException"/> naming the bad part.</summary>
        public static JsonNode? ToNode(object? value, string path) => ToNode(value, path, 0);

        private static JsonNode? ToNode(object? value, string path, int depth)
        {
            if (depth > MaxDepth) throw new FieldValueException(path, $"The value of '{path}' nests deeper than {MaxDepth} levels (a loop?); it cannot be sent as JSON.");
            if (value is PSObject pso)
            {
                if (pso.BaseObject is PSCustomObject)
                {
                    var obj = new JsonObject();
                    foreach (var p in pso.Properties) obj[p.Name] = ToNode(p.Value, path + "." + p.Name, depth + 1);
                    return obj;
                }
                value = pso.BaseObject;
            }
            switch (value)
            {
                case null: return null;
                case string s: return JsonValue.Create(s);
                case char c: return JsonValue.Create(c.ToString());
                case bool b: return JsonValue.Create(b);
                case SwitchParameter sw: return JsonValue.Create(sw.IsPresent);
                // Every integer type but ulong fits a long, and is written the same as one.
                case int or long or short or byte or sbyte or ushort or uint: return JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                case ulong ul: return JsonValue.Create(ul);
                case decimal m: return JsonValue.Create(m);
                case float f when !float.IsNaN(f) && !float.IsInfinity(f): return JsonValue.Create(f);
                case double d when !double.IsNaN(d) && !double.IsInfinity(d): return JsonValue.Create(d);
                case System.Numerics.BigInteger bi when bi >= long.MinValue && bi <= long.MaxValue: return JsonValue.Create((long)bi);
                case DateTime dt: return JsonValue.Create(FragmentJson.FormatDate(dt));
                case DateTimeOffset dto: return JsonValue.Create(FragmentJson.FormatDate(dto));
                case Guid g: return JsonValue.Create(g.ToString("D"));
                case Uri u: return JsonValue.Create(u.OriginalString);
                case Enum e: return JsonValue.Create(e.ToString());
                case JsonNode node: return node.DeepClone();
                case JsonElement element: return JsonNode.Parse(element.GetRawText());
                case SecureString _:
                    throw new FieldValueException(path, $"The value of '{path}' is a SecureString; secrets are never sent as data. Convert it yourself if you really mean to.");
                case IDictionary dict:
                    var o = new JsonObject();
                    foreach (DictionaryEntry entry in dict)
                    {
                        string key = entry.Key?.ToString() ?? string.Empty;
                        o[key] = ToNode(entry.Value, path + "." + key, depth + 1);
                    }
                    return o;
                case IEnumerable list:
                    var array = new JsonArray();
                    int index = 0;
                    foreach (object? item in list) array.Add(ToNode(item, $"{path}[{index++}]", depth + 1));
                    return array;
            }
            throw new FieldValueException(path,
                $"The value of '{path}' is a {value.GetType().FullName}, which cannot be sent as JSON. Use a string, number, boolean, date, array or hashtable.");
        }

        /// <summary>A JSON value as a plain PowerShell value (string, long, double, bool, null, object[], table).</summary>
        public static object? FromElement(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String: return element.GetString();
                case JsonValueKind.Number: return element.TryGetInt64(out long l) ? (object)l : element.GetDouble();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Array: return element.EnumerateArray().Select(FromElement).ToArray();
                case JsonValueKind.Object:
                    var table = new FragmentValueTable();
                    foreach (var p in element.EnumerateObject()) table[p.Name] = FromElement(p.Value);
                    return table;
                default: return null;
            }
        }

        /// <summary>A JSON value as PowerShell objects for Invoke-FragmentRestMethod (objects become PSCustomObject).</summary>
        public static object? ToPSObject(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var pso = new PSObject();
                    foreach (var p in element.EnumerateObject()) pso.Properties.Add(new PSNoteProperty(p.Name, ToPSObject(p.Value)));
                    return pso;
                case JsonValueKind.Array:
                    return element.EnumerateArray().Select(ToPSObject).ToArray();
                default:
                    return FromElement(element);
            }
        }
    }
}
