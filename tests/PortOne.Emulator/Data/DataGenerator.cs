using System;
using System.Collections.Generic;

namespace PortOne.Emulator.Data;

/// <summary>
/// Builds realistic payments. Everything random comes from the data seed, in one fixed sequence, so the same
/// seed, count, span and anchor give byte-identical payments. Churn reuses <see cref="Create"/> with its own RNG.
/// </summary>
internal sealed class DataGenerator
{
    private const long Day = 86_400;
    private static readonly byte[] Quotas = [2, 3, 6, 10, 12];
    private readonly CustomerPool _customers;
    private readonly Dictionary<int, int> _nextSeqOfDay = new();

    public DataGenerator(CustomerPool customers) => _customers = customers;

    public CustomerPool Customers => _customers;

    public static PaymentStore Generate(int count, int seed, int spanDays, long anchor)
    {
        var rng = new Random(seed);
        var customers = new CustomerPool(Math.Clamp(count / 10, 50, 50_000), new Random(unchecked(seed * 31 + 7)));
        var gen = new DataGenerator(customers);
        long span = spanDays * Day;
        var items = new Payment[Math.Max(count, 16)];
        int id = 0;
        while (id < count)
        {
            long started = anchor - rng.NextInt64(span);
            Payment p = gen.Create(rng, id, started, anchor, forced: null);
            items[id++] = p;
            // Failed attempts are often retried under the same merchant_uid: find-by-merchant must pick one.
            while (p.Status == PaymentStatus.Failed && id < count && rng.Next(100) < 35)
            {
                long retryAt = Math.Min(p.FailedAt + rng.Next(20, 300), anchor);
                Payment r = gen.Create(rng, id, retryAt, anchor, forced: null, retryOf: p);
                items[id++] = r;
                p = r;
            }
        }
        return new PaymentStore(items, count, new ImpUidCodec(seed), seed, gen);
    }

    /// <summary>
    /// One payment that started at <paramref name="started"/>; later events never pass <paramref name="maxTime"/>
    /// (the anchor when generating, "now" when churning). A retry keeps the order of <paramref name="retryOf"/>:
    /// same merchant_uid, buyer, product and (same currency permitting) amount.
    /// </summary>
    public Payment Create(Random rng, int id, long started, long maxTime, PaymentStatus? forced, Payment? retryOf = null)
    {
        var p = new Payment { Id = id, StartedAt = started };
        p.Pg = (byte)Catalog.Pick(rng, Catalog.PgCumulativeWeights);
        PgProfile pg = Catalog.Pgs[p.Pg];

        int r = rng.Next(100);
        p.Channel = pg.Kind is PgKind.PayPal or PgKind.Eximbay
            ? (r < 60 ? Catalog.Pc : Catalog.Mobile)
            : r < 45 ? Catalog.Pc : r < 95 ? Catalog.Mobile : Catalog.Api;
        if (p.Channel == Catalog.Api && pg.Kind is not (PgKind.General or PgKind.EasyPay)) p.Channel = Catalog.Pc;

        ChoosePayMethod(rng, p, pg);
        p.UserAgent = (byte)(p.Channel switch
        {
            Catalog.Pc => rng.Next(Catalog.PcAgents),
            Catalog.Mobile => Catalog.PcAgents + rng.Next(Catalog.MobileAgents),
            _ => Catalog.ApiAgent,
        });

        p.Currency = pg.Usd ? Catalog.Usd : Catalog.Krw;
        int product = rng.Next(Catalog.Products.Length);
        int items = rng.Next(10) < 7 ? 0 : rng.Next(1, Catalog.CartSuffixes);
        p.Product = (ushort)(product * Catalog.CartSuffixes + items);
        p.Amount = p.Currency == Catalog.Usd
            ? rng.Next(199, 30_000) // cents: 14.2, 99.99...
            : Math.Max(100, (Catalog.Products[product].PriceKrw * (1 + items) - rng.Next(0, 4) * 1000) / 10 * 10);
        if (p.BillingUsage == 1) p.Amount = 0; // issuing a billing key charges nothing

        if (p.PayMethod == Catalog.Card)
        {
            p.Card = (byte)Catalog.Pick(rng, Catalog.CardCumulativeWeights);
            p.CardQuota = (byte)(p.Currency == Catalog.Krw && p.Amount >= 50_000 && rng.Next(4) == 0
                ? Quotas[rng.Next(Quotas.Length)] : 0);
            bool noType = pg.CardTypeNull || (pg.Provider == "html5_inicis" && p.Channel == Catalog.Api);
            p.CardType = noType ? (sbyte)-1 : (sbyte)(rng.Next(100) < 35 ? 1 : 0);
        }
        else p.CardType = -1;
        if (p.PayMethod == Catalog.Trans) p.Bank = (byte)rng.Next(1, Catalog.Banks.Length);
        if (p.PayMethod == Catalog.Vbank) p.Bank = (byte)rng.Next(1, 10);

        p.Customer = rng.Next(_customers.Count);
        if (rng.Next(50) == 0) p.Flags |= PaymentFlags.Sandbox;
        if (rng.Next(5) == 0) p.Flags |= PaymentFlags.NoAddress;
        if (pg.Kind == PgKind.General && p.PayMethod is Catalog.Trans or Catalog.Vbank && rng.Next(20) == 0) p.Flags |= PaymentFlags.Escrow;
        if (p.PayMethod == Catalog.Card && rng.Next(100) == 0) p.Flags |= PaymentFlags.Promotion;
        p.CustomData = (byte)(rng.Next(10) < 4 ? 0 : rng.Next(1, 6));
        // PortOne adds fields and values at any time: about 1 in 50 carries an unknown field, 1 in 100 an unknown value.
        p.Extra = (byte)(rng.Next(50) == 0 ? rng.Next(1, 6) : 0);
        if (rng.Next(100) == 0) p.UnknownEnum = (byte)(p.BillingUsage != 0 ? 4 : rng.Next(1, 4));

        if (retryOf is not null)
        {
            p.MerchantDay = retryOf.MerchantDay;
            p.MerchantSeq = retryOf.MerchantSeq;
            p.Customer = retryOf.Customer;
            p.Product = retryOf.Product;
            if (p.Currency == retryOf.Currency && p.BillingUsage != 1 && retryOf.BillingUsage != 1) p.Amount = retryOf.Amount;
        }
        else
        {
            p.MerchantDay = MerchantUid.KstDay(started);
            _nextSeqOfDay.TryGetValue(p.MerchantDay, out int seq);
            p.MerchantSeq = ++seq;
            _nextSeqOfDay[p.MerchantDay] = seq;
        }

        PaymentStatus status = forced ?? ChooseStatus(rng, p);
        ApplyLifecycle(rng, p, status, maxTime);
        return p;
    }

