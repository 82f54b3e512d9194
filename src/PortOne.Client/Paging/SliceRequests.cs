using System;
using System.Collections.Generic;

namespace PortOne.Paging
{
    /// <summary>
    /// Turns a window reader's pending slices into requests: the first always, the ones behind it while the request
    /// queue has room and the caller may still want their payments; and makes the planners that cut them.
    /// </summary>
    internal sealed class SliceRequests
    {
        private readonly ReadContext _context;

        public SliceRequests(ReadContext context) => _context = context;

        /// <summary>Requests sent for the window being read.</summary>
        public int Sent { get; set; }

        /// <summary>
        /// Sends the first pending slice if it is not out yet, then the ones behind it while there is room and need.
        /// A planner is asked for its next slice only when that slice is sent, so it cuts with what the answers read
        /// by then have taught it.
        /// </summary>
        public void SendAhead(LinkedList<PendingRead> pending, long wanted)
        {
            long expected = 0;
            (long held, long unread, int unreadPages) = Ahead(pending);
            Holding(held);
            long mine = held + unread;
            long pages = (held + _context.PageSize - 1) / _context.PageSize + unreadPages;
            LinkedListNode<PendingRead>? node = pending.First;
            while (node != null)
            {
                // The first pending slice goes out whatever is held (the read must go on), but never past the requests
                // that may run at once: where they are all out, the window reader waits for one (WaitUntilOneMayGo).
                bool mustSend = node == pending.First;
                if (mustSend && !_context.Requests.MayRun) return;
                if (node.Value.Planner is SlicePlanner planner)
                {
                    if (!planner.HasMore)
                    {
                        LinkedListNode<PendingRead>? next = node.Next;
                        pending.Remove(node);
                        node = next;
                        continue;
                    }
                    if (!mustSend && !MaySend(expected, wanted, mine, pages)) return;
                    node = pending.AddBefore(node, PendingRead.Of(planner.Next()));
                }
                if (node.Value.Slice is Slice slice)
                {
                    if (slice.Sent == null)
                    {
                        if (!mustSend && !MaySend(expected, wanted, mine, pages)) return;
                        slice.Sent = _context.Requests.Send(RequestFor(slice));
                        Sent++;
                        mine += slice.Sent.Request.Limit;
                        pages++;
                    }
                    expected += slice.Estimate;
                }
                else if (node.Value.Check is PageChain check)
                {
                    // A count holds no payments: only the requests running at once bound it.
                    if (check.Count == null)
                    {
                        if (!_context.Requests.MayRun) return;
                        check.Count = Count(check.Range);
                    }
                    expected += check.Held.Count;
                }
                else
                {
                    expected += node.Value.Payments?.Count ?? 0;
                }
                node = node.Next;
            }
        }

        /// <summary>A one-payment request for how many payments a range holds now.</summary>
        public SentRequest Count(TimeWindow range)
        {
            Sent++;
            return _context.Requests.Send(new PageRequest(_context.Status, range, 1, 1, _context.RequestSort));
        }

        public SlicePlanner Planner(TimeWindow range, long estimate, double density, IEnumerable<long> sample, bool chains) =>
            new SlicePlanner(
                range, estimate, density, sample, TargetFor(estimate, chains), WholeRestFor(estimate, chains), _context.Descending, chains);

        /// <summary>
        /// Payments a slice aims at. A chain in exact order costs one part-filled page whatever its length, but its pages
        /// go one after another, and the pages of the chains behind the one being written wait in memory for their turn:
        /// so chains are as long as leave room for a chain per request in flight within this reader's share of the
        /// bound, 2 to 4 pages. Where that leaves less than 2 (1,000 a page) and the reader has the whole bound (not one
        /// of status all's four), a range of more pages than the requests in flight read in 4 rounds is cut in slices
        /// of one page, each going on as a chain only where it overflows:
        /// at 50 ms a request, 100,000 paid payments came 0.8 s sooner in chains of 2 than of 4, and 0.3 s sooner again
        /// in slices of one page, in as many requests. A shorter range keeps chains of 2: slices of one page cost 1.6
        /// times the pages on a 13-page flash sale. Counted chains pay a count each, and hold their pages until it:
        /// 4 to 16 pages, as many as keep the requests in flight busy, within this reader's share of the bound. A slice
        /// that must fit one page aims a little below it.
        /// </summary>
        private double TargetFor(long estimate, bool chains)
        {
            int page = _context.PageSize;
            if (!chains) return SlicePlanner.TargetFor(page);
            if (_context.HasExactSort)
            {
                int running = _context.Requests.MaxRunning;
                int roomFor = _context.SharePages / running;
                bool alone = _context.Share >= _context.Requests.MaxAhead; // status all's readers keep the requests busy side by side
                if (alone && roomFor < 2 && estimate >= 4L * running * page) return SlicePlanner.TargetFor(page);
                return Math.Max(2, Math.Min(4, roomFor)) * page * 0.95;
            }
            double pages = Math.Max(8, Math.Min(16, estimate / (double)page / _context.Requests.MaxRunning));
            return Math.Max(4, Math.Min(pages, _context.SharePages)) * page * 0.95;
        }

        private double WholeRestFor(long estimate, bool chains) =>
            chains ? TargetFor(estimate, chains) : SlicePlanner.WholeRestFor(_context.PageSize);

        /// <summary>
        /// Room for one more request: the read's bounds (in flight, memory), this reader's share of the memory, and
        /// pages ahead: however small the pages, no more than four times as many as the largest pages would be.
        /// </summary>
        private bool MaySend(long expected, long wanted, long mine, long pages) =>
            _context.Requests.HasRoom && mine < _context.Share && pages < 4 * _context.Requests.MaxAhead / PageRequest.MaxLimit &&
            expected < wanted;

        /// <summary>Tells the request queue how many payments this reader holds for their turn (the bound is the read's).</summary>
        public void Holding(long payments) => _context.Requests.Holding(this, payments);

        /// <summary>
        /// What this reader holds ahead of the output, in one pass: payments read and waiting for their turn (they count
        /// against the memory bound), and the payments and pages its requests sent and not read may bring.
        /// </summary>
        private static (long Held, long Unread, int UnreadPages) Ahead(LinkedList<PendingRead> pending)
        {
            long held = 0, unread = 0;
            int unreadPages = 0;
            var chains = new HashSet<PageChain>();
            foreach (PendingRead read in pending)
            {
                held += read.Payments?.Count ?? 0;
                // A counted chain's pages all point to its held payments: they count once.
                if ((read.Check ?? read.Slice?.Chain) is PageChain chain && chains.Add(chain)) held += chain.Held.Count;
                if (read.Slice?.Sent is SentRequest sent && sent.HoldsPayments)
                {
                    unread += sent.Request.Limit;
                    unreadPages++;
                }
            }
            return (held, unread, unreadPages);
        }

        /// <summary>
        /// One second cannot be cut further, so it is asked for with the largest page, and in start order, the order
        /// the crowded-second reader pages in should it hold more.
        /// </summary>
        private PageRequest RequestFor(Slice slice) => slice.Range.IsOneSecond
            ? new PageRequest(_context.Status, slice.Range, 1, PageRequest.MaxLimit, PaymentSort.StartedAscending)
            : new PageRequest(_context.Status, slice.Range, slice.Page, slice.Limit ?? _context.PageSize, _context.RequestSort);
    }
}
