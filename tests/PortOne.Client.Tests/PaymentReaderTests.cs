using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Diagnostics;
using Xunit;

namespace PortOne.Client.Tests
{
    public class PaymentReaderTests
    {
        private const long To = 1_700_000_000;
        private const long Day = 86_400;
        private static readonly PaymentSort[] AllSorts = (PaymentSort[])Enum.GetValues(typeof(PaymentSort));

        public static IEnumerable<object[]> Sorts => AllSorts.Select(s => new object[] { s });

        private static List<PaymentAnnotation> Read(FakeApi api, PaymentQuery query, IPortOneEvents? events = null, int take = int.MaxValue) =>
            FakeApi.Client(api).OpenPayments(query, events, CancellationToken.None).Read().Take(take).ToList();

        private static Dictionary<string, string> Query(string request) =>
            FakeApi.ParseQuery(request.Substring(request.IndexOf('?'), request.IndexOf(' ') - request.IndexOf('?')));

        /// <summary>Paid payments over the 90 days before To, scattered unevenly, with a few seconds holding several.</summary>
        private static FakeLedger PaidLedger(int count, int seed = 7, double skew = 2)
        {
            var ledger = new FakeLedger();
            var random = new Random(seed);
            for (int i = 0; i < count; i++)
            {
                // Squared: denser towards To, as real ledgers grow.
                long paid = To - (long)(Math.Pow(random.NextDouble(), skew) * 89 * Day);
                if (i % 50 == 1) paid = ledger.Entries[i - 1].Paid; // the same second as the one before
                ledger.Add("paid", paid - random.Next(0, 3 * 86_400), paid);
            }
            return ledger;
        }

        private static PaymentQuery PaidQuery(PaymentSort? sort, int pageSize = 1000) =>
            new PaymentQuery { Status = PaymentStatus.Paid, Sort = sort, To = DateTimeOffset.FromUnixTimeSeconds(To), PageSize = pageSize };

        [Fact]
        public void Taking_a_few_payments_sends_one_small_request()
        {
            var ledger = PaidLedger(5000);
            var api = new FakeApi(ledger.Answer);
            var taken = Read(api, PaidQuery(null), take: 3);
            Assert.Equal(3, taken.Count);
            Assert.Equal("100", Query(api.PageRequests.Single())["limit"]);
            var first3 = new FakeApi(ledger.Answer);
            var query = PaidQuery(null);
            query.First = 3;
            Assert.Equal(3, Read(first3, query).Count);
            Assert.Equal("3", Query(first3.PageRequests.Single())["limit"]);
        }

        [Theory]
        [MemberData(nameof(Sorts))]
        public void A_static_window_is_read_whole_and_once_in_few_requests(PaymentSort sort)
        {
            var ledger = PaidLedger(9000, skew: 1);
            var api = new FakeApi(ledger.Answer);
            var read = Read(api, PaidQuery(sort));
            var truth = ledger.Query("paid", To - 90 * Day, To, sort.ToApiString());
            Assert.Equal(truth.Select(e => e.Id).OrderBy(id => id), read.Select(p => p.ImpUid).OrderBy(id => id));
            // The head is the exact head of the requested order.
            Assert.Equal(truth.Take(100).Select(e => e.Id), read.Take(100).Select(p => p.ImpUid));
            var requests = api.PageRequests.Select(Query).ToList();
            Assert.All(requests, r => Assert.InRange(long.Parse(r["from"], CultureInfo.InvariantCulture), To - 90 * Day, To));
            // 9 pages of payments spread evenly: the small head, then slices planned to 90% of a page. Where the sort is the
            // status time the order is exact, and that may cost at most 1.3 times the pages.
            int limit = PortOne.Paging.StatusTime.IsSortKey(PaymentStatus.Paid, sort) ? 13 : 14;
            Assert.True(requests.Count <= limit, $"{requests.Count} requests");
        }

