namespace PortOne
{
    /// <summary>The payment_status path values of GET /payments/status/{payment_status}.</summary>
    public enum PaymentStatus
    {
        All,
        Ready,
        Paid,
        Cancelled,
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
