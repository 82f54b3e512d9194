using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using PortOne.Emulator.Json;

namespace PortOne.Emulator.Api;

/// <summary>POST /users/getToken: JSON or form body with imp_key and imp_secret.</summary>
internal static class AuthEndpoints
{
    public const string MissingMessage = "imp_key, imp_secret 파라메터가 누락되었습니다.";
    public const string WrongMessage = "imp_key, imp_secret 정보가 올바르지 않습니다.";

    public static void Map(WebApplication app, TokenService tokens, EmulatorOptions options)
    {
        app.MapPost("/users/getToken", async (HttpContext ctx) =>
        {
            (string? key, string? secret) = await ReadCredentialsAsync(ctx.Request);
            if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret))
            {
                await ResponseSender.ErrorAsync(ctx, StatusCodes.Status400BadRequest, -1, MissingMessage);
                return;
            }
            if (!FixedTimeEquals(key, options.ImpKey) || !FixedTimeEquals(secret, options.ImpSecret))
            {
                await ResponseSender.ErrorAsync(ctx, StatusCodes.Status401Unauthorized, -1, WrongMessage);
                return;
            }
            (string token, long now, long expiredAt) = tokens.Issue();
            using var buf = new PooledBuffer(512);
            Envelope.Token(buf, token, now, expiredAt);
            await ResponseSender.SendAsync(ctx, StatusCodes.Status200OK, buf);
        });
    }

    /// <summary>Form when the content type says so; otherwise JSON, falling back to urlencoded text.</summary>
    private static async Task<(string?, string?)> ReadCredentialsAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            IFormCollection form = await request.ReadFormAsync();
            return (form["imp_key"].ToString(), form["imp_secret"].ToString());
        }
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        string text = await reader.ReadToEndAsync();
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, null);
            return (StringOf(doc.RootElement, "imp_key"), StringOf(doc.RootElement, "imp_secret"));
        }
        catch (JsonException)
        {
            var q = QueryHelpers.ParseQuery(text);
            return (q.TryGetValue("imp_key", out var k) ? k.ToString() : null,
                q.TryGetValue("imp_secret", out var s) ? s.ToString() : null);
        }
    }

    private static string? StringOf(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool FixedTimeEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
