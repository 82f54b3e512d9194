using System;
using PortOne.Diagnostics;

namespace PortOne.Paging
{
    /// <summary>What every part of one read shares: the query's status and order, the page size, the requests, the events.</summary>
    internal sealed class ReadContext
    {
        public ReadContext(PaymentQuery query, RequestQueue requests, IPortOneEvents events, Action pageRead)
        {
            Status = query.Status;
            Sort = query.EffectiveSort;
            Descending = Sort.IsDescending();
            RequestSort = StatusTime.RequestSort(Status, Descending);
            HasExactSort = StatusTime.HasExactSort(Status);
            PageSize = Math.Max(1, Math.Min(PageRequest.MaxLimit, query.PageSize));
            Order = new PaymentOrder(Status, Sort);
            Requests = requests;
            Share = requests.MaxAhead;
            Events = events;
            PageRead = pageRead;
        }

        public PaymentStatus Status { get; }

        /// <summary>The order asked for: its direction, and its time for payments of the same second.</summary>
        public PaymentSort Sort { get; }

        public bool Descending { get; }

        /// <summary>The API order slices are requested in: the one closest to the status time (StatusTime.RequestSort).</summary>
        public PaymentSort RequestSort { get; }

        /// <summary>True where RequestSort is the status time itself (ready, paid).</summary>
        public bool HasExactSort { get; }

        /// <summary>True where a slice may be read as a chain of pages (every status but all: see PageChain).</summary>
        public bool ChainsPages => Status != PaymentStatus.All;

        public int PageSize { get; }

        public PaymentOrder Order { get; }

        public RequestQueue Requests { get; }

        /// <summary>
        /// Payments this reader may hold ahead of the output, answered or not: the read's whole bound, or where readers
        /// go side by side (status all), its share of it.
        /// </summary>
        public long Share { get; set; }

        /// <summary>Its share in pages (at least one).</summary>
        public int SharePages => (int)Math.Max(1, Math.Min(int.MaxValue, Share / PageSize));

        public IPortOneEvents Events { get; }

        /// <summary>Called once for every answer read (progress).</summary>
        public Action PageRead { get; }

        /// <summary>A payment's status time, or the range's first second for a status this client does not know.</summary>
        public long SecondOf(PaymentAnnotation payment, TimeWindow range) =>
            StatusTime.Of(payment, Status) ?? range.FirstSecond(Descending);
    }
}
