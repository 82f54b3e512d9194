using System;
using System.Collections.Generic;
using System.Linq;
using PortOne.Json;

namespace PortOne.Paging
{
    /// <summary>
    /// Reads one range of status time (a window of at most 90 days) completely, as slices that each fit one request.
    ///
    /// Why it is complete while payments change: one request is one snapshot, and a slice whose answer holds all its
    /// payments (total &lt;= the page) holds every payment that was in that range at that moment. A payment that stays
    /// in a ready, paid, cancelled or failed result set keeps its status time, so it stays in its slice. The slices
    /// cover the range without gaps, so every such payment is in some answer.
    ///
    /// A slice that turns out to hold more than a page:
    /// <list type="bullet">
    /// <item>ready and paid (requested in status-time order): its page holds every payment before the last payment's
    /// second, which are written; the rest of the slice, from that second on, is read next;</item>
    /// <item>the others: it is cut again, narrower, where its page shows the payments lie;</item>
    /// <item>one second: read by the crowded-second reader.</item>
    /// </list>
    /// Every request either completes a slice or leaves a strictly narrower range to read, so a read always ends.
    /// Each slice's payments are written in PaymentOrder, and slices in reading order, so the output order follows the
    /// data and never how the range was cut.
    /// </summary>
    internal sealed class WindowReader
    {
        private readonly ReadContext _context;
        private readonly CrowdedSecondReader _crowded;

        public WindowReader(ReadContext context)
        {
            _context = context;
            _crowded = new CrowdedSecondReader(context);
        }

        /// <summary>Requests the last <see cref="Read"/> sent.</summary>
        public int RequestsSent { get; private set; }

        /// <summary>The window's total as its first answer said, once it has come.</summary>
        public long? FirstTotal { get; private set; }

        /// <summary>
        /// The window's payments in PaymentOrder. The first request asks for the whole window with
        /// <paramref name="firstLimit"/> (small for the command's first, so the first payment comes soon);
        /// <paramref name="wanted"/> says how many payments the caller may still take (requests go ahead of the output
        /// only as far as that needs).
        /// </summary>
        public IEnumerable<PaymentAnnotation> Read(TimeWindow window, int firstLimit, Func<long> wanted)
        {
            RequestsSent = 0;
            FirstTotal = null;
            var pending = new LinkedList<Pending>();
            pending.AddFirst(new Pending(new Slice(window, firstLimit, null) { Limit = firstLimit }));
            try
            {
                while (pending.Count > 0)
                {
                    SendAhead(pending, wanted());
                    if (pending.Count == 0) break;
                    Slice slice = pending.First!.Value.Slice!;
                    pending.RemoveFirst();
                    PaymentPage page = _context.Requests.Receive(slice.Sent!);
                    FirstTotal ??= page.Total;
                    slice.Planner?.Learn(slice, page.Total);
                    _context.PageRead();
                    List<PaymentAnnotation> list = page.List!;
                    if (page.Total <= list.Count)
                    {
                        _context.Order.Sort(list, slice.Range.FirstSecond(_context.Descending));
                        foreach (PaymentAnnotation payment in list) yield return payment;
                    }
                    else if (slice.Range.IsOneSecond)
                    {
                        foreach (PaymentAnnotation payment in _crowded.Read(slice.Range.From, page)) yield return payment;
                    }
                    else if (_context.HasExactSort && list.All(p => StatusTime.Of(p, _context.Status).HasValue))
                    {
                        foreach (PaymentAnnotation payment in ReadOn(pending, slice.Range, page)) yield return payment;
                    }
                    else
                    {
                        pending.AddFirst(new Pending(CutAgain(slice.Range, page)));
                    }
                }
            }
            finally
            {
                foreach (Pending entry in pending)
                {
                    if (entry.Slice?.Sent != null) _context.Requests.Abandon(entry.Slice.Sent);
                }
            }
        }

