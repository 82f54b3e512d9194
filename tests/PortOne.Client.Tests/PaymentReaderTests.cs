using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Diagnostics;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>The reader through the real client (HTTP handler, JSON): example cases the model-based tests do not reach.</summary>
    public class PaymentReaderTests
    {
        private const long To = 1_700_000_000;
        private const long Day = 86_400;

        private static List<PaymentAnnotation> Read(FakeApi api, PaymentQuery query, IPortOneEvents? events = null, int take = int.MaxValue) =>
            FakeApi.Client(api).OpenPayments(query, events, CancellationToken.None).Read().Take(take).ToList();

        private static Dictionary<string, string> Query(string request) =>
            FakeApi.ParseQuery(request.Substring(request.IndexOf('?'), request.IndexOf(' ') - request.IndexOf('?')));

        private static FakeLedger PaidLedger(int count, int seed = 7)
        {
            var ledger = new FakeLedger();
            var random = new Random(seed);
            for (int i = 0; i < count; i++)
            {
                long paid = To - (long)(random.NextDouble() * 89 * Day);
                ledger.Add("paid", paid - random.Next(0, 3 * 86_400), paid);
            }
            return ledger;
        }

        private static PaymentQuery PaidQuery(PaymentSort? sort = null, int pageSize = 1000) =>
            new PaymentQuery { Status = PaymentStatus.Paid, Sort = sort, To = DateTimeOffset.FromUnixTimeSeconds(To), PageSize = pageSize };

        [Fact]
        public void Taking_a_few_payments_sends_one_small_request()
        {
            var ledger = PaidLedger(5000);
            var api = new FakeApi(ledger.Answer);
            Assert.Equal(3, Read(api, PaidQuery(), take: 3).Count);
            Assert.Equal("100", Query(api.PageRequests.Single())["limit"]);
        }

        [Fact]
        public void A_read_under_way_stops_at_its_next_request_once_its_client_is_disposed()
        {
            // A host that drops a client while a read still uses it (the module keeps it until the read is done) gets
            // ObjectDisposedException, never a request from a client it disposed.
            var ledger = PaidLedger(50);
            var api = new FakeApi(ledger.Answer);
            var client = FakeApi.Client(api);
            var query = PaidQuery(pageSize: 1);
            query.MaxPagesInFlight = 1;
            using IEnumerator<PaymentAnnotation> read = client.OpenPayments(query, null, CancellationToken.None).Read().GetEnumerator();
            Assert.True(read.MoveNext());
            client.Dispose();
            int sent = api.Requests.Count;
            Assert.Throws<ObjectDisposedException>(() => { while (read.MoveNext()) { } });
            Assert.True(api.Requests.Count <= sent + 1, "at most the request already in flight was answered");
        }

        [Fact]
        public void An_api_that_ignores_from_and_to_is_an_invalid_answer_not_a_hang()
        {
            var ledger = PaidLedger(3000);
            ledger.IgnoreRange = true;
            var e = Assert.Throws<PortOneException>(() => Read(new FakeApi(ledger.Answer), PaidQuery()));
            Assert.Equal(PortOneErrorKind.InvalidResponse, e.Kind);
            Assert.Contains("did not apply from and to", e.Message);
            Assert.True(ledger.Answered < 4, $"{ledger.Answered} requests");
        }

        [Fact]
        public void An_api_that_ignores_page_is_PagingStalled_not_a_hang()
        {
            var ledger = new FakeLedger();
            for (int i = 0; i < 1500; i++) ledger.Add("paid", To - Day - i, To - Day); // one second holding more than the largest page
            ledger.IgnorePage = true;
            var e = Assert.Throws<PortOneException>(() => Read(new FakeApi(ledger.Answer), PaidQuery()));
            Assert.Equal(PortOneErrorKind.PagingStalled, e.Kind);
            Assert.True(ledger.Answered < 10, $"{ledger.Answered} requests");
        }

        [Fact]
        public void Stopping_early_cancels_the_requests_in_flight_before_returning()
        {
            var ledger = PaidLedger(20000);
            int cancelled = 0;
            var api = new BlockingApi(ledger, answered: 2, onCancelled: () => Interlocked.Increment(ref cancelled));
            using var client = FakeApi.Client(api);
            var query = PaidQuery();
            query.MaxPagesInFlight = 4;
            var taken = client.OpenPayments(query, null, CancellationToken.None).Read().Take(150).ToList();
            Assert.Equal(150, taken.Count);
            // The window's first page and the first chain's first page were answered; every request sent ahead (four at
            // most in flight) was cancelled, each on its own, before Take returned.
            Assert.InRange(api.Sent, 3, 2 + 4);
            Assert.Equal(api.Sent - 2, Volatile.Read(ref cancelled));
        }

        [Fact]
        public void One_progress_record_over_all_windows_never_counts_past_its_total_nor_goes_back()
        {
            var ledger = new FakeLedger();
            var random = new Random(3);
            for (int i = 0; i < 4000; i++)
            {
                long paid = To - (long)(random.NextDouble() * 400 * Day);
                ledger.Add("paid", paid - 60, paid);
            }
            var events = new ProgressRecorder();
            var query = PaidQuery(pageSize: 200);
            query.From = DateTimeOffset.FromUnixTimeSeconds(To - 400 * Day);
            var read = Read(new FakeApi(ledger.Answer), query, events);
            Assert.Equal(4000, read.Count);
            Assert.Equal(5, events.Records[0].WindowCount);
            Assert.All(events.Records, p => Assert.True(p.Total == null || p.Written <= p.Total, $"{p.Written} of {p.Total}"));
            for (int i = 1; i < events.Records.Count; i++)
            {
                Assert.True(events.Records[i].Written >= events.Records[i - 1].Written);
                Assert.True(events.Records[i].WindowNumber >= events.Records[i - 1].WindowNumber);
                if (events.Records[i - 1].Total is long before) Assert.True(events.Records[i].Total >= before);
            }
            // Every window was counted while the first was read, so the total was known early, and it was the truth.
            Assert.Contains(events.Records, p => p.WindowNumber == 1 && p.Total == 4000);
            // The last record comes with the last page, before its payments are written.
            Assert.InRange(events.Records[events.Records.Count - 1].Written, 4000 - 200, 4000);
        }

        [Fact]
        public void Payments_that_stay_are_written_once_through_http_and_json_while_others_change()
        {
            var ledger = PaidLedger(6000);
            var random = new Random(11);
            long now = To + 10;
            ledger.BeforeAnswer = _ =>
            {
                for (int i = 0; i < 40; i++)
                {
                    var paid = ledger.Entries.Where(e => e.Status == "paid").ToList();
                    var victim = paid[random.Next(paid.Count)];
                    if (i % 2 == 0) { victim.Status = "cancelled"; victim.Cancelled = victim.Updated = ++now; }
                    else ledger.Add("paid", To - random.Next(0, 80) * Day, To - random.Next(0, 80) * Day);
                }
            };
            var before = new HashSet<string>(ledger.Query("paid", To - 90 * Day, To, "-paid").Select(e => e.Id));
            var read = Read(new FakeApi(ledger.Answer), PaidQuery(PaymentSort.StartedAscending, pageSize: 200)).Select(p => p.ImpUid).ToList();
            ledger.BeforeAnswer = null;
            var after = new HashSet<string>(ledger.Query("paid", To - 90 * Day, To, "-paid").Select(e => e.Id));
            Assert.True(ledger.Answered > 20);
            Assert.Equal(read.Count, read.Distinct().Count());
            Assert.Empty(before.Where(after.Contains).Except(read));
        }

        /// <summary>Answers the first requests from the ledger; later ones wait until they are cancelled.</summary>
        private sealed class BlockingApi : HttpMessageHandler
        {
            private readonly FakeLedger _ledger;
            private readonly int _answered;
            private readonly Action _onCancelled;
            private int _sent;

            public BlockingApi(FakeLedger ledger, int answered, Action onCancelled)
            {
                _ledger = ledger;
                _answered = answered;
                _onCancelled = onCancelled;
            }

            public int Sent => Volatile.Read(ref _sent);

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.RequestUri!.AbsolutePath.EndsWith("/users/getToken", StringComparison.Ordinal))
                {
                    return FakeApi.Json(200, "{\"code\":0,\"message\":null,\"response\":{\"access_token\":\"t\",\"now\":1700000000,\"expired_at\":1700001800}}");
                }
                if (Interlocked.Increment(ref _sent) <= _answered) return _ledger.Answer(request);
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

        private sealed class ProgressRecorder : IPortOneEvents
        {
            public readonly List<PageProgress> Records = new List<PageProgress>();
            public void RequestCompleted(RequestInfo request) { }
            public void RetryScheduled(RetryInfo retry) { }
            public void CompletenessUnproven(PortOneException exception) { }
            public void PageRead(PageProgress progress) => Records.Add(new PageProgress
            {
                WindowNumber = progress.WindowNumber, WindowCount = progress.WindowCount, Written = progress.Written, Total = progress.Total,
            });
        }
    }
}
