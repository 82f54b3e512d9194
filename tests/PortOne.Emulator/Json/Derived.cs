using System;
using System.Buffers.Text;
using System.Globalization;
using PortOne.Emulator.Data;

namespace PortOne.Emulator.Json;

/// <summary>
/// Strings that are unique per payment, computed when written instead of stored: pg_tid, card numbers,
/// account numbers, approval numbers, URLs. Each derives from (seed, payment id, salt), so it is stable.
/// </summary>
internal static class Derived
{
    private static readonly byte[] Hex = "0123456789abcdef"u8.ToArray();
    private static readonly byte[] HexUpper = "0123456789ABCDEF"u8.ToArray();
    private static readonly byte[] Alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"u8.ToArray();
    private static readonly byte[] Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"u8.ToArray();

    public static ulong H(PaymentStore store, Payment p, ulong salt) => Mix.Hash((ulong)(uint)store.Seed, p.Id, salt);

    /// <summary>pg_tid in the PG's own style. <paramref name="salt"/> 0 = the payment, 1.. = a cancellation.</summary>
    public static int PgTid(PaymentStore store, Payment p, int salt, long time, Span<byte> d)
    {
        PgProfile pg = Catalog.Pgs[p.Pg];
        ulong h = H(store, p, 100 + (ulong)salt);
        int n = 0;
        switch (pg.Tid)
        {
            case TidStyle.Inicis:
                n += Put(d, "Stdpay"u8);
                n += Put(d[n..], p.PayMethod switch
                {
                    Catalog.Trans => "DBNK"u8,
                    Catalog.Vbank => "VBNK"u8,
                    Catalog.Phone => "HPP_"u8,
                    _ => "CARD"u8,
                });
                n += Put(d[n..], pg.PgIdUtf8);
                n += Kst(time, "yyyyMMddHHmmss", d[n..]);
                n += Digits(h, 6, d[n..]);
                break;
            case TidStyle.Digits14:
                n += Kst(time, "yy", d);
                n += Digits(h, 12, d[n..]);
                break;
            case TidStyle.NiceMid:
                n += Put(d, pg.PgIdUtf8);
                n += Put(d[n..], p.PayMethod switch { Catalog.Trans => "0102"u8, Catalog.Vbank => "0103"u8, Catalog.Phone => "0105"u8, _ => "0116"u8 });
                n += Kst(time, "yyMMddHHmmss", d[n..]);
                n += Digits(h, 4, d[n..]);
                break;
            case TidStyle.Tviva:
                n += Put(d, "tviva"u8);
                n += Kst(time, "yyyyMMddHHmmss", d[n..]);
                n += Chars(h, 5, Alnum, d[n..]);
                break;
            case TidStyle.KakaoT:
                d[0] = (byte)'T';
                n = 1 + Chars(h, 16, Hex, d[1..]);
                n += Chars(h >> 7, 3, Hex, d[n..]);
                break;
            case TidStyle.DateDigits:
                n += Kst(time, "yyyyMMdd", d);
                n += Digits(h, 12, d[n..]);
                break;
            case TidStyle.Uuid:
                n = Uuid(h, H(store, p, 200 + (ulong)salt), d);
                break;
            case TidStyle.PayPal:
                n = Chars(h, 17, Alnum, d);
                break;
            default:
                n = Chars(h, 16, HexUpper, d);
                n += Chars(h >> 9, 4, HexUpper, d[n..]);
                break;
        }
        return n;
    }

    /// <summary>Masked card number; the masking pattern depends on the PG, as the spec warns.</summary>
    public static int CardNumber(PaymentStore store, Payment p, Span<byte> d)
    {
        Card card = Catalog.Cards[p.Card];
        ulong h = H(store, p, 300);
        string bin = (h & 1) == 0 ? card.Bin1 : card.Bin2;
        for (int i = 0; i < 6; i++) d[i] = (byte)bin[i];
        switch (Catalog.Pgs[p.Pg].Mask)
        {
            case MaskStyle.Middle4:
                Digits(h >> 8, 2, d[6..]);
                "****"u8.CopyTo(d[8..]);
                Digits(h >> 20, 4, d[12..]);
                break;
            case MaskStyle.LastHidden:
                "******"u8.CopyTo(d[6..]);
                Digits(h >> 20, 3, d[12..]);
                d[15] = (byte)'*';
                break;
            default:
                "******"u8.CopyTo(d[6..]);
                Digits(h >> 20, 4, d[12..]);
                break;
        }
        return 16;
    }

