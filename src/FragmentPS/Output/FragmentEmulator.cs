using System;
using System.Security;
using FragmentPS.Emulator;

namespace FragmentPS
{
    /// <summary>
    /// A running emulator started by Start-FragmentEmulator. Its token is a SecureString, like any token; its admin
    /// key is not a property at all, and Export-Clixml writes neither (see FragmentPS.Types.ps1xml).
    /// </summary>
    public sealed class FragmentEmulator
    {
        public FragmentEmulator() { }

        internal FragmentEmulator(EmulatorProcess process, SecureString token)
        {
            Process = process;
            Admin = new EmulatorAdminClient(process.AdminUri, process.AdminKey);
            BaseUri = process.BaseUri;
            AdminUri = process.AdminUri;
            ProcessId = process.ProcessId;
            Token = token;
        }

        /// <summary>Pass to Connect-Fragment -BaseUri.</summary>
        public Uri? BaseUri { get; set; }

        /// <summary>The /_emulator/ routes the emulator cmdlets call (they need the admin key this object keeps).</summary>
        public Uri? AdminUri { get; set; }

        /// <summary>Pass to Connect-Fragment -Token.</summary>
        public SecureString? Token { get; set; }

        public int ProcessId { get; set; }

        public bool IsRunning => Process?.IsRunning ?? false;

        internal EmulatorProcess? Process { get; }

        internal EmulatorAdminClient? Admin { get; }

        /// <summary>The default session before Start-FragmentEmulator -Connect replaced it; Stop-FragmentEmulator puts it back.</summary>
        internal FragmentSession? PreviousSession { get; set; }

        /// <summary>The session Start-FragmentEmulator -Connect made.</summary>
        internal FragmentSession? ConnectedSession { get; set; }

        public override string ToString() => BaseUri?.ToString() ?? "(not started)";
    }
}
