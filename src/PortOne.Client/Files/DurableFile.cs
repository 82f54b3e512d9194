using System;
using System.IO;

namespace PortOne.Files
{
    /// <summary>
    /// A file that appears whole or not at all. It is written as "&lt;target&gt;.tmp" beside its target (the same
    /// folder, so the rename cannot cross volumes); <see cref="Commit"/> flushes it to disk, renames it over the target
    /// in one step and flushes the folder, so that after a crash the target is either the old file or the whole new
    /// one. Disposed without a commit, the temporary file is deleted; one a killed process left behind is simply
    /// overwritten by the next attempt.
    /// </summary>
    internal sealed class DurableFile : IDisposable
    {
        private readonly FileStream _stream;
        private bool _renamed;

        private DurableFile(string target, string temporary, FileStream stream)
        {
            Target = target;
            Temporary = temporary;
            _stream = stream;
        }

        public string Target { get; }

        public string Temporary { get; }

        /// <summary>What to write the content to.</summary>
        public Stream Stream => _stream;

        /// <summary>Creates (or truncates) the temporary file beside <paramref name="target"/>.</summary>
        public static DurableFile Create(string target)
        {
            string temporary = target + ".tmp";
            var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            return new DurableFile(target, temporary, stream);
        }

        /// <summary>
        /// Flushes the content to disk, renames it over the target and flushes the folder. <paramref name="step"/> is
        /// called after each of the three, for tests that stop the work between them as a crash would.
        /// </summary>
        public void Commit(Action<DurableStep>? step)
        {
            _stream.Flush(flushToDisk: true);
            step?.Invoke(DurableStep.Synced);
            _stream.Dispose();
            Replace(Temporary, Target);
            _renamed = true;
            step?.Invoke(DurableStep.Renamed);
            FolderSync.Flush(FolderOf(Target));
            step?.Invoke(DurableStep.FolderSynced);
        }

        /// <summary>Moves <paramref name="source"/> over <paramref name="target"/> in one step (rename(2) on Unix).</summary>
        public static void Replace(string source, string target)
        {
            if (File.Exists(target)) File.Replace(source, target, null);
            else File.Move(source, target);
        }

        public static string FolderOf(string path) => Path.GetDirectoryName(Path.GetFullPath(path)) ?? Path.GetPathRoot(Path.GetFullPath(path))!;

        public void Dispose()
        {
            if (_renamed) return;
            _stream.Dispose();
            try
            {
                File.Delete(Temporary);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Left for the next attempt to overwrite.
            }
        }
    }
}
