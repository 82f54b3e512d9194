using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using PortOne.Diagnostics;
using PortOne.Paging;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// Edges of the paging engine that mutation testing found unguarded: the imp_uid packing, window arithmetic, a
    /// short first page, progress, the re-reading of status "all" that cannot settle, and crowded seconds that shrink,
    /// keep changing, or meet an API that ignores page.
    /// </summary>
    public class PagingSurvivorTests
    {
        private const long To = 1_700_000_000;
        private const long Day = 86_400;

        /// <summary>Every progress record as it was when sent, and every CompletenessUnproven.</summary>
        private sealed class ProgressLog : IPortOneEvents
        {
            public readonly ConcurrentQueue<PageProgress> Pages = new ConcurrentQueue<PageProgress>();
            public readonly ConcurrentQueue<PortOneException> Unproven = new ConcurrentQueue<PortOneException>();

            public void RequestCompleted(RequestInfo request) { }
            public void RetryScheduled(RetryInfo retry) { }
            public void CompletenessUnproven(PortOneException exception) => Unproven.Enqueue(exception);
            public void PageRead(PageProgress p) => Pages.Enqueue(new PageProgress
            {
                WindowNumber = p.WindowNumber, WindowCount = p.WindowCount, WindowFrom = p.WindowFrom, WindowTo = p.WindowTo,
                Rereading = p.Rereading, Requests = p.Requests, Written = p.Written, Total = p.Total,
            });
        }

        private static Dictionary<string, string> QueryOf(HttpRequestMessage request) => FakeApi.ParseQuery(request.RequestUri!.Query);

        private static Dictionary<string, string> QueryOf(string logged) =>
            FakeApi.ParseQuery(logged.Substring(logged.IndexOf('?'), logged.IndexOf(' ') - logged.IndexOf('?')));

        private static PaymentQuery Query(PaymentStatus status, long from, int pageSize = 1000) => new PaymentQuery
        {
            Status = status, From = DateTimeOffset.FromUnixTimeSeconds(from), To = DateTimeOffset.FromUnixTimeSeconds(To), PageSize = pageSize,
        };

        [Theory]
        [InlineData("imp_5", 1, 5L)]
        [InlineData("imp_123", 3, 123L)]
        [InlineData("imp_0123", 4, 123L)]
        [InlineData("imp_90", 2, 90L)]
        [InlineData("imp_12345678901234567", 17, 12345678901234567L)]
        public void An_imp_uid_of_digits_packs_exactly_with_its_digit_count(string impUid, int digits, long value)
        {
            Assert.True(ImpUidSet.TryPack(impUid, out long packed));
            Assert.Equal(((long)digits << 57) | value, packed);
        }

        [Theory]
        [InlineData("imp_")]
        [InlineData("imp_123456789012345678")] // 18 digits: more than a long keeps beside the count
        [InlineData("imp_12a4")]
        [InlineData("imp_12/4")] // just below '0'
        [InlineData("imp_12:4")] // just above '9'
        [InlineData("xmp_1234")]
        [InlineData("abcdefgh")]
        public void Any_other_id_is_not_packed(string impUid) => Assert.False(ImpUidSet.TryPack(impUid, out _));

        [Fact]
        public void The_set_tells_ids_apart_whole()
        {
            var set = new ImpUidSet();
            Assert.True(set.Add("imp_1"));
            Assert.False(set.Add("imp_1"));
            Assert.True(set.Add("imp_01"));
            Assert.True(set.Add("imp_x1"));
            Assert.False(set.Add("imp_x1"));
        }

        [Fact]
        public void Time_windows_refuse_a_reversed_range_and_compare_by_both_ends()
        {
            Assert.Contains("9 is before 10", Assert.Throws<ArgumentOutOfRangeException>(() => new TimeWindow(10, 9)).Message);
            var window = new TimeWindow(10, 20);
            Assert.Equal(new TimeWindow(10, 20), window);
            Assert.NotEqual(new TimeWindow(10, 21), window);
            Assert.NotEqual(new TimeWindow(11, 20), window);
            Assert.Equal(new TimeWindow(10, 20).GetHashCode(), window.GetHashCode());
            Assert.True(window.Equals((object)new TimeWindow(10, 20)));
            Assert.Equal("10..20", window.ToString());
            Assert.Null(window.Before(10, descending: false));
            Assert.Null(window.Before(20, descending: true));
            Assert.Equal(new TimeWindow(10, 14), window.Before(15, descending: false));
            Assert.Equal(new TimeWindow(16, 20), window.Before(15, descending: true));
        }

        [Fact]
        public void A_range_one_second_longer_than_a_window_is_two_windows()
        {
            long span = WindowPlanner.MaxWindowSeconds + 1;
            List<TimeWindow> windows = WindowPlanner.Plan(To - span, To, descending: true);
            Assert.Equal(new[] { new TimeWindow(To - WindowPlanner.MaxWindowSeconds, To), new TimeWindow(To - span, To - span) }, windows);
        }

        [Fact]
        public void A_first_page_that_counts_more_than_it_sent_is_an_invalid_answer()
        {
            var api = new FakeApi(r => FakeApi.Page(50, 0, Enumerable.Range(0, 10).Select(i => FakeApi.Payment("imp_" + i, To - 100))));
            PortOneException e = Assert.Throws<PortOneException>(() =>
                FakeApi.Client(api).OpenPayments(Query(PaymentStatus.Paid, To - Day), null, CancellationToken.None).Read().ToList());
            Assert.Equal(PortOneErrorKind.InvalidResponse, e.Kind);
            Assert.Contains("it counts 50 payments in the range but sent 10, fewer than the page of", e.Message);
            Assert.NotNull(e.RequestPath);
            Assert.StartsWith("payments/status/paid?page=1&", e.RequestPath);
        }

        private static FakeLedger SpreadPaid(long from, int count)
        {
            var ledger = new FakeLedger();
            var random = new Random(11);
            for (int i = 0; i < count; i++)
            {
                long paid = from + (long)(random.NextDouble() * (To - from));
                ledger.Add("paid", paid - 5, paid);
            }
            return ledger;
        }

        [Fact]
        public void Progress_counts_requests_and_payments_and_moves_through_the_windows()
        {
            long from = To - 120 * Day;
            var ledger = SpreadPaid(from, 700);
            var api = new FakeApi(ledger.Answer);
            var log = new ProgressLog();
            PaymentStream stream = FakeApi.Client(api).OpenPayments(Query(PaymentStatus.Paid, from, pageSize: 100), log, CancellationToken.None);
            List<PaymentAnnotation> read = stream.Read().ToList();

            Assert.Equal(700, read.Count);
            PageProgress[] pages = log.Pages.ToArray();
            PageProgress last = pages.Last();
            // Answers read: every request but the counts of windows not yet read (one payment asked for).
            Assert.Equal(api.PageRequests.Count(r => QueryOf(r)["limit"] != "1"), last.Requests);
            Assert.Equal(Enumerable.Range(1, pages.Length), pages.Select(p => p.Requests));
            // Progress goes out as each answer arrives, before its payments are written.
            Assert.InRange(last.Written, 600, 699);
            Assert.Equal(pages.Select(p => p.Written).OrderBy(n => n), pages.Select(p => p.Written));
            Assert.Equal(700, last.Total);
            Assert.All(pages, p => Assert.False(p.Rereading));
            Assert.All(pages, p => Assert.Equal(2, p.WindowCount));
            Assert.Equal(new[] { 1, 2 }, pages.Select(p => p.WindowNumber).Distinct());
            Assert.All(pages, p => Assert.True(p.Total == null || p.Total >= p.Written));
        }

        [Fact]
        public void A_counted_total_is_known_to_progress_from_the_first_page()
        {
            long from = To - 120 * Day;
            var ledger = SpreadPaid(from, 700);
            var api = new FakeApi(ledger.Answer);
            var log = new ProgressLog();
            PaymentStream stream = FakeApi.Client(api).OpenPayments(Query(PaymentStatus.Paid, from, pageSize: 100), log, CancellationToken.None);

            Assert.Equal(700, stream.CountTotal());
            Assert.Equal(2, api.PageRequests.Count());
            Assert.All(api.PageRequests, r => Assert.Equal("1", QueryOf(r)["limit"]));
            Assert.Equal(700, stream.Read().Count());
            Assert.All(log.Pages, p => Assert.Equal(700, p.Total));
        }

        [Fact]
        public void Skip_passes_a_window_it_covers_whole_without_reading_it_and_progress_counts_it()
        {
            long from = To - 120 * Day;
            var ledger = SpreadPaid(from, 700);
            long newest = To - WindowPlanner.MaxWindowSeconds;
            int inNewest = ledger.Entries.Count(e => e.Paid >= newest);
            var api = new FakeApi(ledger.Answer);
            var log = new ProgressLog();
            PaymentQuery query = Query(PaymentStatus.Paid, from, pageSize: 100);
            query.Skip = inNewest;
            query.First = 10;
            List<PaymentAnnotation> read = FakeApi.Client(api).OpenPayments(query, log, CancellationToken.None).Read().ToList();

            var expected = ledger.Entries.Where(e => e.Paid < newest).OrderByDescending(e => e.Paid).ThenBy(e => e.Id, StringComparer.Ordinal)
                .Take(10).Select(e => e.Id);
            Assert.Equal(expected, read.Select(p => p.ImpUid));
            // The newest window was only counted (one payment asked for), never read.
            Assert.All(api.PageRequests.Where(r => long.Parse(QueryOf(r)["to"], CultureInfo.InvariantCulture) >= newest),
                r => Assert.Equal("1", QueryOf(r)["limit"]));
            // Progress goes out as each answer arrives, before its payments are written: the last says what was passed over.
            Assert.Equal(inNewest, log.Pages.Last().Written);
        }

        [Fact]
        public async System.Threading.Tasks.Task Status_all_that_cannot_be_read_again_in_one_request_says_DataChanged_once_and_writes_each_payment_once()
        {
            // 400 payments in each of the last six seconds: every re-reading of the recent part needs two requests of
            // 1,000, so no reading is ever a snapshot.
            var ledger = new FakeLedger();
            for (long second = To - 5; second <= To; second++)
            {
                for (int i = 0; i < 400; i++) ledger.Add("paid", second - 10, second);
            }
            for (int i = 0; i < 300; i++) ledger.Add("paid", To - Day + i * 60, To - Day + i * 60 + 5);
            var api = new FakeApi(ledger.Answer) { ServerNow = To };
            var log = new ProgressLog();
            PortOneClient client = FakeApi.Client(api);
            await client.ConnectAsync(null, CancellationToken.None); // PortOne's clock known, as after Connect-PortOne
            List<PaymentAnnotation> read = client.OpenPayments(Query(PaymentStatus.All, To - 2 * Day), log, CancellationToken.None).Read().ToList();

            Assert.Equal(ledger.Entries.Select(e => e.Id).OrderBy(id => id, StringComparer.Ordinal), read.Select(p => p.ImpUid).OrderBy(id => id, StringComparer.Ordinal));
            PortOneException changed = Assert.Single(log.Unproven);
            Assert.Equal(PortOneErrorKind.DataChanged, changed.Kind);
            Assert.Contains("Payments kept changing status faster than the read could go over them again (5 times since", changed.Message);
            Assert.EndsWith("): a payment whose status changed during the read may be missing.", changed.Message);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(To), changed.RangeTo);
            Assert.True(changed.RangeFrom <= DateTimeOffset.FromUnixTimeSeconds(To) && changed.RangeFrom > DateTimeOffset.FromUnixTimeSeconds(To - 10));
            Assert.Contains(log.Pages, p => p.Rereading && p.WindowNumber == p.WindowCount);
        }

        private static Func<HttpRequestMessage, HttpResponseMessage> OnSecond(FakeLedger ledger, long second, Action<int> beforePage)
        {
            return request =>
            {
                Dictionary<string, string> q = QueryOf(request);
                if (q["from"] == q["to"] && q["from"] == second.ToString(CultureInfo.InvariantCulture))
                {
                    lock (ledger.Gate) beforePage(int.Parse(q["page"], CultureInfo.InvariantCulture));
                }
                return ledger.Answer(request);
            };
        }

        private static FakeLedger CrowdedSecond(long second, int count)
        {
            var ledger = new FakeLedger();
            for (int i = 0; i < count; i++) ledger.Add("paid", second - 1000 + i, second);
            return ledger;
        }

        [Fact]
        public void A_crowded_second_that_shrinks_past_its_last_page_is_read_again_and_writes_those_that_stayed()
        {
            long second = To - 3600;
            var ledger = CrowdedSecond(second, 2500);
            bool shrunk = false;
            var api = new FakeApi(OnSecond(ledger, second, page =>
            {
                if (page != 2 || shrunk) return;
                shrunk = true;
                foreach (var entry in ledger.Entries.Take(1200)) { entry.Status = "cancelled"; entry.Cancelled = second + 1; }
            }));
            var log = new ProgressLog();
            List<PaymentAnnotation> read = FakeApi.Client(api).OpenPayments(Query(PaymentStatus.Paid, To - Day), log, CancellationToken.None).Read().ToList();

            Assert.True(shrunk);
            Assert.Empty(log.Unproven);
            var written = new HashSet<string>(read.Select(p => p.ImpUid), StringComparer.Ordinal);
            Assert.All(ledger.Entries.Skip(1200), e => Assert.Contains(e.Id, written));
            Assert.Equal(read.Count, read.Select(p => p.ImpUid).Distinct().Count());
            Assert.Contains(api.PageRequests, r => QueryOf(r)["page"] == "3");
        }

        [Fact]
        public void A_crowded_second_that_changes_at_every_reading_says_DataChanged_for_that_second()
        {
            long second = To - 3600;
            var ledger = CrowdedSecond(second, 1500);
            int arrivals = 0;
            var api = new FakeApi(OnSecond(ledger, second, page =>
            {
                if (page == 1) { ledger.Add("paid", second - 5, second); arrivals++; }
            }));
            var log = new ProgressLog();
            List<PaymentAnnotation> read = FakeApi.Client(api).OpenPayments(Query(PaymentStatus.Paid, To - Day), log, CancellationToken.None).Read().ToList();

            PortOneException changed = Assert.Single(log.Unproven);
            Assert.Equal(PortOneErrorKind.DataChanged, changed.Kind);
            Assert.Equal(
                $"More paid payments share the second {DateTimeOffset.FromUnixTimeSeconds(second).ToLocalTime():yyyy-MM-dd HH:mm:ss zzz} than one page " +
                "holds, and 4 readings of it disagreed: they changed while they were read, so a payment of that second may be missing.",
                changed.Message);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(second), changed.RangeFrom);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(second), changed.RangeTo);
            Assert.True(arrivals >= 4, $"{arrivals} readings");
            Assert.Equal(api.PageRequests.Count(), log.Pages.Last().Requests);
            Assert.Equal(read.Count, read.Select(p => p.ImpUid).Distinct().Count());
        }

        [Fact]
        public void A_crowded_second_answered_with_page_one_for_every_page_is_PagingStalled()
        {
            long second = To - 3600;
            var ledger = CrowdedSecond(second, 1500);
            var api = new FakeApi(request =>
            {
                Dictionary<string, string> q = QueryOf(request);
                ledger.IgnorePage = q["from"] == q["to"];
                return ledger.Answer(request);
            });
            PortOneException e = Assert.Throws<PortOneException>(() =>
                FakeApi.Client(api).OpenPayments(Query(PaymentStatus.Paid, To - Day), null, CancellationToken.None).Read().ToList());
            Assert.Equal(PortOneErrorKind.PagingStalled, e.Kind);
            Assert.Equal($"PortOne answered page 2 of {second}..{second} with the payments of page 1: it does not apply page, so paging cannot go on.", e.Message);
            Assert.NotNull(e.RequestPath);
            Assert.Contains("page=2", e.RequestPath);
        }

        [Fact]
        public void A_crowded_second_whose_later_page_is_refused_stops_with_that_error()
        {
            long second = To - 3600;
            var ledger = CrowdedSecond(second, 1500);
            var api = new FakeApi(request =>
            {
                Dictionary<string, string> q = QueryOf(request);
                return q["from"] == q["to"] && q["page"] == "2"
                    ? FakeApi.Json(200, "{\"code\":-1,\"message\":\"refused\",\"response\":null}")
                    : ledger.Answer(request);
            });
            PortOneException e = Assert.Throws<PortOneException>(() =>
                FakeApi.Client(api).OpenPayments(Query(PaymentStatus.Paid, To - Day), null, CancellationToken.None).Read().ToList());
            Assert.Equal(PortOneErrorKind.ApiError, e.Kind);
            Assert.Equal("refused", e.ApiMessage);
        }

        [Fact]
        public void First_bounds_how_far_requests_go_ahead_and_only_the_first_window_starts_small()
        {
            long from = To - 120 * Day;
            var ledger = SpreadPaid(from, 6000);
            var api = new FakeApi(ledger.Answer);
            PaymentQuery query = Query(PaymentStatus.Paid, from, pageSize: 100);
            query.First = 150;
            Assert.Equal(150, FakeApi.Client(api).OpenPayments(query, null, CancellationToken.None).Read().Count());
            Assert.InRange(api.PageRequests.Count(), 2, 4);

            var whole = new FakeApi(ledger.Answer);
            var log = new ProgressLog();
            Assert.Equal(6000, FakeApi.Client(whole).OpenPayments(Query(PaymentStatus.Paid, from), log, CancellationToken.None).Read().Count());
            // The command's first request is small (the first payment shows soon); the second window's first is a full page.
            Assert.Single(whole.PageRequests, r => QueryOf(r)["limit"] == "100");
            Assert.Equal(6000, log.Pages.Last().Total);
        }

        [Fact]
        public void A_single_window_knows_its_total_from_its_first_answer()
        {
            var ledger = SpreadPaid(To - 30 * Day, 350);
            var api = new FakeApi(ledger.Answer);
            var log = new ProgressLog();
            Assert.Equal(350, FakeApi.Client(api).OpenPayments(Query(PaymentStatus.Paid, To - 30 * Day, pageSize: 100), log, CancellationToken.None).Read().Count());
            Assert.All(log.Pages, p => Assert.Equal(350, p.Total));
        }

        /// <summary>Page requests answered late (each later one later still), counted while in flight and when cancelled.</summary>
        private sealed class SlowApi : DelegatingHandler
        {
            private int _sequence;
            public int InFlight;
            public int MostInFlight;
            public int Cancelled;
            public bool HoldAfterTwo;

            public SlowApi(FakeApi api) : base(api) { }

            protected override async System.Threading.Tasks.Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (!request.RequestUri!.AbsolutePath.Contains("/payments/status/")) return await base.SendAsync(request, cancellationToken);
                int inFlight = Interlocked.Increment(ref InFlight);
                lock (this) MostInFlight = Math.Max(MostInFlight, inFlight);
                try
                {
                    int sequence = Interlocked.Increment(ref _sequence);
                    // HoldAfterTwo: pages after the second are answered only when cancelled, so a stop always finds them.
                    await System.Threading.Tasks.Task.Delay(HoldAfterTwo && sequence > 2 ? Timeout.Infinite : 10 * Math.Min(8, sequence), cancellationToken);
                    return await base.SendAsync(request, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // Slow to stop, as a connection may be: the read's end must wait for it, not leave it running.
                    await System.Threading.Tasks.Task.Delay(150);
                    Interlocked.Increment(ref Cancelled);
                    throw;
                }
                finally
                {
                    Interlocked.Decrement(ref InFlight);
                }
            }
        }

        [Fact]
        public void Requests_run_side_by_side_up_to_the_limit_and_a_stopped_read_cancels_them_and_waits_for_them()
        {
            var ledger = SpreadPaid(To - 30 * Day, 3000);
            PaymentQuery query = Query(PaymentStatus.Paid, To - 30 * Day, pageSize: 100);
            query.MaxPagesInFlight = 4;

            var whole = new SlowApi(new FakeApi(ledger.Answer));
            Assert.Equal(3000, FakeApi.Client(whole).OpenPayments(query, null, CancellationToken.None).Read().Count());
            Assert.InRange(whole.MostInFlight, 2, 4);

            var stopped = new SlowApi(new FakeApi(ledger.Answer)) { HoldAfterTwo = true };
            Assert.Equal(150, FakeApi.Client(stopped).OpenPayments(query, null, CancellationToken.None).Read().Take(150).Count());
            // Taking 150 leaves later pages under way: they are cancelled, and the read's end waits until they are gone.
            Assert.True(stopped.Cancelled >= 1, "no request was cancelled");
            Assert.Equal(0, Volatile.Read(ref stopped.InFlight));
        }

        [Theory]
        [InlineData(2000)] // exactly two pages of 1,000
        [InlineData(2500)] // a last page of 500
        public void A_crowded_second_that_stays_still_is_read_whole_once_without_doubt(int count)
        {
            long second = To - 3600;
            var ledger = CrowdedSecond(second, count);
            var api = new FakeApi(ledger.Answer);
            var log = new ProgressLog();
            List<PaymentAnnotation> read = FakeApi.Client(api).OpenPayments(Query(PaymentStatus.Paid, To - Day), log, CancellationToken.None).Read().ToList();

            Assert.Empty(log.Unproven);
            // The stated order for -paid (Paid's default): paid time, ties by paid time again (the same here), then imp_uid,
            // all descending.
            Assert.Equal(ledger.Entries.Select(e => e.Id).OrderByDescending(id => id, StringComparer.Ordinal), read.Select(p => p.ImpUid));
        }
    }
}
