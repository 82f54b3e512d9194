using System;

namespace PortOne.Diagnostics
{
    /// <summary>Where a by-status read is, for one progress bar over the whole command.</summary>
    public sealed class PageProgress
    {
        /// <summary>The window being read, from 1.</summary>
        public int WindowNumber { get; set; }
        /// <summary>How many windows (of at most 90 days) the range has.</summary>
        public int WindowCount { get; set; }
        /// <summary>The window's start, local time.</summary>
        public DateTimeOffset WindowFrom { get; set; }
        /// <summary>The window's end, local time.</summary>
        public DateTimeOffset WindowTo { get; set; }
        /// <summary>True while the read goes over recent payments again for ones that changed status meanwhile (status all).</summary>
        public bool Rereading { get; set; }
        /// <summary>Answers read so far.</summary>
        public int Requests { get; set; }
        /// <summary>Payments written (or passed over by Skip) so far, in all windows.</summary>
        public long Written { get; set; }
        /// <summary>
        /// Payments in all the windows as PortOne counted them, never less than <see cref="Written"/>; null until every
        /// window was counted.
        /// </summary>
        public long? Total { get; set; }
    }
}
