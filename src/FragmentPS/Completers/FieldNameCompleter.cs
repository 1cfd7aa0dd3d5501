using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace FragmentPS.Completers
{
    /// <summary>
    /// Completes -Filter and -Field with the custom field names the session has seen, as the start of a
    /// hashtable: <c>-Filter @{country=</c>.
    /// </summary>
    public sealed class FieldNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = CompletionSession.From(fakeBoundParameters);
            if (session == null) yield break;
            string word = wordToComplete ?? string.Empty;
            if (word.StartsWith("@{", StringComparison.Ordinal)) word = word.Substring(2);
            word = word.TrimStart();
            foreach (var name in session.FieldNames.Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase)))
            {
                string key = name.All(c => char.IsLetterOrDigit(c) || c == '_') ? name : "'" + name.Replace("'", "''") + "'";
                yield return new CompletionResult("@{" + key + "=", name, CompletionResultType.ParameterValue, $"custom field '{name}'");
            }
        }
    }
}
