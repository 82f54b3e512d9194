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
internal sealed class ControlEndpoints(PaymentStore store, FaultState faults, ChurnEngine churn,
    RequestLog log, PageStats stats, TokenService tokens)
{
    public void Map(WebApplication app)
    {
        app.MapGet("/__emulator/requests", ctx => SendAsync(ctx, 200, w => RequestLog.Write(w, log.Snapshot())));
        app.MapGet("/__emulator/requests/inflight", ctx => SendAsync(ctx, 200, w => RequestLog.Write(w, log.InFlight())));
        app.MapPost("/__emulator/tokens/expire", ctx =>
        {
            tokens.Expire();
            return SendAsync(ctx, 200, w => { w.WriteStartObject(); w.WriteBoolean("expired", true); w.WriteEndObject(); });
        });
        app.MapPost("/__emulator/reset", ctx =>
        {
            log.Reset();
            return SendAsync(ctx, 200, w => { w.WriteStartObject(); w.WriteBoolean("reset", true); w.WriteEndObject(); });
        });
        app.MapGet("/__emulator/faults", ctx => SendAsync(ctx, 200, faults.Current.Write));
        app.MapPost("/__emulator/faults", SetFaultsAsync);
        app.MapGet("/__emulator/snapshot", ctx => SnapshotEndpoint.SendAsync(ctx, store));
        app.MapPost("/__emulator/payments/burst", ctx => BurstEndpoint.AddAsync(ctx, store, churn));
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
            next = FaultSettings.Parse(doc.RootElement, faults.StartupTieOrder);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            await BadRequestAsync(ctx, e.Message);
            return;
        }
        faults.Current = next;
        await SendAsync(ctx, 200, next.Write);
    }

    public static Task BadRequestAsync(HttpContext ctx, string error) =>
        SendAsync(ctx, 400, w => { w.WriteStartObject(); w.WriteString("error", error); w.WriteEndObject(); });

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

    public static async Task SendAsync(HttpContext ctx, int status, Action<Utf8JsonWriter> body)
    {
        using var buf = new PooledBuffer(4096);
        using (var w = new Utf8JsonWriter(buf, new JsonWriterOptions { Encoder = JsonText.Encoder })) body(w);
        await Write(ctx, status, buf);
    }

    public static Task Write(HttpContext ctx, int status, PooledBuffer buf)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = ResponseSender.Json;
        ctx.Response.ContentLength = buf.Length;
        return ctx.Response.Body.WriteAsync(buf.WrittenMemory).AsTask();
    }
}
