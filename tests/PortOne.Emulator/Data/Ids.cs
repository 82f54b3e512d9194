using System;
using System.Buffers.Text;
using System.Globalization;

namespace PortOne.Emulator.Data;

/// <summary>Deterministic per-payment randomness derived from (seed, id, salt): no storage needed.</summary>
internal static class Mix
{
    public static ulong Hash(ulong seed, long id, ulong salt)
    {
        ulong z = seed * 0x9E3779B97F4A7C15UL ^ (ulong)id * 0xBF58476D1CE4E5B9UL ^ (salt + 1) * 0x94D049BB133111EBUL;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>
/// imp_uid = "imp_" + 12 digits, a bijection of the payment id: unique without a set, random-looking like the real
/// ones, different per seed, and reversible so lookups need no dictionary of 1,000,000 strings.
/// </summary>
internal sealed class ImpUidCodec
{
    private const ulong Low = 100_000_000_000UL;  // keeps the first digit non-zero
    private const ulong Range = 900_000_000_000UL; // = 2^11 * 3^2 * 5^11
    private const ulong Multiplier = 370_248_451_631UL; // coprime with 2, 3 and 5, hence invertible mod Range
    private readonly ulong _offset;
    private readonly ulong _inverse;

    public ImpUidCodec(int seed)
    {
        _offset = Mix.Hash((ulong)(uint)seed, 0, 0xD1CE) % Range;
        _inverse = ModInverse(Multiplier, Range);
    }

    public ulong Number(int id) => Low + (ulong)((((UInt128)(ulong)id * Multiplier) + _offset) % Range);

    /// <summary>Writes "imp_" + 12 digits (16 bytes).</summary>
    public int Format(int id, Span<byte> dest)
    {
        "imp_"u8.CopyTo(dest);
        Utf8Formatter.TryFormat(Number(id), dest[4..], out int n);
        return 4 + n;
    }

    public string ToString(int id) => "imp_" + Number(id).ToString(CultureInfo.InvariantCulture);

    /// <summary>The id an imp_uid stands for, or -1 if it is not one of ours.</summary>
    public long Decode(string impUid)
    {
        if (impUid.Length != 16 || !impUid.StartsWith("imp_", StringComparison.Ordinal)) return -1;
        if (!ulong.TryParse(impUid.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out ulong x) || x < Low) return -1;
        ulong y = (x - Low + Range - _offset) % Range;
        ulong id = (ulong)(((UInt128)y * _inverse) % Range);
        return id > int.MaxValue ? -1 : (long)id;
    }

    private static ulong ModInverse(ulong a, ulong m)
    {
        // Extended Euclid on signed 128-bit values: the intermediates exceed 64 bits.
        Int128 t = 0, newT = 1, r = m, newR = a;
        while (newR != 0)
        {
            Int128 q = r / newR;
            (t, newT) = (newT, t - q * newT);
            (r, newR) = (newR, r - q * newR);
        }
        if (t < 0) t += m;
        return (ulong)t;
    }
}

/// <summary>merchant_uid = "order_" + yyyymmdd (KST) + "_" + six-digit sequence of that day.</summary>
internal static class MerchantUid
{
    public static long Key(int day, int seq) => (long)day * 10_000_000 + seq;

    public static int Format(int day, int seq, Span<byte> dest)
    {
        "order_"u8.CopyTo(dest);
        Utf8Formatter.TryFormat(day, dest[6..], out int n);
        dest[6 + n] = (byte)'_';
        Utf8Formatter.TryFormat(seq, dest[(7 + n)..], out int m, new System.Buffers.StandardFormat('D', 6));
        return 7 + n + m;
    }

    public static string ToString(int day, int seq) =>
        string.Create(CultureInfo.InvariantCulture, $"order_{day}_{seq:D6}");

    public static bool TryParse(string s, out long key)
    {
        key = 0;
        if (s.Length < 16 || !s.StartsWith("order_", StringComparison.Ordinal) || s[14] != '_') return false;
        if (!int.TryParse(s.AsSpan(6, 8), NumberStyles.None, CultureInfo.InvariantCulture, out int day)) return false;
        ReadOnlySpan<char> seqText = s.AsSpan(15);
        if (seqText.Length < 6 || !int.TryParse(seqText, NumberStyles.None, CultureInfo.InvariantCulture, out int seq)) return false;
        // Only the canonical spelling maps to a payment ("order_20260101_7" is not "order_20260101_000007").
        if (seqText.Length > 6 && seqText[0] == '0') return false;
        if (seq >= 10_000_000) return false;
        key = Key(day, seq);
        return true;
    }

    /// <summary>yyyymmdd of a unix time in Korea (UTC+9, no DST), as the shop would have numbered the order.</summary>
    public static int KstDay(long unix)
    {
        var d = DateOnly.FromDayNumber((int)((unix + 9 * 3600) / 86_400) + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);
        return d.Year * 10_000 + d.Month * 100 + d.Day;
    }
}
