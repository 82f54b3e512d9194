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
            int held = HeldPages(pending);
            LinkedListNode<PendingRead>? node = pending.First;
            while (node != null)
            {
                bool mustSend = node == pending.First;
                if (node.Value.Planner is SlicePlanner planner)
                {
                    if (!planner.HasMore)
                    {
                        LinkedListNode<PendingRead>? next = node.Next;
                        pending.Remove(node);
                        node = next;
                        continue;
                    }
                    if (!mustSend && !MaySend(expected, wanted, held)) return;
                    node = pending.AddBefore(node, PendingRead.Of(planner.Next()));
                }
                if (node.Value.Slice is Slice slice)
                {
                    if (slice.Sent == null)
                    {
                        if (!mustSend && !MaySend(expected, wanted, held)) return;
                        slice.Sent = _context.Requests.Send(RequestFor(slice));
                        Sent++;
                    }
                    expected += slice.Estimate;
                }
                else
                {
                    expected += node.Value.Payments?.Count ?? node.Value.Check?.Held.Count ?? 0;
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
        /// Payments a slice aims at. A chain of pages costs one part-filled page whatever its length (and, where it is
        /// checked, one count), but its pages go one after another, and the pages of the chains behind the one being
        /// written wait in memory for their turn. So chains in exact order are short, 4 pages, enough to keep several
        /// going side by side within the memory bound; checked chains, which pay a count each, 8 to 16 pages. A slice
        /// that must fit one page aims a little below it.
        /// </summary>
        private double TargetFor(long estimate, bool chains)
        {
            int page = _context.PageSize;
            if (!chains) return SlicePlanner.TargetFor(page);
            if (_context.HasExactSort) return 4 * page * 0.95;
            return Math.Max(8.0 * page, Math.Min(16.0 * page, estimate / (double)_context.Requests.MaxRunning)) * 0.95;
        }

        private double WholeRestFor(long estimate, bool chains) =>
            chains ? TargetFor(estimate, chains) : SlicePlanner.WholeRestFor(_context.PageSize);

        private bool MaySend(long expected, long wanted, int held) => _context.Requests.HasRoomBeside(held) && expected < wanted;

        /// <summary>Pages' worth of payments read and waiting for their turn (they count against the memory bound).</summary>
        private int HeldPages(LinkedList<PendingRead> pending)
        {
            long payments = 0;
            foreach (PendingRead read in pending)
            {
                payments += read.Payments?.Count ?? read.Check?.Held.Count ?? read.Slice?.Chain?.Held.Count ?? 0;
            }
            return (int)Math.Min(int.MaxValue, (payments + _context.PageSize - 1) / _context.PageSize);
        }

        /// <summary>
        /// One second cannot be cut further, so it is asked for with the largest page, and in start order, the order
        /// the crowded-second reader pages in should it hold more.
        /// </summary>
        private PageRequest RequestFor(Slice slice) => slice.Range.IsOneSecond
            ? new PageRequest(_context.Status, slice.Range, 1, PageRequest.MaxLimit, PaymentSort.StartedAscending)
            : new PageRequest(_context.Status, slice.Range, 1, slice.Limit ?? _context.PageSize, _context.RequestSort);
    }
}
