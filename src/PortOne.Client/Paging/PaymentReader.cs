using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Diagnostics;
using PortOne.Json;

namespace PortOne.Paging
{
    /// <summary>Sends one by-status request (path and query) and returns its page.</summary>
    internal delegate Task<PaymentPage> PageSource(string pathAndQuery, CancellationToken cancellationToken);

    /// <summary>
    /// Plans, requests and reads one by-status query: the one place that knows how payments are paged.
    ///
    /// Completeness over live data comes from time slices. Each 90-day window is read as slices of the status's
    /// own time (the field the API's from/to filter on) that each fit in one page. A payment that stays in the
    /// result set keeps its status time, so it stays in its slice whatever else changes, and a slice read in one
    /// request cannot lose it to a shift between pages. A slice that turns out larger than a page is read again
    /// as narrower slices (or, where the sort is the status time, from its last payment on); a single second
    /// holding more than a page is read by offset in start order and checked, and where it changed while read the
    /// reader reports PortOne.DataChanged rather than guess. Payments are de-duplicated by imp_uid.
    ///
    /// Order: a window's first request asks for its head in the requested order, so the first payment arrives
    /// after one round trip and `Select-Object -First 3` costs one request. Where the sort is the status time
    /// (ready by started, paid by paid) the slices continue that exact order; otherwise slices follow the status
    /// time in the sort's direction, each in the requested order.
    ///
    /// Speed: up to MaxPagesInFlight slices are requested ahead while the current one streams, but only once the
    /// caller reads past the first page, and only as many as -First still needs. Leaving the enumeration cancels
    /// what is in flight and waits for it before returning.
    /// </summary>
    internal sealed class PaymentReader
    {
        /// <summary>How long leaving an enumeration waits for cancelled requests to finish.</summary>
        private static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(5);

        private readonly PaymentQuery _query;
        private readonly PageSource _source;
        private readonly IPortOneEvents _events;
        private readonly PaymentSort _sort;
        private readonly bool _descending;
        private readonly bool _sortIsStatusTime;
        private readonly int _pageSize;
        private readonly int _inFlight;

        public PaymentReader(PaymentQuery query, PageSource source, IPortOneEvents events)
        {
            _query = query;
            _source = source;
            _events = events;
            _sort = query.EffectiveSort;
            _descending = _sort.IsDescending();
            _sortIsStatusTime = StatusTime.IsSortKey(query.Status, _sort);
            _pageSize = Math.Max(1, Math.Min(PaymentQuery.DefaultPageSize, query.PageSize));
            _inFlight = Math.Max(1, query.MaxPagesInFlight);
        }

