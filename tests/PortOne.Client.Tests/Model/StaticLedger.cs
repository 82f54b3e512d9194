using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Diagnostics;
using PortOne.Json;
using PortOne.Paging;

namespace PortOne.Client.Tests.Model
{
    /// <summary>
    /// A large ledger that does not change, answered fast enough for request counts over 100,000 payments: each status's
    /// payments sorted once by status time (on settled data "updated" is the status time, so every request sort is
    /// that order, ties by id). Only for counting requests; the contract itself is tested on ModelLedger.
    /// </summary>
    internal sealed class StaticLedger
    {
        private readonly Dictionary<string, (long Time, int Id)[]> _byStatus = new Dictionary<string, (long, int)[]>();
        private readonly Dictionary<int, string> _statusOf = new Dictionary<int, string>();

        public const long Now = 1_700_000_000;
        public const long Day = 86_400;

        /// <summary>
        /// The ledgers: <paramref name="spread"/> payments spread evenly over the 80 days before now, and
        /// <paramref name="bursts"/> flash sales of <paramref name="perBurst"/> payments within 10 seconds each.
        /// Statuses: ready 10 %, paid 60 %, cancelled 20 %, failed 10 %.
        /// </summary>
        public StaticLedger(int spread, int bursts, int perBurst, int seed = 1)
        {
            var random = new Random(seed);
            string[] statuses = { "ready", "paid", "paid", "paid", "paid", "paid", "paid", "cancelled", "cancelled", "failed" };
            var all = new List<(long Time, int Id)>();
            int id = 0;
            void Add(long time)
            {
                string status = statuses[random.Next(statuses.Length)];
                _statusOf[++id] = status;
                all.Add((time, id));
            }
            for (int i = 0; i < spread; i++) Add(Now - 1 - (long)(random.NextDouble() * 80 * Day));
            for (int b = 0; b < bursts; b++)
            {
                long start = Now - 1 - (long)((b + 0.5) / bursts * 80 * Day);
                for (int i = 0; i < perBurst; i++) Add(start + random.Next(0, 10));
            }
            all.Sort();
            _byStatus["all"] = all.ToArray();
            foreach (string status in statuses.Distinct()) _byStatus[status] = all.Where(p => _statusOf[p.Id] == status).ToArray();
        }

        public int Requests { get; private set; }

        /// <summary>A reader of the last <paramref name="days"/> days before Now, from <paramref name="source"/>.</summary>
        public static PaymentReader Reader(PageSource source, int days, PaymentStatus status, PaymentSort sort, int pageSize)
        {
            var query = new PaymentQuery
            {
                Status = status,
                Sort = sort,
                From = DateTimeOffset.FromUnixTimeSeconds(Now - days * Day),
                To = DateTimeOffset.FromUnixTimeSeconds(Now),
                PageSize = pageSize,
            };
            return new PaymentReader(query, source, NullPortOneEvents.Instance, () => DateTimeOffset.FromUnixTimeSeconds(Now), TimeSpan.FromSeconds(2));
        }

        /// <summary>Payments of the status within the range (for counting pages).</summary>
        public int Count(string status, long from, long to) => Range(status, from, to).Count;

        public Task<PaymentPage> Send(PageRequest request, CancellationToken cancellationToken)
        {
            Requests++;
            string status = request.Status.ToApiString();
            ArraySegment<(long Time, int Id)> range = Range(status, request.Range.From, request.Range.To);
            bool descending = request.Sort.IsDescending();
            long offset = (long)(request.Page - 1) * request.Limit;
            if (request.Page > 1 && offset >= range.Count)
            {
                throw new PortOneException(PortOneErrorKind.ApiError, "page past the end") { HttpStatus = 400 };
            }
            var list = new List<PaymentAnnotation>();
            for (long i = offset; i < Math.Min(range.Count, offset + request.Limit); i++)
            {
                (long time, int id) = range[descending ? range.Count - 1 - (int)i : (int)i];
                list.Add(Annotation(id, _statusOf[id], time));
            }
            return Task.FromResult(new PaymentPage { Total = range.Count, List = list });
        }

        private ArraySegment<(long Time, int Id)> Range(string status, long from, long to)
        {
            (long Time, int Id)[] sorted = _byStatus[status];
            int lo = Lower(sorted, from), hi = Lower(sorted, to + 1);
            return new ArraySegment<(long, int)>(sorted, lo, hi - lo);
        }

        private static int Lower((long Time, int Id)[] sorted, long time)
        {
            int lo = 0, hi = sorted.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (sorted[mid].Time < time) lo = mid + 1; else hi = mid;
            }
            return lo;
        }

        private static PaymentAnnotation Annotation(int id, string status, long time)
        {
            DateTimeOffset at = DateTimeOffset.FromUnixTimeSeconds(time);
            return new PaymentAnnotation
            {
                ImpUid = "imp_" + id,
                Status = status,
                Currency = "KRW",
                StartedAt = status == "ready" ? at : at.AddSeconds(-30),
                PaidAt = status == "paid" || status == "cancelled" ? at : (DateTimeOffset?)null,
                CancelledAt = status == "cancelled" ? at : (DateTimeOffset?)null,
                FailedAt = status == "failed" ? at : (DateTimeOffset?)null,
            };
        }
    }
}
