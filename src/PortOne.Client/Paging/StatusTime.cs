using System;

namespace PortOne.Paging
{
    /// <summary>
    /// The time the API's from/to filter on: each payment's own status time (ready: started_at, paid: paid_at,
    /// cancelled: cancelled_at, failed: failed_at). Slices are cut on it, so a payment stays in its slice however
    /// else it changes while it stays in the result set.
    /// </summary>
    internal static class StatusTime
    {
        /// <summary>The payment's status time in unix seconds; null where the status is one this client does not know, or the time is missing.</summary>
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
        /// True where the sort key is the status time itself (ready by started, paid by paid): a slice's first page
        /// then holds every payment before its last one, so the rest of the slice starts at that payment's second.
        /// </summary>
        public static bool IsSortKey(PaymentStatus status, PaymentSort sort) =>
            (status == PaymentStatus.Ready && (sort == PaymentSort.StartedAscending || sort == PaymentSort.StartedDescending)) ||
            (status == PaymentStatus.Paid && (sort == PaymentSort.PaidAscending || sort == PaymentSort.PaidDescending));

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