        [Theory]
        [InlineData(PaymentSort.PaidDescending)]
        [InlineData(PaymentSort.PaidAscending)]
        public void Paid_by_paid_time_is_in_exact_order(PaymentSort sort)
        {
            var ledger = PaidLedger(9000);
            var read = Read(new FakeApi(ledger.Answer), PaidQuery(sort));
            Assert.Equal(ledger.Query("paid", To - 90 * Day, To, sort.ToApiString()).Select(e => e.Id), read.Select(p => p.ImpUid));
        }

        [Theory]
        [InlineData(PaymentSort.StartedDescending)]
        [InlineData(PaymentSort.UpdatedAscending)]
        public void Other_sorts_follow_time_slices_each_in_the_requested_order(PaymentSort sort)
        {
            var ledger = PaidLedger(9000);
            var read = Read(new FakeApi(ledger.Answer), PaidQuery(sort)).Skip(100).Select(p => ledger.Entries.Single(e => e.Id == p.ImpUid)).ToList();
            // After the head, paid times never go back against the sort's direction by more than a slice (~10 days here).
            bool descending = sort.IsDescending();
            long worst = 0;
            long extreme = read[0].Paid;
            foreach (var entry in read)
            {
                worst = Math.Max(worst, descending ? entry.Paid - extreme : extreme - entry.Paid);
                extreme = descending ? Math.Min(extreme, entry.Paid) : Math.Max(extreme, entry.Paid);
            }
            Assert.True(worst < 12 * Day, $"out of slice order by {worst} s");
        }

        [Theory]
        [MemberData(nameof(Sorts))]
        public void Skip_and_First_are_exact(PaymentSort sort)
        {
            var ledger = PaidLedger(3000);
            var full = Read(new FakeApi(ledger.Answer), PaidQuery(sort, pageSize: 500)).Select(p => p.ImpUid).ToList();
            Assert.Equal(3000, full.Count);
            foreach (int skip in new[] { 1, 99, 100, 101, 777, 2999 })
            {
                var query = PaidQuery(sort, pageSize: 500);
                query.Skip = skip;
                query.First = 250;
                Assert.Equal(full.Skip(skip).Take(250), Read(new FakeApi(ledger.Answer), query).Select(p => p.ImpUid));
            }
        }

        [Fact]
        public void First_costs_only_the_pages_it_needs()
        {
            var ledger = PaidLedger(20000, skew: 1);
            var api = new FakeApi(ledger.Answer);
            var query = PaidQuery(PaymentSort.StartedDescending);
            query.First = 1500;
            query.MaxPagesInFlight = 16;
            Assert.Equal(1500, Read(api, query).Count);
            // The head (100), then slices of ~900 until 1500 are expected: 2 of them, however many may fly.
            Assert.Equal(3, api.PageRequests.Count());
        }

        [Theory]
        [MemberData(nameof(Sorts))]
        public void Payments_that_stay_are_written_exactly_once_while_others_change(PaymentSort sort)
        {
            var ledger = PaidLedger(6000);
            var random = new Random(11);
            long now = To + 10;
            var everIn = new HashSet<string>(ledger.Entries.Select(e => e.Id));
            ledger.BeforeAnswer = _ =>
            {
                for (int i = 0; i < 40; i++)
                {
                    var paid = ledger.Entries.Where(e => e.Status == "paid").ToList();
                    var victim = paid[random.Next(paid.Count)];
                    switch (i % 4)
                    {
                        case 0: victim.Status = "cancelled"; victim.Cancelled = victim.Updated = ++now; break; // leaves the set
                        case 1: victim.Updated = ++now; break; // a partial refund: jumps to the head of -updated
                        case 2: everIn.Add(ledger.Add("paid", To - random.Next(0, 80) * Day, To - random.Next(0, 80) * Day).Id); break; // a late write
                        default: everIn.Add(ledger.Add("paid", now, ++now).Id); break; // arrives after To
                    }
                }
            };
            var before = new HashSet<string>(ledger.Query("paid", To - 90 * Day, To, "-paid").Select(e => e.Id));
            var read = Read(new FakeApi(ledger.Answer), PaidQuery(sort)).Select(p => p.ImpUid).ToList();
            ledger.BeforeAnswer = null;
            var after = new HashSet<string>(ledger.Query("paid", To - 90 * Day, To, "-paid").Select(e => e.Id));
            var stayed = before.Where(after.Contains).ToList();
            Assert.True(ledger.Answered > 5);
            Assert.Equal(read.Count, read.Distinct().Count());
            Assert.Empty(stayed.Except(read));
            Assert.Empty(read.Except(everIn));
        }

