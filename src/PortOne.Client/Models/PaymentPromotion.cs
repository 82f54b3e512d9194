using System.Globalization;
using System.Text.Json.Serialization;
using PortOne.Json;

namespace PortOne
{
    /// <summary>The promotion applied to a payment.</summary>
    public sealed class PaymentPromotion
    {
        /// <summary>The promotion's id.</summary>
        [JsonPropertyName("id")] public string? Id { get; set; }
        /// <summary>The amount the promotion took off.</summary>
        [JsonPropertyName("discount"), JsonConverter(typeof(FlexibleDecimalConverter))] public decimal Discount { get; set; }

        /// <summary>The id and, in brackets, the discount.</summary>
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} ({1})", Id, Discount);
    }
}
