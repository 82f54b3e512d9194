namespace PortOne.Export
{
    /// <summary>
    /// The steps that make an export durable, in order; <see cref="PaymentExporter.StepCompleted"/> is told of each.
    /// A crash between two steps leaves the files as that step left them (see <see cref="PaymentExporter"/>).
    /// </summary>
    public enum ExportStep
    {
        /// <summary>Every row is written to the temporary file ("&lt;file&gt;.tmp"), not yet flushed to disk.</summary>
        RowsWritten,
        /// <summary>The temporary file is flushed to disk (fsync).</summary>
        FileSynced,
        /// <summary>The temporary file was renamed over the export file.</summary>
        FileRenamed,
        /// <summary>The export file's folder was flushed to disk: the file survives a power cut.</summary>
        FolderSynced,
        /// <summary>The new checkpoint is on disk under its temporary name ("&lt;checkpoint&gt;.tmp").</summary>
        CheckpointSynced,
        /// <summary>The new checkpoint was renamed over the old one: the run counts as done.</summary>
        CheckpointRenamed,
        /// <summary>The checkpoint's folder was flushed to disk.</summary>
        CheckpointFolderSynced,
    }
}