        [Fact]
        public void A_second_with_more_than_a_page_is_read_whole()
        {
            var ledger = PaidLedger(300);
            for (int i = 0; i < 35; i++) ledger.Add("paid", To - Day - i, To - Day);
            var events = new RecordingEvents();
            var read = Read(new FakeApi(ledger.Answer), PaidQuery(PaymentSort.UpdatedDescending, pageSize: 10), events);
            Assert.Equal(335, read.Select(p => p.ImpUid).Distinct().Count());
            Assert.Equal(335, read.Count);
            Assert.Empty(events.Errors);
        }

        [Fact]
        public void A_crowded_second_that_changes_while_read_is_a_DataChanged_error()
        {
            var ledger = PaidLedger(300);
            var crowd = Enumerable.Range(0, 35).Select(i => ledger.Add("paid", To - Day - i, To - Day)).ToList();
            int leaving = 0;
            // A payment of the crowded second leaves while its pages are read by offset.
            var api = new FakeApi(r =>
            {
                var q = FakeApi.ParseQuery(r.RequestUri!.Query);
                if (q["from"] == q["to"] && q["page"] == "2" && leaving++ == 0)
                {
                    lock (ledger.Gate) { crowd[0].Status = "cancelled"; crowd[0].Cancelled = To + 5; }
                }
                return ledger.Answer(r);
            });
            var events = new RecordingEvents();
            var read = Read(api, PaidQuery(PaymentSort.PaidDescending, pageSize: 10), events);
            Assert.Equal(read.Count, read.Select(p => p.ImpUid).Distinct().Count());
            var error = Assert.Single(events.Errors);
            Assert.Equal(PortOneErrorKind.DataChanged, error.Kind);
            Assert.Contains("share the second", error.Message);
            Assert.Contains("-From", error.RecommendedAction);
        }

        [Fact]
        public void A_crowded_second_that_shrinks_under_its_last_page_is_a_DataChanged_error_not_a_failure()
        {
            var ledger = PaidLedger(300);
            var crowd = Enumerable.Range(0, 31).Select(i => ledger.Add("paid", To - Day - i, To - Day)).ToList();
            var api = new FakeApi(r =>
            {
                var q = FakeApi.ParseQuery(r.RequestUri!.Query);
                if (q["from"] == q["to"] && q["page"] == "4")
                {
                    // Two leave before the last page is answered: it now lies past the end, which the API answers 400.
                    lock (ledger.Gate) { foreach (var e in crowd.Take(2)) { e.Status = "cancelled"; e.Cancelled = To + 5; } }
                }
                return ledger.Answer(r);
            });
            var events = new RecordingEvents();
            var read = Read(api, PaidQuery(PaymentSort.PaidDescending, pageSize: 10), events);
            Assert.Equal(read.Count, read.Select(p => p.ImpUid).Distinct().Count());
            Assert.Equal(PortOneErrorKind.DataChanged, Assert.Single(events.Errors).Kind);
            Assert.Contains(api.PageRequests, r => Query(r)["page"] == "4");
        }

