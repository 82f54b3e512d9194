using System;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PortOne.Emulator.Api;
using PortOne.Emulator.Data;
using PortOne.Emulator.Faults;
using PortOne.Emulator.Json;

namespace PortOne.Emulator.Control;

/// <summary>
/// /__emulator/*: test hooks, no auth, no faults, not logged. JSON in and out.
/// </summary>
internal sealed class ControlEndpoints(PaymentStore store, QueryEngine engine, FaultState faults, RequestLog log, PageStats stats)
{
    public void Map(WebApplication app)
    {
        app.MapGet("/__emulator/requests", ctx => SendAsync(ctx, 200, w => RequestLog.Write(w, log.Snapshot())));
        app.MapPost("/__emulator/reset", ctx =>
        {
            log.Reset();
            return SendAsync(ctx, 200, w => { w.WriteStartObject(); w.WriteBoolean("reset", true); w.WriteEndObject(); });
        });
        app.MapGet("/__emulator/faults", ctx => SendAsync(ctx, 200, faults.Current.Write));
        app.MapPost("/__emulator/faults", SetFaultsAsync);
        app.MapGet("/__emulator/snapshot", SnapshotAsync);
        app.MapGet("/__emulator/changes", ChangesAsync);
        app.MapGet("/__emulator/stats", ctx => SendAsync(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("payments", store.Count);
            w.WriteNumber("loadMs", stats.LoadMs);
            using (var me = Process.GetCurrentProcess()) w.WriteNumber("workingSetMb", Math.Round(me.WorkingSet64 / 1048576.0, 1));
            w.WriteNumber("pageRequests", stats.Count);
            w.WriteNumber("pageServerMsMedian", Math.Round(stats.Median(), 3));
            w.WriteEndObject();
        }));
    }

    private async Task SetFaultsAsync(HttpContext ctx)
    {
        FaultSettings next;
        try
        {
            using JsonDocument doc = await JsonDocument.ParseAsync(ctx.Request.Body);
            next = FaultSettings.Parse(doc.RootElement);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            await SendAsync(ctx, 400, w => { w.WriteStartObject(); w.WriteString("error", e.Message); w.WriteEndObject(); });
            return;
        }
        faults.Current = next;
        await SendAsync(ctx, 200, next.Write);
    }

    /// <summary>
    /// imp_uids matching status and window right now, ignoring paging (and the 90-day limit). Same defaults as the
    /// API: status all, to = now, from = to - 90 days, sorting -started.
    /// </summary>
    private async Task SnapshotAsync(HttpContext ctx)
    {
        IQueryCollection q = ctx.Request.Query;
        string statusText = q["status"].ToString();
        if (statusText.Length == 0) statusText = "all";
        if (!QueryParser.TryParseStatus(statusText, allowAll: true, out PaymentStatus? status)
            || !QueryParser.TryInt(q, "to", Clock.NowUnix(), out long to)
            || !QueryParser.TryInt(q, "from", to - QueryParser.MaxWindowSeconds, out long from)
            || !QueryParser.TryParseSorting(q, out SortField sort, out bool descending))
        {
            await SendAsync(ctx, 400, w => { w.WriteStartObject(); w.WriteString("error", "bad status, from, to or sorting"); w.WriteEndObject(); });
            return;
        }
        using var buf = new PooledBuffer(64 * 1024);
        using (store.Read())
        {
            QueryView view = engine.Run(new WindowQuery(status, from, to, sort, descending));
            using var w = new Utf8JsonWriter(buf, JsonText.WriterOptions);
            Span<byte> id = stackalloc byte[32];
            w.WriteStartArray();
            for (int i = 0; i < view.Count; i++)
            {
                w.WriteStringValue(id[..store.Codec.Format(view.IdAt(i), id)]);
                if (w.BytesPending > 32 * 1024) w.Flush();
            }
            w.WriteEndArray();
        }
        await Write(ctx, 200, buf);
    }

    /// <summary>Every state change churn made, oldest first: imp_uid, status, its time, latest refund, when it changed.</summary>
    private async Task ChangesAsync(HttpContext ctx)
    {
        using var buf = new PooledBuffer(64 * 1024);
        using (store.Read())
        {
            using var w = new Utf8JsonWriter(buf, JsonText.WriterOptions);
            Span<byte> id = stackalloc byte[32];
            w.WriteStartArray();
            foreach (StateChange c in store.Changes.Snapshot())
            {
                w.WriteStartObject();
                w.WriteString("imp_uid", id[..store.Codec.Format(c.Id, id)]);
                w.WriteString("status", c.Status.ToString().ToLowerInvariant());
                w.WriteNumber("status_at", c.StatusAt);
                w.WriteNumber("refunded_at", c.RefundedAt);
                w.WriteNumber("changed_at", c.ChangedAt);
                w.WriteEndObject();
                if (w.BytesPending > 32 * 1024) w.Flush();
            }
            w.WriteEndArray();
        }
        await Write(ctx, 200, buf);
    }

    private static async Task SendAsync(HttpContext ctx, int status, Action<Utf8JsonWriter> body)
    {
        using var buf = new PooledBuffer(4096);
        using (var w = new Utf8JsonWriter(buf, new JsonWriterOptions { Encoder = JsonText.Encoder })) body(w);
        await Write(ctx, status, buf);
    }

    private static Task Write(HttpContext ctx, int status, PooledBuffer buf)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = ResponseSender.Json;
        ctx.Response.ContentLength = buf.Length;
        return ctx.Response.Body.WriteAsync(buf.WrittenMemory).AsTask();
    }
}
