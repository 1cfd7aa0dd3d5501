using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace FragmentPS.Completers
{
    /// <summary>
    /// Makes <c>-Filter @{co&lt;Tab&gt;</c> complete custom-field names. Inside a hashtable PowerShell calls no
    /// argument completer: it offers the settable properties of the parameter's type, type data included. So
    /// the field names a session has seen are published as note properties of <see cref="FieldFilter"/> in the
    /// runspace's type table, once per new name.
    /// </summary>
    internal static class FieldFilterKeys
    {
        private const string Tip = "custom field seen in this session";
        // Type tables belong to runspaces; what each one has been given, so a command with no new name costs nothing.
        private static readonly ConditionalWeakTable<Runspace, HashSet<string>> Published = new ConditionalWeakTable<Runspace, HashSet<string>>();

        /// <summary>Adds the names <paramref name="cmdlet"/>'s runspace has not been given yet; on the pipeline thread only.</summary>
        public static void Publish(PSCmdlet cmdlet, IReadOnlyList<string> fieldNames)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null || fieldNames.Count == 0) return;
            var known = Published.GetOrCreateValue(runspace);
            List<string> added;
            lock (known)
            {
                added = fieldNames.Where(n => !known.Contains(n) && IsKeyName(n)).ToList();
                if (added.Count == 0) return;
                foreach (var name in added) known.Add(name);
            }
            var typeData = new TypeData(typeof(FieldFilter));
            foreach (var name in added) typeData.Members[name] = new NotePropertyData(name, Tip);
            cmdlet.InvokeCommand.InvokeScript(false, ScriptBlock.Create("param($typeData) Update-TypeData -TypeData $typeData -Force"), null, typeData);
        }

        // A name that would clash with Hashtable's own members, or that is blank, is left out.
        private static bool IsKeyName(string name) =>
            name.Trim().Length > 0 && typeof(FieldFilter).GetMember(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase).Length == 0;
    }
}
