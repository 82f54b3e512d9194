using System;
using PortOne.Emulator.Data;

namespace PortOne.Emulator.Faults;

/// <summary>
/// Live data: on each /payments/status request N payments move (ready -> paid, paid -> cancelled in full or in
/// part) or arrive (new ready or paid payments stamped "now"). This is what makes offset paging over a live
/// window unsafe, which a client must survive (same from/to on every page, de-duplicate by imp_uid).
/// </summary>
internal sealed class ChurnEngine(PaymentStore store, int faultSeed)
{
    // Separate from the fault draw so that turning churn on does not reshuffle which requests fault.
    private readonly Random _rng = new(unchecked(faultSeed * 7919 + 17));

    public void Apply(int n)
    {
        if (n <= 0) return;
        using (store.Write())
        {
            long now = Clock.NowUnix();
            for (int i = 0; i < n; i++)
            {
                int op = _rng.Next(100);
                bool done = op switch
                {
                    < 30 => ReadyToPaid(now),
                    < 50 => Cancel(now, full: true),
                    < 65 => Cancel(now, full: false),
                    < 80 => Arrive(now, PaymentStatus.Ready),
                    _ => false,
                };
                if (!done) Arrive(now, PaymentStatus.Paid);
            }
        }
    }

    private Payment? PickIn(PaymentStatus s)
    {
        SortedKeyList index = store.Index(s);
        return index.Count == 0 ? null : store[SortedKeyList.IdOf(index.Keys[_rng.Next(index.Count)])];
    }

    private bool ReadyToPaid(long now)
    {
        Payment? p = PickIn(PaymentStatus.Ready);
        if (p is null) return false;
        store.Mutate(p, x =>
        {
            x.Status = PaymentStatus.Paid;
            x.PaidAt = Math.Max(now, x.StartedAt);
            x.UpdatedAt = x.PaidAt;
        });
        return true;
    }

    private bool Cancel(long now, bool full)
    {
        Payment? p = PickIn(PaymentStatus.Paid);
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

    private bool Arrive(long now, PaymentStatus status)
    {
        Payment p = store.Generator.Create(_rng, store.Count, now, now, status);
        store.Add(p);
        return true;
    }
}
