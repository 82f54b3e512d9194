using System.Diagnostics;

namespace PortOne.Emulator.Control;

/// <summary>
/// Per-request clock. Injected latency and stalls are subtracted so Server-Timing and the request log report
/// what the emulator itself spent, which is what a benchmark needs to rule the emulator out as a bottleneck.
/// </summary>
internal sealed class RequestTiming(long startTimestamp)
{
    public double InjectedMs { get; set; }

    /// <summary>Set when the response headers go out; the log reuses it so both report the same figure.</summary>
    public double? HeaderMs { get; set; }

    public double ServerMsNow() =>
        System.Math.Max(0, Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds - InjectedMs);
}
