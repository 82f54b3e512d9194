using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PortOne.Client.Tests.Model;
using PortOne.Paging;
using Xunit;
using Xunit.Abstractions;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// Requests stay close to pages: at most 1.3 times the pages plus 3 a window, on spread data and on a flash-sale
    /// ledger, for every status and direction, at page sizes 100 and 1,000 (the sort changes only the direction the
    /// range is read in, so a direction stands for its three sorts). Status all is held to the same: it is read as its
    /// four statuses side by side (EachStatusReader), each in its own chains.
    /// </summary>
    public class RequestBoundTests
    {
        private static readonly Lazy<StaticLedger> Spread = new Lazy<StaticLedger>(() => new StaticLedger(30_000, 0, 0));
        private static readonly Lazy<StaticLedger> FlashSale = new Lazy<StaticLedger>(() => new StaticLedger(100_000, 5, 5_000));
        private readonly ITestOutputHelper _output;

        public RequestBoundTests(ITestOutputHelper output) => _output = output;

        public static IEnumerable<object[]> Cases() =>
            from ledger in new[] { "spread", "flash sale" }
            from status in (PaymentStatus[])Enum.GetValues(typeof(PaymentStatus))
            from sort in new[] { PaymentSort.StartedDescending, PaymentSort.PaidAscending }
            from pageSize in new[] { 100, 1000 }
            select new object[] { ledger, status, sort, pageSize };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Requests_are_at_most_1_3_times_the_pages_plus_3_a_window(string ledgerName, PaymentStatus status, PaymentSort sort, int pageSize)
        {
            StaticLedger ledger = ledgerName == "spread" ? Spread.Value : FlashSale.Value;
            lock (ledger)
            {
                int before = ledger.Requests;
                PaymentReader reader = StaticLedger.Reader(ledger.Send, 90, status, sort, pageSize);
                List<TimeWindow> windows = reader.PlanWindows();
                int written = reader.Read(windows, CancellationToken.None).Count();
                int requests = ledger.Requests - before;
                string api = status.ToApiString();
                int payments = windows.Sum(w => ledger.Count(api, w.From, w.To));
                int pages = windows.Sum(w => (ledger.Count(api, w.From, w.To) + pageSize - 1) / pageSize);
                int bound = (int)(1.3 * pages) + 3 * windows.Count;
                _output.WriteLine($"{ledgerName} {status} {sort} {pageSize}: {requests} requests for {pages} pages ({(double)requests / pages:0.00}x), bound {bound}");
                Assert.Equal(payments, written);
                Assert.True(requests <= bound, $"{requests} requests for {pages} pages: more than {bound}");
            }
        }
    }
}
