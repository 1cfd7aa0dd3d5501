using System;
using System.Linq;
using System.Management.Automation;

namespace FragmentPS.Internal
{
    /// <summary>
    /// Lets -Session take a session's name as well as the session object: the name is looked up among the
    /// sessions Connect-Fragment made, and a name that matches none says which ones there are.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SessionTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
            if (!(value is string name)) return inputData;
            var session = SessionRegistry.Find(name.Trim());
            if (session != null) return session;
            var names = SessionRegistry.All.Select(s => $"'{s.Name}'").ToList();
            throw new ArgumentTransformationMetadataException(
                $"There is no session named '{name}'. " +
                (names.Count > 0 ? $"Connected sessions: {string.Join(", ", names)} (Get-FragmentSession lists them)." : "No session is connected.") +
                $" Connect-Fragment -Name '{name}' makes one with that name.");
        }
    }
}
