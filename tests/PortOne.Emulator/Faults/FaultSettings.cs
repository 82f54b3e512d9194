using System;
using System.Globalization;
using System.Text.Json;

namespace PortOne.Emulator.Faults;

/// <summary>How payments that share a sort time are ordered in an API answer.</summary>
internal enum TieOrder { Random, Stable }

/// <summary>
/// Fault knobs. Immutable: the control endpoint swaps the whole record, so a request never sees half an update.
/// </summary>
internal sealed record FaultSettings
{
    public static readonly FaultSettings None = new();

    public int LatencyMs { get; init; }
    public double ErrorRate { get; init; }
    public double RateLimitRate { get; init; }
    public string RetryAfter { get; init; } = "1";
    public double DropRate { get; init; }
    public int Churn { get; init; }
    public double HtmlRate { get; init; }
    public double MalformedRate { get; init; }
    public double TruncatedRate { get; init; }
    public double CodeNonZeroRate { get; init; }
    public int StallMs { get; init; }
    /// <summary>Churn only picks existing payments whose window time is in [ChurnFrom, ChurnTo] and stamps late
    /// arrivals there; 0 leaves that side open (late arrivals: the data span start, or now).</summary>
    public long ChurnFrom { get; init; }
    public long ChurnTo { get; init; }
    /// <summary>/payments/status answers page 1 of the default window whatever page/from/to say, and always offers a next page.</summary>
    public bool IgnorePaging { get; init; }

    /// <summary>Largest unix time a setting accepts (the year 2100).</summary>
    public const long MaxUnix = 4_102_444_800;
    public double BadPaymentRate { get; init; }
    public BadPaymentShape BadPayment { get; init; }
    /// <summary>When set, every API request (getToken too) is answered 307 to this base URL plus its path and query.</summary>
    public string RedirectTo { get; init; } = "";
    /// <summary>Seconds the emulator's clock is ahead of this machine's (negative: behind): getToken's now, the Date header, every default "now".</summary>
    public long ClockSkew { get; init; }

