using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using FragmentPS.Core;

namespace FragmentPS.Completers
{
    /// <summary>
    /// Completes Invoke-FragmentRestMethod -Path with the API's routes; a route with a task uid in it is offered
    /// for the tasks the session has seen lately, their titles as tooltips.
    /// </summary>
    public sealed class RestPathCompleter : IArgumentCompleter
    {
        // Offered for an empty uid part; typing part of a uid (or its title) reaches every remembered task.
        private const int RecentTasksOffered = 20;
        private static readonly string UidPlaceholder = "{uid}";

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            string lead = typed.StartsWith('/') ? "/" : string.Empty;
            string word = typed.TrimStart('/');

            foreach (string route in new[] { ApiRoutes.AccountMe, ApiRoutes.Tasks, ApiRoutes.TasksBatch })
            {
                if (route.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                    yield return new CompletionResult(lead + route, route, CompletionResultType.ParameterValue, route);
            }

            var session = CompletionSession.From(fakeBoundParameters);
            var tasks = session?.RecentTasks.Reverse().ToList() ?? new List<KeyValuePair<Guid, string>>();
            foreach (var template in new Func<Guid, string>[] { ApiRoutes.Task, ApiRoutes.Comments })
            {
                string shown = template(Guid.Empty).Replace(Guid.Empty.ToString("D"), UidPlaceholder);
                int uidAt = shown.IndexOf(UidPlaceholder, StringComparison.Ordinal);
                string prefix = shown.Substring(0, uidAt);
                if (!prefix.StartsWith(word, StringComparison.OrdinalIgnoreCase) && !word.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
                string uidPart = word.Length > prefix.Length ? word.Substring(prefix.Length) : string.Empty;

                int offered = 0;
                foreach (var task in tasks)
                {
                    string path = template(task.Key);
                    bool match = path.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                                 || (uidPart.Length > 0 && task.Value.Contains(uidPart, StringComparison.CurrentCultureIgnoreCase));
                    if (!match) continue;
                    if (uidPart.Length == 0 && ++offered > RecentTasksOffered) break;
                    string title = task.Value.Length > 0 ? task.Value : "(no title)";
                    yield return new CompletionResult(lead + path, $"{path} {title}", CompletionResultType.ParameterValue, $"{shown}: {title}");
                }
            }
        }
    }
}
