using System;

namespace PortOne.Diagnostics
{
    /// <summary>Where a by-status read is, for the progress bar.</summary>
    public sealed class PageProgress
    {
        /// <summary>The window being read, from 1.</summary>
        public int WindowNumber { get; set; }
        /// <summary>How many windows the range has.</summary>
        public int WindowCount { get; set; }
        /// <summary>The window's start, local time.</summary>
        public DateTimeOffset WindowFrom { get; set; }
        /// <summary>The window's end, local time.</summary>
        public DateTimeOffset WindowTo { get; set; }
        /// <summary>Pages read in this window so far.</summary>
        public int Page { get; set; }
        /// <summary>Pages in this window as far as the last answer's total says (0 if unknown).</summary>
        public int PageCount { get; set; }
        /// <summary>Payments written so far, in all windows.</summary>
        public long Written { get; set; }
        /// <summary>The window's total as the API last said.</summary>
        public long WindowTotal { get; set; }
    }
}
