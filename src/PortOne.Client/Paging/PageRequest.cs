using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Json;

namespace PortOne.Paging
{
    /// <summary>Sends one by-status request and returns its page.</summary>
    internal delegate Task<PaymentPage> PageSource(PageRequest request, CancellationToken cancellationToken);

    /// <summary>One GET /payments/status/{status}: a range of the status time, one page of it, in one order.</summary>
    internal readonly struct PageRequest
    {
        /// <summary>The API's largest page.</summary>
        public const int MaxLimit = 1000;

        public PageRequest(PaymentStatus status, TimeWindow range, int page, int limit, PaymentSort sort)
        {
            Status = status;
            Range = range;
            Page = page;
            Limit = limit;
            Sort = sort;
        }

        public PaymentStatus Status { get; }
        public TimeWindow Range { get; }
        public int Page { get; }
        public int Limit { get; }
        public PaymentSort Sort { get; }

        public string PathAndQuery => string.Format(CultureInfo.InvariantCulture,
            "payments/status/{0}?page={1}&limit={2}&from={3}&to={4}&sorting={5}",
            Status.ToApiString(), Page, Limit, Range.From, Range.To, Uri.EscapeDataString(Sort.ToApiString()));

        public override string ToString() => PathAndQuery;
    }
}
