using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// An in-memory PortOne for the checkpoint model: payments that become ready, paid, failed, cancelled and partially
    /// refunded as time goes on, answered like GET /payments/status (each payment filtered on its own status time, both
    /// ends inclusive, sorted with ties in insertion order, paged by page and limit), and the history of every state a
    /// payment was in: when PortOne recorded it and when it was replaced (the truth the runs are checked against).
    /// Times are unix seconds on PortOne's clock.
    /// </summary>
    internal sealed class CheckpointLedger
    {
        private readonly List<Payment> _payments = new List<Payment>();
        private readonly object _gate = new object();

        public CheckpointLedger(long now) => Now = now;

        /// <summary>PortOne's clock.</summary>
        public long Now { get; set; }

        /// <summary>Counts changes, to order what happens within one second (a run and a change at the same time).</summary>
        public long Tick { get; private set; }

        /// <summary>Every state any payment was in, by key ("imp_uid status at refunded_at").</summary>
        public Dictionary<string, StateSpan> History { get; } = new Dictionary<string, StateSpan>();

        public IReadOnlyList<Payment> Payments => _payments;

        public Payment Arrive(string status, long delay)
        {
            long at = Now - delay;
            var p = new Payment(_payments.Count) { Status = status, Started = status == "ready" ? at : at - 5 };
            if (status == "paid") p.Paid = at;
            if (status == "failed") p.Failed = at;
            lock (_gate) _payments.Add(p);
            Record(p, null);
            return p;
        }

        /// <summary>The <paramref name="pick"/>-th payment (wrapping) of a status, or null where there is none.</summary>
        public Payment? Pick(string status, int pick)
        {
            var candidates = _payments.Where(p => p.Status == status).ToList();
            return candidates.Count == 0 ? null : candidates[pick % candidates.Count];
        }

        /// <summary>Changes a payment (status, times, refunds) and records its new state.</summary>
        public void Change(Payment p, Action<Payment> change)
        {
            string before = p.Key;
            lock (_gate) change(p);
            Record(p, before);
        }

        private void Record(Payment p, string? before)
        {
            if (before == p.Key) return;
            Tick++;
            if (before != null && History.TryGetValue(before, out StateSpan? old) && old.EndedAt == long.MaxValue) old.EndedAt = Tick;
            // A payment that comes back to a state it was in (it cannot here) would reuse the key; the first record stays.
            if (!History.ContainsKey(p.Key)) History[p.Key] = new StateSpan(p.Key, p.Status, p.StatusTime, p.LatestRefund, p.Paid, Tick) { RecordedTime = Now };
        }

        public HttpResponseMessage Answer(HttpRequestMessage request)
        {
            string status = request.RequestUri!.AbsolutePath.Split('/').Last();
            var q = FakeApi.ParseQuery(request.RequestUri.Query);
            int page = int.Parse(q["page"], CultureInfo.InvariantCulture);
            int limit = int.Parse(q["limit"], CultureInfo.InvariantCulture);
            long from = long.Parse(q["from"], CultureInfo.InvariantCulture), to = long.Parse(q["to"], CultureInfo.InvariantCulture);
            string sorting = q["sorting"];
            lock (_gate)
            {
                var ordered = _payments.Where(p => (status == "all" || p.Status == status) && p.StatusTime >= from && p.StatusTime <= to)
                    .OrderBy(p => p.SortTime(sorting)).ThenBy(p => p.Order).ToList();
                if (sorting.StartsWith("-", StringComparison.Ordinal)) ordered.Reverse();
                if (page > 1 && (page - 1) * limit >= ordered.Count) return FakeApi.Json(400, "{\"code\":-1,\"message\":\"page past the end\",\"response\":null}");
                var list = ordered.Skip((page - 1) * limit).Take(limit).Select(p => p.Json());
                return FakeApi.Page(ordered.Count, page * limit < ordered.Count ? page + 1 : 0, list);
            }
        }

        public sealed class Payment
        {
            public Payment(int order)
            {
                Order = order;
                Id = "imp_" + order.ToString("D6", CultureInfo.InvariantCulture);
            }

            public int Order { get; }
            public string Id { get; }
            public string Status { get; set; } = "ready";
            public long Started { get; set; }
            public long Paid { get; set; }
            public long Failed { get; set; }
            public long Cancelled { get; set; }
            public List<long> Refunds { get; } = new List<long>();

            public long LatestRefund => Refunds.Count == 0 ? 0 : Refunds.Max();

            public long StatusTime => Status switch { "ready" => Started, "paid" => Paid, "cancelled" => Cancelled, _ => Failed };

            public string Key => string.Create(CultureInfo.InvariantCulture, $"{Id} {Status} {StatusTime} {LatestRefund}");

            public long SortTime(string sorting) => sorting.TrimStart('-') switch
            {
                "started" => Started,
                "paid" => Paid,
                _ => Math.Max(Math.Max(Started, Paid), Math.Max(Math.Max(Failed, Cancelled), LatestRefund)),
            };

            /// <summary>As PortOne sends it; the name has a comma, quotes and a line break, as product names do.</summary>
            public string Json() => new StringBuilder()
                .Append("{\"imp_uid\":\"").Append(Id).Append("\",\"merchant_uid\":\"m_").Append(Id)
                .Append("\",\"name\":\"반려견 사료, \\\"특가\\\"\\n").Append(Order).Append("건\"")
                .Append(",\"amount\":10000,\"cancel_amount\":").Append(Refunds.Count * 1000)
                .Append(",\"currency\":\"KRW\",\"status\":\"").Append(Status).Append("\",\"sandbox\":false")
                .Append(",\"started_at\":").Append(Started).Append(",\"paid_at\":").Append(Paid)
                .Append(",\"failed_at\":").Append(Failed).Append(",\"cancelled_at\":").Append(Cancelled)
                .Append(",\"cancel_history\":[")
                .Append(string.Join(",", Refunds.Select(r => "{\"pg_tid\":\"c\",\"amount\":1000,\"cancelled_at\":" + r.ToString(CultureInfo.InvariantCulture) + "}")))
                .Append("]}").ToString();
        }

        /// <summary>One state of a payment: recorded by PortOne at tick RecordedAt, replaced at tick EndedAt (MaxValue: still stands).</summary>
        public sealed class StateSpan
        {
            public StateSpan(string key, string status, long at, long refundedAt, long paidAt, long recordedAt)
            {
                Key = key;
                Status = status;
                At = at;
                RefundedAt = refundedAt;
                PaidAt = paidAt;
                RecordedAt = recordedAt;
            }

            public string Key { get; }
            public string Status { get; }
            public long At { get; }
            public long RefundedAt { get; }
            public long PaidAt { get; }
            public long RecordedAt { get; }
            public long EndedAt { get; set; } = long.MaxValue;

            /// <summary>PortOne's clock when it recorded the state: later than Time for a late record.</summary>
            public long RecordedTime { get; set; }

            /// <summary>When the payment entered this state: its status time, or its latest refund if later.</summary>
            public long Time => Math.Max(At, RefundedAt);

            public bool StoodThrough(long fromTick, long toTick) => RecordedAt <= fromTick && EndedAt > toTick;
        }
    }
}
