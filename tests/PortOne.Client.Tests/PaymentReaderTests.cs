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
    }
}
