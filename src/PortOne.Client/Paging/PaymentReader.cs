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
        private readonly Func<DateTimeOffset> _now;

        public PaymentReader(PaymentQuery query, PageFetcher fetch, IPortOneEvents events, Func<DateTimeOffset>? now = null)
        {
            _query = query;
            _fetch = fetch;
            _events = events;
            _now = now ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>The windows this query reads, pinned now: every page of one enumeration sends the same from/to.</summary>
        public List<TimeWindow> PlanWindows()
        {
            long to = (_query.To ?? _now()).ToUnixTimeSeconds();
            long from = _query.From?.ToUnixTimeSeconds() ?? to - WindowPlanner.MaxWindowSeconds;
            return WindowPlanner.Plan(from, to, _query.Sort.IsDescending());
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

                int pagesNeeded = (int)Math.Min(int.MaxValue, (dropFromFirstPage + Math.Min(left, int.MaxValue) + limit - 1) / limit);
                IEnumerable<(int Page, PaymentPage Result)> pages = _query.CanPageByKey
                    ? PagesByKey(window, startPage, limit, stop.Token)
                    : PagesByOffset(window, startPage, limit, pagesNeeded, stop.Token);

                progress.WindowNumber = w + 1;
                progress.WindowFrom = DateTimeOffset.FromUnixTimeSeconds(window.From).ToLocalTime();
                progress.WindowTo = DateTimeOffset.FromUnixTimeSeconds(window.To).ToLocalTime();
                foreach ((int page, PaymentPage result) in pages)
                {
                    progress.Page = page;
                    progress.WindowTotal = result.Total;
                    progress.PageCount = PageCount(result.Total, limit);
                    _events.PageRead(progress);
                    foreach (PaymentAnnotation payment in result.List ?? Enumerable.Empty<PaymentAnnotation>())
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
        /// Offset paging with the window pinned. Page one alone first; once the caller wants more, up to
        /// MaxPagesInFlight further pages are requested while earlier ones stream, in order.
        /// </summary>
        private IEnumerable<(int, PaymentPage)> PagesByOffset(TimeWindow window, int startPage, int limit, int pagesNeeded, CancellationToken cancellationToken)
        {
            PaymentPage first = Wait(_fetch(window, startPage, limit, cancellationToken));
            yield return (startPage, first);
            if (first.Next == 0) yield break;
            EnsureAdvances(startPage, first, limit);

            int lastPageWanted = startPage + pagesNeeded - 1;
            int lastPage = Math.Min(PageCount(first.Total, limit), lastPageWanted);
            int nextToRequest = startPage + 1;
            bool warnedOfChange = false;
            var inFlight = new Queue<(int Page, Task<PaymentPage> Result)>();
            try
            {
                for (int current = startPage + 1; current <= lastPageWanted; current++)
                {
                    // The API's next page exists even if total says otherwise (data grew): always request `current`.
                    while (nextToRequest <= Math.Max(lastPage, current) && inFlight.Count < Math.Max(1, _query.MaxPagesInFlight))
                    {
                        inFlight.Enqueue((nextToRequest, _fetch(window, nextToRequest, limit, cancellationToken)));
                        nextToRequest++;
                    }
                    (int page, Task<PaymentPage> pending) = inFlight.Dequeue();
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
                    lastPage = Math.Min(PageCount(result.Total, limit), lastPageWanted);
                    yield return (page, result);
                    if (result.Next == 0) yield break;
                    EnsureAdvances(page, result, limit);
                }
            }
            finally
            {
                foreach ((int _, Task<PaymentPage> abandoned) in inFlight) Observe(abandoned);
            }
        }

        /// <summary>
        /// Keyset paging: where the sort key is the window key, the next page starts at the last key seen, so
        /// payments changing elsewhere cannot shift the pages. Repeats at the edge second are dropped by imp_uid;
        /// a second holding more than a page of payments is walked by page number.
        /// </summary>
        private IEnumerable<(int, PaymentPage)> PagesByKey(TimeWindow window, int startPage, int limit, CancellationToken cancellationToken)
        {
            bool descending = _query.Sort.IsDescending();
            long from = window.From;
            long to = window.To;
            int page = startPage;
            while (true)
            {
                PaymentPage result = Wait(_fetch(new TimeWindow(from, to), page, limit, cancellationToken));
                yield return (page, result);
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
                }
            }
        }

        private void WarnChanged(TimeWindow window, long before, long after, ref bool warned)
        {
            if (warned) return;
            warned = true;
            string now = after < 0 ? "fewer" : after.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _events.Warning(
                $"The {_query.Status.ToApiString()} payments from {DateTimeOffset.FromUnixTimeSeconds(window.From).ToLocalTime():u} to " +
                $"{DateTimeOffset.FromUnixTimeSeconds(window.To).ToLocalTime():u} changed while they were read (total {before}, now {now}). " +
                "Repeats were dropped, but a payment may have moved past a page boundary and been missed. " +
                "For an export that changes cannot disturb, use -Status Paid -Sort paid (or -Status Ready -Sort started), " +
                "which pages by time, or set -To to a moment that has settled.");
        }

        private static void EnsureAdvances(int page, PaymentPage result, int limit)
        {
            if (result.Next <= page)
            {
                throw Stalled($"page {page} says the next page is {result.Next}, which does not advance");
            }
            if (page > PageCount(result.Total, limit) + 1)
            {
                throw Stalled($"page {page} lies far beyond the {result.Total} payments the API reports ({limit} per page)");
            }
        }

        private static PortOneException Stalled(string what) =>
            new PortOneException(PortOneErrorKind.PagingStalled,
                $"Paging stopped because the API's answers are inconsistent: {what}.",
                "Run the command again; if it persists, narrow -From/-To or report it to PortOne with the -Verbose output.");

        private static int PageCount(long total, int limit) => (int)Math.Min(int.MaxValue, (total + limit - 1) / limit);

        private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

        private static void Observe(Task task) =>
            task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
