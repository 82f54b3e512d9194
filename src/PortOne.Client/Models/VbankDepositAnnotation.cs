using System;
using System.Globalization;
using System.Text.Json.Serialization;
using PortOne.Json;

namespace PortOne
{
    /// <summary>One deposit into a virtual account (vbank).</summary>
    public sealed class VbankDepositAnnotation
    {
        /// <summary>The payment gateway's approval number of the deposit.</summary>
        [JsonPropertyName("pg_tid")] public string? PgTid { get; set; }
        /// <summary>The amount deposited.</summary>
        [JsonPropertyName("amount"), JsonConverter(typeof(FlexibleDecimalConverter))] public decimal Amount { get; set; }
        /// <summary>The name of whoever actually paid into the virtual account.</summary>
        [JsonPropertyName("depositor_name")] public string? DepositorName { get; set; }
        /// <summary>When the deposit was made; null where the API sends 0.</summary>
        [JsonPropertyName("deposited_at"), JsonConverter(typeof(UnixTimeConverter))] public DateTimeOffset? DepositedAt { get; set; }

        /// <summary>Amount, time (ISO 8601) and depositor, for tables and Export-Csv.</summary>
        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} {1:o} {2}", Amount, DepositedAt, DepositorName);
    }
}
