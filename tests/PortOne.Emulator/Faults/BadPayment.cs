using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using PortOne.Emulator.Json;

namespace PortOne.Emulator.Faults;

/// <summary>Shapes of a payment a broken backend could send, that are still valid JSON.</summary>
internal enum BadPaymentShape { Any, TimestampMs, TimestampOutOfRange, ImpUidNull, ImpUidMissing }

/// <summary>
/// Breaks one payment of an answer that would have been a 200 (one of a page's list, picked by the fault draw, or the
/// single payment of a lookup): started_at in milliseconds or beyond any date, "imp_uid": null, or no imp_uid at all.
/// </summary>
internal static class BadPayment
{
    public const long OutOfRange = 99_999_999_999_999_999;

    public static readonly string[] Names = ["timestampMs", "timestampOutOfRange", "impUidNull", "impUidMissing"];

    /// <summary>"" (the draw picks a shape) or one of <see cref="Names"/>.</summary>
    public static BadPaymentShape Parse(string name) =>
        name.Length == 0 ? BadPaymentShape.Any
        : Array.IndexOf(Names, name) is int i and >= 0 ? (BadPaymentShape)(i + 1)
        : throw new FormatException($"badPayment must be one of {string.Join(", ", Names)} (or empty)");

    public static string NameOf(BadPaymentShape shape) => shape == BadPaymentShape.Any ? "" : Names[(int)shape - 1];

    /// <summary>The body with one payment broken; unchanged when it holds no payment (an empty page).</summary>
    public static byte[] Apply(ReadOnlyMemory<byte> body, BadPaymentShape shape, int variant)
    {
        JsonNode root = JsonNode.Parse(body.Span)!;
        JsonNode? response = root["response"];
        JsonObject? payment = response?["list"] is JsonArray list
            ? list.Count == 0 ? null : list[variant % list.Count] as JsonObject
            : response as JsonObject;
        if (payment is null) return body.ToArray();
        if (shape == BadPaymentShape.Any) shape = (BadPaymentShape)(1 + variant / 7 % Names.Length);
        switch (shape)
        {
            case BadPaymentShape.TimestampMs: payment["started_at"] = payment["started_at"]!.GetValue<long>() * 1000; break;
            case BadPaymentShape.TimestampOutOfRange: payment["started_at"] = OutOfRange; break;
            case BadPaymentShape.ImpUidNull: payment["imp_uid"] = null; break;
            default: payment.Remove("imp_uid"); break;
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(body.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonText.Encoder })) root.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }
}
