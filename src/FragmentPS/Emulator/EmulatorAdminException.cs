using System;

namespace FragmentPS.Emulator
{
    /// <summary>An admin route refused a call (<see cref="Status"/> 4xx), or the emulator did not answer (Status 0).</summary>
    internal sealed class EmulatorAdminException : Exception
    {
        public EmulatorAdminException(int status, string message) : base(message) => Status = status;

        public int Status { get; }
    }
}
