using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace FragmentPS.Completers
{
    /// <summary>Completes -Uid with tasks the session has seen lately; the title is the tooltip.</summary>
    public sealed class TaskUidCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = CompletionSession.From(fakeBoundParameters);
            if (session == null) yield break;
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            foreach (var pair in session.RecentTasks.OrderBy(p => p.Value, StringComparer.CurrentCultureIgnoreCase))
            {
                string uid = pair.Key.ToString("D");
                bool match = uid.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                             || (word.Length > 0 && pair.Value.Contains(word, StringComparison.CurrentCultureIgnoreCase));
                if (!match) continue;
                string title = pair.Value.Length > 0 ? pair.Value : "(no title)";
                yield return new CompletionResult(uid, $"{uid} {title}", CompletionResultType.ParameterValue, title);
            }
        }
    }
}
