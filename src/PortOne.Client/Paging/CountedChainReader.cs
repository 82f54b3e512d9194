using System;
using System.Collections.Generic;
using PortOne.Json;

namespace PortOne.Paging
{
    /// <summary>
    /// Cancelled and failed ranges that hold more than a page: read as a chain of pages by offset (see PageChain), all
    /// sent at once since none depends on another, held until one count of the range, sent once the last is read.
    /// </summary>
    internal sealed class CountedChainReader
    {
        /// <summary>A chain longer than this holds too much until its count: its range is cut again instead.</summary>
        public const int MaxPages = 32;

        private readonly ReadContext _context;
        private readonly SliceRequests _requests;

        public CountedChainReader(ReadContext context, SliceRequests requests)
        {
            _context = context;
            _requests = requests;
        }

        /// <summary>
        /// True where the range the first page counts is short enough for one chain: its pages held until the count
        /// stay within this reader's share of the memory bound (at least 4 pages, at most MaxPages).
        /// </summary>
        public bool Fits(PaymentPage first, int limit) =>
            PagesOf(first, limit) <= Math.Max(4, Math.Min(MaxPages, _context.SharePages));

        private static long PagesOf(PaymentPage first, int limit) => (first.Total + limit - 1) / limit;

        /// <summary>A chain's first page: the other pages are put in its place (the last put first, so page 2 comes first).</summary>
        public void Start(PendingPlace pending, Slice slice, PaymentPage first)
        {
            int limit = slice.Sent!.Request.Limit;
            long pages = PagesOf(first, limit);
            var chain = new PageChain(slice.Range) { PagesLeft = pages - 1 };
            Hold(chain, 1, first);
            for (long number = pages; number >= 2; number--)
            {
                long estimate = Math.Min(limit, first.Total - (number - 1) * limit);
                pending.AddFirst(PendingRead.Of(new Slice(slice.Range, estimate, null) { Chain = chain, Page = (int)number, Limit = limit }));
            }
        }

        /// <summary>
        /// A later page, or a split second read whole: held; after the last, the check of the range's count takes the
        /// page's place (the count goes out with the next requests sent).
        /// </summary>
        public void Read(PendingPlace pending, Slice slice, PaymentPage page)
        {
            PageChain chain = slice.Chain!;
            if (chain.Mended) chain.Hold(page.List!);
            else Hold(chain, slice.Page, page);
            if (--chain.PagesLeft > 0) return;
            chain.Count = null; // a count taken before these pages were read proves nothing: sent anew when room comes
            pending.AddFirst(PendingRead.Checking(chain));
        }

        /// <summary>
        /// A count that differs from what the pages held: once, the seconds where pages met are read whole (where they
        /// hold what the pages missed, the count is sent again after them). False where there is nothing to mend.
        /// </summary>
        public static bool Mend(PendingPlace pending, PageChain chain)
        {
            if (chain.Mended) return false;
            List<long> split = chain.SplitSeconds();
            if (split.Count == 0) return false;
            chain.Mended = true;
            chain.PagesLeft = split.Count;
            foreach (long second in split)
            {
                pending.AddFirst(PendingRead.Of(new Slice(new TimeWindow(second, second), 1, null) { Chain = chain }));
            }
            return true;
        }

        /// <summary>
        /// A slice's answer, waited for. A counted chain's later page that PortOne says lies past the end is read as
        /// empty: the chain's count then differs, and its range is read again.
        /// </summary>
        public PaymentPage Receive(Slice slice) =>
            _context.Requests.ReceiveUnlessPastTheEnd(slice.Sent!) ?? new PaymentPage { Total = 0, List = new List<PaymentAnnotation>() };

        private void Hold(PageChain chain, int number, PaymentPage page)
        {
            List<PaymentAnnotation> list = page.List!;
            chain.Hold(list);
            if (list.Count == 0) return;
            chain.PageEdges[number] = (_context.SecondOf(list[0], chain.Range), _context.SecondOf(list[list.Count - 1], chain.Range));
        }
    }
}
