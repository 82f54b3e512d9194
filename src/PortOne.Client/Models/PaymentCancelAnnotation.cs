using System;
using System.Globalization;
using System.Text.Json.Serialization;
using PortOne.Json;

namespace PortOne
{
    /// <summary>One cancellation (full or partial) of a payment.</summary>
    public sealed class PaymentCancelAnnotation
    {
        [JsonPropertyName("pg_tid")] public string? PgTid { get; set; }
        [JsonPropertyName("amount"), JsonConverter(typeof(FlexibleDecimalConverter))] public decimal Amount { get; set; }
        [JsonPropertyName("cancelled_at"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? CancelledAt { get; set; }
        [JsonPropertyName("reason")] public string? Reason { get; set; }
        [JsonPropertyName("cancellation_id")] public string? CancellationId { get; set; }
        [JsonPropertyName("receipt_url")] public string? ReceiptUrl { get; set; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} {1:o} {2}", Amount, CancelledAt, Reason);
    }
}