        /// <summary>The windows this query reads, pinned now: every request of one enumeration stays inside them.</summary>
        public List<TimeWindow> PlanWindows()
        {
            long to = (_query.To ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
            long from = _query.From?.ToUnixTimeSeconds() ?? to - WindowPlanner.MaxWindowSeconds;
            return WindowPlanner.Plan(from, to, _descending);
        }

        /// <summary>How many payments the whole range holds: one one-item request per window.</summary>
        public long CountTotal(List<TimeWindow> windows, CancellationToken cancellationToken) =>
            windows.Sum(window => Count(window, cancellationToken));

        public IEnumerable<PaymentAnnotation> Read(List<TimeWindow> windows, CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var wanted = new Wanted(_query.Skip, _query.First ?? long.MaxValue);
            var seen = new ImpUidSet();
            var progress = new PageProgress { WindowCount = windows.Count };
            bool firstRequest = true;
            try
            {
                for (int w = 0; w < windows.Count && wanted.Left > 0; w++)
                {
                    TimeWindow window = windows[w];
                    if (wanted.ToSkip > 0)
                    {
                        // A window the skip passes whole costs a one-item request, not its pages.
                        long total = Count(window, stop.Token);
                        if (total <= wanted.ToSkip)
                        {
                            wanted.ToSkip -= total;
                            continue;
                        }
                    }
                    // The command's very first request is small: it decides how soon the first payment shows. Its size
                    // does not depend on -Skip, so -Skip N returns exactly what follows the first N payments.
                    int firstLimit = firstRequest ? Math.Min(PaymentQuery.FirstPageSize, _pageSize) : _pageSize;
                    firstLimit = (int)Math.Min(firstLimit, wanted.Total);
                    firstRequest = false;

                    progress.WindowNumber = w + 1;
                    progress.WindowFrom = window.FromLocal;
                    progress.WindowTo = window.ToLocal;
                    foreach (PaymentAnnotation payment in ReadWindow(window, firstLimit, wanted, progress, stop))
                    {
                        if (!seen.Add(payment.ImpUid)) continue;
                        if (wanted.ToSkip > 0)
                        {
                            wanted.ToSkip--;
                            continue;
                        }
                        progress.Written++;
                        yield return payment;
                        if (--wanted.Left == 0) yield break;
                    }
                }
            }
            finally
            {
                stop.Cancel();
            }
        }

        /// <summary>One window: its head in the requested order, then the rest as slices, in reading order.</summary>
        private IEnumerable<PaymentAnnotation> ReadWindow(TimeWindow window, int firstLimit, Wanted wanted, PageProgress progress, CancellationTokenSource stop)
        {
            CancellationToken cancellationToken = stop.Token;
            var budget = new RequestBudget(window, _pageSize);
            PaymentPage head = Wait(Request(window, 1, firstLimit, _sort, budget, cancellationToken), window);
            budget.Allow(head.Total);
            List<PaymentAnnotation> headList = head.List ?? new List<PaymentAnnotation>();
            var pending = new LinkedList<Slice>();
            Report(progress, 1, 0, head.Total);
            foreach (PaymentAnnotation payment in headList) yield return payment;
            if (head.Total <= headList.Count) yield break;

            (TimeWindow afterHead, long afterHeadTotal) = _sortIsStatusTime && headList.Count > 0 ? RestAfter(window, headList, head.Total) : (window, head.Total);
            var planner = new SlicePlanner(afterHead, afterHeadTotal, DensityNearStart(window, headList), _pageSize, PagesHeld, _descending);

            int requests = 1;
            try
            {
                while (pending.Count > 0 || planner.HasMore)
                {
                    RequestAhead(pending, planner, wanted, budget, cancellationToken);
                    Slice slice = pending.First!.Value;
                    pending.RemoveFirst();
                    PaymentPage page = Wait(slice.Answer!, slice.Range);
                    List<PaymentAnnotation> list = page.List ?? new List<PaymentAnnotation>();
                    planner.Learn(slice, page.Total);
                    Report(progress, ++requests, pending.Count + planner.Remaining, head.Total);
                    if (page.Total <= list.Count)
                    {
                        foreach (PaymentAnnotation payment in list) yield return payment;
                        continue;
                    }

                    // More than a page: the slice held more than planned (payments bunch up, or arrived meanwhile).
                    long firstSecond = slice.Range.FirstSecond(_descending);
                    bool firstSecondIsFull = slice.Range.IsOneSecond ||
                        (_sortIsStatusTime && list.Count > 0 && StatusSecond(list[list.Count - 1], slice.Range) == firstSecond);
                    if (firstSecondIsFull)
                    {
                        long secondTotal = 0;
                        foreach (PaymentAnnotation payment in ReadSecond(firstSecond, budget, stop, total => secondTotal = total))
                        {
                            yield return payment;
                        }
                        TimeWindow? rest = slice.Range.WithoutFirstSecond(_descending);
                        if (rest.HasValue) AddFirst(pending, Plan(rest.Value, page.Total - secondTotal));
                    }
                    else if (_sortIsStatusTime && list.Count > 0)
                    {
                        foreach (PaymentAnnotation payment in list) yield return payment;
                        (TimeWindow sliceRest, long sliceRestTotal) = RestAfter(slice.Range, list, page.Total);
                        AddFirst(pending, Plan(sliceRest, sliceRestTotal));
                    }
                    else
                    {
                        // Its first page is in -Sort order across the whole slice: read it again as narrower slices.
                        AddFirst(pending, Plan(slice.Range, page.Total));
                    }
                }
            }
            finally
            {
                Abandon(pending.Select(s => s.Answer), stop);
            }
        }

        /// <summary>
        /// Where the sort is the status time, a first page holds every payment of its range before its last payment's
        /// second: what is left starts at that second and holds the payments the page does not.
        /// </summary>
        private (TimeWindow Range, long Total) RestAfter(TimeWindow range, List<PaymentAnnotation> page, long total)
        {
            long edge = StatusSecond(page[page.Count - 1], range);
            return (range.Remainder(edge, _descending), total - page.Count(p => StatusSecond(p, range) != edge));
        }

        /// <summary>
        /// Payments per second near where the window's reading starts, as its head shows them: half the head lies
        /// within the median distance. Recent payments are often denser than the window's average (a growing shop),
        /// and the first slices are sent before any of them has answered. A head in another order is only a rough
        /// sample of it, but the planner takes the higher of this and the average, and a slice cut too narrow costs
        /// less than one that overflows.
        /// </summary>
        private double DensityNearStart(TimeWindow window, List<PaymentAnnotation> head)
        {
            long start = window.FirstSecond(_descending);
            List<long> distances = head.Select(p => StatusTime.Of(p, _query.Status)).Where(t => t.HasValue && window.Contains(t.Value))
                .Select(t => Math.Abs(t!.Value - start) + 1).OrderBy(d => d).ToList();
            return distances.Count < 2 ? 0 : distances.Count / 2.0 / distances[distances.Count / 2];
        }

        /// <summary>
        /// One second that holds more than a page. Nothing narrower can be asked for, so it is read by offset in start
        /// order (start times never change, so only payments leaving or arriving can shift the pages) and checked: every
        /// page must report the same total and the pages together must hold exactly that many payments.
        /// </summary>
        private IEnumerable<PaymentAnnotation> ReadSecond(long second, RequestBudget budget, CancellationTokenSource stop, Action<long> reportTotal)
        {
            CancellationToken cancellationToken = stop.Token;
            var range = new TimeWindow(second, second);
            PaymentPage first = Wait(Request(range, 1, _pageSize, PaymentSort.StartedAscending, budget, cancellationToken), range);
            reportTotal(first.Total);
            int pages = (int)Math.Min(int.MaxValue, (first.Total + _pageSize - 1) / _pageSize);
            var inFlight = new Queue<Task<PaymentPage>>();
            var distinct = new ImpUidSet();
            long distinctCount = 0;
            bool changed = false;
            try
            {
                int nextPage = 2;
                PaymentPage page = first;
                for (int number = 1; ; number++)
                {
                    List<PaymentAnnotation> list = page.List ?? new List<PaymentAnnotation>();
                    int fresh = 0;
                    foreach (PaymentAnnotation payment in list)
                    {
                        if (!distinct.Add(payment.ImpUid)) continue;
                        fresh++;
                        yield return payment;
                    }
                    distinctCount += fresh;
                    changed |= page.Total != first.Total;
                    if (number > 1 && fresh == 0 && list.Count > 0)
                    {
                        throw Stalled($"page {number} of the second {range.FromLocal:yyyy-MM-dd HH:mm:ss zzz} repeats only payments already read");
                    }
                    while (inFlight.Count < _inFlight && nextPage <= pages)
                    {
                        inFlight.Enqueue(Request(range, nextPage++, _pageSize, PaymentSort.StartedAscending, budget, cancellationToken));
                    }
                    if (inFlight.Count == 0) break;
                    PaymentPage? next = WaitUnlessPastTheEnd(inFlight.Dequeue(), range);
                    if (next == null)
                    {
                        changed = true; // the second shrank under its pages
                        break;
                    }
                    page = next;
                }
            }
            finally
            {
                Abandon(inFlight, stop);
            }
            if (changed || distinctCount != first.Total)
            {
                _events.NonTerminatingError(new PortOneException(PortOneErrorKind.DataChanged,
                    string.Format(CultureInfo.InvariantCulture,
                        "{0:N0} {1} payments share the second {2:yyyy-MM-dd HH:mm:ss zzz}, more than one page, and they changed while they were read " +
                        "({3:N0} read of {4:N0}): a payment of that second may be missing or out of date.",
                        first.Total, _query.Status.ToApiString(), range.FromLocal, distinctCount, first.Total),
                    string.Format(CultureInfo.InvariantCulture,
                        "Read that second again once it has settled, for example: Get-PortOnePayment -Status {0} -From '{1:yyyy-MM-dd HH:mm:ss zzz}' -To '{1:yyyy-MM-dd HH:mm:ss zzz}'.",
                        _query.Status, range.FromLocal)));
            }
        }

        /// <summary>Requests the head slice, then slices ahead of it while there is room in flight and -First still wants more.</summary>
        /// <summary>
        /// Answers read ahead of the output at most: a few more than the requests in flight, so that a slice cut again
        /// after it overflowed goes out at once while the answers behind it wait. It is also how far back a new slice
        /// learns the density from (SlicePlanner), the one slice that is sure to have been read by then.
        /// </summary>
        private int PagesHeld => _inFlight + 4;

        private void RequestAhead(LinkedList<Slice> pending, SlicePlanner planner, Wanted wanted, RequestBudget budget, CancellationToken cancellationToken)
        {
            // Requests still running bound the load on PortOne; answers not yet read, the pages held in memory.
            int running = pending.Count(s => s.Answer != null && !s.Answer.IsCompleted);
            int held = pending.Count(s => s.Answer != null);
            long expected = 0;
            for (LinkedListNode<Slice>? node = pending.First; ; node = node.Next)
            {
                // The slice the output waits for is always requested; those behind it while there is room and need.
                bool isHead = node == pending.First;
                if (node?.Value.Answer == null && !isHead && (running >= _inFlight || held >= PagesHeld || expected >= wanted.Total))
                {
                    return;
                }
                if (node == null)
                {
                    if (!planner.HasMore) return;
                    node = pending.AddLast(planner.Next()); // cut only when it is sent: it learns from what was read by then
                }
                Slice slice = node.Value;
                if (slice.Answer == null)
                {
                    slice.Answer = Request(slice.Range, 1, _pageSize, _sort, budget, cancellationToken);
                    running++;
                    held++;
                }
                expected += slice.Estimate;
            }
        }

        /// <summary>
        /// Cuts a range known to hold <paramref name="estimate"/> payments into equal lengths of time that each fit a
        /// page (at least two, where the range is known to hold more than a page).
        /// </summary>
        private List<Slice> Plan(TimeWindow range, long estimate)
        {
            int parts = (int)Math.Min(int.MaxValue, Math.Ceiling(Math.Max(1, estimate) / (_pageSize * SlicePlanner.Fill)));
            if (estimate > _pageSize) parts = Math.Max(2, parts);
            List<TimeWindow> pieces = range.Split(parts, _descending);
            long each = Math.Max(1, estimate / pieces.Count);
            return pieces.Select(piece => new Slice(piece, each)).ToList();
        }

        private static void AddFirst(LinkedList<Slice> pending, List<Slice> slices)
        {
            for (int i = slices.Count - 1; i >= 0; i--) pending.AddFirst(slices[i]);
        }

        private long Count(TimeWindow window, CancellationToken cancellationToken) =>
            Wait(Request(window, 1, 1, _sort, null, cancellationToken), window).Total;

        private Task<PaymentPage> Request(TimeWindow range, int page, int limit, PaymentSort sort, RequestBudget? budget, CancellationToken cancellationToken)
        {
            budget?.Spend();
            return _source(
                string.Format(CultureInfo.InvariantCulture, "payments/status/{0}?page={1}&limit={2}&from={3}&to={4}&sorting={5}",
                    _query.Status.ToApiString(), page, limit, range.From, range.To, Uri.EscapeDataString(sort.ToApiString())),
                cancellationToken);
        }

        /// <summary>Waits for a page and checks that the API kept to the range asked: one that ignores from/to would never end.</summary>
        private PaymentPage Wait(Task<PaymentPage> answer, TimeWindow range)
        {
            PaymentPage page = answer.GetAwaiter().GetResult();
            foreach (PaymentAnnotation payment in page.List ?? Enumerable.Empty<PaymentAnnotation>())
            {
                long? second = StatusTime.Of(payment, _query.Status);
                if (second.HasValue && !range.Contains(second.Value))
                {
                    throw Stalled(string.Format(CultureInfo.InvariantCulture,
                        "payment {0} ({1}) has its status time at {2}, outside the requested range {3}",
                        payment.ImpUid, payment.Status, second.Value, range));
                }
            }
            return page;
        }

        /// <summary>A later page of an offset read, or null where the API says it lies past the end (the data shrank).</summary>
        private PaymentPage? WaitUnlessPastTheEnd(Task<PaymentPage> answer, TimeWindow range)
        {
            try
            {
                return Wait(answer, range);
            }
            catch (PortOneException e) when (e.Kind == PortOneErrorKind.ApiError && e.HttpStatus == 400)
            {
                return null;
            }
        }

        /// <summary>A payment's status time; a status this client does not know sorts with the range's first second.</summary>
        private long StatusSecond(PaymentAnnotation payment, TimeWindow range) =>
            StatusTime.Of(payment, _query.Status) ?? range.FirstSecond(_descending);

        private void Report(PageProgress progress, int requests, int requestsLeft, long windowTotal)
        {
            progress.Page = requests;
            progress.PageCount = requests + requestsLeft;
            progress.WindowTotal = windowTotal;
            _events.PageRead(progress);
        }

        /// <summary>
        /// Requests still running when a read ends early (the pipeline stopped, or a failure) are cancelled, and the
        /// command waits (briefly) until they have stopped, so none outlives it.
        /// </summary>
        private static void Abandon(IEnumerable<Task<PaymentPage>?> answers, CancellationTokenSource stop)
        {
            Task[] running = answers.Where(a => a != null && !a.IsCompleted).Cast<Task>().ToArray();
            if (running.Length == 0) return;
            stop.Cancel();
            try
            {
                Task.WaitAll(running, CancelWait);
            }
            catch (AggregateException)
            {
                // Cancelled or failed: either way nobody reads them.
            }
        }

        internal static PortOneException Stalled(string what) =>
            new PortOneException(PortOneErrorKind.PagingStalled,
                $"Paging stopped because the API's answers are inconsistent: {what}.",
                "Run the command again; if it persists, narrow -From/-To or report it to PortOne with the -Verbose output.");

        /// <summary>What the caller still wants: payments to pass over, then payments to return.</summary>
        private sealed class Wanted
        {
            public Wanted(long toSkip, long left)
            {
                ToSkip = toSkip;
                Left = left;
            }

            public long ToSkip { get; set; }
            public long Left { get; set; }
            public long Total => Left == long.MaxValue ? long.MaxValue : ToSkip + Left;
        }

        /// <summary>
        /// The guard on every paging loop: a window needs about one request per page of its payments; one that
        /// keeps asking for many times that is talking to an API that does not keep to page, from or to.
        /// </summary>
        private sealed class RequestBudget
        {
            private readonly TimeWindow _window;
            private long _left;

            public RequestBudget(TimeWindow window, int pageSize)
            {
                _window = window;
                _left = 64;
                PageSize = pageSize;
            }

            private int PageSize { get; }

            /// <summary>Raises the budget once the window's size is known.</summary>
            public void Allow(long total) => _left = Math.Max(_left, 64 + 4 * ((total + PageSize - 1) / PageSize));

            public void Spend()
            {
                if (--_left < 0)
                {
                    throw Stalled($"the window {_window} took far more requests than its payments need");
                }
            }
        }
    }
}
