using System;

namespace FragmentPS.Emulator
{
    /// <summary>The emulator did not start; <see cref="PortInUse"/> when its port was taken (a message of one line).</summary>
    internal sealed class EmulatorStartException : Exception
    {
        public EmulatorStartException(string message, bool portInUse = false) : base(message) => PortInUse = portInUse;

        public bool PortInUse { get; }
    }
}