    private static void ChoosePayMethod(Random rng, Payment p, PgProfile pg)
    {
        if (p.Channel == Catalog.Api)
        {
            // Non-authenticated (billing key) payments: always a card, customer_uid set.
            p.PayMethod = Catalog.Card;
            int u = rng.Next(100);
            p.BillingUsage = (byte)(u < 5 ? 1 : u < 65 ? 2 : 3);
            return;
        }
        int r = rng.Next(1000);
        p.PayMethod = pg.Kind switch
        {
            PgKind.General => r < 660 ? Catalog.Card : r < 740 ? Catalog.Trans : r < 860 ? Catalog.Vbank
                : r < 910 ? Catalog.Phone : r < 920 ? Catalog.Samsung : r < 925 ? Catalog.Cultureland
                : r < 928 ? Catalog.Booknlife : r < 930 ? Catalog.Smartculture : (byte)0,
            PgKind.EasyPay => r < 650 ? Catalog.Card : Catalog.Point,
            PgKind.TossPay => r < 600 ? Catalog.Card : r < 800 ? Catalog.Trans : Catalog.Point,
            PgKind.Phone => Catalog.Phone,
            PgKind.Settle => r < 700 ? Catalog.Trans : Catalog.Vbank,
            PgKind.PayPal => Catalog.PayPalMethod,
            _ => Catalog.Card,
        };
        if (p.PayMethod == 0)
        {
            // Easy pay brand inside a hub PG (KG이니시스 + 카카오페이...): emb_pg_provider.
            p.EmbPg = (byte)rng.Next(1, Catalog.EmbPgs.Length);
            p.PayMethod = rng.Next(100) < 60 ? Catalog.Card : Catalog.Point;
        }
    }

    private static PaymentStatus ChooseStatus(Random rng, Payment p)
    {
        if (p.BillingUsage == 1) return PaymentStatus.Paid;
        int r = rng.Next(100);
        if (p.PayMethod == Catalog.Vbank)
            return r < 25 ? PaymentStatus.Ready : r < 85 ? PaymentStatus.Paid : r < 95 ? PaymentStatus.Cancelled : PaymentStatus.Failed;
        return r < 5 ? PaymentStatus.Ready : r < 17 ? PaymentStatus.Failed : r < 87 ? PaymentStatus.Paid : PaymentStatus.Cancelled;
    }

