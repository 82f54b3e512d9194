using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace PortOne.Emulator.Faults;

/// <summary>
/// A fault that needs the real answer: the handler builds its normal body, and if that would be a 200 this
/// breaks it on the way out (drop mid-body, malformed JSON, a well-framed body cut in the middle, or valid JSON
/// with one bad payment).
/// </summary>
internal sealed class BodyFault(FaultKind kind, int variant, BadPaymentShape badPayment = BadPaymentShape.Any)
{
    private static readonly byte[] PhpWarning =
        "<br />\n<b>Warning</b>:  Undefined array key \"tier\" in <b>/var/www/api/app/Http/Controllers/PaymentController.php</b> on line <b>214</b><br />\n"u8.ToArray();

    public FaultKind Kind => kind;

    public async Task ApplyAsync(HttpContext ctx, ReadOnlyMemory<byte> body)
    {
        HttpResponse r = ctx.Response;
        r.StatusCode = 200;
        r.ContentType = "application/json; charset=utf-8";
        switch (kind)
        {
            case FaultKind.Truncated:
            {
                // Content-Length matches what is sent: the HTTP layer sees a complete message, the JSON is not.
                ReadOnlyMemory<byte> cut = body[..Math.Max(1, body.Length / 2)];
                r.ContentLength = cut.Length;
                await r.Body.WriteAsync(cut);
                break;
            }
            case FaultKind.Malformed:
            {
                byte[] bad;
                if (variant % 2 == 0)
                {
                    // A PHP notice printed before the JSON, as broken backends do.
                    bad = new byte[PhpWarning.Length + body.Length];
                    PhpWarning.CopyTo(bad, 0);
                    body.Span.CopyTo(bad.AsSpan(PhpWarning.Length));
                }
                else
                {
                    // The first comma goes missing: {"code":0"message":null,...} (even lenient parsers reject it).
                    int comma = body.Span.IndexOf((byte)',');
                    bad = new byte[body.Length - 1];
                    body.Span[..comma].CopyTo(bad);
                    body.Span[(comma + 1)..].CopyTo(bad.AsSpan(comma));
                }
                r.ContentLength = bad.Length;
                await r.Body.WriteAsync(bad);
                break;
            }
            case FaultKind.BadPayment:
            {
                byte[] bad = BadPayment.Apply(body, badPayment, variant);
                r.ContentLength = bad.Length;
                await r.Body.WriteAsync(bad);
                break;
            }
            default:
            {
                // Drop: promise the full length, send part of it, make sure it left, then kill the connection.
                r.ContentLength = body.Length;
                await r.Body.WriteAsync(body[..Math.Max(1, body.Length / 2)]);
                await r.Body.FlushAsync();
                await Task.Delay(20);
                ctx.Abort();
                break;
            }
        }
    }
}
