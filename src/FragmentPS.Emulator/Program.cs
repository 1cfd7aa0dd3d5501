using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections;

namespace FragmentPS.Emulator
{
    /// <summary>
    /// The command line: parse the options, start the emulator, print the "Listening on" line (and the admin key
    /// it made), run until SIGTERM or Ctrl+C (or, with --exit-with-parent, until standard input closes), stop
    /// cleanly (exit 0). Bad options: a line on stderr and exit 2; a port in use: a line and exit 3.
    /// </summary>
    internal static class Program
    {
        private const int ExitFailure = 1;
        private const int ExitUsage = 2;
        private const int ExitPortInUse = 3;

        public static async Task<int> Main(string[] args)
        {
            CommandLine command = CommandLine.Parse(args, Environment.GetEnvironmentVariable(CommandLine.TokensVariable));
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
            EmulatorOptions options = command.Options!;

            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void Stop(PosixSignalContext signal)
            {
                signal.Cancel = true; // we stop on our own, cleanly, rather than let the runtime end the process
                stop.TrySetResult();
            }
            using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using IDisposable? parent = command.ExitWithParent ? ParentLifetime.Attach(() => stop.TrySetResult()) : null;
            using PosixSignalRegistration? interrupt = command.ExitWithParent ? null : PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

            EmulatorServer server;
            try
            {
                server = await EmulatorServer.StartAsync(options);
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException ||
                                         (ex.InnerException as SocketException)?.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                Console.Error.WriteLine($"FragmentPS.Emulator: port {options.Port} on {options.Host} is already in use; choose another --port, or 0 for a free one");
                return ExitPortInUse;
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                Console.Error.WriteLine($"FragmentPS.Emulator: cannot listen on {options.Host}:{options.Port}: {ex.Message}");
                return ExitFailure;
            }

            await using (server)
            {
                Console.Out.WriteLine($"Listening on {server.BaseUri}");
                if (options.AdminKey is null) Console.Out.WriteLine($"Admin key: {server.AdminKey}");
                Console.Out.Flush();
                await stop.Task;
            }
            return 0;
        }
    }
}
