using System;
using System.Threading.Tasks;

namespace FragmentPS.Bench
{
    /// <summary>Benchmark subcommands; each prints a small plain-text table and exits non-zero when requests failed.</summary>
    public static class Program
    {
        private const string Usage =
            "Usage: FragmentPS.Bench <subcommand> [options]\n" +
            "\n" +
            "  emulator [--dll <FragmentPS.Emulator.dll>] [--tasks <n>] [--seconds <n>] [--concurrency <n>]\n" +
            "      Seeds --tasks tasks (100000), times 100-item search pages with and without country=FR\n" +
            "      (median of 20), then runs --concurrency (64) loops of GET /tasks/{uid} for --seconds (5).\n" +
            "      Without --dll the emulator is hosted in this process; with it, started as 'dotnet <dll>'.\n";

        public static async Task<int> Main(string[] args)
        {
            if (args.Length == 0 || args[0] is "--help" or "-h")
            {
                Console.Out.Write(Usage);
                return args.Length == 0 ? 2 : 0;
            }
            try
            {
                switch (args[0])
                {
                    case "emulator": return await EmulatorBench.RunAsync(BenchOptions.Parse(args.AsSpan(1).ToArray()));
                    default:
                        Console.Error.WriteLine($"FragmentPS.Bench: unknown subcommand '{args[0]}'.\n" + Usage);
                        return 2;
                }
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine("FragmentPS.Bench: " + ex.Message);
                return 2;
            }
        }
    }
}
