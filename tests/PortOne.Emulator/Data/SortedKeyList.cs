using System;

namespace PortOne.Emulator.Data;

/// <summary>
/// Ascending array of composite keys (time &lt;&lt; 32 | id). Time-window queries become two binary searches and
/// a contiguous slice; ties on time are broken by id, which makes every order (and so every page) deterministic.
/// </summary>
internal sealed class SortedKeyList
{
    private long[] _keys;
    private int _count;

    public SortedKeyList(long[] keys, int count)
    {
        _keys = keys;
        _count = count;
        Array.Sort(_keys, 0, _count);
    }

    public int Count => _count;
    public long[] Keys => _keys;

    public static long Compose(long time, int id) => (time << 32) | (uint)id;
    public static int IdOf(long key) => (int)(key & 0xFFFF_FFFF);

    /// <summary>First index whose key is &gt;= <paramref name="key"/>.</summary>
    public int LowerBound(long key)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            if (_keys[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Slice of keys whose time lies in [from, to], both inclusive.</summary>
    public (int Start, int Count) Range(long from, long to)
    {
        if (from > to || from >= int.MaxValue) return (0, 0);
        int start = LowerBound(Compose(Math.Max(from, 0), 0));
        int end = to >= int.MaxValue ? _count : LowerBound(Compose(to + 1, 0));
        return (start, end - start);
    }

    public void Insert(long key)
    {
        if (_count == _keys.Length) Array.Resize(ref _keys, Math.Max(16, _keys.Length * 2));
        int i = LowerBound(key);
        // Churned payments carry "now", so the common case is an append with nothing to move.
        if (i < _count) Array.Copy(_keys, i, _keys, i + 1, _count - i);
        _keys[i] = key;
        _count++;
    }

    public bool Remove(long key)
    {
        int i = LowerBound(key);
        if (i >= _count || _keys[i] != key) return false;
        Array.Copy(_keys, i + 1, _keys, i, _count - i - 1);
        _count--;
        return true;
    }
}
