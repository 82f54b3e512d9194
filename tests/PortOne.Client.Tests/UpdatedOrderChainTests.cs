using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Diagnostics;
using PortOne.Json;
using PortOne.Paging;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// Cancelled payments whose "updated" time is not their cancel time (found by the paging benchmark: a sale's
    /// cancellations written late, so the newest "updated" page is the sale, weeks back): a window's first page then
    /// guesses its range wrong, and a chain the planner meant short holds many pages. The read stays complete and near
    /// the pages, and a chain too long for one count is cut again into chains, never into the same range forever.
    /// </summary>
    public class UpdatedOrderChainTests
    {
        private const long Now = 1_700_000_000;
        private const long Day = 86_400;

        [Fact]
        public void Cancellations_updated_long_after_they_happened_are_read_whole_in_few_requests()
        {
            var random = new Random(3);
            var ledger = new List<(long Cancelled, long Updated, int Id)>();
            for (int i = 0; i < 15_000; i++)
            {
                long at = Now - 1 - (long)(random.NextDouble() * 80 * Day);
                ledger.Add((at, at, i));
            }
            // A sale 40 days back: 5,000 cancellations in 10 seconds, each updated just now.
            for (int i = 0; i < 5_000; i++) ledger.Add((Now - 40 * Day + random.Next(0, 10), Now - 1, 15_000 + i));
            int requests = 0;
            PageSource source = (request, cancellationToken) =>
            {
                requests++;
                var inRange = ledger.Where(p => p.Cancelled >= request.Range.From && p.Cancelled <= request.Range.To)
                    .OrderByDescending(p => p.Updated).ThenBy(p => p.Id).ToList();
                var page = inRange.Skip((request.Page - 1) * request.Limit).Take(request.Limit).Select(p => new PaymentAnnotation
                {
                    ImpUid = "imp_" + p.Id,
                    Status = "cancelled",
                    Currency = "KRW",
                    CancelledAt = DateTimeOffset.FromUnixTimeSeconds(p.Cancelled),
                }).ToList();
                return Task.FromResult(new PaymentPage { Total = inRange.Count, List = page });
            };
            var query = new PaymentQuery
            {
                Status = PaymentStatus.Cancelled,
                Sort = PaymentSort.StartedDescending,
                From = DateTimeOffset.FromUnixTimeSeconds(Now - 89 * Day),
                To = DateTimeOffset.FromUnixTimeSeconds(Now),
                PageSize = 1000,
            };
            var reader = new PaymentReader(query, source, NullPortOneEvents.Instance, () => DateTimeOffset.FromUnixTimeSeconds(Now), TimeSpan.FromSeconds(2));
            List<string> written = reader.Read(reader.PlanWindows(), CancellationToken.None).Select(p => p.ImpUid).ToList();

            Assert.Equal(ledger.Count, written.Distinct().Count());
            Assert.Equal(ledger.Count, written.Count);
            // 20 pages. An order this far from the cancel time costs more than the 1.3 x pages + 3 of settled ledgers
            // (RequestBoundTests): the first page's count fails and its range is read again. 30 requests now; 55 when a
            // too-long chain was cut again into slices of one page.
            Assert.True(requests <= 1.6 * 20, $"{requests} requests for 20 pages");
        }
    }
}
