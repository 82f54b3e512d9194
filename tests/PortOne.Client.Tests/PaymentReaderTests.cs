using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using PortOne.Diagnostics;
using Xunit;

namespace PortOne.Client.Tests
{
    public class PaymentReaderTests
    {
        private static readonly DateTimeOffset To = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        private static List<PaymentAnnotation> Read(FakeApi api, PaymentQuery query, IPortOneEvents? events = null, int take = int.MaxValue) =>
            FakeApi.Client(api).OpenPayments(query, events, CancellationToken.None).Read().Take(take).ToList();

        private static Dictionary<string, string> Query(string request) =>
            FakeApi.ParseQuery(request.Substring(request.IndexOf('?'), request.IndexOf(' ') - request.IndexOf('?')));

        [Fact]
        public void Taking_a_few_payments_sends_one_request()
        {
            var api = new FakeApi(FakeApi.Paged(5000));
            var taken = Read(api, new PaymentQuery { To = To }, take: 3);
            Assert.Equal(3, taken.Count);
            Assert.Single(api.PageRequests);
        }

        [Fact]
        public void Every_page_is_read_once_with_the_same_pinned_window()
        {
            var api = new FakeApi(FakeApi.Paged(2500));
            var all = Read(api, new PaymentQuery { To = To, PageSize = 1000 });
            Assert.Equal(2500, all.Select(p => p.ImpUid).Distinct().Count());
            var queries = api.PageRequests.Select(Query).ToList();
            // The first 1000 as ten pages of 100 (the first payment comes after a small answer), then pages 2 and 3 of 1000.
            var requested = queries.Select(q => q["limit"] + ":" + q["page"]).OrderBy(r => r.Length).ThenBy(r => r, StringComparer.Ordinal);
            Assert.Equal(Enumerable.Range(1, 10).Select(i => "100:" + i).Concat(new[] { "1000:2", "1000:3" }).OrderBy(r => r.Length).ThenBy(r => r, StringComparer.Ordinal), requested);
            Assert.Single(queries.Select(q => q["from"] + "/" + q["to"]).Distinct());
            Assert.Equal("1700000000", queries[0]["to"]);
            Assert.Equal((1_700_000_000 - 90 * 86_400).ToString(CultureInfo.InvariantCulture), queries[0]["from"]);
        }

        [Fact]
        public void First_asks_for_no_more_than_it_needs()
        {
            var api = new FakeApi(FakeApi.Paged(5000));
            var taken = Read(api, new PaymentQuery { To = To, First = 1500, PageSize = 1000, MaxPagesInFlight = 16 });
            Assert.Equal(1500, taken.Count);
            Assert.Equal(Enumerable.Range(0, 1500).Select(i => "imp_" + i.ToString("D6", CultureInfo.InvariantCulture)), taken.Select(p => p.ImpUid));
            // No request starts at or past the 1500th payment, however many are allowed in flight.
            Assert.All(api.PageRequests.Select(Query), q =>
                Assert.True((int.Parse(q["page"], CultureInfo.InvariantCulture) - 1) * int.Parse(q["limit"], CultureInfo.InvariantCulture) < 1500, string.Join("&", q)));
            var small = new FakeApi(FakeApi.Paged(5000));
            Read(small, new PaymentQuery { To = To, First = 3 });
            Assert.Equal("3", Query(small.PageRequests.Single())["limit"]);
        }

        [Fact]
        public void Only_the_first_request_is_small_and_only_where_the_page_size_is_a_multiple_of_it()
        {
            var api = new FakeApi(FakeApi.Paged(5000));
            Assert.Equal(5000, Read(api, new PaymentQuery { To = To, PageSize = 500 }).Select(p => p.ImpUid).Distinct().Count());
            Assert.Equal(new[] { "100" }, api.PageRequests.Select(Query).Select(q => q["limit"]).Where(l => l != "500").Distinct());
            var odd = new FakeApi(FakeApi.Paged(500));
            Read(odd, new PaymentQuery { To = To, PageSize = 150 });
            Assert.All(odd.PageRequests.Select(Query), q => Assert.Equal("150", q["limit"]));
        }

        [Fact]
        public void Skip_starts_at_the_right_page()
        {
            var api = new FakeApi(FakeApi.Paged(5000));
            var taken = Read(api, new PaymentQuery { To = To, Skip = 2500, First = 10, PageSize = 1000 });
            Assert.Equal("imp_002500", taken[0].ImpUid);
            var pages = api.PageRequests.Select(Query).Where(q => q["limit"] == "1000").Select(q => q["page"]).ToList();
            Assert.Equal(new[] { "3" }, pages);
        }

