using System.Text.Json.Serialization;

namespace PortOne.Json
{
    /// <summary>Source-generated serializers: no reflection at run time, fast start, trimming-safe.</summary>
    [JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
    [JsonSerializable(typeof(ApiEnvelope<PaymentPage>))]
    [JsonSerializable(typeof(ApiEnvelope<PaymentAnnotation>))]
    [JsonSerializable(typeof(ApiEnvelope<TokenResponse>))]
    [JsonSerializable(typeof(TokenRequest))]
    [JsonSerializable(typeof(ErrorEnvelope))]
    internal sealed partial class PortOneJsonContext : JsonSerializerContext
    {
    }
}
