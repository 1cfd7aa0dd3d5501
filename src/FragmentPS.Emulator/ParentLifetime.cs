using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace FragmentPS.Emulator
{
    /// <summary>
    /// --exit-with-parent: the emulator lives exactly as long as the process that started it. That process holds
    /// the write end of the emulator's standard input; when it ends, however it ends (exit, SIGTERM, SIGKILL, a
    /// closed terminal), the system closes that pipe and the read here returns end-of-file. And the terminal is no
    /// longer the emulator's business: it leaves the terminal's process group, so Ctrl+C at the launcher's prompt
    /// (SIGINT to the foreground group) never reaches it, and it ignores a SIGINT sent to it directly.
    /// </summary>
    internal static class ParentLifetime
    {
        /// <summary>Calls <paramref name="stop"/> once standard input closes; the registration must live as long as the process.</summary>
        public static IDisposable Attach(Action stop)
        {
            if (!OperatingSystem.IsWindows()) _ = setpgid(0, 0); // On Windows, CreateNoWindow already gives the child its own console.
            PosixSignalRegistration ignoreInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => signal.Cancel = true);
            _ = Task.Run(async () =>
            {
                try
                {
                    using Stream input = Console.OpenStandardInput();
                    byte[] buffer = new byte[256];
                    while (await input.ReadAsync(buffer) > 0)
                    {
                        // Whatever the launcher writes means nothing; only the end of the stream does.
                    }
                }
                catch (IOException)
                {
                    // A broken pipe is the launcher gone, too.
                }
                stop();
            });
            return ignoreInterrupt;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int setpgid(int pid, int pgid);
    }
}
