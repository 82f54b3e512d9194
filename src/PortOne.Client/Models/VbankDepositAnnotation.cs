using System;
using System.Globalization;
using System.Text.Json.Serialization;
using PortOne.Json;

namespace PortOne
{
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
}
