using System;

namespace PortOne.Emulator.Control;

/// <summary>Server time of served by-status pages (the last 10,000) for /__emulator/stats.</summary>
internal sealed class PageStats
{
    private const int Window = 10_000;
    private readonly double[] _ms = new double[Window];
    private readonly object _gate = new();
    private long _count;

    public long LoadMs { get; set; }

    public long Count
    {
        get { lock (_gate) return _count; }
    }

    public void Record(double ms)
    {
        lock (_gate) _ms[_count++ % Window] = ms;
    }

    public double Median()
    {
        double[] copy;
        lock (_gate)
        {
            int n = (int)Math.Min(_count, Window);
            if (n == 0) return 0;
            copy = _ms.AsSpan(0, n).ToArray();
        }
        Array.Sort(copy);
        return copy[copy.Length / 2];
    }
}
