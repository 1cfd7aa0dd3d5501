using System.Management.Automation;

namespace FragmentPS.Commands
{
    /// <summary>Ends a session (by default the default one) and releases its connections.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Fragment")]
    [OutputType(typeof(void))]
    public sealed class DisconnectFragmentCommand : PSCmdlet
    {
        [Parameter(ValueFromPipeline = true)]
        public FragmentSession? Session { get; set; }

        protected override void ProcessRecord()
        {
            var session = Session ?? SessionRegistry.Default;
            if (session == null) return;
            if (ReferenceEquals(session, SessionRegistry.Default)) SessionRegistry.Default = null;
            session.Client?.Dispose();
            session.Client = null;
            WriteVerbose($"Disconnected from {session.BaseUri}.");
        }
    }
}