        [Fact]
        public void An_empty_page_with_a_next_page_is_not_the_end()
        {
            var api = new FakeApi(r => Query(r.RequestUri!.PathAndQuery + " ")["page"] switch
            {
                "1" => FakeApi.Page(2, 2, new[] { FakeApi.Payment("imp_a") }),
                "2" => FakeApi.Page(2, 3, Array.Empty<string>()),
                _ => FakeApi.Page(2, 0, new[] { FakeApi.Payment("imp_b") }),
            });
            Assert.Equal(new[] { "imp_a", "imp_b" }, Read(api, new PaymentQuery { To = To, PageSize = 1 }).Select(p => p.ImpUid));
        }

        [Fact]
        public void A_next_page_that_does_not_advance_is_an_error_not_a_hang()
        {
            var api = new FakeApi(_ => FakeApi.Page(10, 1, new[] { FakeApi.Payment("imp_a") }));
            var e = Assert.Throws<PortOneException>(() => Read(api, new PaymentQuery { To = To, PageSize = 1 }));
            Assert.Equal(PortOneErrorKind.PagingStalled, e.Kind);
        }

        [Fact]
        public void Pages_far_beyond_the_total_are_an_error_not_a_hang()
        {
            int served = 0;
            var api = new FakeApi(r =>
            {
                int page = int.Parse(Query(r.RequestUri!.PathAndQuery + " ")["page"], CultureInfo.InvariantCulture);
                served++;
                return FakeApi.Page(2, page + 1, new[] { FakeApi.Payment("imp_" + page) });
            });
            Assert.Equal(PortOneErrorKind.PagingStalled, Assert.Throws<PortOneException>(() => Read(api, new PaymentQuery { To = To, PageSize = 1 })).Kind);
            Assert.True(served < 10, $"served {served} pages");
        }

        [Fact]
        public void A_payment_repeated_by_shifting_pages_is_written_once_and_the_change_is_warned()
        {
            var api = new FakeApi(r => Query(r.RequestUri!.PathAndQuery + " ")["page"] == "1"
                ? FakeApi.Page(4, 2, new[] { FakeApi.Payment("imp_a"), FakeApi.Payment("imp_b") })
                : FakeApi.Page(5, 0, new[] { FakeApi.Payment("imp_b"), FakeApi.Payment("imp_c") }));
            var events = new RecordingEvents();
            Assert.Equal(new[] { "imp_a", "imp_b", "imp_c" }, Read(api, new PaymentQuery { To = To, PageSize = 2 }, events).Select(p => p.ImpUid));
            Assert.Contains(events.Warnings, w => w.Contains("changed while they were read"));
        }

        [Fact]
        public void Paid_by_paid_pages_by_moving_the_window_edge()
        {
            // Ascending paid_at: 0..2499 one second apart; the fake filters by from/to like the API.
            var api = new FakeApi(r =>
            {
                var q = Query(r.RequestUri!.PathAndQuery + " ");
                long from = long.Parse(q["from"], CultureInfo.InvariantCulture), to = long.Parse(q["to"], CultureInfo.InvariantCulture);
                int limit = int.Parse(q["limit"], CultureInfo.InvariantCulture), page = int.Parse(q["page"], CultureInfo.InvariantCulture);
                var all = Enumerable.Range(0, 2500).Select(i => 1_699_000_000L + i).Where(t => t >= from && t <= to).ToList();
                var slice = all.Skip((page - 1) * limit).Take(limit).Select(t => FakeApi.Payment("imp_" + t, paidAt: t));
                return FakeApi.Page(all.Count, page * limit < all.Count ? page + 1 : 0, slice);
            });
            var read = Read(api, new PaymentQuery { Status = PaymentStatus.Paid, Sort = PaymentSort.PaidAscending, To = To, PageSize = 1000 });
            Assert.Equal(2500, read.Select(p => p.ImpUid).Distinct().Count());
            Assert.Equal(2500, read.Count);
            var queries = api.PageRequests.Select(Query).ToList();
            Assert.All(queries, q => Assert.Equal("1", q["page"]));
            Assert.Equal("100", queries[0]["limit"]); // a small first page, then full ones
            Assert.Equal("1699000099", queries[1]["from"]); // the last paid_at of page one
            Assert.Equal("1000", queries[1]["limit"]);
        }

        [Fact]
        public void Progress_is_reported_once_per_page()
        {
            var events = new RecordingEvents();
            var api = new FakeApi(FakeApi.Paged(2500));
            Read(api, new PaymentQuery { To = To, PageSize = 1000 }, events);
            Assert.Equal(Enumerable.Range(1, api.PageRequests.Count()), events.Pages);
            Assert.Equal(12, events.Pages.Count);
        }

        private sealed class RecordingEvents : IPortOneEvents
        {
            public readonly List<string> Warnings = new List<string>();
            public readonly List<int> Pages = new List<int>();
            public void RequestCompleted(RequestInfo request) { }
            public void RetryScheduled(RetryInfo retry) { }
            public void PageRead(PageProgress progress) => Pages.Add(progress.Page);
            public void Warning(string message) => Warnings.Add(message);
        }
    }
}
