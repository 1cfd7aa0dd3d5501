using System;
using System.Collections;

namespace FragmentPS
{
    /// <summary>
    /// The type of Get-FragmentTask -Filter: a hashtable of custom-field filters (names without case). Its own
    /// type so that completion inside <c>-Filter @{co</c> offers the field names the session has seen:
    /// PowerShell completes a hashtable key from the properties of the parameter's type, which
    /// <see cref="Completers.FieldFilterKeys"/> keeps up to date for this type.
    /// </summary>
#pragma warning disable CA1010 // A PowerShell hashtable (-Filter @{...}), which is non-generic by nature.
    public sealed class FieldFilter : Hashtable
#pragma warning restore CA1010
    {
        public FieldFilter() : base(StringComparer.OrdinalIgnoreCase) { }

        /// <summary>What a hashtable or [ordered] literal converts through.</summary>
        public FieldFilter(IDictionary filters) : base(filters, StringComparer.OrdinalIgnoreCase) { }
    }
}
