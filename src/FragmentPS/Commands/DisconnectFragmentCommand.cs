using System.Management.Automation;
using FragmentPS.Internal;

namespace FragmentPS.Commands
{
    /// <summary>Ends a session (by default the default one) and releases its connections.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Fragment")]
    [OutputType(typeof(void))]
    public sealed class DisconnectFragmentCommand : PSCmdlet
    {
        /// <summary>The session, or its name.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [SessionTransformation]
        [ArgumentCompleter(typeof(Completers.SessionNameCompleter))]
        public FragmentSession? Session { get; set; }

        protected override void ProcessRecord()
        {
            var session = Session ?? SessionRegistry.Default;
            if (session == null) return;
            SessionRegistry.Remove(session);
            session.Client?.Dispose();
            session.Client = null;
            WriteVerbose($"Disconnected from {session.BaseUri}.");
        }
    }
}
