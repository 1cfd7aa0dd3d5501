using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace FragmentPS.Completers
{
    /// <summary>Completes -Session and Get-FragmentSession -Name with the names of the connected sessions.</summary>
    public sealed class SessionNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
            foreach (var session in SessionRegistry.All)
            {
                string name = session.Name ?? string.Empty;
                if (name.Length == 0 || !pattern.IsMatch(name)) continue;
                string text = CompletionText.Quote(name);
                string tip = $"{session.AccountName} @ {session.BaseUri}{(session.IsDefault ? " (default)" : string.Empty)}";
                yield return new CompletionResult(text, name, CompletionResultType.ParameterValue, tip);
            }
        }
    }
}
