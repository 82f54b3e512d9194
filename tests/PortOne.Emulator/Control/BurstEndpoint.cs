using System;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using PortOne.Emulator.Api;
using PortOne.Emulator.Data;
using PortOne.Emulator.Faults;

namespace PortOne.Emulator.Control;

/// <summary>
/// POST /__emulator/payments/burst {"at", "count", "status"}: adds count new payments whose window time is the one
/// second "at", so a client can meet more than a page of payments that share a second.
/// </summary>
internal static class BurstEndpoint
{
    public const int MaxCount = 10_000;

    public static async Task AddAsync(HttpContext ctx, PaymentStore store, ChurnEngine churn)
    {
        long at;
        int count;
        PaymentStatus status;
        try
        {
            using JsonDocument doc = await JsonDocument.ParseAsync(ctx.Request.Body);
            (at, count, status) = Parse(doc.RootElement);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            await ControlEndpoints.BadRequestAsync(ctx, e.Message);
            return;
        }
        int[] ids = churn.Burst(at, count, status);
        await ControlEndpoints.SendAsync(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("at", at);
            w.WriteNumber("count", count);
            w.WriteString("status", Catalog.Statuses[(int)status]);
            w.WriteStartArray("imp_uids");
            foreach (int id in ids) w.WriteStringValue(store.Codec.ToString(id));
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static (long At, int Count, PaymentStatus Status) Parse(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new FormatException("a JSON object is expected");
        long at = -1;
        int count = 0;
        PaymentStatus? status = PaymentStatus.Paid;
        foreach (JsonProperty p in e.EnumerateObject())
        {
            switch (p.Name)
            {
                case "at":
                    if (!p.Value.TryGetInt64(out at) || at < 0 || at > FaultSettings.MaxUnix)
                        throw new FormatException($"at must be unix seconds in 0..{FaultSettings.MaxUnix}");
                    break;
                case "count":
                    if (!p.Value.TryGetInt32(out count) || count < 1 || count > MaxCount)
                        throw new FormatException($"count must be an integer in 1..{MaxCount}");
                    break;
                case "status":
                    if (p.Value.ValueKind != JsonValueKind.String
                        || !QueryParser.TryParseStatus(p.Value.GetString()!, allowAll: false, out status))
                        throw new FormatException("status must be ready, paid, cancelled or failed");
                    break;
                default: throw new FormatException($"unknown burst setting '{p.Name}'");
            }
        }
        if (at < 0) throw new FormatException("at (unix seconds) is required");
        if (count == 0) throw new FormatException("count (1.." + MaxCount + ") is required");
        return (at, count, status!.Value);
    }
}
