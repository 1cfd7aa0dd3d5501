using System.Management.Automation;

namespace FragmentPS.Commands
{
    /// <summary>Returns the default session, if there is one.</summary>
    [Cmdlet(VerbsCommon.Get, "FragmentSession")]
    [OutputType(typeof(FragmentSession))]
    public sealed class GetFragmentSessionCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            if (SessionRegistry.Default != null) WriteObject(SessionRegistry.Default);
        }
    }
}
