using System;

namespace PortOne.Paging
{
    /// <summary>
    /// An inclusive range of unix seconds, as the API's from/to take it. Reading goes through it in one direction:
    /// newest second first for a descending sort, oldest first for an ascending one; "front" and "before" follow it.
    /// </summary>
    internal readonly struct TimeWindow : IEquatable<TimeWindow>
    {
        public TimeWindow(long from, long to)
        {
            if (to < from) throw new ArgumentOutOfRangeException(nameof(to), $"{to} is before {from}");
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

        /// <summary>The second reading starts at: the newest for a descending sort.</summary>
        public long FirstSecond(bool descending) => descending ? To : From;

        /// <summary>How far <paramref name="second"/> lies from the first second in reading order (0 for the first).</summary>
        public long DistanceFromFront(long second, bool descending) => descending ? To - second : second - From;

        /// <summary>The first <paramref name="seconds"/> seconds in reading order (all of it when it is shorter).</summary>
        public TimeWindow Front(long seconds, bool descending)
        {
            long width = Math.Max(1, Math.Min(seconds, Seconds));
            return descending ? new TimeWindow(To - width + 1, To) : new TimeWindow(From, From + width - 1);
        }

        /// <summary>What follows the first <paramref name="seconds"/> seconds in reading order; null when nothing does.</summary>
        public TimeWindow? AfterFront(long seconds, bool descending)
        {
            if (seconds >= Seconds) return null;
            return descending ? new TimeWindow(From, To - seconds) : new TimeWindow(From + seconds, To);
        }

        /// <summary>The seconds read before <paramref name="second"/>; null when it is the first.</summary>
        public TimeWindow? Before(long second, bool descending) => DistanceFromFront(second, descending) <= 0
            ? (TimeWindow?)null
            : Front(DistanceFromFront(second, descending), descending);

        /// <summary>From <paramref name="second"/> (included) to the end in reading order.</summary>
        public TimeWindow OnwardFrom(long second, bool descending) => descending ? new TimeWindow(From, second) : new TimeWindow(second, To);

        public bool Equals(TimeWindow other) => From == other.From && To == other.To;

        public override bool Equals(object? obj) => obj is TimeWindow other && Equals(other);

        public override int GetHashCode() => unchecked((int)(From * 397 ^ To));

        public override string ToString() => $"{From}..{To}";
    }
}
