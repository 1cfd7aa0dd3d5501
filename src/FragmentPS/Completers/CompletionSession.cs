using System.Collections;
using System.Management.Automation;

namespace FragmentPS.Completers
{
    /// <summary>The session a completion is for: the -Session already typed (an object or a name), else the default one.</summary>
    internal static class CompletionSession
    {
        public static FragmentSession? From(IDictionary fakeBoundParameters)
        {
            object? given = fakeBoundParameters?["Session"];
            if (given is PSObject pso) given = pso.BaseObject;
            if (given is string name) return SessionRegistry.Find(name) ?? SessionRegistry.Default;
            return given as FragmentSession ?? SessionRegistry.Default;
        }
    }
}
