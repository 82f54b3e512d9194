using System;

namespace PortOne.Checkpoints
{
    /// <summary>
    /// One state of a payment, as a resumable read writes it at most once: the imp_uid, its status, that status's
    /// time, and the time of its latest cancellation (so a partial refund, which leaves a payment paid with the
    /// same paid time, is a new state). Times are unix seconds; 0 where there is none.
    /// </summary>
    internal readonly struct PaymentState : IEquatable<PaymentState>
    {
        public PaymentState(string impUid, string status, long at, long refundedAt)
        {
            ImpUid = impUid;
            Status = status;
            At = at;
            RefundedAt = refundedAt;
        }

        public string ImpUid { get; }
        public string Status { get; }
        public long At { get; }
        public long RefundedAt { get; }

        /// <summary>When the payment entered this state: its status time, or its latest refund if that came later.</summary>
        public long Time => Math.Max(At, RefundedAt);

        public static PaymentState Of(PaymentAnnotation payment)
        {
            string status = payment.Status.ToLowerInvariant();
            long at = status switch
            {
                "ready" => Unix(payment.StartedAt),
                "paid" => Unix(payment.PaidAt),
                "cancelled" => Unix(payment.CancelledAt),
                "failed" => Unix(payment.FailedAt),
                // A status PortOne adds later: its latest time is the best guess at when it began.
                _ => Math.Max(Math.Max(Unix(payment.StartedAt), Unix(payment.PaidAt)), Math.Max(Unix(payment.CancelledAt), Unix(payment.FailedAt))),
            };
            return new PaymentState(payment.ImpUid, status, at, LatestRefund(payment));
        }

        /// <summary>The time of the payment's latest cancellation, full or partial; 0 if it has none.</summary>
        public static long LatestRefund(PaymentAnnotation payment)
        {
            long latest = 0;
            foreach (PaymentCancelAnnotation cancel in payment.CancelHistory) latest = Math.Max(latest, Unix(cancel.CancelledAt));
            return latest;
        }

        private static long Unix(DateTimeOffset? time) => time?.ToUnixTimeSeconds() ?? 0;

        public bool Equals(PaymentState other) =>
            At == other.At && RefundedAt == other.RefundedAt &&
            string.Equals(ImpUid, other.ImpUid, StringComparison.Ordinal) && string.Equals(Status, other.Status, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is PaymentState other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                int hash = StringComparer.Ordinal.GetHashCode(ImpUid ?? "");
                hash = hash * 31 + StringComparer.Ordinal.GetHashCode(Status ?? "");
                hash = hash * 31 + At.GetHashCode();
                return hash * 31 + RefundedAt.GetHashCode();
            }
        }

        public override string ToString() => $"{ImpUid} {Status} {At} {RefundedAt}";
    }
}
