using System;
using System.Threading;

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
    // Separate, so that random tie order does not reshuffle which requests fault.
    private readonly Random _tieRng;
    private readonly object _gate = new();
    private volatile FaultSettings _current;
    private int _tokenErrorsLeft;

    public FaultState(FaultSettings initial, int seed)
    {
        _rng = new Random(seed);
        _tieRng = new Random(unchecked(seed * 31 + 5));
        _current = initial;
        _tokenErrorsLeft = initial.TokenErrors;
        StartupTieOrder = initial.TieOrder;
        Clock.SkewMs = initial.ClockSkew * 1000;
    }

    /// <summary>The tie order given on the command line: what a replacement that leaves tieOrder out keeps.</summary>
    public TieOrder StartupTieOrder { get; }

    /// <summary>The settings; setting them also sets the emulator's clock skew.</summary>
    public FaultSettings Current
    {
        get => _current;
        set
        {
            _current = value;
            Clock.SkewMs = value.ClockSkew * 1000;
            Interlocked.Exchange(ref _tokenErrorsLeft, value.TokenErrors);
        }
    }

    /// <summary>True when this getToken request is one of the TokenErrors still to answer 503.</summary>
    public bool TakeTokenError()
    {
        int left;
        do
        {
            left = Volatile.Read(ref _tokenErrorsLeft);
            if (left <= 0) return false;
        }
        while (Interlocked.CompareExchange(ref _tokenErrorsLeft, left - 1, left) != left);
        return true;
    }

    /// <summary>The tie order of one answer: 0 = stable (by id), else a seed that orders each second's ties afresh.</summary>
    public ulong TieSeed(FaultSettings f)
    {
        if (f.TieOrder == TieOrder.Stable) return 0;
        lock (_gate) return (ulong)_tieRng.NextInt64(1, long.MaxValue);
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
