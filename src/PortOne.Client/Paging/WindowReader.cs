using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
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
    /// <item>cancelled and failed, requested in "updated" order, which is close to their status time: a chain of pages
    /// by offset, all sent at once, written only once one count of their range matches (PageChain);</item>
    /// <item>status all (read again at its end; see EachStatusReader for the rest): it is cut again, narrower, where
    /// its page shows the payments lie;</item>
    /// <item>one second: the crowded-second reader.</item>
    /// </list>
    /// Every request completes a slice, or leaves a strictly narrower range, so a read always ends. Each slice's
    /// payments are written in PaymentOrder, slices in reading order: the order follows the data, never the cutting.
    /// Answers are read as they come, not only in their turn: what they prove waits in their place, so the chains and
    /// re-cuts behind the slice being written go on meanwhile.
    /// </summary>
    internal sealed class WindowReader
    {
        private readonly ReadContext _context;
        private readonly CrowdedSecondReader _crowded;
        private readonly SliceRequests _requests;
        private readonly CountedChainReader _counted;

        /// <summary>The window being read, and how much of it the caller may still take.</summary>
        private LinkedList<PendingRead>? _pending;
        private Func<long>? _wanted;

        /// <summary>True while the read is at work (not waiting between two payments): GoOn() then does nothing.</summary>
        private bool _busy;

        public WindowReader(ReadContext context)
        {
            _context = context;
            _crowded = new CrowdedSecondReader(context);
            _requests = new SliceRequests(context);
            _counted = new CountedChainReader(context, _requests);
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
        /// only as far as that needs). The first request goes out now, before the payments are asked for, so that
        /// readers side by side (status all) wait for their first answers together.
        /// </summary>
        public IEnumerable<PaymentAnnotation> Read(TimeWindow window, int firstLimit, Func<long> wanted)
        {
            _requests.Sent = 0;
            FirstTotal = null;
            var pending = new LinkedList<PendingRead>();
            // Cancelled and failed write nothing before a count proves their first chain: a small first page would
            // bring nothing sooner, and a page at the read's size may make the whole window one chain.
            if (_context.ChainsPages && !_context.HasExactSort) firstLimit = Math.Max(firstLimit, _context.PageSize);
            pending.AddFirst(PendingRead.Of(new Slice(window, firstLimit, null) { Limit = firstLimit }));
            GoOn(pending, wanted());
            _pending = pending;
            _wanted = wanted;
            return Written(pending, wanted);
        }

        /// <summary>
        /// Sends and reads ahead for the window being read, where this reader is waiting between two payments (status
        /// all: another status's reader is about to wait for an answer, and this one's chains should not wait with it).
        /// </summary>
        public void GoOn()
        {
            if (_pending == null || _busy) return;
            _busy = true;
            try
            {
                GoOn(_pending, _wanted!());
            }
            finally
            {
                _busy = false;
            }
        }

        private IEnumerable<PaymentAnnotation> Written(LinkedList<PendingRead> pending, Func<long> wanted)
        {
            _busy = true;
            try
            {
                while (pending.Count > 0)
                {
                    GoOn(pending, wanted());
                    if (pending.Count == 0) break;
                    while (!IsOut(pending.First!.Value))
                    {
                        // Every request that may run at once is out, for later slices or other statuses: one must end.
                        _context.Requests.WaitUntilOneMayGo();
                        GoOn(pending, wanted());
                    }
                    LinkedListNode<PendingRead> first = pending.First!;
                    var place = new PendingPlace(pending, first.Next);
                    pending.Remove(first);
                    PendingRead next = first.Value;
                    IEnumerable<PaymentAnnotation> written = next.Payments ?? ReadAnswer(place, next,
                        next.Check != null ? _context.Requests.Receive(next.Check.Count!) : _counted.Receive(next.Slice!));
                    int sinceLastLook = 0;
                    foreach (PaymentAnnotation payment in written)
                    {
                        _busy = false;
                        yield return payment;
                        _busy = true;
                        // While a caller takes its time over a page, the answers that came meanwhile are read on.
                        if (++sinceLastLook % 64 == 0) GoOn(pending, wanted());
                    }
                }
            }
            finally
            {
                foreach (PendingRead entry in pending)
                {
                    if (entry.Slice?.Sent is SentRequest sent) _context.Requests.Abandon(sent);
                    if (entry.Check?.Count is SentRequest count) _context.Requests.Abandon(count);
                }
                _requests.Holding(0);
                _pending = null;
                _busy = false;
            }
        }

        /// <summary>True where the entry's request is out, or it needs none.</summary>
        private static bool IsOut(PendingRead entry) =>
            entry.Slice?.Sent != null || entry.Check?.Count != null || entry.Payments != null;

        /// <summary>
        /// Sends what may go out, and reads the answers that have come behind the first entry, in their places, so that
        /// their chains and re-cuts go on at once rather than in their turn; until neither finds anything to do.
        /// </summary>
        private void GoOn(LinkedList<PendingRead> pending, long wanted)
        {
            do _requests.SendAhead(pending, wanted);
            while (ReadAhead(pending));
        }

        /// <summary>Reads every good answer that has come behind the first entry; true where there was one.</summary>
        private bool ReadAhead(LinkedList<PendingRead> pending)
        {
            bool read = false;
            for (LinkedListNode<PendingRead>? node = pending.First?.Next; node != null;)
            {
                LinkedListNode<PendingRead>? next = node.Next;
                read |= ReadAhead(pending, node);
                node = next;
            }
            return read;
        }

        /// <summary>
        /// Reads one entry's answer where it has come and is good, and puts what it lets be written, and what is left to
        /// read, in the entry's place. False where it has not (it waits its turn, an error surfacing after every payment
        /// before it).
        /// </summary>
        private bool ReadAhead(LinkedList<PendingRead> pending, LinkedListNode<PendingRead> node)
        {
            PendingRead entry = node.Value;
            PaymentPage? answer;
            if (entry.Check?.Count is SentRequest count) answer = _context.Requests.ReceiveIfGood(count);
            else if (entry.Slice is Slice slice && slice.Sent != null && !Crowded(slice)) answer = _context.Requests.ReceiveIfGood(slice.Sent);
            else return false;
            if (answer == null) return false;
            var place = new PendingPlace(pending, node.Next);
            pending.Remove(node);
            List<PaymentAnnotation> payments = ReadAnswer(place, entry, answer);
            if (payments.Count > 0) place.AddFirst(PendingRead.Written(payments));
            return true;
        }

        /// <summary>What an entry's answer lets be written (a chain's count, or a slice's page), the rest put in its place.</summary>
        private List<PaymentAnnotation> ReadAnswer(PendingPlace place, PendingRead entry, PaymentPage answer) =>
            entry.Check != null ? Checked(place, entry.Check, answer.Total) : Read(place, entry.Slice!, answer);

        /// <summary>
        /// True where the slice's answer has come and shows a crowded second: that is read pass after pass, waiting for
        /// each, so it waits for its turn.
        /// </summary>
        private static bool Crowded(Slice slice) =>
            slice.Range.IsOneSecond && slice.Sent!.Answer.Status == TaskStatus.RanToCompletion &&
            slice.Sent.Answer.Result.Total > (slice.Sent.Answer.Result.List?.Count ?? 0);

        /// <summary>Reads a slice's answer: what can be written now, and what is left to read put in its place.</summary>
        private List<PaymentAnnotation> Read(PendingPlace pending, Slice slice, PaymentPage page)
        {
            if (FirstTotal == null)
            {
                FirstTotal = page.Total;
                Counted?.Invoke(page.Total);
            }
            slice.Planner?.Learn(slice, page.Total);
            _context.PageRead();
            List<PaymentAnnotation> list = page.List!;
            if (slice.Chain != null && !_context.HasExactSort)
            {
                _counted.Read(pending, slice, page);
                return new List<PaymentAnnotation>();
            }
            if (page.Total <= list.Count || slice.Range.IsOneSecond)
            {
                if (page.Total > list.Count) list = _crowded.Read(slice.Range.From, page);
                else _context.Order.Sort(list, slice.Range.FirstSecond(Descending));
                return list;
            }
            bool statusTimesKnown = list.All(p => StatusTime.Of(p, _context.Status).HasValue);
            bool inChain = (slice.Planner?.Chains ?? false) || slice.Chain != null;
            bool windowStart = slice.Planner == null && slice.Chain == null;
            if (inChain && statusTimesKnown && _context.HasExactSort) return ReadOn(pending, slice, page);
            // A counted chain where the planner meant one, or where a window's first page, asked at the read's page
            // size, shows the window is no longer than one.
            bool wholeWindow = windowStart && !_context.HasExactSort && _context.ChainsPages && slice.Sent!.Request.Limit == _context.PageSize;
            if ((inChain || wholeWindow) && statusTimesKnown && _counted.Fits(page, slice.Sent!.Request.Limit))
            {
                _counted.Start(pending, slice, page);
                return new List<PaymentAnnotation>();
            }
            if (windowStart && _context.HasExactSort && statusTimesKnown)
            {
                // A window's first page, in status-time order: what it proves is written, the rest planned in chains.
                return ReadOn(pending, slice, page);
            }
            if (windowStart && _context.ChainsPages && statusTimesKnown)
            {
                CountFront(pending, slice.Range, page);
                return new List<PaymentAnnotation>();
            }
            // A chain too long for one count (the planner's guess was short) is cut again into chains, by its count
            // alone: a page in "updated" order may spread over the whole range, and cut by it nothing would narrow.
            // Status all's slices (read again at its end), and pages whose times are unknown: slices of one page.
            bool recut = _context.ChainsPages && inChain && statusTimesKnown;
            PlanFirst(pending, slice.Range, page.Total,
                recut ? Enumerable.Empty<long>() : PageSample.SecondsInReadingOrder(_context, list, slice.Range),
                recut ? 0 : PageSample.DensityAtEnd(_context, list, slice.Range), chains: recut);
            return new List<PaymentAnnotation>();
        }

        /// <summary>
        /// Cancelled and failed: a window's first page, the window too long for one chain. What the page holds before its
        /// last second is held as a chain of its own, proven by one count, so the first payments come after two answers
        /// rather than after a whole chain; the rest of the window is planned in chains behind it.
        /// </summary>
        private void CountFront(PendingPlace pending, TimeWindow range, PaymentPage page)
        {
            List<PaymentAnnotation> list = page.List!;
            List<long> seconds = PageSample.SecondsInReadingOrder(_context, list, range);
            long edge = seconds[seconds.Count - 1];
            long front = range.FirstSecond(Descending);
            var before = list.Where(p => _context.SecondOf(p, range) != edge).ToList();
            PlanFirst(pending, range.OnwardFrom(edge, Descending), page.Total - before.Count, seconds.Where(second => second == edge),
                PageSample.DensityAtEnd(_context, list, range), chains: true);
            if (before.Count == 0) return;
            var chain = new PageChain(Descending ? new TimeWindow(edge + 1, front) : new TimeWindow(front, edge - 1)) { Guessed = true };
            chain.Hold(before);
            pending.AddFirst(PendingRead.Checking(chain));
        }

        /// <summary>
        /// A page of a chain in exact status-time order that did not hold its whole range: every payment before its last
        /// payment's second is in it, and is written; the chain goes on from that second. Where the page holds nothing but
        /// the range's first second, that second is read alone (it holds a page or more), then the rest.
        /// </summary>
        private List<PaymentAnnotation> ReadOn(PendingPlace pending, Slice slice, PaymentPage page)
        {
            TimeWindow range = slice.Range;
            List<PaymentAnnotation> list = page.List!;
            long edge = _context.SecondOf(list[list.Count - 1], range);
            long front = range.FirstSecond(Descending);
            bool windowStart = slice.Planner == null && slice.Chain == null;
            if (edge == front)
            {
                // After the crowded second, a chain of its own goes on.
                if (range.AfterFront(1, Descending) is TimeWindow after)
                {
                    pending.AddFirst(PendingRead.Of(new Slice(after, page.Total - list.Count, null) { Chain = new PageChain(after) }));
                }
                pending.AddFirst(PendingRead.Of(new Slice(range.Front(1, Descending), list.Count, null)));
                return new List<PaymentAnnotation>();
            }
            var before = list.Where(p => _context.SecondOf(p, range) != edge).ToList();
            TimeWindow rest = range.OnwardFrom(edge, Descending);
            long left = page.Total - before.Count;
            if (windowStart)
            {
                PlanFirst(pending, rest, left, Enumerable.Repeat(edge, list.Count - before.Count), PageSample.DensityAtEnd(_context, list, range),
                    chains: true);
            }
            else
            {
                pending.AddFirst(PendingRead.Of(new Slice(rest, left, null) { Chain = slice.Chain ?? new PageChain(range) }));
            }
            _context.Order.Sort(before, front);
            return before;
        }

        /// <summary>
        /// The held payments where the count matches; else, once, the seconds where its pages met, read whole and counted
        /// again; else their range, read again in slices of one page.
        /// </summary>
        private List<PaymentAnnotation> Checked(PendingPlace pending, PageChain chain, long count)
        {
            if (count == chain.Held.Count)
            {
                _context.Order.Sort(chain.Held, chain.Range.FirstSecond(Descending));
                return chain.Held;
            }
            if (CountedChainReader.Mend(pending, chain)) return new List<PaymentAnnotation>();
            PlanFirst(pending, chain.Range, count, PageSample.SecondsInReadingOrder(_context, chain.Held, chain.Range), 0, chains: chain.Guessed);
            return new List<PaymentAnnotation>();
        }

        /// <summary>
        /// Puts a range to be cut at the front of what is left to read: joined to the planner behind it where that
        /// planner has cut nothing since (the two ranges meet), else with a planner of its own.
        /// </summary>
        private void PlanFirst(
            PendingPlace pending, TimeWindow range, long estimate, IEnumerable<long> sample, double density, bool chains)
        {
            if (pending.First?.Planner is SlicePlanner next && next.HasMore && next.Chains == chains && next.Follows(range))
            {
                next.Prepend(range, estimate, density, sample);
                return;
            }
            pending.AddFirst(PendingRead.Of(_requests.Planner(range, estimate, density, sample, chains)));
        }
    }
}
