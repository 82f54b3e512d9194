using System;
using System.Globalization;
using System.Threading;

namespace PortOne.Emulator;

/// <summary>
/// Wall clock in unix units, the only time source of the API (tokens, default windows, churn, the Date header).
/// clockSkew sets it off this machine's clock, as PortOne's may be off a client's.
/// </summary>
internal static class Clock
{
    private static long s_skewMs;

    /// <summary>Milliseconds the emulator's clock is ahead of this machine's (negative: behind).</summary>
    public static long SkewMs
    {
        get => Volatile.Read(ref s_skewMs);
        set => Volatile.Write(ref s_skewMs, value);
    }

    public static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + SkewMs;

    public static long NowUnix() => NowMs() / 1000;

    /// <summary>Now as an HTTP date (RFC 1123), for the Date header.</summary>
    public static string HttpDate() => DateTimeOffset.FromUnixTimeMilliseconds(NowMs()).ToString("r", CultureInfo.InvariantCulture);
}
