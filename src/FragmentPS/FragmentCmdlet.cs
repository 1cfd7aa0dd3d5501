using System.Management.Automation;

namespace FragmentPS
{
    /// <summary>A cmdlet that works in a session: adds -Session.</summary>
    public abstract class FragmentCmdlet : FragmentCmdletBase
    {
        /// <summary>The session to use; by default the one the last Connect-Fragment made.</summary>
        [Parameter]
        [Internal.SessionTransformation]
        [ArgumentCompleter(typeof(Completers.SessionNameCompleter))]
        public FragmentSession? Session { get; set; }

        protected override FragmentSession? ExplicitSession => Session;
    }
}
