using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace FragmentPS.Emulator
{
    /// <summary>
    /// The command line: parse the options, start the emulator, print the one "Listening on" line, run until
    /// SIGTERM or Ctrl+C, stop cleanly (exit 0). Bad options: a line on stderr and exit 2.
    /// </summary>
    internal static class Program
    {
        private const int ExitUsage = 2;
        private const int ExitFailure = 1;

        public static async Task<int> Main(string[] args)
        {
            CommandLine command = CommandLine.Parse(args);
            if (command.Help)
            {
                Console.Out.Write(CommandLine.Usage);
                return 0;
            }
            if (command.Error is not null)
            {
                Console.Error.WriteLine($"FragmentPS.Emulator: {command.Error} (--help lists the options)");
                return ExitUsage;
            }

            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void Stop(PosixSignalContext signal)
            {
                signal.Cancel = true; // we stop on our own, cleanly, rather than let the runtime end the process
                stop.TrySetResult();
            }
            using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

            EmulatorServer server;
            try
            {
                server = await EmulatorServer.StartAsync(command.Options!);
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                Console.Error.WriteLine($"FragmentPS.Emulator: cannot listen: {ex.Message}");
                return ExitFailure;
            }

            await using (server)
            {
                Console.Out.WriteLine($"Listening on {server.BaseUri}");
                Console.Out.Flush();
                await stop.Task;
            }
            return 0;
        }
    }
}
