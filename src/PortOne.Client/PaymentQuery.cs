using System;
using PortOne.Export;

namespace PortOne
{
    /// <summary>One by-status query as the user asked it; the reader turns it into windows and pages.</summary>
    public sealed class PaymentQuery
    {
        /// <summary>The API's longest window: 90 days.</summary>
        public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(90);

        /// <summary>1000, the API's maximum: the fewest round trips per payment (the API's own default, 20, costs 50 times more).</summary>
        public const int DefaultPageSize = 1000;

        /// <summary>
        /// The size of a command's very first request: the first payment then arrives after a small answer, not
        /// after a whole page of 1000 (~1.5 MB) is sent and parsed.
        /// </summary>
        public const int FirstPageSize = 100;

        /// <summary>
        /// Eight requests in flight hide latency (a page read one at a time waits a round trip each) without pressing
        /// PortOne harder than a browser does (six to eight connections a host).
        /// </summary>
        public const int DefaultPagesInFlight = 8;

        /// <summary>Which payments: the status path of GET /payments/status/{payment_status}.</summary>
        public PaymentStatus Status { get; set; } = PaymentStatus.All;

        /// <summary>Start of the range, inclusive; null means 90 days before To.</summary>
        public DateTimeOffset? From { get; set; }

        /// <summary>End of the range, inclusive; null means now (fixed once when the query starts).</summary>
        public DateTimeOffset? To { get; set; }

        /// <summary>The order asked for; null for the status's own (see <see cref="PaymentSortNames.DefaultFor"/>).</summary>
        public PaymentSort? Sort { get; set; }

        /// <summary>The order the query is read in.</summary>
        public PaymentSort EffectiveSort => Sort ?? PaymentSortNames.DefaultFor(Status);

        /// <summary>Payments per page, 1 to 1000 (the API's limit).</summary>
        public int PageSize { get; set; } = DefaultPageSize;

        /// <summary>Payments to pass over before the first one returned.</summary>
        public long Skip { get; set; }

        /// <summary>Most payments to return; null for all.</summary>
        public long? First { get; set; }

        /// <summary>Most page requests under way at once while the current page streams.</summary>
        public int MaxPagesInFlight { get; set; } = DefaultPagesInFlight;

        /// <summary>The row of an export file each payment carries (<see cref="PaymentAnnotation.Row"/>); null for none.</summary>
        internal RowFormat? Rows { get; set; }
    }
}
