using System;
using System.Collections.Generic;

namespace PortOne.Paging
{
    /// <summary>Splits a long range into the API's 90-day windows.</summary>
    internal static class WindowPlanner
    {
        public static readonly long MaxWindowSeconds = (long)PaymentQuery.MaxWindow.TotalSeconds;

        /// <summary>
        /// Consecutive windows that cover [from, to] exactly once (edges do not overlap: both ends are inclusive),
        /// newest first for a descending sort, oldest first for an ascending one.
        /// </summary>
        public static List<TimeWindow> Plan(long from, long to, bool descending)
        {
            var windows = new List<TimeWindow>();
            if (descending)
            {
                for (long end = to; end >= from; end -= MaxWindowSeconds + 1)
                {
                    windows.Add(new TimeWindow(Math.Max(from, end - MaxWindowSeconds), end));
                }
            }
            else
            {
                for (long start = from; start <= to; start += MaxWindowSeconds + 1)
                {
                    windows.Add(new TimeWindow(start, Math.Min(to, start + MaxWindowSeconds)));
                }
            }
            return windows;
        }
    }
}
