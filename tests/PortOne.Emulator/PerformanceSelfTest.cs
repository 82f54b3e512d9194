using System;
using System.Diagnostics;
using PortOne.Emulator.Data;
using PortOne.Emulator.Json;

namespace PortOne.Emulator;

/// <summary>
/// --self-test-performance: generates 1,000,000 payments (or --payments N), then serves pages of 1,000 through the
/// same query + serialization code the endpoint runs (in process, no socket), and prints the figures the
/// emulator is held to: load under 10 s, working set under 2 GiB, median page under 10 ms.
/// </summary>
internal static class PerformanceSelfTest
{
    public static int Run(EmulatorOptions options)
    {
        int count = options.PaymentsGiven ? options.Payments : 1_000_000;
        long anchor = options.Anchor ?? Clock.NowUnix();
        var sw = Stopwatch.StartNew();
        PaymentStore store = DataGenerator.Generate(count, options.Seed, options.SpanDays, anchor);
        double loadSeconds = sw.Elapsed.TotalSeconds;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        double workingSetMb = CurrentWorkingSetMb();
        Print($"payments            {count:N0}");
        Print($"load seconds        {loadSeconds:0.00}");
        Print($"working set MB      {workingSetMb:0}");

        var engine = new QueryEngine(store);
        long from = anchor - 90L * 86_400;
        // The default sorting over "all" needs a sort (first page) then hits the cache; "paid"/-paid is a slice.
        Measure(store, engine, "all     -started", new WindowQuery(null, from, anchor, SortField.Started, true));
        Measure(store, engine, "paid    -paid   ", new WindowQuery(PaymentStatus.Paid, from, anchor, SortField.Paid, true));
        Measure(store, engine, "paid    -updated", new WindowQuery(PaymentStatus.Paid, from, anchor, SortField.Updated, true));
        Print($"working set MB after pages {CurrentWorkingSetMb():0}");
        return 0;
    }

    private static void Measure(PaymentStore store, QueryEngine engine, string label, WindowQuery q)
    {
        const int pages = 200, limit = 1000;
        var ms = new double[pages];
        long bytes = 0;
        int served = 0;
        for (int page = 1; page <= pages; page++)
        {
            long t0 = Stopwatch.GetTimestamp();
            using var buf = new PooledBuffer(limit * 2048);
            using (store.Read())
            {
                QueryView view = engine.Run(q);
                if ((long)(page - 1) * limit >= view.Count) break;
                Envelope.Page(buf, store, view, page, limit);
            }
            ms[served++] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            bytes += buf.Length;
        }
        if (served == 0) { Print($"{label}  no data in the window"); return; }
        Array.Sort(ms, 0, served);
        Print($"{label}  pages {served}  median ms {ms[served / 2]:0.00}  p95 ms {ms[(int)(served * 0.95)]:0.00}  " +
              $"max ms {ms[served - 1]:0.00}  avg KB/page {bytes / 1024.0 / served:0}");
    }

    private static double CurrentWorkingSetMb()
    {
        using var me = Process.GetCurrentProcess();
        return me.WorkingSet64 / 1048576.0;
    }

    // InvariantGlobalization: the current culture is the invariant one, so plain interpolation is stable.
    private static void Print(string line) => Console.Out.WriteLine(line);
}
