using System;
using System.Globalization;

namespace FragmentPS.Bench
{
    /// <summary>The options of the emulator benchmark.</summary>
    public sealed class BenchOptions
    {
        public string? Dll { get; private set; }
        public int Tasks { get; private set; } = 100_000;
        public int Seconds { get; private set; } = 5;
        public int Concurrency { get; private set; } = 64;

        public static BenchOptions Parse(string[] args)
        {
            var options = new BenchOptions();
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--dll": options.Dll = Value(); break;
                    case "--tasks": options.Tasks = Number(args[i], Value()); break;
                    case "--seconds": options.Seconds = Number(args[i], Value()); break;
                    case "--concurrency": options.Concurrency = Number(args[i], Value()); break;
                    default: throw new FormatException($"unknown option '{args[i]}'.");
                }
            }
            return options;
        }

        private static int Number(string option, string text) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                ? n
                : throw new FormatException($"{option} takes a positive whole number, not '{text}'.");
    }
}
