using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PortOne.Emulator.Control;
using PortOne.Emulator.Data;
using PortOne.Emulator.Faults;
using PortOne.Emulator.Json;

namespace PortOne.Emulator.Api;

/// <summary>The payment endpoints: by status (paged), by imp_uid, by merchant_uid.</summary>
internal sealed class PaymentEndpoints(PaymentStore store, QueryEngine engine, TokenService tokens, FaultState faults,
    ChurnEngine churn, PageStats stats)
{
    public const string NotFound = "존재하지 않는 결제정보입니다.";
    /// <summary>The total claimed under the ignorePaging fault: far more than any page ever delivers.</summary>
    public const long IgnoredPagingTotal = 100_000_000;

    public void Map(WebApplication app)
    {
        app.MapGet("/payments/status/{payment_status}", ByStatusAsync);
        app.MapGet("/payments/find/{merchant_uid}/{payment_status?}", FindAsync);
        app.MapGet("/payments/{imp_uid}", ByImpUidAsync);
    }

    private async Task ByStatusAsync(HttpContext ctx)
    {
        long started = Stopwatch.GetTimestamp();
        if (!tokens.IsAuthorized(ctx.Request)) { await ResponseSender.UnauthorizedAsync(ctx); return; }
        string? error = QueryParser.TryParse(Route(ctx, "payment_status"), ctx.Request.Query, Clock.NowUnix(), out PageRequest req);
        if (error is not null) { await ResponseSender.ErrorAsync(ctx, StatusCodes.Status400BadRequest, -1, error); return; }

        FaultSettings f = faults.Current;
        churn.Apply(f);
        ulong ties = faults.TieSeed(f);
        using var buf = new PooledBuffer(Math.Min(req.Limit, 1000) * 2048 + 1024);
        bool beyond = false;
        using (store.Read())
        {
            if (f.IgnorePaging)
            {
                // A broken server: the first page of the default window every time, and always a next page.
                long now = Clock.NowUnix();
                QueryView first = engine.Run(req.Query with { From = now - QueryParser.MaxWindowSeconds, To = now }).WithRandomTies(ties);
                Envelope.Page(buf, store, first, 0, req.Limit, IgnoredPagingTotal, req.Page - 1, req.Page + 1L);
            }
            else
            {
                QueryView view = engine.Run(req.Query).WithRandomTies(ties);
                // PortOne answers 400 for a page past the data; page 1 of nothing is a normal empty page.
                beyond = req.Page > 1 && (long)(req.Page - 1) * req.Limit >= view.Count;
                if (!beyond) Envelope.Page(buf, store, view, req.Page, req.Limit);
            }
        }
        if (beyond)
        {
            await ResponseSender.ErrorAsync(ctx, StatusCodes.Status400BadRequest, -1, QueryParser.PageBeyondData);
            return;
        }
        stats.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        await ResponseSender.SendAsync(ctx, StatusCodes.Status200OK, buf);
    }

    private async Task ByImpUidAsync(HttpContext ctx)
    {
        if (!tokens.IsAuthorized(ctx.Request)) { await ResponseSender.UnauthorizedAsync(ctx); return; }
        // Per the spec, test-channel (sandbox) payments are only returned with include_sandbox=true.
        string includeSandbox = ctx.Request.Query["include_sandbox"].ToString();
        bool withSandbox = includeSandbox.Equals("true", StringComparison.OrdinalIgnoreCase) || includeSandbox == "1";
        using var buf = new PooledBuffer(4096);
        bool found;
        using (store.Read())
        {
            Payment? p = store.FindByImpUid(Route(ctx, "imp_uid"));
            found = p is not null && (withSandbox || !p.Has(PaymentFlags.Sandbox));
            if (found) Envelope.Payment(buf, store, p!);
        }
        if (!found) { await ResponseSender.ErrorAsync(ctx, StatusCodes.Status404NotFound, 1, NotFound); return; }
        await ResponseSender.SendAsync(ctx, StatusCodes.Status200OK, buf);
    }

    private async Task FindAsync(HttpContext ctx)
    {
        if (!tokens.IsAuthorized(ctx.Request)) { await ResponseSender.UnauthorizedAsync(ctx); return; }
        PaymentStatus? status = null;
        if (ctx.Request.RouteValues.TryGetValue("payment_status", out object? raw) && raw is string text && text.Length > 0
            && !QueryParser.TryParseStatus(text, allowAll: false, out status))
        {
            await ResponseSender.ErrorAsync(ctx, StatusCodes.Status400BadRequest, -1, QueryParser.BadStatus);
            return;
        }
        if (!QueryParser.TryParseSorting(ctx.Request.Query, out SortField sort, out bool descending))
        {
            await ResponseSender.ErrorAsync(ctx, StatusCodes.Status400BadRequest, -1, QueryParser.BadSorting);
            return;
        }
        using var buf = new PooledBuffer(4096);
        bool found;
        using (store.Read())
        {
            Payment? p = store.FindByMerchant(Route(ctx, "merchant_uid"), status, sort, descending);
            found = p is not null;
            if (found) Envelope.Payment(buf, store, p!);
        }
        if (!found) { await ResponseSender.ErrorAsync(ctx, StatusCodes.Status404NotFound, 1, NotFound); return; }
        await ResponseSender.SendAsync(ctx, StatusCodes.Status200OK, buf);
    }

    private static string Route(HttpContext ctx, string name) => ctx.Request.RouteValues[name] as string ?? "";
}
