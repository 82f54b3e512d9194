using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PortOne.Client.Tests.Model
{
    /// <summary>One payment as PortOne keeps it, including the "updated" time the API sorts by but does not send.</summary>
    internal sealed class ModelPayment
    {
        public ModelPayment(int number, string status, long started)
        {
            Id = "imp_" + number.ToString("D9", CultureInfo.InvariantCulture);
            Status = status;
            Started = started;
            Updated = started;
        }

        public string Id { get; }
        public string Status { get; set; }
        public long Started { get; set; }
        public long Paid { get; set; }
        public long Cancelled { get; set; }
        public long Failed { get; set; }
        public long Updated { get; set; }
        public int Refunds { get; set; }

        /// <summary>The time from/to filter on, as PortOne defines it for the payment's own status.</summary>
        public long StatusTime => Status switch
        {
            "ready" => Started,
            "paid" => Paid,
            "cancelled" => Cancelled,
            "failed" => Failed,
            _ => 0,
        };

        public override string ToString() => $"{Id} {Status}@{StatusTime}";
    }

    /// <summary>
    /// An in-memory PortOne for model-based tests, written as plainly as possible (filter and sort the whole store on
    /// every request) so that it is obviously the API's semantics: the status-time filter per status with both ends
    /// inclusive, the sort keys, offset pages of one snapshot, totals, 400 past the end. Payments of equal sort keys
    /// come in a random order on every request (nothing in the API promises one), unless StableTies is set.
    /// </summary>
    internal sealed class ModelLedger
    {
        private readonly Random _ties;
        private int _numbers;

        public ModelLedger(int seed) => _ties = new Random(seed);

        public List<ModelPayment> Payments { get; } = new List<ModelPayment>();

        /// <summary>PortOne's clock, unix seconds.</summary>
        public long Now { get; set; }

        public bool StableTies { get; set; }

        public ModelPayment Add(string status, long statusTime, long startedBefore = 0)
        {
            var payment = new ModelPayment(++_numbers, status, statusTime - startedBefore);
            switch (status)
            {
                case "paid": payment.Paid = statusTime; break;
                case "cancelled": payment.Paid = statusTime - Math.Min(startedBefore, 60); payment.Cancelled = statusTime; break;
                case "failed": payment.Failed = statusTime; break;
            }
            payment.Updated = statusTime;
            Payments.Add(payment);
            return payment;
        }

        public static bool Matches(ModelPayment payment, string status, long from, long to) =>
            (status == "all" || payment.Status == status) && payment.StatusTime >= from && payment.StatusTime <= to;

        /// <summary>The result set right now, unordered.</summary>
        public HashSet<string> Set(string status, long from, long to) =>
            new HashSet<string>(Payments.Where(p => Matches(p, status, from, to)).Select(p => p.Id), StringComparer.Ordinal);

        /// <summary>One request, answered from the store as it is now.</summary>
        public (long Total, List<ModelPayment> Page, bool PastTheEnd) Query(string status, long from, long to, string sorting, int page, int limit)
        {
            bool descending = sorting.StartsWith("-", StringComparison.Ordinal);
            string key = sorting.TrimStart('-');
            var matching = Payments.Where(p => Matches(p, status, from, to))
                .Select(p => (Payment: p, Key: key == "started" ? p.Started : key == "paid" ? p.Paid : p.Updated, Tie: StableTies ? 0 : _ties.Next()))
                .ToList();
            matching.Sort((a, b) =>
            {
                int order = a.Key.CompareTo(b.Key);
                if (descending) order = -order;
                return order != 0 ? order : a.Tie.CompareTo(b.Tie);
            });
            long offset = (long)(page - 1) * limit;
            if (page > 1 && offset >= matching.Count) return (matching.Count, new List<ModelPayment>(), true);
            return (matching.Count, matching.Skip((int)offset).Take(limit).Select(m => m.Payment).ToList(), false);
        }

        public static PaymentAnnotation ToAnnotation(ModelPayment p) => new PaymentAnnotation
        {
            ImpUid = p.Id,
            MerchantUid = "m_" + p.Id,
            Status = p.Status,
            Amount = 1000,
            CancelAmount = p.Status == "cancelled" ? 1000 : 100 * p.Refunds,
            Currency = "KRW",
            StartedAt = Time(p.Started),
            PaidAt = Time(p.Paid),
            CancelledAt = Time(p.Cancelled),
            FailedAt = Time(p.Failed),
        };

        private static DateTimeOffset? Time(long seconds) => seconds > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
    }
}
