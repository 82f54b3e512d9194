using System;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using PortOne.Emulator.Api;
using PortOne.Emulator.Data;
using PortOne.Emulator.Json;
using static PortOne.Emulator.Json.JsonText;

namespace PortOne.Emulator.Control;

/// <summary>
/// GET /__emulator/snapshot: the truth a test compares an export with. The payments that match status and window
/// right now, in the API's order (ties by id), worked out by <see cref="NaiveTruth"/> (not the API's query code),
/// without paging, the 90-day limit or churn. detail=true gives each payment's status and times instead of only its imp_uid.
/// </summary>
internal static class SnapshotEndpoint
{
    private static readonly JsonEncodedText ImpUid = E("imp_uid"), Status = E("status"), WindowTime = E("window_time"),
        StartedAt = E("started_at"), PaidAt = E("paid_at"), CancelledAt = E("cancelled_at"), FailedAt = E("failed_at"),
        UpdatedAt = E("updated_at");

    public static async Task SendAsync(HttpContext ctx, PaymentStore store)
    {
        IQueryCollection q = ctx.Request.Query;
        string statusText = q["status"].ToString();
        if (statusText.Length == 0) statusText = "all";
        string detailText = q["detail"].ToString();
        if (!QueryParser.TryParseStatus(statusText, allowAll: true, out PaymentStatus? status)
            || !QueryParser.TryInt(q, "to", Clock.NowUnix(), out long to)
            || !QueryParser.TryInt(q, "from", to - QueryParser.MaxWindowSeconds, out long from)
            || !QueryParser.TryParseSorting(q, out SortField sort, out bool descending)
            || detailText is not ("" or "true" or "false" or "1" or "0"))
        {
            await ControlEndpoints.BadRequestAsync(ctx, "bad status, from, to, sorting or detail");
            return;
        }
        if (from > to)
        {
            await ControlEndpoints.BadRequestAsync(ctx, "from is after to");
            return;
        }
        bool detail = detailText is "true" or "1";
        using var buf = new PooledBuffer(64 * 1024);
        using (store.Read())
        {
            using var w = new Utf8JsonWriter(buf, WriterOptions);
            Span<byte> id = stackalloc byte[32];
            w.WriteStartArray();
            foreach (Payment payment in NaiveTruth.Query(store, status, from, to, sort, descending))
            {
                ReadOnlySpan<byte> impUid = id[..store.Codec.Format(payment.Id, id)];
                if (detail) WriteDetail(w, impUid, payment);
                else w.WriteStringValue(impUid);
                if (w.BytesPending > 32 * 1024) w.Flush();
            }
            w.WriteEndArray();
        }
        await ControlEndpoints.Write(ctx, 200, buf);
    }

    private static void WriteDetail(Utf8JsonWriter w, ReadOnlySpan<byte> impUid, Payment p)
    {
        w.WriteStartObject();
        w.WriteString(ImpUid, impUid);
        w.WriteString(Status, Catalog.Statuses[(int)p.Status]);
        w.WriteNumber(WindowTime, p.WindowTime);
        w.WriteNumber(StartedAt, p.StartedAt);
        w.WriteNumber(PaidAt, p.PaidAt);
        w.WriteNumber(CancelledAt, p.CancelledAt);
        w.WriteNumber(FailedAt, p.FailedAt);
        w.WriteNumber(UpdatedAt, p.UpdatedAt);
        w.WriteEndObject();
    }
}
