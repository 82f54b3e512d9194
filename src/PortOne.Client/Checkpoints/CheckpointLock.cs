using System;
using System.IO;

namespace PortOne.Checkpoints
{
    /// <summary>
    /// Keeps a second run off a checkpoint while one is using it: an exclusive handle on "&lt;checkpoint&gt;.lock",
    /// held from reading the checkpoint to saving it. The operating system drops the handle when the process ends,
    /// so a crashed job never leaves the checkpoint locked. The lock file itself stays: deleting it on release would
    /// let a waiting run lock the deleted file while a third creates and locks a new one.
    /// </summary>
    internal sealed class CheckpointLock : IDisposable
    {
        private readonly FileStream _handle;

        private CheckpointLock(FileStream handle) => _handle = handle;

        public static string PathFor(string checkpointPath) => checkpointPath + ".lock";

        public static CheckpointLock Take(string checkpointPath)
        {
            string path = PathFor(checkpointPath);
            try
            {
                return new CheckpointLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException e) when (IsHeldElsewhere(e))
            {
                throw new PortOneException(PortOneErrorKind.CheckpointLocked,
                    $"Another run is using the checkpoint '{checkpointPath}' (its lock '{path}' is held).", e)
                {
                    CheckpointPath = checkpointPath,
                };
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw CheckpointFile.Unavailable(checkpointPath, "cannot be locked", e);
            }
        }

        /// <summary>
        /// A handle someone else holds: a sharing or lock violation on Windows (32, 33); on Linux and macOS .NET
        /// reports flock's EWOULDBLOCK (11, 35) as the HResult.
        /// </summary>
        private static bool IsHeldElsewhere(IOException e)
        {
            if (e is FileNotFoundException || e is DirectoryNotFoundException || e is PathTooLongException) return false;
            int code = e.HResult & 0xFFFF;
            return code == 32 || code == 33 || e.HResult == 11 || e.HResult == 35;
        }

        public void Dispose() => _handle.Dispose();
    }
}
