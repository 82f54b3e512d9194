using System;

namespace PortOne.Emulator;

/// <summary>Wall clock in unix units, the only time source of the API (tokens, default windows, churn).</summary>
internal static class Clock
{
    public static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static long NowUnix() => NowMs() / 1000;
}
