namespace PortOne.Files
{
    /// <summary>The steps of <see cref="DurableFile.Commit"/>, each reported once done.</summary>
    internal enum DurableStep
    {
        /// <summary>The content is on disk, under the temporary name.</summary>
        Synced,
        /// <summary>The temporary file was renamed over the target.</summary>
        Renamed,
        /// <summary>The folder was flushed: the rename survives a power cut.</summary>
        FolderSynced,
    }
}
