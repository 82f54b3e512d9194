using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace PortOne.Json
{
    /// <summary>Every PortOne V1 answer: {code, message, response}. code != 0 is an error even with HTTP 200.</summary>
    internal sealed class ApiEnvelope<T>
    {
        [JsonPropertyName("code")] public int Code { get; set; }
        [JsonPropertyName("message")] public string? Message { get; set; }
        [JsonPropertyName("response")] public T? Response { get; set; }
    }

    /// <summary>The response of GET /payments/status/{status}: one page and where the others are.</summary>
    internal sealed class PaymentPage
    {
        [JsonPropertyName("total")] public long Total { get; set; }
        [JsonPropertyName("previous")] public int Previous { get; set; }
        [JsonPropertyName("next")] public int Next { get; set; }
        [JsonPropertyName("list")] public List<PaymentAnnotation>? List { get; set; }
    }

    internal sealed class TokenResponse
    {
        [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
        [JsonPropertyName("now")] public long Now { get; set; }
        [JsonPropertyName("expired_at")] public long ExpiredAt { get; set; }
    }

    internal sealed class TokenRequest
    {
        [JsonPropertyName("imp_key")] public string ImpKey { get; set; } = "";
        [JsonPropertyName("imp_secret")] public string ImpSecret { get; set; } = "";
    }

    /// <summary>An error body, read without caring what response holds.</summary>
    internal sealed class ErrorEnvelope
    {
        [JsonPropertyName("code")] public int Code { get; set; }
        [JsonPropertyName("message")] public string? Message { get; set; }
    }
}