    /// <summary>Largest clock skew a setting accepts, either way: ten years.</summary>
    public const long MaxClockSkew = 315_360_000;
    /// <summary>
    /// Payments that share a sort time come in an order drawn afresh for every request (as a database may return
    /// ties), unless a test asks for <see cref="TieOrder.Stable"/>: by id, the same on every page.
    /// </summary>
    public TieOrder TieOrder { get; init; } = TieOrder.Random;
    /// <summary>On each /payments/status request, this many cancelled or failed payments (in the churn range) are
    /// touched: their "updated" moves to now while their status and status time stay.</summary>
    public int Touch { get; init; }
    /// <summary>The next this many POST /users/getToken requests are answered 503 (counted down from when set).</summary>
    public int TokenErrors { get; init; }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("latencyMs", LatencyMs);
        w.WriteNumber("errorRate", ErrorRate);
        w.WriteNumber("rateLimitRate", RateLimitRate);
        w.WriteString("retryAfter", RetryAfter);
        w.WriteNumber("dropRate", DropRate);
        w.WriteNumber("churn", Churn);
        w.WriteNumber("htmlRate", HtmlRate);
        w.WriteNumber("malformedRate", MalformedRate);
        w.WriteNumber("truncatedRate", TruncatedRate);
        w.WriteNumber("codeNonZeroRate", CodeNonZeroRate);
        w.WriteNumber("stallMs", StallMs);
        w.WriteNumber("churnFrom", ChurnFrom);
        w.WriteNumber("churnTo", ChurnTo);
        w.WriteBoolean("ignorePaging", IgnorePaging);
        w.WriteNumber("badPaymentRate", BadPaymentRate);
        w.WriteString("badPayment", Faults.BadPayment.NameOf(BadPayment));
        w.WriteString("redirectTo", RedirectTo);
        w.WriteNumber("clockSkew", ClockSkew);
        w.WriteString("tieOrder", TieOrder == TieOrder.Random ? "random" : "stable");
        w.WriteNumber("touch", Touch);
        w.WriteNumber("tokenErrors", TokenErrors);
        w.WriteEndObject();
    }

    /// <summary>
    /// Reads a full replacement: fields left out take their default (0, or "1" for retryAfter), except tieOrder,
    /// which keeps <paramref name="tieOrder"/> (the command line's) so that clearing faults keeps a test's tie order.
    /// </summary>
    public static FaultSettings Parse(JsonElement e, TieOrder tieOrder = TieOrder.Random)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new FormatException("a JSON object is expected");
        var s = new FaultSettings { TieOrder = tieOrder };
        foreach (JsonProperty p in e.EnumerateObject())
        {
            switch (p.Name)
            {
                case "latencyMs": s = s with { LatencyMs = Int(p, 600_000) }; break;
                case "errorRate": s = s with { ErrorRate = Rate(p) }; break;
                case "rateLimitRate": s = s with { RateLimitRate = Rate(p) }; break;
                case "retryAfter":
                    s = s with
                    {
                        RetryAfter = p.Value.ValueKind switch
                        {
                            JsonValueKind.String => p.Value.GetString()!,
                            JsonValueKind.Number => p.Value.GetInt64().ToString(CultureInfo.InvariantCulture),
                            JsonValueKind.Null => "1",
                            _ => throw new FormatException("retryAfter must be a string or a number"),
                        },
                    };
                    break;
                case "dropRate": s = s with { DropRate = Rate(p) }; break;
                case "churn": s = s with { Churn = Int(p, 100_000) }; break;
                case "htmlRate": s = s with { HtmlRate = Rate(p) }; break;
                case "malformedRate": s = s with { MalformedRate = Rate(p) }; break;
                case "truncatedRate": s = s with { TruncatedRate = Rate(p) }; break;
                case "codeNonZeroRate": s = s with { CodeNonZeroRate = Rate(p) }; break;
                case "stallMs": s = s with { StallMs = Int(p, 3_600_000) }; break;
                case "churnFrom": s = s with { ChurnFrom = Unix(p) }; break;
                case "churnTo": s = s with { ChurnTo = Unix(p) }; break;
                case "ignorePaging": s = s with { IgnorePaging = Bool(p) }; break;
                case "badPaymentRate": s = s with { BadPaymentRate = Rate(p) }; break;
                case "badPayment": s = s with { BadPayment = Faults.BadPayment.Parse(Text(p)) }; break;
                case "redirectTo": s = s with { RedirectTo = Url(Text(p)) }; break;
                case "clockSkew": s = s with { ClockSkew = Skew(p) }; break;
                case "tieOrder": s = s with { TieOrder = ParseTieOrder(Text(p)) }; break;
                case "touch": s = s with { Touch = Int(p, 100_000) }; break;
                case "tokenErrors": s = s with { TokenErrors = Int(p, 1_000) }; break;
                default: throw new FormatException($"unknown fault setting '{p.Name}'");
            }
        }
        if (s.ChurnRangeIsEmpty) throw new FormatException("churnFrom must not be after churnTo");
        return s;
    }

    public static TieOrder ParseTieOrder(string text) => text switch
    {
        "" or "random" => TieOrder.Random,
        "stable" => TieOrder.Stable,
        _ => throw new FormatException("tieOrder must be \"random\" or \"stable\""),
    };

    public bool ChurnRangeIsEmpty => ChurnFrom > 0 && ChurnTo > 0 && ChurnFrom > ChurnTo;

    private static long Unix(JsonProperty p)
    {
        if (p.Value.ValueKind == JsonValueKind.Null) return 0;
        if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt64(out long n) || n < 0 || n > MaxUnix)
            throw new FormatException($"{p.Name} must be unix seconds in 0..{MaxUnix}");
        return n;
    }

    private static long Skew(JsonProperty p)
    {
        if (p.Value.ValueKind == JsonValueKind.Null) return 0;
        if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt64(out long n) || n < -MaxClockSkew || n > MaxClockSkew)
            throw new FormatException($"{p.Name} must be whole seconds in -{MaxClockSkew}..{MaxClockSkew}");
        return n;
    }

    private static bool Bool(JsonProperty p) => p.Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False or JsonValueKind.Null => false,
        _ => throw new FormatException($"{p.Name} must be true or false"),
    };

    private static string Text(JsonProperty p) => p.Value.ValueKind switch
    {
        JsonValueKind.Null => "",
        JsonValueKind.String => p.Value.GetString()!,
        _ => throw new FormatException($"{p.Name} must be a string"),
    };

    private static string Url(string text) =>
        text.Length == 0 || (Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == "http" || uri.Scheme == "https"))
            ? text : throw new FormatException("redirectTo must be an absolute http(s) URL (or empty)");

    private static int Int(JsonProperty p, int max)
    {
        if (p.Value.ValueKind == JsonValueKind.Null) return 0;
        if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt32(out int n) || n < 0 || n > max)
            throw new FormatException($"{p.Name} must be an integer in 0..{max}");
        return n;
    }

    private static double Rate(JsonProperty p)
    {
        if (p.Value.ValueKind == JsonValueKind.Null) return 0;
        if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetDouble(out double r) || r < 0 || r > 1)
            throw new FormatException($"{p.Name} must be a number in 0..1");
        return r;
    }
}
