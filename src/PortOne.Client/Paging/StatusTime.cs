using System;
using System.Runtime.CompilerServices;
using PortOne.Json;

namespace PortOne.Paging
{
    /// <summary>
    /// The time the API's from/to filter on: each payment's own status time (ready: started_at, paid: paid_at,
    /// cancelled: cancelled_at, failed: failed_at). Slices are cut on it, and payments are written in its order.
    /// </summary>
    internal static class StatusTime
    {
        /// <summary>
        /// The payment's status time in unix seconds; null where the status is one this client does not know, or the time is missing.
        /// </summary>
        [MethodImpl(Jit.Optimized)] // runs for every payment: optimised at once, not after tiering
        public static long? Of(PaymentAnnotation payment, PaymentStatus queried)
        {
            PaymentStatus status = queried == PaymentStatus.All ? StatusOf(payment.Status) : queried;
            DateTimeOffset? time = status switch
            {
                PaymentStatus.Ready => payment.StartedAt,
                PaymentStatus.Paid => payment.PaidAt,
                PaymentStatus.Cancelled => payment.CancelledAt,
                PaymentStatus.Failed => payment.FailedAt,
                _ => null,
            };
            return time?.ToUnixTimeSeconds(); // null for a status added after this client, or a time the API left out
        }

        /// <summary>
        /// True where the API can sort by the status time itself (ready by started, paid by paid): a page sorted so
        /// holds every payment of its range that comes before its last payment's second.
        /// </summary>
        public static bool HasExactSort(PaymentStatus status) => status == PaymentStatus.Ready || status == PaymentStatus.Paid;

        /// <summary>
        /// The API sort that follows the status time best, in the read's direction: exactly for ready and paid; for the
        /// others "updated", which a cancellation or failure sets, so a page in it is close to status-time order.
        /// </summary>
        public static PaymentSort RequestSort(PaymentStatus status, bool descending) => status switch
        {
            PaymentStatus.Ready => descending ? PaymentSort.StartedDescending : PaymentSort.StartedAscending,
            PaymentStatus.Paid => descending ? PaymentSort.PaidDescending : PaymentSort.PaidAscending,
            _ => descending ? PaymentSort.UpdatedDescending : PaymentSort.UpdatedAscending,
        };

        /// <summary>The payment's time that <paramref name="sort"/> orders by, where the payment carries it (updated it does not).</summary>
        [MethodImpl(Jit.Optimized)] // runs for every payment: optimised at once, not after tiering
        public static long? SortTimeOf(PaymentAnnotation payment, PaymentSort sort) => sort switch
        {
            PaymentSort.StartedAscending or PaymentSort.StartedDescending => payment.StartedAt?.ToUnixTimeSeconds(),
            PaymentSort.PaidAscending or PaymentSort.PaidDescending => payment.PaidAt?.ToUnixTimeSeconds(),
            _ => null,
        };

        private static PaymentStatus StatusOf(string status) => status switch
        {
            "ready" => PaymentStatus.Ready,
            "paid" => PaymentStatus.Paid,
            "cancelled" => PaymentStatus.Cancelled,
            "failed" => PaymentStatus.Failed,
            _ => PaymentStatus.All,
        };
    }
}
