using System;
using System.Linq;

namespace PortOne.Client.Tests.Model
{
    internal enum ChangeKind
    {
        /// <summary>A ready payment is paid now (leaves ready, enters paid).</summary>
        Pay,
        /// <summary>A ready payment fails now.</summary>
        Fail,
        /// <summary>A paid payment is cancelled now (leaves paid, enters cancelled).</summary>
        Cancel,
        /// <summary>A paid payment is partly refunded now: it stays paid with its paid time; only "updated" moves.</summary>
        Refund,
        /// <summary>A new payment arrives now, in any status.</summary>
        Arrive,
        /// <summary>A new payment is written late, with a status time in the past.</summary>
        LateWrite,
        /// <summary>Many payments arrive within one second of the past: a crowded second appears or grows.</summary>
        Burst,
        /// <summary>A paid payment of the most crowded second is cancelled now: a crowded second shrinks.</summary>
        Shrink,
        /// <summary>A cancelled or failed payment's "updated" moves to now (its cancel or fail time does not).</summary>
        Touch,
    }

    /// <summary>One change the adversary makes to the ledger, at one hook (a request sent, or answered).</summary>
    internal sealed class Change
    {
        public Change(int hook, ChangeKind kind, int pick, int amount)
        {
            Hook = hook;
            Kind = kind;
            Pick = pick;
            Amount = amount;
        }

        public int Hook { get; }
        public ChangeKind Kind { get; }
        public int Pick { get; }
        public int Amount { get; }

        /// <summary>Applies the change; <paramref name="span"/> is how far back late writes and bursts may land.</summary>
        public void Apply(ModelLedger ledger, long span)
        {
            long now = ledger.Now;
            ModelPayment? Find(string status) =>
                ledger.Payments.Where(p => p.Status == status).Skip(Pick).FirstOrDefault() ??
                ledger.Payments.Where(p => p.Status == status).LastOrDefault();
            string[] statuses = { "ready", "paid", "cancelled", "failed" };
            switch (Kind)
            {
                case ChangeKind.Pay when Find("ready") is ModelPayment p:
                    p.Status = "paid"; p.Paid = p.Updated = now; break;
                case ChangeKind.Fail when Find("ready") is ModelPayment p:
                    p.Status = "failed"; p.Failed = p.Updated = now; break;
                case ChangeKind.Cancel when Find("paid") is ModelPayment p:
                    p.Status = "cancelled"; p.Cancelled = p.Updated = now; break;
                case ChangeKind.Refund when Find("paid") is ModelPayment p:
                    p.Refunds++; p.Updated = now; break;
                case ChangeKind.Arrive:
                    ledger.Add(statuses[Pick % 4], now, Amount % 120); break;
                case ChangeKind.LateWrite:
                    ledger.Add(statuses[Pick % 4], now - 1 - Amount % Math.Max(1, span), 30); break;
                case ChangeKind.Burst:
                    long second = now - 1 - Amount % Math.Max(1, span);
                    for (int i = 0; i < 200 + Pick % 1200; i++) ledger.Add("paid", second, i % 300);
                    break;
                case ChangeKind.Shrink:
                    var crowd = ledger.Payments.Where(p => p.Status == "paid").GroupBy(p => p.Paid).OrderByDescending(g => g.Count()).FirstOrDefault();
                    if (crowd != null && crowd.Skip(Pick % crowd.Count()).First() is ModelPayment leaving)
                    {
                        leaving.Status = "cancelled"; leaving.Cancelled = leaving.Updated = now;
                    }
                    break;
                case ChangeKind.Touch:
                    if (ledger.Payments.Where(p => p.Status == "cancelled" || p.Status == "failed").Skip(Pick).FirstOrDefault() is ModelPayment touched)
                    {
                        touched.Updated = now;
                    }
                    break;
            }
        }

        public override string ToString() => $"{Kind}({Pick},{Amount})@{Hook}";
    }
}