    /// <summary>Sets the timestamps, cancellations and reasons that go with <paramref name="status"/>.</summary>
    private static void ApplyLifecycle(Random rng, Payment p, PaymentStatus status, long maxTime)
    {
        // An event drawn past maxTime lands uniformly between the previous event and maxTime instead, so recent
        // payments do not pile up on the anchor second.
        long At(long previous, long t) => t <= maxTime ? t : previous >= maxTime ? maxTime : previous + rng.NextInt64(maxTime - previous + 1);
        p.Status = status;
        if (p.PayMethod == Catalog.Vbank)
        {
            p.VbankIssuedAt = At(p.StartedAt, p.StartedAt + rng.Next(3, 20));
            // Deposit deadline: 23:59:59 KST three days after issue.
            long kstMidnight = (p.VbankIssuedAt + 9 * 3600) / Day * Day - 9 * 3600;
            p.VbankDate = kstMidnight + 4 * Day - 1;
        }
        p.UpdatedAt = p.StartedAt;
        switch (status)
        {
            case PaymentStatus.Ready:
                return;
            case PaymentStatus.Failed:
                p.FailedAt = At(p.StartedAt, p.StartedAt + rng.Next(3, 600));
                p.FailReason = (byte)(p.PayMethod == Catalog.Vbank ? 7 : rng.Next(Catalog.FailReasons.Length));
                if (rng.Next(2) == 0) p.Flags |= PaymentFlags.FailedWithTid;
                p.UpdatedAt = p.FailedAt;
                return;
        }

        p.PaidAt = p.PayMethod == Catalog.Vbank
            ? At(p.VbankIssuedAt, p.VbankIssuedAt + rng.Next(600, (int)Math.Max(601, p.VbankDate - p.VbankIssuedAt)))
            : At(p.StartedAt, p.StartedAt + rng.Next(5, 180));
        p.UpdatedAt = p.PaidAt;
        if (p.PayMethod is Catalog.Trans or Catalog.Vbank && rng.Next(10) < 4) p.Flags |= PaymentFlags.CashReceipt;
        if (p.PayMethod == Catalog.Vbank && rng.Next(10) == 0) p.Flags |= PaymentFlags.FixedVbank;

        bool partial = p.Amount >= (p.Currency == Catalog.Usd ? 500 : 2_000)
            && rng.Next(100) < (status == PaymentStatus.Paid ? 6 : 10);
        List<CancelEntry>? cancels = null;
        long t = p.PaidAt;
        if (partial)
        {
            int n = status == PaymentStatus.Paid ? rng.Next(1, 4) : 1;
            for (int i = 0; i < n; i++)
            {
                long left = p.Amount - p.CancelAmount;
                long part = PartOf(rng, left, p.Currency);
                if (part <= 0 || part >= left) break;
                t = At(t, t + rng.Next(60, 10 * (int)Day));
                cancels ??= new List<CancelEntry>(3);
                cancels.Add(new CancelEntry { Amount = part, CancelledAt = t, Reason = (byte)(rng.Next(2) == 0 ? 5 : 9), Seq = (byte)cancels.Count });
                p.CancelAmount += part;
            }
        }
        if (status == PaymentStatus.Cancelled)
        {
            t = At(t, t + rng.Next(60, 30 * (int)Day));
            byte reason = (byte)rng.Next(Catalog.CancelReasons.Length);
            cancels ??= new List<CancelEntry>(1);
            cancels.Add(new CancelEntry { Amount = p.Amount - p.CancelAmount, CancelledAt = t, Reason = reason, Seq = (byte)cancels.Count });
            p.CancelAmount = p.Amount;
            p.CancelledAt = t;
            p.CancelReason = reason;
        }
        if (cancels is not null)
        {
            p.Cancels = cancels.ToArray();
            p.UpdatedAt = t;
        }
    }

    /// <summary>A partial refund: 5..40 % of what is left, in round amounts (100 won, or whole cents).</summary>
    public static long PartOf(Random rng, long left, byte currency)
    {
        long part = left * rng.Next(5, 41) / 100;
        return currency == Catalog.Krw ? part / 100 * 100 : part;
    }
}
