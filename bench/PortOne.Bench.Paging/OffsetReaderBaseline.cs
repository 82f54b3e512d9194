using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Diagnostics;
using PortOne.Http;
using PortOne.Json;
using PortOne.Paging;

namespace PortOne.Bench.Paging;

/// <summary>
/// The client's offset reader as of commit 54afe39 (src/PortOne.Client/Paging/PaymentReader.cs: Read and
/// PagesByOffset, with RequestPlan.cs), kept as the benchmark's baseline: "today's offset path", the default before
/// time slicing (-Sort -started). It sends the same requests in the same order: the first 1,000 payments as ten
/// pages of 100 (the first payment then arrives after a small answer), then pages 2, 3 ... of 1,000 with the same
/// from/to, up to MaxPagesInFlight requests ahead once the caller reads past the first page; repeats dropped by imp_uid.
/// Left out because the benchmark reads one whole window and nothing changes meanwhile: -Skip/-First, more than one
/// window, progress events and the "changed while read" warning. It is fast but not complete over live data (issue 11).
/// </summary>
internal sealed class OffsetReaderBaseline
{
    private const int FirstPageSize = 100;
    private readonly ApiTransport _transport;
    private readonly int _pageSize;
    private readonly int _maxPagesInFlight;

    public OffsetReaderBaseline(ApiTransport transport, int pageSize, int maxPagesInFlight)
    {
        _transport = transport;
        _pageSize = pageSize;
        _maxPagesInFlight = maxPagesInFlight;
    }

    public IEnumerable<PaymentAnnotation> Read(string status, string sorting, long from, long to)
    {
        if (to - from > (long)PaymentQuery.MaxWindow.TotalSeconds) throw new ArgumentException("The baseline reads one 90-day window.");
        using var stop = new CancellationTokenSource();
        int limit = _pageSize;
        int lead = limit > FirstPageSize && limit % FirstPageSize == 0 ? FirstPageSize : 0;
        var seen = new ImpUidSet();
        foreach (PaymentPage page in PagesByOffset(status, sorting, from, to, new RequestPlan(1, limit, lead), stop.Token))
        {
            foreach (PaymentAnnotation payment in page.List ?? Enumerable.Empty<PaymentAnnotation>())
            {
                if (seen.Add(payment.ImpUid)) yield return payment;
            }
        }
        stop.Cancel();
    }

    /// <summary>
    /// Offset paging with the window pinned. The first request alone; once the caller wants more, up to
    /// MaxPagesInFlight further requests while earlier pages stream, consumed in order.
    /// </summary>
    private IEnumerable<PaymentPage> PagesByOffset(string status, string sorting, long from, long to, RequestPlan plan, CancellationToken cancellationToken)
    {
        Task<PaymentPage> Fetch(PageSlot slot) => _transport.GetAsync(
            string.Format(CultureInfo.InvariantCulture, "payments/status/{0}?page={1}&limit={2}&from={3}&to={4}&sorting={5}",
                status, slot.Page, slot.Limit, from, to, Uri.EscapeDataString(sorting)),
            PortOneJsonContext.Default.ApiEnvelopePaymentPage, NullPortOneEvents.Instance, cancellationToken);

        PageSlot firstSlot = plan[0];
        PaymentPage first = Fetch(firstSlot).GetAwaiter().GetResult();
        yield return first;
        if (first.Next == 0) yield break;
        EnsureAdvances(firstSlot, first);

        long end = first.Total;
        int consumed = 1;
        int nextToRequest = 1;
        var inFlight = new Queue<(PageSlot Slot, Task<PaymentPage> Result)>();
        try
        {
            while (true)
            {
                // Request ahead what the total says exists; and always the page right after the last one read,
                // since the API said it exists (the data may have grown).
                while (inFlight.Count < Math.Max(1, _maxPagesInFlight) && (plan[nextToRequest].Offset < end || nextToRequest == consumed))
                {
                    PageSlot slot = plan[nextToRequest++];
                    inFlight.Enqueue((slot, Fetch(slot)));
                }
                if (inFlight.Count == 0) yield break;
                (PageSlot current, Task<PaymentPage> pending) = inFlight.Dequeue();
                consumed++;
                PaymentPage result;
                try
                {
                    result = pending.GetAwaiter().GetResult();
                }
                catch (PortOneException e) when (e.Kind == PortOneErrorKind.ApiError && e.HttpStatus == 400)
                {
                    // Same query as the pages before it, so the only 400 left is "page past the end": data shrank.
                    yield break;
                }
                end = result.Total;
                yield return result;
                if (result.Next == 0) yield break;
                EnsureAdvances(current, result);
            }
        }
        finally
        {
            foreach ((PageSlot _, Task<PaymentPage> abandoned) in inFlight)
            {
                abandoned.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
        }
    }

    private static void EnsureAdvances(PageSlot slot, PaymentPage result)
    {
        if (result.Next <= slot.Page)
        {
            throw new InvalidOperationException($"page {slot.Page} says the next page is {result.Next}, which does not advance");
        }
        if (slot.Page > (result.Total + slot.Limit - 1) / slot.Limit + 1)
        {
            throw new InvalidOperationException($"page {slot.Page} lies far beyond the {result.Total} payments the API reports ({slot.Limit} per page)");
        }
    }

    /// <summary>One request of a window read by offset: which page, of what size.</summary>
    private readonly record struct PageSlot(int Page, int Limit)
    {
        /// <summary>Where the page starts among the window's payments.</summary>
        public long Offset => (Page - 1L) * Limit;
    }

    /// <summary>
    /// The requests that read one window by offset, in order, each starting where the one before ended. With a lead
    /// size, the first page-size worth of payments is read as small pages, then full pages from page 2 on: offsets
    /// line up because the page size is a multiple of the lead size.
    /// </summary>
    private sealed class RequestPlan
    {
        private readonly int _startPage;
        private readonly int _limit;
        private readonly int _lead;
        private readonly int _leadPages;

        public RequestPlan(int startPage, int limit, int lead)
        {
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
    }
}
