using System;
using System.Collections.Generic;
using System.Linq;
using PortOne.Json;

namespace PortOne.Paging
{
    /// <summary>
    /// Reads one range of status time (a window of at most 90 days) completely, as slices.
    ///
    /// Why it is complete while payments change: one request is one snapshot. A slice whose answer holds all its
    /// payments (total &lt;= the page) held every payment of its range at that moment, and a payment that stays in a
    /// ready, paid, cancelled or failed result set keeps its status time, so it stays in its slice. The slices cover
    /// the range without gaps, so every such payment is in some answer. A slice that holds more than a page:
    /// <list type="bullet">
    /// <item>ready and paid, requested in status-time order: a page holds every payment before its last payment's
    /// second, which are written; the slice goes on from that second (a chain of pages, each a snapshot of what it
    /// proves);</item>
    /// <item>cancelled and failed, requested in "updated" order, which is close to their status time: the same, but
    /// what the pages hold is written only once one count of their range matches (PageChain);</item>
    /// <item>status all: it is cut again, narrower, where its page shows the payments lie;</item>
    /// <item>one second: the crowded-second reader.</item>
    /// </list>
    /// Every request completes a slice, or leaves a strictly narrower range, so a read always ends. Each slice's
    /// payments are written in PaymentOrder, slices in reading order: the order follows the data, never the cutting.
    /// </summary>
    internal sealed class WindowReader
    {
        private readonly ReadContext _context;
        private readonly CrowdedSecondReader _crowded;
        private readonly SliceRequests _requests;

        public WindowReader(ReadContext context)
        {
            _context = context;
            _crowded = new CrowdedSecondReader(context);
            _requests = new SliceRequests(context);
        }

        /// <summary>Requests sent for the window read last.</summary>
        public int RequestsSent => _requests.Sent;

        /// <summary>The window's total as its first answer said, once it has come.</summary>
        public long? FirstTotal { get; private set; }

        /// <summary>Told the window's total as soon as its first answer has come, before that answer's progress.</summary>
        public Action<long>? Counted { get; set; }

        private bool Descending => _context.Descending;

        /// <summary>
        /// The window's payments in PaymentOrder. The first request asks for the whole window with
        /// <paramref name="firstLimit"/> (small for the command's first, so the first payment comes soon);
        /// <paramref name="wanted"/> says how many payments the caller may still take (requests go ahead of the output
        /// only as far as that needs).
        /// </summary>
        public IEnumerable<PaymentAnnotation> Read(TimeWindow window, int firstLimit, Func<long> wanted)
        {
            _requests.Sent = 0;
            FirstTotal = null;
            var pending = new LinkedList<PendingRead>();
            pending.AddFirst(PendingRead.Of(new Slice(window, firstLimit, null) { Limit = firstLimit }));
            try
            {
                while (pending.Count > 0)
                {
                    _requests.SendAhead(pending, wanted());
                    if (pending.Count == 0) break;
                    PendingRead next = pending.First!.Value;
                    pending.RemoveFirst();
                    IEnumerable<PaymentAnnotation> written =
                        next.Payments ?? (next.Check != null ? Checked(pending, next.Check) : Read(pending, next.Slice!));
                    foreach (PaymentAnnotation payment in written) yield return payment;
                }
            }
            finally
            {
                foreach (PendingRead entry in pending)
                {
                    if (entry.Slice?.Sent is SentRequest sent) _context.Requests.Abandon(sent);
                    if (entry.Check?.Count is SentRequest count) _context.Requests.Abandon(count);
                }
            }
        }

        /// <summary>Reads a slice's answer: what can be written now, and what is left to read put at the front.</summary>
        private List<PaymentAnnotation> Read(LinkedList<PendingRead> pending, Slice slice)
        {
            PaymentPage page = _context.Requests.Receive(slice.Sent!);
            if (FirstTotal == null)
            {
                FirstTotal = page.Total;
                Counted?.Invoke(page.Total);
            }
            slice.Planner?.Learn(slice, page.Total);
            _context.PageRead();
            List<PaymentAnnotation> list = page.List!;
            if (page.Total <= list.Count || slice.Range.IsOneSecond)
            {
                if (page.Total > list.Count) list = _crowded.Read(slice.Range.From, page);
                else _context.Order.Sort(list, slice.Range.FirstSecond(Descending));
                if (slice.Chain == null || !slice.Chain.NeedsCheck) return list;
                // The last page of a chain that needs its check: the held pages come first, once checked.
                pending.AddFirst(PendingRead.Written(list));
                CheckChain(pending, slice.Chain, slice.Range.FirstSecond(Descending));
                return new List<PaymentAnnotation>();
            }
            bool statusTimesKnown = list.All(p => StatusTime.Of(p, _context.Status).HasValue);
            bool inChain = (slice.Planner?.Chains ?? false) || slice.Chain != null;
            if (inChain && statusTimesKnown) return ReadOn(pending, slice, page);
            if (slice.Planner == null && slice.Chain == null && _context.HasExactSort && statusTimesKnown)
            {
                // A window's first page, in status-time order: what it proves is written, the rest planned in chains.
                return ReadOn(pending, slice, page);
            }
            PlanFirst(pending, slice.Range, page.Total, SecondsInReadingOrder(list, slice.Range), DensityAtEnd(list, slice.Range),
                chains: _context.ChainsPages && slice.Planner == null && slice.Chain == null);
            return new List<PaymentAnnotation>();
        }

