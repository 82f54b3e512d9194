using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// An in-memory payment ledger that answers GET /payments/status like the API: filtered by each payment's status
    /// time (both ends inclusive), sorted with ties broken by insertion order, paged by page and limit. A hook runs
    /// before each answer so a test can change the ledger while a read is under way.
    /// </summary>
    internal sealed class FakeLedger
    {
        public sealed class Entry
        {
            public Entry(int order, string status, long started, long paid, long cancelled = 0)
            {
                Order = order;
                Id = "imp_" + order.ToString("D8", CultureInfo.InvariantCulture);
                Status = status;
                Started = started;
                Paid = paid;
                Cancelled = cancelled;
                Updated = Math.Max(started, Math.Max(paid, cancelled));
            }

            public int Order { get; }
            public string Id { get; }
            public string Status { get; set; }
            public long Started { get; set; }
            public long Paid { get; set; }
            public long Cancelled { get; set; }
            public long Updated { get; set; }

            public long StatusTime => Status switch { "ready" => Started, "paid" => Paid, "cancelled" => Cancelled, _ => 0 };

            public long SortTime(string sorting) => sorting.TrimStart('-') switch { "started" => Started, "paid" => Paid, _ => Updated };
        }

        public readonly List<Entry> Entries = new List<Entry>();
        public readonly object Gate = new object();
        public Action<int>? BeforeAnswer;
        public bool IgnoreRange;
        public bool IgnorePage;
        public int Answered;

        public Entry Add(string status, long started, long paid, long cancelled = 0)
        {
            var entry = new Entry(Entries.Count, status, started, paid, cancelled);
            Entries.Add(entry);
            return entry;
        }

        /// <summary>What a query would return right now, in order (the truth the reader is checked against).</summary>
        public List<Entry> Query(string status, long from, long to, string sorting)
        {
            lock (Gate)
            {
                var matching = Entries.Where(e => (status == "all" || e.Status == status) && (IgnoreRange || (e.StatusTime >= from && e.StatusTime <= to)));
                var ordered = matching.OrderBy(e => e.SortTime(sorting)).ThenBy(e => e.Order).ToList();
                if (sorting.StartsWith("-", StringComparison.Ordinal)) ordered.Reverse();
                return ordered;
            }
        }

        public HttpResponseMessage Answer(HttpRequestMessage request)
        {
            string status = request.RequestUri!.AbsolutePath.Split('/').Last();
            var q = FakeApi.ParseQuery(request.RequestUri.Query);
            int page = IgnorePage ? 1 : int.Parse(q["page"], CultureInfo.InvariantCulture);
            int limit = int.Parse(q["limit"], CultureInfo.InvariantCulture);
            lock (Gate)
            {
                BeforeAnswer?.Invoke(++Answered);
                var all = Query(status, long.Parse(q["from"], CultureInfo.InvariantCulture), long.Parse(q["to"], CultureInfo.InvariantCulture), q["sorting"]);
                if (page > 1 && (page - 1) * limit >= all.Count)
                {
                    return FakeApi.Json(400, "{\"code\":-1,\"message\":\"page past the end\",\"response\":null}"); // as the API does
                }
                var list = all.Skip((page - 1) * limit).Take(limit).Select(Json);
                return FakeApi.Page(all.Count, page * limit < all.Count ? page + 1 : 0, list);
            }
        }

        private static string Json(Entry e) => new StringBuilder()
            .Append("{\"imp_uid\":\"").Append(e.Id).Append("\",\"merchant_uid\":\"m_").Append(e.Id)
            .Append("\",\"amount\":1000,\"cancel_amount\":0,\"currency\":\"KRW\",\"status\":\"").Append(e.Status)
            .Append("\",\"sandbox\":false,\"started_at\":").Append(e.Started.ToString(CultureInfo.InvariantCulture))
            .Append(",\"paid_at\":").Append(e.Paid.ToString(CultureInfo.InvariantCulture))
            .Append(",\"cancelled_at\":").Append(e.Cancelled.ToString(CultureInfo.InvariantCulture)).Append('}').ToString();
    }
}
