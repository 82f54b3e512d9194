using System;
using System.Collections.Generic;

namespace PortOne.Emulator.Data;

/// <summary>A by-status question: which payments, in what order. Status null = "all".</summary>
internal readonly record struct WindowQuery(PaymentStatus? Status, long From, long To, SortField Sort, bool Descending);

/// <summary>
/// The ordered answer: a slice of an ascending key array, read backwards when descending. Keys that share a time
/// (ties) are in id order unless <see cref="WithRandomTies"/> gave a seed: then each second's ties come in an order
/// drawn from that seed, as a database may return rows with equal sort keys differently on every query.
/// </summary>
internal readonly struct QueryView(long[] keys, int start, int count, bool descending, ulong tieSeed = 0)
{
    public int Count { get; } = count;

    /// <summary>The same answer with each second's ties shuffled by <paramref name="seed"/> (0 = in id order).</summary>
    public QueryView WithRandomTies(ulong seed) => new(keys, start, Count, descending, seed);

    public int IdAt(int i)
    {
        int at = descending ? start + Count - 1 - i : start + i;
        if (tieSeed == 0) return SortedKeyList.IdOf(keys[at]);
        long time = keys[at] >> 32;
        int first = LowerBound(time << 32), end = LowerBound((time + 1) << 32);
        if (end - first == 1) return SortedKeyList.IdOf(keys[at]);
        int rank = TiePermutation.Apply(at - first, end - first, tieSeed ^ (ulong)time * 0x9E3779B97F4A7C15UL);
        return SortedKeyList.IdOf(keys[first + rank]);
    }

    /// <summary>First index of the slice whose key is &gt;= <paramref name="key"/>.</summary>
    private int LowerBound(long key)
    {
        int lo = start, hi = start + Count;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (keys[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}

/// <summary>
/// Answers window queries. When the sort field is the status's own window field the index slice already is the
/// answer (no copy). Otherwise the slice is re-keyed and sorted once, then cached by (status, from, to, sort):
/// clients send the same from/to on every page, so page 2..N cost a lookup. Any mutation invalidates the cache.
/// </summary>
internal sealed class QueryEngine(PaymentStore store)
{
    private const int MaxCached = 16;
    private readonly Dictionary<(PaymentStatus?, long, long, SortField), long[]> _cache = new();
    private readonly object _gate = new();
    private int _cacheVersion = -1;

    /// <summary>Caller holds the store's read (or write) lock, and keeps it while it reads the view.</summary>
    public QueryView Run(WindowQuery q)
    {
        if (q.Status is PaymentStatus s && NativeSort(s) == q.Sort && (s < PaymentStatus.Cancelled || !store.Touched))
        {
            SortedKeyList index = store.Index(s);
            (int start, int count) = index.Range(q.From, q.To);
            return new QueryView(index.Keys, start, count, q.Descending);
        }

        var key = (q.Status, q.From, q.To, q.Sort);
        lock (_gate)
        {
            if (_cacheVersion != store.Version) { _cache.Clear(); _cacheVersion = store.Version; }
            if (_cache.TryGetValue(key, out long[]? hit)) return new QueryView(hit, 0, hit.Length, q.Descending);
        }

        long[] sorted = SortSlice(q);
        lock (_gate)
        {
            if (_cacheVersion == store.Version)
            {
                if (_cache.Count >= MaxCached) _cache.Clear();
                _cache[key] = sorted;
            }
        }
        return new QueryView(sorted, 0, sorted.Length, q.Descending);
    }

    /// <summary>
    /// The sort field that equals the window field for every payment in that status: ready payments are updated
    /// when they start, cancelled and failed ones when they reach that state (until a touch moves "updated" later).
    /// </summary>
    private static SortField? NativeSort(PaymentStatus s) => s switch
    {
        PaymentStatus.Ready => SortField.Started,
        PaymentStatus.Paid => SortField.Paid,
        _ => SortField.Updated,
    };

    private long[] SortSlice(WindowQuery q)
    {
        Span<(int Start, int Count)> ranges = stackalloc (int, int)[4];
        int total = 0;
        for (int s = 0; s < 4; s++)
        {
            if (q.Status is PaymentStatus only && (int)only != s) { ranges[s] = (0, 0); continue; }
            ranges[s] = store.Index((PaymentStatus)s).Range(q.From, q.To);
            total += ranges[s].Count;
        }
        var keys = new long[total];
        int n = 0;
        for (int s = 0; s < 4; s++)
        {
            long[] src = store.Index((PaymentStatus)s).Keys;
            (int start, int count) = ranges[s];
            for (int i = start; i < start + count; i++)
            {
                int id = SortedKeyList.IdOf(src[i]);
                keys[n++] = SortedKeyList.Compose(store[id].SortTime(q.Sort), id);
            }
        }
        Array.Sort(keys);
        return keys;
    }
}
