using System;
using PortOne.Emulator.Data;

namespace PortOne.Emulator.Faults;

/// <summary>
/// Live data. On each /payments/status request N payments change or arrive: state changes stamped "now" that take
/// payments out of a status (ready -> paid, ready -> failed, paid -> cancelled), partial refunds that move
/// "updated", new payments stamped now, and late writes: new payments whose window time lies in the past, so they
/// land inside windows a client is reading. A churn range (churnFrom/churnTo) concentrates all of it on one time
/// range. This is what makes offset paging over a live window unsafe. Bursts add many payments in one second.
/// Touches move a cancelled or failed payment's "updated" past its status time, as PortOne's later edits do.
/// </summary>
internal sealed class ChurnEngine(PaymentStore store, int faultSeed, long spanStart)
{
    // Separate from the fault draw so that turning churn on does not reshuffle which requests fault.
    private readonly Random _rng = new(unchecked(faultSeed * 7919 + 17));
    // Touches draw apart too, so that turning them on changes nothing else churn does.
    private readonly Random _touchRng = new(unchecked(faultSeed * 104729 + 3));

    public void Apply(FaultSettings f)
    {
        if (f.Churn <= 0 && f.Touch <= 0) return;
        using (store.Write())
        {
            long now = Clock.NowUnix();
            // Existing payments are picked by their window time; 0 leaves a side open.
            long pickFrom = f.ChurnFrom, pickTo = f.ChurnTo > 0 ? f.ChurnTo : long.MaxValue;
            // Late arrivals: inside the range, else inside the data span; never after now unless the range says so.
            long lateFrom = f.ChurnFrom > 0 ? f.ChurnFrom : spanStart;
            long lateTo = Math.Max(lateFrom, Math.Min(f.ChurnTo > 0 ? f.ChurnTo : now, now));
            for (int i = 0; i < f.Churn; i++)
            {
                int op = _rng.Next(100);
                bool done = op switch
                {
                    < 25 => ReadyTo(PaymentStatus.Paid, now, pickFrom, pickTo),
                    < 30 => ReadyTo(PaymentStatus.Failed, now, pickFrom, pickTo),
                    < 45 => Cancel(now, pickFrom, pickTo, full: true),
                    < 60 => Cancel(now, pickFrom, pickTo, full: false),
                    < 70 => ArriveNow(now, PaymentStatus.Ready),
                    < 80 => ArriveNow(now, PaymentStatus.Paid),
                    _ => ArriveLate((PaymentStatus)(op % 4), lateFrom, lateTo),
                };
                // Nothing to change in the range: a late paid payment still disturbs it.
                if (!done) ArriveLate(PaymentStatus.Paid, lateFrom, lateTo);
            }
            for (int i = 0; i < f.Touch; i++)
            {
                bool cancelled = _touchRng.Next(2) == 0;
                PaymentStatus first = cancelled ? PaymentStatus.Cancelled : PaymentStatus.Failed;
                PaymentStatus other = cancelled ? PaymentStatus.Failed : PaymentStatus.Cancelled;
                Payment? p = PickIn(first, pickFrom, pickTo, _touchRng) ?? PickIn(other, pickFrom, pickTo, _touchRng);
                if (p is not null) store.Touch(p, now); // a payment changed this very second stays as it is
            }
        }
    }

    /// <summary>Adds <paramref name="count"/> payments of <paramref name="status"/> whose window time is exactly <paramref name="at"/>.</summary>
    public int[] Burst(long at, int count, PaymentStatus status)
    {
        var ids = new int[count];
        using (store.Write())
        {
            // Every event of the payment on the same second: its window time (and started, paid, updated) is "at".
            for (int i = 0; i < count; i++) ids[i] = Add(at, at, status);
        }
        return ids;
    }

    private Payment? PickIn(PaymentStatus s, long from, long to, Random? rng = null)
    {
        SortedKeyList index = store.Index(s);
        (int start, int count) = index.Range(from, to);
        return count == 0 ? null : store[SortedKeyList.IdOf(index.Keys[start + (rng ?? _rng).Next(count)])];
    }

    private bool ReadyTo(PaymentStatus next, long now, long from, long to)
    {
        Payment? p = PickIn(PaymentStatus.Ready, from, to);
        if (p is null) return false;
        long at = Math.Max(now, p.StartedAt);
        store.Mutate(p, x =>
        {
            x.Status = next;
            x.UpdatedAt = at;
            if (next == PaymentStatus.Paid)
            {
                x.PaidAt = at;
                return;
            }
            x.FailedAt = at;
            // An unpaid virtual account expires; anything else fails for one of the usual reasons.
            x.FailReason = (byte)(x.PayMethod == Catalog.Vbank ? 9 : _rng.Next(Catalog.FailReasons.Length));
        });
        return true;
    }

    private bool Cancel(long now, long from, long to, bool full)
    {
        Payment? p = PickIn(PaymentStatus.Paid, from, to);
        if (p is null) return false;
        long left = p.Amount - p.CancelAmount;
        long amount = full ? left : DataGenerator.PartOf(_rng, left, p.Currency);
        if (amount <= 0 || (!full && amount >= left)) return false;
        long at = Math.Max(now, p.UpdatedAt);
        byte reason = (byte)_rng.Next(Catalog.CancelReasons.Length);
        store.Mutate(p, x =>
        {
            int seq = x.Cancels?.Length ?? 0;
            var entries = new CancelEntry[seq + 1];
            x.Cancels?.CopyTo(entries, 0);
            entries[seq] = new CancelEntry { Amount = amount, CancelledAt = at, Reason = reason, Seq = (byte)seq };
            x.Cancels = entries;
            x.CancelAmount += amount;
            x.UpdatedAt = at;
            if (full)
            {
                x.Status = PaymentStatus.Cancelled;
                x.CancelledAt = at;
                x.CancelReason = reason;
            }
        });
        return true;
    }

    private bool ArriveNow(long now, PaymentStatus status)
    {
        Add(now, now, status);
        return true;
    }

    /// <summary>
    /// A payment written late: a time drawn uniformly from [from, to] is its last event; it started up to an hour
    /// before (never before <paramref name="from"/>). So its window time, started, paid and updated all lie in [from, to].
    /// </summary>
    private bool ArriveLate(PaymentStatus status, long from, long to)
    {
        long last = from + _rng.NextInt64(to - from + 1);
        long started = status == PaymentStatus.Ready ? last : Math.Max(from, last - _rng.Next(0, 3600));
        Add(started, last, status);
        return true;
    }

    private int Add(long started, long latest, PaymentStatus status)
    {
        Payment p = store.Generator.Create(_rng, store.Count, started, latest, status);
        store.Add(p);
        return p.Id;
    }
}
