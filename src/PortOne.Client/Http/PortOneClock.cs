using System;

namespace PortOne.Http
{
    /// <summary>
    /// PortOne's clock, learned from what its answers already carry (the Date header, getToken's `now`), so that "now"
    /// means PortOne's now whatever this machine's clock says. Kept as an offset from the monotonic clock, so a step
    /// of the local wall clock after learning changes nothing.
    ///
    /// Each answer bounds the offset: PortOne stamped it at some moment between sending and receiving, at a time
    /// within the whole second it gives (and a cached Date header may lag by one more). The bounds of successive
    /// answers are intersected; an answer outside them (PortOne's clock was set, or this one drifted over a long
    /// session) starts them again from that answer. "Now" is the lower bound: never ahead of PortOne's clock, so a
    /// range that ends now never ends in PortOne's future and a settle lag is never shortened; it trails by about a
    /// second after one answer and by little more than a round trip after a few.
    /// </summary>
    internal sealed class PortOneClock
    {
        /// <summary>How far a stamped second can be from the moment: its own second, and one more for a cached Date header.</summary>
        internal static readonly TimeSpan StampWidth = TimeSpan.FromSeconds(2);

        private readonly Func<TimeSpan> _monotonic;
        private readonly Func<DateTimeOffset> _wall;
        private readonly object _gate = new object();
        private bool _known;
        private long _low;  // PortOne's UTC ticks minus monotonic ticks: the smallest offset the answers allow
        private long _high; // ... and the largest

        public PortOneClock(Func<TimeSpan> monotonic, Func<DateTimeOffset> wall)
        {
            _monotonic = monotonic;
            _wall = wall;
        }

        /// <summary>True once an answer has said PortOne's time.</summary>
        public bool IsKnown
        {
            get { lock (_gate) return _known; }
        }

        /// <summary>
        /// Learns from an answer stamped <paramref name="stamp"/> (a whole second of PortOne's clock), for a request sent
        /// at <paramref name="sentAt"/> whose answer arrived at <paramref name="receivedAt"/> (monotonic times).
        /// </summary>
        public void Learn(DateTimeOffset stamp, TimeSpan sentAt, TimeSpan receivedAt)
        {
            long low = stamp.UtcTicks - receivedAt.Ticks;
            long high = stamp.UtcTicks + StampWidth.Ticks - sentAt.Ticks;
            lock (_gate)
            {
                if (_known && low <= _high && high >= _low)
                {
                    _low = Math.Max(_low, low);
                    _high = Math.Min(_high, high);
                }
                else
                {
                    _low = low;
                    _high = high;
                    _known = true;
                }
            }
        }

        /// <summary>PortOne's time now: the earliest the answers allow; this machine's clock before any answer.</summary>
        public DateTimeOffset Now()
        {
            long offset;
            lock (_gate)
            {
                if (!_known) return _wall().ToUniversalTime();
                offset = _low;
            }
            return new DateTimeOffset(_monotonic().Ticks + offset, TimeSpan.Zero);
        }

        /// <summary>PortOne's clock minus this machine's (positive: PortOne is ahead); null before any answer.</summary>
        public TimeSpan? Offset
        {
            get
            {
                if (!IsKnown) return null;
                DateTimeOffset portOne = Now();
                return portOne - _wall();
            }
        }
    }
}
