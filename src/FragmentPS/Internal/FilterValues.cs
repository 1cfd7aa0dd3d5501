using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using FragmentPS.Core;
using FragmentPS.Errors;

namespace FragmentPS.Internal
{
    /// <summary>Search filter values as the text the API compares them as; an array means "any of these".</summary>
    internal static class FilterValues
    {
        public static List<string> ToText(object? value, string key)
        {
            object? v = value is PSObject pso ? pso.BaseObject : value;
            List<string> texts = v is IEnumerable list && !(v is string) && !(v is IDictionary)
                ? list.Cast<object?>().Select(item => One(item is PSObject p ? p.BaseObject : item, key)).ToList()
                : new List<string> { One(v, key) };
            if (texts.Count == 0)
                throw new InputRefusedException(ErrorIds.InvalidFieldValue, ErrorCategory.InvalidArgument, $"The filter on '{key}' has no values; give one value or several.");
            return texts;
        }

        private static string One(object? value, string key)
        {
            switch (value)
            {
                case string s: return s;
                case bool b: return b ? "true" : "false";
                case DateTime dt: return FragmentJson.FormatDate(dt);
                case DateTimeOffset dto: return FragmentJson.FormatDate(dto);
                case Guid g: return g.ToString("D");
                case IFormattable f when value.GetType().IsPrimitive || value is decimal: return f.ToString(null, CultureInfo.InvariantCulture);
                case Enum e: return e.ToString();
                case null:
                    throw new InputRefusedException(ErrorIds.InvalidFieldValue, ErrorCategory.InvalidArgument, $"The filter on '{key}' is $null; filters compare text, so give a value.");
                default:
                    throw new InputRefusedException(ErrorIds.InvalidFieldValue, ErrorCategory.InvalidArgument,
                        $"The filter on '{key}' is a {value.GetType().FullName}; use text, a number, a boolean or an array of them.");
            }
        }
    }
}
