using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace FragmentPS.Internal
{
    /// <summary>The properties of a piped row (a CSV line, a Select-Object result) that bound to no parameter.</summary>
    internal static class RowProperties
    {
        /// <summary>
        /// The properties of <paramref name="input"/> whose name is neither a bound parameter nor one of its
        /// aliases, less the empty cells of parameters (an empty DueAt column means no due date: it is neither an
        /// unknown column nor a field). Only for rows: a task or another .NET object brings properties that are
        /// not meant as data.
        /// </summary>
        public static List<PSPropertyInfo> Unbound(PSObject? input, InvocationInfo invocation)
        {
            if (input == null || !(input.BaseObject is PSCustomObject)) return new List<PSPropertyInfo>();
            var bound = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var parameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in invocation.MyCommand.Parameters.Values)
            {
                bool isBound = invocation.BoundParameters.ContainsKey(parameter.Name);
                foreach (string name in new[] { parameter.Name }.Concat(parameter.Aliases))
                {
                    parameters.Add(name);
                    if (isBound) bound.Add(name);
                }
            }
            return input.Properties.Where(property =>
            {
                bool emptyCell = property.Value == null || property.Value is string text && text.Length == 0;
                return !bound.Contains(property.Name) && !(emptyCell && parameters.Contains(property.Name));
            }).ToList();
        }

        /// <summary>The extra properties as fields, under <paramref name="given"/> (-Field), whose keys win.</summary>
        public static IDictionary WithFields(IEnumerable<PSPropertyInfo> extra, IDictionary? given)
        {
            var fields = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (var property in extra) fields[property.Name] = property.Value;
            if (given != null)
                foreach (DictionaryEntry entry in given) fields[entry.Key] = entry.Value;
            return fields;
        }
    }
}
