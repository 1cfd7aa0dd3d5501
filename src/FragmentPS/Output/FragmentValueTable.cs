using System;
using System.Collections;
using System.Collections.Specialized;
using System.Text.Json.Nodes;
using FragmentPS.Internal;

namespace FragmentPS
{
    /// <summary>
    /// An ordered, case-insensitive table of JSON values (a task's <c>Fields</c>, other API keys). Its text form
    /// is compact JSON, so Export-Csv writes readable data instead of a type name.
    /// </summary>
#pragma warning disable CA1010 // An ordered PowerShell dictionary, which is non-generic by nature.
    public sealed class FragmentValueTable : OrderedDictionary
#pragma warning restore CA1010
    {
        public FragmentValueTable() : base(StringComparer.OrdinalIgnoreCase) { }

        public FragmentValueTable(IDictionary values) : this()
        {
            foreach (DictionaryEntry entry in values) this[entry.Key.ToString()!] = entry.Value;
        }

        public override string ToString()
        {
            try { return PSJson.ToNode(this, "value")?.ToJsonString() ?? "{}"; }
            catch (FieldValueException) { return "{…}"; }
        }
    }
}
