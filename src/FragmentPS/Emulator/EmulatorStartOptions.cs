using System;

namespace FragmentPS.Emulator
{
    /// <summary>How <see cref="EmulatorProcess"/> starts the bundled emulator.</summary>
    internal sealed class EmulatorStartOptions
    {
        /// <summary>FragmentPS.Emulator.dll (the module ships it in its emulator folder).</summary>
        public string EmulatorPath { get; set; } = string.Empty;
        public int Port { get; set; }

        /// <summary>The bearer token it accepts; passed in its environment, never on its command line.</summary>
        public string Token { get; set; } = string.Empty;

        /// <summary>Requests a minute per token; 0 switches the emulator's limit off.</summary>
        public int? RateLimitPerMinute { get; set; }
        public int? Burst { get; set; }
        public int? MaxPageSize { get; set; }

        /// <summary>Where the emulator's clock starts; null for the machine's clock.</summary>
        public DateTimeOffset? Now { get; set; }

        public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);
    }
}
