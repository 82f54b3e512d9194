using System;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using PortOne.Emulator.Control;

namespace PortOne.Emulator.Faults;

/// <summary>
/// Injects faults into /payments* requests only: never /users/getToken (a client must be able to log in to be
/// tested at all) and never /__emulator/*; the one exception is redirectTo, which sends every API request
/// elsewhere. Latency and stalls come first; then one draw decides whether a proxy-level fault answers instead of
/// the API (error, 429, HTML, code != 0) or the API's own 200 is broken on the way out (drop, malformed,
/// truncated, bad payment; see <see cref="BodyFault"/>).
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultState faults, IHostApplicationLifetime lifetime)
{
    private static readonly string[] ErrorJson =
    [
        """{"code":-1,"message":"서버 내부 오류가 발생했습니다.","response":null}""",
        """{"code":-1,"message":"Bad Gateway","response":null}""",
        """{"code":-1,"message":"일시적으로 서비스를 이용할 수 없습니다. 잠시 후 다시 시도해주세요.","response":null}""",
    ];

    private static readonly string[] ErrorText = ["Internal Server Error", "Bad Gateway", "Service Unavailable"];
    private static readonly int[] ErrorStatus = [500, 502, 503];

    private const string RateLimitJson = """{"code":-1,"message":"요청이 너무 많습니다. 잠시 후 다시 시도해주세요.","response":null}""";
    private const string CodeNonZeroJson = """{"code":-1,"message":"일시적인 오류로 결제정보를 조회하지 못했습니다. 잠시 후 다시 시도해주세요.","response":null}""";

    private const string NginxBadGateway = """
        <html>
        <head><title>502 Bad Gateway</title></head>
        <body>
        <center><h1>502 Bad Gateway</h1></center>
        <hr><center>nginx</center>
        </body>
        </html>

        """;

    private const string MaintenancePage = """
        <!DOCTYPE html>
        <html lang="ko">
        <head><meta charset="utf-8"><title>서비스 점검 안내</title></head>
        <body>
        <h1>서비스 점검 중입니다</h1>
        <p>보다 안정적인 서비스를 위해 시스템 점검을 진행하고 있습니다. 이용에 불편을 드려 죄송합니다.</p>
        </body>
        </html>

        """;

    public async Task InvokeAsync(HttpContext ctx)
    {
        FaultSettings f = faults.Current;
        if (f.RedirectTo.Length > 0 && !ctx.Request.Path.StartsWithSegments("/__emulator"))
        {
            // A hostile or misconfigured front: every API request, getToken included, is sent elsewhere with its body.
            ctx.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            ctx.Response.Headers.Location = f.RedirectTo.TrimEnd('/') + ctx.Request.Path + ctx.Request.QueryString;
            return;
        }
        if (ctx.Request.Path.StartsWithSegments("/users/getToken") && faults.TakeTokenError())
        {
            await WriteAsync(ctx.Response, 503, "application/json; charset=utf-8", ErrorJson[2]);
            return;
        }
        if (!ctx.Request.Path.StartsWithSegments("/payments"))
        {
            await next(ctx);
            return;
        }
        if (f.LatencyMs > 0 && !await DelayAsync(ctx, f.LatencyMs)) return;
        if (f.StallMs > 0 && !await DelayAsync(ctx, f.StallMs)) return;

        (FaultKind kind, int variant) = faults.Draw(f);
        HttpResponse r = ctx.Response;
        switch (kind)
        {
            case FaultKind.Error:
                int e = variant % 3;
                if (variant / 3 % 2 == 0) await WriteAsync(r, ErrorStatus[e], "application/json; charset=utf-8", ErrorJson[e]);
                else await WriteAsync(r, ErrorStatus[e], "text/plain; charset=utf-8", ErrorText[e]);
                return;
            case FaultKind.RateLimit:
                r.Headers.RetryAfter = f.RetryAfter;
                await WriteAsync(r, 429, "application/json; charset=utf-8", RateLimitJson);
                return;
            case FaultKind.Html:
                if (variant % 2 == 0) await WriteAsync(r, 502, "text/html", NginxBadGateway);
                else await WriteAsync(r, 200, "text/html; charset=utf-8", MaintenancePage);
                return;
            case FaultKind.CodeNonZero:
                await WriteAsync(r, 200, "application/json; charset=utf-8", CodeNonZeroJson);
                return;
            case FaultKind.Drop or FaultKind.Malformed or FaultKind.Truncated or FaultKind.BadPayment:
                ctx.Features.Set(new BodyFault(kind, variant, f.BadPayment));
                break;
        }
        await next(ctx);
    }

    /// <summary>Waits, charging the wait to injected time; false when the client left or the emulator stops.</summary>
    private async Task<bool> DelayAsync(HttpContext ctx, int ms)
    {
        long start = Stopwatch.GetTimestamp();
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(ms, both.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            // Logged as nginx's 499 "client closed request" rather than a 200 that never happened.
            if (!ctx.Response.HasStarted) ctx.Response.StatusCode = 499;
            ctx.Abort();
            return false;
        }
        finally
        {
            RequestTiming? timing = ctx.Features.Get<RequestTiming>();
            if (timing is not null) timing.InjectedMs += Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
    }

    private static Task WriteAsync(HttpResponse r, int status, string contentType, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        r.StatusCode = status;
        r.ContentType = contentType;
        r.ContentLength = bytes.Length;
        return r.Body.WriteAsync(bytes.AsMemory()).AsTask();
    }
}
