using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using PortOne.Emulator.Faults;
using PortOne.Emulator.Json;

namespace PortOne.Emulator.Api;

/// <summary>Sends a fully built body; a pending body fault (drop, malformed, truncated) breaks a 200 on the way.</summary>
internal static class ResponseSender
{
    public const string Json = "application/json; charset=utf-8";

    public static Task SendAsync(HttpContext ctx, int status, PooledBuffer body)
    {
        BodyFault? fault = ctx.Features.Get<BodyFault>();
        if (fault is not null && status == StatusCodes.Status200OK) return fault.ApplyAsync(ctx, body.WrittenMemory);
        HttpResponse r = ctx.Response;
        r.StatusCode = status;
        r.ContentType = Json;
        r.ContentLength = body.Length;
        return r.Body.WriteAsync(body.WrittenMemory).AsTask();
    }

    /// <summary>{"code":code,"message":message,"response":null} with the given HTTP status.</summary>
    public static async Task ErrorAsync(HttpContext ctx, int status, int code, string message)
    {
        using var buf = new PooledBuffer(512);
        Envelope.Error(buf, code, message);
        await SendAsync(ctx, status, buf);
    }

    public static Task UnauthorizedAsync(HttpContext ctx) => ErrorAsync(ctx, StatusCodes.Status401Unauthorized, -1, "Unauthorized");
}
