using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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

    /// <summary>The cancellations of a payment; prints readably in Export-Csv and tables.</summary>
    public sealed class PaymentCancelHistory : List<PaymentCancelAnnotation>
    {
        public override string ToString() => string.Join("; ", this.Select(c => c.ToString()));
    }

    /// <summary>One deposit into a virtual account (vbank).</summary>
    public sealed class VbankDepositAnnotation
    {
        [JsonPropertyName("pg_tid")] public string? PgTid { get; set; }
        [JsonPropertyName("amount"), JsonConverter(typeof(FlexibleDecimalConverter))] public decimal Amount { get; set; }
        [JsonPropertyName("depositor_name")] public string? DepositorName { get; set; }
        [JsonPropertyName("deposited_at"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? DepositedAt { get; set; }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} {1:o} {2}", Amount, DepositedAt, DepositorName);
    }

    public sealed class VbankDepositHistory : List<VbankDepositAnnotation>
    {
        public override string ToString() => string.Join("; ", this.Select(d => d.ToString()));
    }

    /// <summary>A list of strings that prints as one readable line.</summary>
    public sealed class TextList : List<string>
    {
        public override string ToString() => string.Join("; ", this);
    }

    /// <summary>The promotion applied to a payment.</summary>
    public sealed class PaymentPromotion
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("discount"), JsonConverter(typeof(FlexibleDecimalConverter))] public decimal Discount { get; set; }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} ({1})", Id, Discount);
    }
}
