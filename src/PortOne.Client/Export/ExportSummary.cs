using System;

namespace PortOne.Export
{
    /// <summary>What one export wrote: the file, how many payments, the range read, and whether the checkpoint moved.</summary>
    public sealed class ExportSummary
    {
        /// <summary>The file written (full path), or null where the run had nothing to read and wrote none.</summary>
        public string? Path { get; internal set; }

        /// <summary>The file's format.</summary>
        public PaymentExportFormat Format { get; internal set; }

        /// <summary>Payments written to the file.</summary>
        public long Rows { get; internal set; }

        /// <summary>The start of the range read (inclusive), local time.</summary>
        public DateTimeOffset From { get; internal set; }

        /// <summary>The end of the range read (inclusive, to the second), local time.</summary>
        public DateTimeOffset To { get; internal set; }

        /// <summary>The checkpoint file (full path), or null for an export without one.</summary>
        public string? Checkpoint { get; internal set; }

        /// <summary>The run's number (the checkpoint's count of runs that moved it, this one included); null without a checkpoint.</summary>
        public long? Run { get; internal set; }

        /// <summary>True when this run moved the checkpoint: its file is final, and the next run starts after it.</summary>
        public bool CheckpointMoved { get; internal set; }

        /// <summary>Payment states read again in the overlap that an earlier run already wrote, and so not written.</summary>
        public long Skipped { get; internal set; }

        /// <summary>How long the export took.</summary>
        public TimeSpan Elapsed { get; internal set; }
    }
}
