using System.Collections.Generic;
using System.Text.Json;
using FragmentPS.Internal;

namespace FragmentPS
{
    /// <summary>Turns Core's JSON values into the values users see.</summary>
    internal static class OutputMapper
    {
        /// <summary>JSON values as a table of PowerShell values (empty for none).</summary>
        public static FragmentValueTable ToTable(Dictionary<string, JsonElement>? values)
        {
            var table = new FragmentValueTable();
            if (values == null) return table;
            foreach (var pair in values) table[pair.Key] = PSJson.FromElement(pair.Value);
            return table;
        }
    }
}