    public static int ApplyNum(PaymentStore store, Payment p, Span<byte> d) => Digits(H(store, p, 400), 8, d);

    public static int VbankNum(PaymentStore store, Payment p, Span<byte> d) => Digits(H(store, p, 500), 14, d);

    /// <summary>cancellation_id: a ULID (time + randomness, Crockford base32), unique per cancellation.</summary>
    public static int CancellationId(PaymentStore store, Payment p, int seq, long cancelledAt, Span<byte> d)
    {
        ulong ms = (ulong)cancelledAt * 1000 + H(store, p, 600 + (ulong)seq) % 1000;
        for (int i = 9; i >= 0; i--) { d[i] = Crockford[(int)(ms & 31)]; ms >>= 5; }
        ulong r1 = H(store, p, 700 + (ulong)seq), r2 = H(store, p, 800 + (ulong)seq);
        for (int i = 0; i < 8; i++) { d[10 + i] = Crockford[(int)(r1 & 31)]; r1 >>= 5; }
        for (int i = 0; i < 8; i++) { d[18 + i] = Crockford[(int)(r2 & 31)]; r2 >>= 5; }
        return 26;
    }

    /// <summary>Receipt page of the PG for a transaction id, or 0 when the PG has none.</summary>
    public static int ReceiptUrl(Payment p, ReadOnlySpan<byte> tid, Span<byte> d)
    {
        PgProfile pg = Catalog.Pgs[p.Pg];
        if (pg.ReceiptPrefix is null) return 0;
        int n = Ascii(pg.ReceiptPrefix, d);
        tid.CopyTo(d[n..]);
        n += tid.Length;
        n += Ascii(pg.ReceiptSuffix, d[n..]);
        return n;
    }

    public static int Uuid(ulong a, ulong b, Span<byte> d)
    {
        int n = 0;
        for (int i = 0; i < 32; i++)
        {
            if (i is 8 or 12 or 16 or 20) d[n++] = (byte)'-';
            ulong src = i < 16 ? a >> (i * 4) : b >> ((i - 16) * 4);
            d[n++] = Hex[(int)(src & 15)];
        }
        return n;
    }

    public static int Digits(ulong h, int count, Span<byte> d)
    {
        for (int i = 0; i < count; i++)
        {
            d[i] = (byte)('0' + (int)(h % 10));
            h /= 10;
            if (h == 0) h = 0x9E3779B97F4A7C15UL ^ (ulong)i; // more digits than the hash holds: keep going
        }
        return count;
    }

    private static int Chars(ulong h, int count, byte[] alphabet, Span<byte> d)
    {
        ulong x = h;
        for (int i = 0; i < count; i++)
        {
            d[i] = alphabet[(int)(x % (ulong)alphabet.Length)];
            x /= (ulong)alphabet.Length;
            if (x == 0) x = h * 0x9E3779B97F4A7C15UL + (ulong)i;
        }
        return count;
    }

    private static int Put(Span<byte> d, ReadOnlySpan<byte> s)
    {
        s.CopyTo(d);
        return s.Length;
    }

    private static int Ascii(string s, Span<byte> d)
    {
        for (int i = 0; i < s.Length; i++) d[i] = (byte)s[i];
        return s.Length;
    }

    /// <summary>Korean local time (UTC+9) of a unix time in the given pattern.</summary>
    private static int Kst(long unix, string format, Span<byte> d)
    {
        DateTime t = DateTime.UnixEpoch.AddSeconds(unix + 9 * 3600);
        t.TryFormat(d, out int n, format, CultureInfo.InvariantCulture);
        return n;
    }

    public static int Number(long v, Span<byte> d)
    {
        Utf8Formatter.TryFormat(v, d, out int n);
        return n;
    }
}