        /// <summary>
        /// A page of a chain that did not hold its whole range: every payment before its last payment's second is in
        /// it (written now, or held for the chain's check); the chain goes on from that second. Where the page holds
        /// nothing but the range's first second, that second is read alone (it holds a page or more), then the rest.
        /// </summary>
        private List<PaymentAnnotation> ReadOn(LinkedList<PendingRead> pending, Slice slice, PaymentPage page)
        {
            TimeWindow range = slice.Range;
            List<PaymentAnnotation> list = page.List!;
            long edge = _context.SecondOf(list[list.Count - 1], range);
            long front = range.FirstSecond(Descending);
            bool windowStart = slice.Planner == null && slice.Chain == null;
            PageChain chain = slice.Chain ?? new PageChain(front, needsCheck: !_context.HasExactSort);
            if (edge == front)
            {
                TimeWindow? after = range.AfterFront(1, Descending);
                // What the chain holds so far is checked now; after the crowded second, a chain of its own goes on.
                if (after.HasValue)
                {
                    var next = new PageChain(after.Value.FirstSecond(Descending), chain.NeedsCheck);
                    pending.AddFirst(PendingRead.Of(new Slice(after.Value, page.Total - list.Count, null) { Chain = next }));
                }
                pending.AddFirst(PendingRead.Of(new Slice(range.Front(1, Descending), list.Count, null)));
                CheckChain(pending, chain, front);
                return new List<PaymentAnnotation>();
            }
            var before = list.Where(p => _context.SecondOf(p, range) != edge).ToList();
            TimeWindow rest = range.OnwardFrom(edge, Descending);
            long left = page.Total - before.Count;
            if (windowStart)
            {
                PlanFirst(pending, rest, left, Enumerable.Repeat(edge, list.Count - before.Count), DensityAtEnd(list, range), chains: true);
            }
            else
            {
                pending.AddFirst(PendingRead.Of(new Slice(rest, left, null) { Chain = chain }));
            }
            if (chain.NeedsCheck)
            {
                chain.Held.AddRange(before);
                return new List<PaymentAnnotation>();
            }
            _context.Order.Sort(before, front);
            return before;
        }

        /// <summary>
        /// Puts the check of a chain's held payments (from its front to just before <paramref name="end"/>) at the
        /// front, its count sent at once.
        /// </summary>
        private void CheckChain(LinkedList<PendingRead> pending, PageChain chain, long end)
        {
            if (!chain.NeedsCheck || end == chain.Front) return; // nothing held
            chain.Range = Descending ? new TimeWindow(end + 1, chain.Front) : new TimeWindow(chain.Front, end - 1);
            chain.Count = _requests.Count(chain.Range);
            pending.AddFirst(PendingRead.Checking(chain));
        }

        /// <summary>The held payments where the count matches; else their range, read again in slices of one page.</summary>
        private List<PaymentAnnotation> Checked(LinkedList<PendingRead> pending, PageChain chain)
        {
            long count = _context.Requests.Receive(chain.Count!).Total;
            if (count == chain.Held.Count)
            {
                _context.Order.Sort(chain.Held, chain.Front);
                return chain.Held;
            }
            PlanFirst(pending, chain.Range, count, SecondsInReadingOrder(chain.Held, chain.Range), 0, chains: false);
            return new List<PaymentAnnotation>();
        }

        /// <summary>
        /// Puts a range to be cut at the front of what is left to read: joined to the planner behind it where that
        /// planner has cut nothing since (the two ranges meet), else with a planner of its own.
        /// </summary>
        private void PlanFirst(
            LinkedList<PendingRead> pending, TimeWindow range, long estimate, IEnumerable<long> sample, double density, bool chains)
        {
            if (pending.First?.Value.Planner is SlicePlanner next && next.HasMore && next.Chains == chains && next.Follows(range))
            {
                next.Prepend(range, estimate, density, sample);
                return;
            }
            pending.AddFirst(PendingRead.Of(_requests.Planner(range, estimate, density, sample, chains)));
        }

        private List<long> SecondsInReadingOrder(List<PaymentAnnotation> payments, TimeWindow range)
        {
            List<long> seconds = payments.Select(p => _context.SecondOf(p, range)).ToList();
            seconds.Sort();
            if (Descending) seconds.Reverse();
            return seconds;
        }

        /// <summary>
        /// Payments per second where a page of a range's first payments ends: the best guess for what follows it
        /// (inside a sale it is the sale's density, not the quiet hours before it).
        /// </summary>
        private double DensityAtEnd(List<PaymentAnnotation> page, TimeWindow range)
        {
            if (page.Count < 4) return 0;
            var distances = page.Select(p => range.DistanceFromFront(_context.SecondOf(p, range), Descending)).ToList();
            distances.Sort();
            int last = distances.Count - 1, from = distances.Count / 2;
            return (last - from) / (double)(distances[last] - distances[from] + 1);
        }
    }
}