        /// <summary>
        /// A page in status-time order that did not hold its whole range: every payment before its last payment's
        /// second is in it (written now); the range from that second on is read next. Where the page holds nothing but
        /// the range's first second, that second is read alone (it holds a page or more), then the rest.
        /// </summary>
        private List<PaymentAnnotation> ReadOn(LinkedList<Pending> pending, TimeWindow range, PaymentPage page)
        {
            bool descending = _context.Descending;
            List<PaymentAnnotation> list = page.List!;
            long edge = _context.SecondOf(list[list.Count - 1], range);
            long front = range.FirstSecond(descending);
            if (edge == front)
            {
                TimeWindow? after = range.AfterFront(1, descending);
                if (after.HasValue) pending.AddFirst(new Pending(Planner(after.Value, page.Total - list.Count, Enumerable.Empty<long>(), DensityOf(list, range))));
                pending.AddFirst(new Pending(new Slice(range.Front(1, descending), list.Count, null)));
                return new List<PaymentAnnotation>();
            }
            var before = list.Where(p => _context.SecondOf(p, range) != edge).ToList();
            long[] atEdge = Enumerable.Repeat(edge, list.Count - before.Count).ToArray();
            pending.AddFirst(new Pending(Planner(range.OnwardFrom(edge, descending), page.Total - before.Count, atEdge, DensityOf(list, range))));
            _context.Order.Sort(before, front);
            return before;
        }

        /// <summary>A range that held more than a page, cut again where its page shows the payments lie.</summary>
        private SlicePlanner CutAgain(TimeWindow range, PaymentPage page)
        {
            List<long> seconds = page.List!.Select(p => _context.SecondOf(p, range)).ToList();
            seconds.Sort();
            if (_context.Descending) seconds.Reverse();
            return Planner(range, page.Total, seconds, DensityOf(page.List!, range));
        }

        private SlicePlanner Planner(TimeWindow range, long estimate, IEnumerable<long> sample, double density) =>
            new SlicePlanner(range, estimate, density, sample, _context.PageSize, _context.Descending);

        /// <summary>Payments per second at the front of the range, as a page of its first payments shows it.</summary>
        private double DensityOf(List<PaymentAnnotation> page, TimeWindow range)
        {
            if (page.Count < 2) return 0;
            long farthest = page.Max(p => range.DistanceFromFront(_context.SecondOf(p, range), _context.Descending));
            return page.Count / (double)(farthest + 1);
        }

        /// <summary>
        /// Sends the first pending slice if it is not out yet, then the ones behind it while the request queue has room
        /// and the caller may still want their payments. A planner is asked for its next slice only when that slice is
        /// sent, so it cuts with what the answers read by then have taught it.
        /// </summary>
        private void SendAhead(LinkedList<Pending> pending, long wanted)
        {
            long expected = 0;
            LinkedListNode<Pending>? node = pending.First;
            while (node != null)
            {
                bool mustSend = node == pending.First;
                if (node.Value.Planner is SlicePlanner planner)
                {
                    if (!planner.HasMore)
                    {
                        LinkedListNode<Pending>? next = node.Next;
                        pending.Remove(node);
                        node = next;
                        continue;
                    }
                    if (!mustSend && !MaySend(expected, wanted)) return;
                    node = pending.AddBefore(node, new Pending(planner.Next()));
                }
                Slice slice = node.Value.Slice!;
                if (slice.Sent == null)
                {
                    if (!mustSend && !MaySend(expected, wanted)) return;
                    slice.Sent = _context.Requests.Send(RequestFor(slice));
                    RequestsSent++;
                }
                expected += slice.Estimate;
                node = node.Next;
            }
        }

        private bool MaySend(long expected, long wanted) => _context.Requests.HasRoom && expected < wanted;

        /// <summary>
        /// One second cannot be cut further, so it is asked for with the largest page, and in start order, the order
        /// the crowded-second reader pages in should it hold more.
        /// </summary>
        private PageRequest RequestFor(Slice slice) => slice.Range.IsOneSecond
            ? new PageRequest(_context.Status, slice.Range, 1, PageRequest.MaxLimit, PaymentSort.StartedAscending)
            : new PageRequest(_context.Status, slice.Range, 1, slice.Limit ?? _context.PageSize, _context.RequestSort);

        /// <summary>A slice cut, or a planner that cuts the rest of a range when its turn comes.</summary>
        private sealed class Pending
        {
            public Pending(Slice slice) => Slice = slice;

            public Pending(SlicePlanner planner) => Planner = planner;

            public Slice? Slice { get; }

            public SlicePlanner? Planner { get; }
        }
    }
}