        [Fact]
        public void An_api_that_ignores_from_and_to_is_PagingStalled_not_a_hang()
        {
            var ledger = PaidLedger(3000);
            ledger.IgnoreRange = true;
            var e = Assert.Throws<PortOneException>(() => Read(new FakeApi(ledger.Answer), PaidQuery(null)));
            Assert.Equal(PortOneErrorKind.PagingStalled, e.Kind);
            Assert.True(ledger.Answered < 10, $"{ledger.Answered} requests");
        }

        [Fact]
        public void An_api_that_ignores_page_is_PagingStalled_not_a_hang()
        {
            var ledger = new FakeLedger();
            for (int i = 0; i < 30; i++) ledger.Add("paid", To - Day - i, To - Day);
            ledger.IgnorePage = true;
            var e = Assert.Throws<PortOneException>(() => Read(new FakeApi(ledger.Answer), PaidQuery(null, pageSize: 10)));
            Assert.Equal(PortOneErrorKind.PagingStalled, e.Kind);
            Assert.True(ledger.Answered < 10, $"{ledger.Answered} requests");
        }

        [Fact]
        public void Stopping_early_cancels_the_requests_in_flight_before_returning()
        {
            var ledger = PaidLedger(5000);
            int cancelled = 0;
            var api = new BlockingApi(ledger, onCancelled: () => Interlocked.Increment(ref cancelled));
            using var client = FakeApi.Client(api);
            var query = PaidQuery(null);
            query.MaxPagesInFlight = 4;
            var taken = client.OpenPayments(query, null, CancellationToken.None).Read().Take(101).ToList();
            Assert.Equal(101, taken.Count);
            // The head and the first slice were answered; the three slices requested ahead had to be cancelled.
            Assert.Equal(3, Volatile.Read(ref cancelled));
        }

        [Fact]
        public void Imp_uids_are_compared_whole()
        {
            var set = new PortOne.Paging.ImpUidSet();
            Assert.True(set.Add("imp_12"));
            Assert.True(set.Add("imp_012"));
            Assert.True(set.Add("imp_0012"));
            Assert.True(set.Add("IMP_12"));
            Assert.True(set.Add("imp_123456789012345678")); // too long to pack: kept as text
            Assert.False(set.Add("imp_12"));
            Assert.False(set.Add("imp_012"));
            Assert.False(set.Add("imp_123456789012345678"));
        }

        [Fact]
        public void Progress_is_reported_once_per_request()
        {
            var events = new RecordingEvents();
            var api = new FakeApi(PaidLedger(2500).Answer);
            Read(api, PaidQuery(null), events);
            Assert.Equal(Enumerable.Range(1, api.PageRequests.Count()), events.Pages);
        }

        /// <summary>Answers the first two requests from the ledger; later ones wait until they are cancelled.</summary>
        private sealed class BlockingApi : HttpMessageHandler
        {
            private readonly FakeLedger _ledger;
            private readonly Action _onCancelled;
            private int _requests;

            public BlockingApi(FakeLedger ledger, Action onCancelled)
            {
                _ledger = ledger;
                _onCancelled = onCancelled;
            }

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.RequestUri!.AbsolutePath.EndsWith("/users/getToken", StringComparison.Ordinal))
                {
                    return FakeApi.Json(200, "{\"code\":0,\"message\":null,\"response\":{\"access_token\":\"t\",\"now\":1700000000,\"expired_at\":1700001800}}");
                }
                if (Interlocked.Increment(ref _requests) <= 2) return _ledger.Answer(request);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _onCancelled();
                    throw;
                }
                throw new InvalidOperationException("unreachable");
            }
        }

        private sealed class RecordingEvents : IPortOneEvents
        {
            public readonly List<PortOneException> Errors = new List<PortOneException>();
            public readonly List<int> Pages = new List<int>();
            public void RequestCompleted(RequestInfo request) { }
            public void RetryScheduled(RetryInfo retry) { }
            public void PageRead(PageProgress progress) => Pages.Add(progress.Page);
            public void NonTerminatingError(PortOneException error) => Errors.Add(error);
        }
    }
}
