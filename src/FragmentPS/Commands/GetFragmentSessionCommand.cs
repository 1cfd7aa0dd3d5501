using System.Linq;
using System.Management.Automation;
using FragmentPS.Errors;

namespace FragmentPS.Commands
{
    /// <summary>Lists the connected sessions, oldest first; -Name picks them by name (wildcards allowed).</summary>
    [Cmdlet(VerbsCommon.Get, "FragmentSession")]
    [OutputType(typeof(FragmentSession))]
    public sealed class GetFragmentSessionCommand : PSCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completers.SessionNameCompleter))]
        public string[]? Name { get; set; }

        protected override void EndProcessing()
        {
            var sessions = SessionRegistry.All;
            if (Name == null)
            {
                foreach (var session in sessions) WriteObject(session);
                return;
            }
            var written = new System.Collections.Generic.HashSet<FragmentSession>();
            foreach (string name in Name)
            {
                var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
                var found = sessions.Where(s => s.Name != null && pattern.IsMatch(s.Name)).ToList();
                // As Get-Process does: a plain name that matches nothing is an error, a pattern is not.
                if (found.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                {
                    WriteError(ErrorMapper.Refused(ErrorIds.SessionNotFound, ErrorCategory.ObjectNotFound,
                        $"There is no session named '{name}'.", name,
                        "Get-FragmentSession lists the connected sessions; Connect-Fragment -Name makes one."));
                }
                foreach (var session in found)
                    if (written.Add(session)) WriteObject(session);
            }
        }
    }
}
