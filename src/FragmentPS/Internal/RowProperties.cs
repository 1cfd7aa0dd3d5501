using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace FragmentPS.Internal
{
    /// <summary>The properties of a piped row (a CSV line, a Select-Object result) that bound to no parameter.</summary>
    internal static class RowProperties
    {
        /// <summary>
        /// The properties of <paramref name="input"/> whose name is neither a bound parameter nor one of its
        /// aliases. Only for rows: a task or another .NET object brings properties that are not meant as data.
        /// </summary>
        public static List<PSPropertyInfo> Unbound(PSObject? input, InvocationInfo invocation)
        {
            var unbound = new List<PSPropertyInfo>();
            if (input == null || !(input.BaseObject is PSCustomObject)) return unbound;
            var bound = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (string name in invocation.BoundParameters.Keys)
            {
                bound.Add(name);
                if (invocation.MyCommand.Parameters.TryGetValue(name, out var metadata))
                    foreach (string alias in metadata.Aliases) bound.Add(alias);
            }
            foreach (var property in input.Properties)
                if (!bound.Contains(property.Name)) unbound.Add(property);
            return unbound;
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
