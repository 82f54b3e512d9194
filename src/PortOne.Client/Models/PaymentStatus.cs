namespace PortOne
{
    /// <summary>The payment_status path values of GET /payments/status/{payment_status}.</summary>
    public enum PaymentStatus
    {
        /// <summary>Every payment, whatever its status.</summary>
        All,
        /// <summary>Started and not yet paid (ready), such as a virtual account awaiting its deposit.</summary>
        Ready,
        /// <summary>Paid (paid), partially refunded ones included.</summary>
        Paid,
        /// <summary>Cancelled in full (cancelled).</summary>
        Cancelled,
        /// <summary>Failed (failed).</summary>
        Failed,
    }

    internal static class PaymentStatusExtensions
    {
        public static string ToApiString(this PaymentStatus status) => status switch
        {
            PaymentStatus.Ready => "ready",
            PaymentStatus.Paid => "paid",
            PaymentStatus.Cancelled => "cancelled",
            PaymentStatus.Failed => "failed",
            _ => "all",
        };
    }
}
