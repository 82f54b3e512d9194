using System;
using System.Collections.Generic;

namespace PortOne.Paging
{
    /// <summary>An inclusive range of unix seconds, as the API's from/to take it.</summary>
    internal readonly struct TimeWindow
    {
        public TimeWindow(long from, long to)
        {
            From = from;
            To = to;
        }

        public long From { get; }
        public long To { get; }

        /// <summary>The edges as local times, for progress and messages.</summary>
        public DateTimeOffset FromLocal => DateTimeOffset.FromUnixTimeSeconds(From).ToLocalTime();
        public DateTimeOffset ToLocal => DateTimeOffset.FromUnixTimeSeconds(To).ToLocalTime();

        public long Seconds => To - From + 1;

        public bool IsOneSecond => From == To;

        public bool Contains(long second) => second >= From && second <= To;

        /// <summary>The second a reading in this direction starts at: the newest for a descending sort.</summary>
        public long FirstSecond(bool descending) => descending ? To : From;

        /// <summary>What is left once a reading in this direction has passed every second before <paramref name="second"/>.</summary>
        public TimeWindow Remainder(long second, bool descending) =>
            descending ? new TimeWindow(From, second) : new TimeWindow(second, To);

        /// <summary>This range less its first second in reading order; null when that was all of it.</summary>
        public TimeWindow? WithoutFirstSecond(bool descending) =>
            IsOneSecond ? (TimeWindow?)null : descending ? new TimeWindow(From, To - 1) : new TimeWindow(From + 1, To);

        /// <summary><paramref name="parts"/> consecutive ranges of (nearly) equal length that cover this one, in reading order.</summary>
        public List<TimeWindow> Split(int parts, bool descending)
        {
            long count = Math.Max(1, Math.Min(parts, Seconds));
            var pieces = new List<TimeWindow>((int)count);
            for (long i = 0; i < count; i++)
            {
                pieces.Add(new TimeWindow(From + Seconds * i / count, From + Seconds * (i + 1) / count - 1));
            }
            if (descending) pieces.Reverse();
            return pieces;
        }

        public override string ToString() => $"{From}..{To}";
    }

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
