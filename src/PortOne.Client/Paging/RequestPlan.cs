using System;

namespace PortOne.Paging
{
    /// <summary>One request of a window read by offset: which page, of what size.</summary>
    internal readonly struct PageSlot
    {
        public PageSlot(int page, int limit)
        {
            Page = page;
            Limit = limit;
        }

        public int Page { get; }
        public int Limit { get; }

        /// <summary>Where the page starts among the window's payments.</summary>
        public long Offset => (Page - 1L) * Limit;
    }

    /// <summary>
    /// The requests that read one window by offset, in order, each starting where the one before ended. With a lead
    /// size, the first page-size worth of payments is read as small pages (the first payment then arrives after a
    /// small request, not a 1.5 MB one), then full pages from page 2 on: offsets line up because the page size is a
    /// multiple of the lead size.
    /// </summary>
    internal sealed class RequestPlan
    {
        private readonly int _startPage;
        private readonly int _limit;
        private readonly int _lead;
        private readonly int _leadPages;

        public RequestPlan(int startPage, int limit, int lead)
        {
            if (lead > 0 && (startPage != 1 || limit % lead != 0 || lead >= limit))
            {
                throw new ArgumentException("A lead needs page 1 and a page size that is a larger multiple of it.", nameof(lead));
            }
            _startPage = startPage;
            _limit = limit;
            _lead = lead;
            _leadPages = lead > 0 ? limit / lead : 0;
        }

        /// <summary>The index-th request (0 is the first).</summary>
        public PageSlot this[int index] =>
            index < _leadPages ? new PageSlot(index + 1, _lead)
            : _leadPages > 0 ? new PageSlot(index - _leadPages + 2, _limit)
            : new PageSlot(_startPage + index, _limit);

        /// <summary>How many requests read a window of <paramref name="total"/> payments (at least one).</summary>
        public int CountFor(long total)
        {
            long full = (total + _limit - 1) / _limit;
            long count = _leadPages == 0 ? full - (_startPage - 1)
                : total <= _limit ? (total + _lead - 1) / _lead
                : _leadPages + full - 1;
            return (int)Math.Max(1, Math.Min(int.MaxValue, count));
        }
    }
}
