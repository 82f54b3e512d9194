using System;
using System.Globalization;
using System.Text.Json.Serialization;
using PortOne.Json;

namespace PortOne
{
    /// <summary>One cancellation (full or partial) of a payment.</summary>
    public sealed class PaymentCancelAnnotation
    {
        /// <summary>The payment gateway's number for the cancellation.</summary>
        [JsonPropertyName("pg_tid")] public string? PgTid { get; set; }
        /// <summary>The amount cancelled.</summary>
        [JsonPropertyName("amount"), JsonConverter(typeof(FlexibleDecimalConverter))] public decimal Amount { get; set; }
        /// <summary>When the cancellation was made; null where the API sends 0.</summary>
        [JsonPropertyName("cancelled_at"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? CancelledAt { get; set; }
        /// <summary>Why the payment was cancelled.</summary>
        [JsonPropertyName("reason")] public string? Reason { get; set; }
        /// <summary>PortOne's id of the cancellation.</summary>
        [JsonPropertyName("cancellation_id")] public string? CancellationId { get; set; }
        /// <summary>The cancellation's sales slip address; some gateways and methods have none.</summary>
        [JsonPropertyName("receipt_url")] public string? ReceiptUrl { get; set; }

        /// <summary>Amount, time (ISO 8601) and reason, for tables and Export-Csv.</summary>
        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} {1:o} {2}", Amount, CancelledAt, Reason);
    }
}
