using System;
using System.Buffers;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.Win32.SafeHandles;

namespace FragmentPS.Core.Resilience
{
    /// <summary>
    /// A <see cref="LimiterState"/> in a file that the processes of one user share. Each change holds the file open
    /// with <see cref="FileShare.None"/> for the few microseconds it takes: an OS lock (flock on Unix, a share
    /// lock on Windows) that the OS drops when its process dies, so a crashed or killed process never blocks
    /// the others. A file that is cut off or unreadable starts a full bucket again.
    /// </summary>
    internal sealed class SharedStateFile
    {
        /// <summary>How long a change waits for another process's lock before the caller goes on alone.</summary>
        public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(2);

        private readonly byte[] _buffer = new byte[1024];
        private readonly ArrayBufferWriter<byte> _written = new ArrayBufferWriter<byte>(1024);
        private bool _folderMade;

        public SharedStateFile(string path) => Path = path;

        public string Path { get; }

        /// <summary>
        /// The folder for this user's shared state: $XDG_RUNTIME_DIR (per user, cleared at logout) where set,
        /// else a folder of the user's own under the temp folder (per user already on Windows).
        /// </summary>
        public static string DefaultDirectory()
        {
            bool windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
            string? runtime = windows ? null : Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
            if (!string.IsNullOrEmpty(runtime) && System.IO.Path.IsPathRooted(runtime)) return System.IO.Path.Combine(runtime, "fragmentps");
            string temp = System.IO.Path.GetTempPath();
            return windows ? System.IO.Path.Combine(temp, "FragmentPS") : System.IO.Path.Combine(temp, "fragmentps-" + Environment.UserName);
        }

        /// <summary>
        /// Removes state files nobody has used for <see cref="StaleAfter"/> (a bucket idle that long is full
        /// again anyway), so that the folder does not fill up with the budgets of tokens long gone. Best effort.
        /// </summary>
        public static void RemoveStale(string folder, string pattern)
        {
            try
            {
                if (!Directory.Exists(folder)) return;
                DateTime cutoff = DateTime.UtcNow - StaleAfter;
                foreach (string file in Directory.EnumerateFiles(folder, pattern))
                    if (File.GetLastWriteTimeUtc(file) < cutoff) File.Delete(file);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException) { }
        }

        /// <summary>How long an unused state file is kept.</summary>
        public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

        /// <summary>
        /// Applies <paramref name="change"/> to the state in the file under its lock and writes it back; the state
        /// after the change comes out in <paramref name="state"/>. Null when it worked, else why not (then
        /// nothing was changed and <paramref name="state"/> is null); <paramref name="passing"/> tells a lock held
        /// too long by another process (try again later) from a folder or file that can't be written.
        /// </summary>
        public string? TryUpdate(Func<LimiterState?, LimiterState> change, out LimiterState? state, out bool passing)
        {
            state = null;
            passing = false;
            var deadline = DateTime.UtcNow + LockTimeout;
            for (int tries = 0; ; tries++)
            {
                SafeFileHandle file;
                try
                {
                    if (!_folderMade) Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
                    file = File.OpenHandle(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    _folderMade = true;
                }
                catch (DirectoryNotFoundException) when (_folderMade)
                {
                    _folderMade = false; // removed meanwhile (a temp folder cleaned): make it again
                    continue;
                }
                catch (IOException e) when (IsLocked(e) && DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(tries < 10 ? 1 : 5);
                    continue;
                }
                catch (IOException e) when (IsLocked(e))
                {
                    passing = true;
                    return $"another process has held the shared rate limit state {Path} for over {LockTimeout.TotalSeconds:0} s";
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
                {
                    return $"the shared rate limit state {Path} can't be written ({e.Message})";
                }

                // Every request counted passes here, so this is the few system calls it needs: one read (a regular file gives
                // all it holds up to the buffer's size), one write, and a truncation only when the state got shorter.
                using (file)
                {
                    try
                    {
                        int length = RandomAccess.Read(file, _buffer, 0);
                        state = change(LimiterState.Read(_buffer, length));
                        _written.Clear();
                        state.WriteTo(_written);
                        RandomAccess.Write(file, _written.WrittenSpan, 0);
                        if (_written.WrittenCount < length) RandomAccess.SetLength(file, _written.WrittenCount);
                        return null;
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                    {
                        state = null;
                        return $"the shared rate limit state {Path} can't be written ({e.Message})";
                    }
                }
            }
        }

        /// <summary>
        /// Held by another process: a sharing or lock violation on Windows; on Unix .NET reports a held flock with
        /// the errno EWOULDBLOCK as the HResult (11 on Linux, 35 on macOS and BSD).
        /// </summary>
        private static bool IsLocked(IOException e)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                int code = e.HResult & 0xFFFF;
                return code == 32 || code == 33; // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
            }
            return e.HResult == 11 || e.HResult == 35;
        }
    }
}
