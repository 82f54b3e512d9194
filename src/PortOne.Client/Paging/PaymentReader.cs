using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Diagnostics;
using PortOne.Json;

namespace PortOne.Paging
{
    /// <summary>Fetches one page of one window; the reader decides which.</summary>
    internal delegate Task<PaymentPage> PageFetcher(TimeWindow window, int page, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Turns a query into a lazy stream of payments: 90-day windows in sort order, pages within each window, every
    /// payment yielded as soon as its page is parsed and never twice. Pages are read in a loop (never recursion);
    /// later pages are requested ahead only once the caller has asked past the first page, so
    /// `Select-Object -First 3` costs one request. Leaving the enumeration cancels whatever is still in flight.
    /// </summary>
    internal sealed class PaymentReader
    {
        private readonly PaymentQuery _query;
        private readonly PageFetcher _fetch;
        private readonly IPortOneEvents _events;

        public PaymentReader(PaymentQuery query, PageFetcher fetch, IPortOneEvents events)
        {
            _query = query;
            _fetch = fetch;
            _events = events;
        }

        /// <summary>The windows this query reads, pinned now: every page of one enumeration sends the same from/to.</summary>
        public List<TimeWindow> PlanWindows()
        {
            long to = (_query.To ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
            long from = _query.From?.ToUnixTimeSeconds() ?? to - WindowPlanner.MaxWindowSeconds;
            return WindowPlanner.Plan(from, to, _query.EffectiveSort.IsDescending());
        }

        /// <summary>How many payments the whole range holds: one one-item request per window.</summary>
        public long CountTotal(List<TimeWindow> windows, CancellationToken cancellationToken) =>
            windows.Sum(window => Wait(_fetch(window, 1, 1, cancellationToken)).Total);

        public IEnumerable<PaymentAnnotation> Read(List<TimeWindow> windows, CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            long toSkip = _query.Skip;
            long left = _query.First ?? long.MaxValue;
            int limit = _query.Skip == 0 && left < _query.PageSize ? (int)left : _query.PageSize;
            var seen = new ImpUidSet();
            var progress = new PageProgress { WindowCount = windows.Count };
            bool firstRead = true;

            for (int w = 0; w < windows.Count && left > 0; w++)
            {
                TimeWindow window = windows[w];
                int startPage = 1;
                int dropFromFirstPage = 0;
                if (toSkip > 0)
                {
                    // Learn the window's size with a one-item request, so -Skip jumps to the right page.
                    long total = Wait(_fetch(window, 1, 1, stop.Token)).Total;
                    if (toSkip >= total)
                    {
                        toSkip -= total;
                        continue;
                    }
                    startPage = (int)(toSkip / limit) + 1;
                    dropFromFirstPage = (int)(toSkip % limit);
                    toSkip = 0;
                }

                // Only the very first request of a command is small: it decides how soon the first payment shows.
                int lead = firstRead && startPage == 1 && limit > PaymentQuery.FirstPageSize && limit % PaymentQuery.FirstPageSize == 0
                    ? PaymentQuery.FirstPageSize : 0;
                firstRead = false;
                long wantedEnd = left == long.MaxValue ? long.MaxValue : (startPage - 1L) * limit + dropFromFirstPage + left;
                IEnumerable<PageRead> pages = _query.CanPageByKey
                    ? PagesByKey(window, startPage, limit, lead, stop.Token)
                    : PagesByOffset(window, new RequestPlan(startPage, limit, lead), wantedEnd, stop.Token);

                progress.WindowNumber = w + 1;
                progress.WindowFrom = window.FromLocal;
                progress.WindowTo = window.ToLocal;
                foreach (PageRead page in pages)
                {
                    progress.Page = page.Number;
                    progress.PageCount = Math.Max(page.Number, page.Count);
                    progress.WindowTotal = page.Result.Total;
                    _events.PageRead(progress);
                    foreach (PaymentAnnotation payment in page.Result.List ?? Enumerable.Empty<PaymentAnnotation>())
                    {
                        if (dropFromFirstPage > 0)
                        {
                            dropFromFirstPage--;
                            continue;
                        }
                        if (!seen.Add(payment.ImpUid)) continue;
                        progress.Written++;
                        yield return payment;
                        if (--left == 0) yield break;
                    }
                }
            }
            stop.Cancel();
        }

        /// <summary>
        /// Offset paging with the window pinned. The first request alone; once the caller wants more, up to
        /// MaxPagesInFlight further requests while earlier pages stream, consumed in order.
        /// </summary>
        private IEnumerable<PageRead> PagesByOffset(TimeWindow window, RequestPlan plan, long wantedEnd, CancellationToken cancellationToken)
        {
            PageSlot firstSlot = plan[0];
            PaymentPage first = Wait(_fetch(window, firstSlot.Page, firstSlot.Limit, cancellationToken));
            yield return new PageRead(1, plan.CountFor(first.Total), first);
            if (first.Next == 0 || firstSlot.Offset + firstSlot.Limit >= wantedEnd) yield break;
            EnsureAdvances(firstSlot, first);

            long end = Math.Min(first.Total, wantedEnd);
            int consumed = 1;
            int nextToRequest = 1;
            bool warnedOfChange = false;
            var inFlight = new Queue<(PageSlot Slot, Task<PaymentPage> Result)>();
            try
            {
                while (true)
                {
                    // Request ahead what the total says exists; and always the page right after the last one read,
                    // since the API said it exists (the data may have grown).
                    while (inFlight.Count < Math.Max(1, _query.MaxPagesInFlight) &&
                           (plan[nextToRequest].Offset < end || nextToRequest == consumed) && plan[nextToRequest].Offset < wantedEnd)
                    {
                        PageSlot slot = plan[nextToRequest++];
                        inFlight.Enqueue((slot, _fetch(window, slot.Page, slot.Limit, cancellationToken)));
                    }
                    if (inFlight.Count == 0) yield break;
                    (PageSlot current, Task<PaymentPage> pending) = inFlight.Dequeue();
                    consumed++;
                    PaymentPage result;
                    try
                    {
                        result = Wait(pending);
                    }
                    catch (PortOneException e) when (e.Kind == PortOneErrorKind.ApiError && e.HttpStatus == 400)
                    {
                        // Same query as the pages before it, so the only 400 left is "page past the end": data shrank.
                        WarnChanged(window, first.Total, -1, ref warnedOfChange);
                        yield break;
                    }
                    if (result.Total != first.Total) WarnChanged(window, first.Total, result.Total, ref warnedOfChange);
                    end = Math.Min(result.Total, wantedEnd);
                    yield return new PageRead(consumed, plan.CountFor(result.Total), result);
                    if (result.Next == 0 || current.Offset + current.Limit >= wantedEnd) yield break;
                    EnsureAdvances(current, result);
                }
            }
            finally
            {
                foreach ((PageSlot _, Task<PaymentPage> abandoned) in inFlight) Observe(abandoned);
            }
        }

        /// <summary>
        /// Keyset paging: where the sort key is the window key, the next page starts at the last key seen, so
        /// payments changing elsewhere cannot shift the pages. Repeats at the edge second are dropped by imp_uid;
        /// a second holding more than a page of payments is walked by page number, at the same page size.
        /// </summary>
        private IEnumerable<PageRead> PagesByKey(TimeWindow window, int startPage, int limit, int lead, CancellationToken cancellationToken)
        {
            bool descending = _query.EffectiveSort.IsDescending();
            long from = window.From;
            long to = window.To;
            int page = startPage;
            int size = lead > 0 ? lead : limit;
            for (int number = 1; ; number++)
            {
                PaymentPage result = Wait(_fetch(new TimeWindow(from, to), page, size, cancellationToken));
                yield return new PageRead(number, number - 1 + PageCount(result.Total - (page - 1L) * size, limit), result);
                List<PaymentAnnotation>? list = result.List;
                if (result.Next == 0 || list == null || list.Count == 0) yield break;

                long edge = _query.KeyOf(list[list.Count - 1]);
                if (edge < from || edge > to)
                {
                    throw Stalled($"a payment's key {edge} lies outside the requested window {from}..{to}");
                }
                long current = descending ? to : from;
                if (edge == current)
                {
                    page++;
                }
                else
                {
                    if (descending) to = edge;
                    else from = edge;
                    page = 1;
                    size = limit;
                }
            }
        }

        private void WarnChanged(TimeWindow window, long before, long after, ref bool warned)
        {
            if (warned) return;
            warned = true;
            string now = after < 0 ? "fewer" : after.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _events.Warning(
                $"The {_query.Status.ToApiString()} payments from {window.FromLocal:u} to " +
                $"{window.ToLocal:u} changed while they were read (total {before}, now {now}). " +
                "Repeats were dropped, but a payment may have moved past a page boundary and been missed. " +
                "For an export that changes cannot disturb, use -Status Paid -Sort paid (or -Status Ready -Sort started), " +
                "which pages by time, or set -To to a moment that has settled.");
        }

        private static void EnsureAdvances(PageSlot slot, PaymentPage result)
        {
            if (result.Next <= slot.Page)
            {
                throw Stalled($"page {slot.Page} says the next page is {result.Next}, which does not advance");
            }
            if (slot.Page > PageCount(result.Total, slot.Limit) + 1)
            {
                throw Stalled($"page {slot.Page} lies far beyond the {result.Total} payments the API reports ({slot.Limit} per page)");
            }
        }

        private static PortOneException Stalled(string what) =>
            new PortOneException(PortOneErrorKind.PagingStalled,
                $"Paging stopped because the API's answers are inconsistent: {what}.",
                "Run the command again; if it persists, narrow -From/-To or report it to PortOne with the -Verbose output.");

        private static int PageCount(long total, int limit) => (int)Math.Min(int.MaxValue, (total + limit - 1) / limit);

        /// <summary>A page as the reader hands it on: its number in this window, the expected count, the answer.</summary>
        private readonly struct PageRead
        {
            public PageRead(int number, int count, PaymentPage result)
            {
                Number = number;
                Count = count;
                Result = result;
            }

            public int Number { get; }
            public int Count { get; }
            public PaymentPage Result { get; }
        }

        private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

        private static void Observe(Task task) =>
            task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
