using System.Collections.Generic;
using System.Linq;

namespace PortOne.Paging
{
    /// <summary>What a page tells of where a range's payments lie: for the planner that cuts what is left.</summary>
    internal static class PageSample
    {
        /// <summary>The payments' status seconds, in the order the range is read.</summary>
        public static List<long> SecondsInReadingOrder(ReadContext context, List<PaymentAnnotation> payments, TimeWindow range)
        {
            List<long> seconds = payments.Select(p => context.SecondOf(p, range)).ToList();
            seconds.Sort();
            if (context.Descending) seconds.Reverse();
            return seconds;
        }

        /// <summary>
        /// Payments per second where a page of a range's first payments ends: the best guess for what follows it
        /// (inside a sale it is the sale's density, not the quiet hours before it).
        /// </summary>
        public static double DensityAtEnd(ReadContext context, List<PaymentAnnotation> page, TimeWindow range)
        {
            if (page.Count < 4) return 0;
            var distances = page.Select(p => range.DistanceFromFront(context.SecondOf(p, range), context.Descending)).ToList();
            distances.Sort();
            int last = distances.Count - 1, from = distances.Count / 2;
            return (last - from) / (double)(distances[last] - distances[from] + 1);
        }
    }
}
