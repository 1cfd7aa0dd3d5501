using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace FragmentPS.Emulator
{
    /// <summary>
    /// The emulators this process started, and the default one (the last <c>Start-FragmentEmulator -Connect</c>
    /// made) that the emulator cmdlets use without -Emulator. Process-wide, as the default session is, so
    /// parallel runspaces and thread jobs see the same emulators.
    /// </summary>
    internal static class EmulatorRegistry
    {
        private static readonly ConcurrentDictionary<int, FragmentEmulator> Running = new ConcurrentDictionary<int, FragmentEmulator>();
        private static volatile FragmentEmulator? _default;

        static EmulatorRegistry()
        {
            // A clean stop when PowerShell exits normally; any other end closes their standard input anyway.
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (FragmentEmulator emulator in Running.Values) emulator.Process?.Stop();
            };
        }

        public static FragmentEmulator? Default
        {
            get => _default;
            set => _default = value;
        }

        public static List<FragmentEmulator> All() => new List<FragmentEmulator>(Running.Values);

        public static void Add(FragmentEmulator emulator) => Running[emulator.ProcessId] = emulator;

        /// <summary>Forgets <paramref name="emulator"/>; it stops being the default.</summary>
        public static void Remove(FragmentEmulator emulator)
        {
            Running.TryRemove(emulator.ProcessId, out _);
            if (ReferenceEquals(_default, emulator)) _default = null;
        }
    }
}
