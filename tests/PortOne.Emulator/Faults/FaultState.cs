using System;

namespace PortOne.Emulator.Faults;

internal enum FaultKind { None, Error, RateLimit, Drop, Html, Malformed, Truncated, CodeNonZero, BadPayment }

/// <summary>
/// Current fault settings plus the seeded RNG that decides, request by request, which fault (if any) hits.
/// One draw per request against consecutive bands (error, rate limit, drop, html, malformed, truncated,
/// code != 0, bad payment), so each configured share is honoured independently as long as the shares sum to at most 1.
/// </summary>
internal sealed class FaultState
{
    private readonly Random _rng;
    private readonly object _gate = new();
    private volatile FaultSettings _current;

    public FaultState(FaultSettings initial, int seed)
    {
        _rng = new Random(seed);
        _current = initial;
        Clock.SkewMs = initial.ClockSkew * 1000;
    }

    /// <summary>The settings; setting them also sets the emulator's clock skew.</summary>
    public FaultSettings Current
    {
        get => _current;
        set
        {
            _current = value;
            Clock.SkewMs = value.ClockSkew * 1000;
        }
    }

    public (FaultKind Kind, int Variant) Draw(FaultSettings f)
    {
        double u;
        int variant;
        lock (_gate)
        {
            u = _rng.NextDouble();
            variant = _rng.Next(1 << 20);
        }
        double edge = 0;
        if (u < (edge += f.ErrorRate)) return (FaultKind.Error, variant);
        if (u < (edge += f.RateLimitRate)) return (FaultKind.RateLimit, variant);
        if (u < (edge += f.DropRate)) return (FaultKind.Drop, variant);
        if (u < (edge += f.HtmlRate)) return (FaultKind.Html, variant);
        if (u < (edge += f.MalformedRate)) return (FaultKind.Malformed, variant);
        if (u < (edge += f.TruncatedRate)) return (FaultKind.Truncated, variant);
        if (u < (edge += f.CodeNonZeroRate)) return (FaultKind.CodeNonZero, variant);
        if (u < edge + f.BadPaymentRate) return (FaultKind.BadPayment, variant);
        return (FaultKind.None, variant);
    }
}
