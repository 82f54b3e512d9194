using System.Globalization;
using System.Text.Json.Serialization;
using PortOne.Json;

namespace PortOne
{
    /// <summary>The promotion applied to a payment.</summary>
    public sealed class PaymentPromotion
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("discount"), JsonConverter(typeof(FlexibleDecimalConverter))] public decimal Discount { get; set; }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} ({1})", Id, Discount);
    }
}
