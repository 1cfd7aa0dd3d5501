using System;
using System.Security;
using FragmentPS.Core.Emulator;

namespace FragmentPS
{
    /// <summary>A running emulator started by Start-FragmentEmulator. Its token is a SecureString, like any token.</summary>
    public sealed class FragmentEmulator
    {
        public FragmentEmulator() { }

        internal FragmentEmulator(EmulatorProcess process, SecureString token)
        {
            Process = process;
            BaseUri = process.BaseUri;
            AdminUri = new Uri(process.RootUri, "_emulator/");
            ProcessId = process.ProcessId;
            Token = token;
        }

        /// <summary>Pass to Connect-Fragment -BaseUri.</summary>
        public Uri? BaseUri { get; set; }

        /// <summary>The /_emulator/ routes: health, reset, seed, stats, faults.</summary>
        public Uri? AdminUri { get; set; }

        /// <summary>Pass to Connect-Fragment -Token.</summary>
        public SecureString? Token { get; set; }

        public int ProcessId { get; set; }

        public bool IsRunning => Process != null && !Process.HasExited;

        internal EmulatorProcess? Process { get; }

        public override string ToString() => BaseUri?.ToString() ?? "(not started)";
    }
}
