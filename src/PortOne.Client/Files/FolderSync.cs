using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace PortOne.Files
{
    /// <summary>
    /// Flushes a folder's entries to disk (fsync on the folder), so that a file renamed into it is still there after a
    /// power cut. A rename is atomic, but on Linux and macOS it is durable only once its folder is flushed.
    /// On Windows there is no such call: NTFS journals renames itself, and .NET cannot open a folder to flush it.
    /// </summary>
    internal static class FolderSync
    {
        private const int ReadOnly = 0; // O_RDONLY: what a folder may be opened with

        public static void Flush(string folder)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            int fd = NativeMethods.open(folder, ReadOnly);
            if (fd < 0) throw Failure(folder, "could not be opened", Marshal.GetLastWin32Error());
            try
            {
                if (NativeMethods.fsync(fd) != 0) throw Failure(folder, "could not be flushed to disk", Marshal.GetLastWin32Error());
            }
            finally
            {
                _ = NativeMethods.close(fd);
            }
        }

        private static IOException Failure(string folder, string what, int errno) =>
            new IOException($"The folder '{folder}' {what} ({new Win32Exception(errno).Message}, errno {errno}).");

        /// <summary>libc's own names, so they read as the man pages do.</summary>
        private static class NativeMethods
        {
            // Ansi is UTF-8 on Linux and macOS, where this is called; no best-fit guessing of characters.
            [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
            public static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

            [DllImport("libc", SetLastError = true)]
            public static extern int fsync(int fd);

            [DllImport("libc", SetLastError = true)]
            public static extern int close(int fd);
        }
    }
}
