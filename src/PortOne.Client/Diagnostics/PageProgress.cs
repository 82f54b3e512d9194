using System;

namespace PortOne.Diagnostics
{
    public sealed class PageProgress
    {
        public int WindowNumber { get; set; }
        public int WindowCount { get; set; }
        public DateTimeOffset WindowFrom { get; set; }
        public DateTimeOffset WindowTo { get; set; }
        public int Page { get; set; }
        /// <summary>Pages in this window as far as the last answer's total says (0 if unknown).</summary>
        public int PageCount { get; set; }
        /// <summary>Payments written so far, in all windows.</summary>
        public long Written { get; set; }
        /// <summary>The window's total as the API last said.</summary>
        public long WindowTotal { get; set; }
    }
}
