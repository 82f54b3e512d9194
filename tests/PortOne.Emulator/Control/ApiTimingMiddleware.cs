using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace PortOne.Emulator.Control;

/// <summary>
/// Outermost middleware for API requests (everything but /__emulator/*): starts the request clock, adds
/// Server-Timing when the headers go out, lists the request as in flight, and records it in the log as its answer
/// starts: before the client can hold the answer, so a test that has it always finds the request logged.
/// </summary>
internal sealed class ApiTimingMiddleware(RequestDelegate next, RequestLog log)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        if (ctx.Request.Path.StartsWithSegments("/__emulator"))
        {
            await next(ctx);
            return;
        }
        long arrivedMs = Clock.NowMs();
        string? tier = ctx.Request.Headers.TryGetValue("Tier", out var t) ? t.ToString() : null;
        string authorization = ctx.Request.Headers.Authorization.ToString();
        string? token = authorization.StartsWith("Bearer ", System.StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        string query = ctx.Request.QueryString.Value ?? "";
        if (query.StartsWith('?')) query = query[1..];
        long ticket = log.Begin(new RequestLogEntry(ctx.Request.Method, ctx.Request.Path.Value ?? "", query, 0, tier, 0, arrivedMs, token));
        var timing = new RequestTiming(Stopwatch.GetTimestamp());
        ctx.Features.Set(timing);
        HttpResponse response = ctx.Response;
        bool logged = false;
        void Log(int status)
        {
            if (logged) return;
            logged = true;
            log.Add(ticket, new RequestLogEntry(ctx.Request.Method, ctx.Request.Path.Value ?? "", query, status, tier,
                timing.HeaderMs ?? timing.ServerMsNow(), arrivedMs, token));
        }
        response.OnStarting(() =>
        {
            double ms = timing.ServerMsNow();
            timing.HeaderMs = ms;
            response.Headers["Server-Timing"] = "app;dur=" + ms.ToString("0.###", CultureInfo.InvariantCulture);
            Log(response.StatusCode);
            return Task.CompletedTask;
        });
        bool failed = false;
        try
        {
            await next(ctx);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            // An answer that never started (a dropped connection, a failure before the headers) is logged here.
            Log(failed && !response.HasStarted ? 500 : response.StatusCode);
        }
    }
}
