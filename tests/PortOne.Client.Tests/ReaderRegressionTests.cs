using System;
using System.Collections.Generic;
using System.Linq;
using PortOne.Client.Tests.Model;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// Every way the completeness contract was ever seen broken, each as the case that showed it: the eight rows of
    /// issue 17's review, and what the model-based tests found. Each fails on the reader it was found against.
    /// </summary>
    public class ReaderRegressionTests
    {
        private const long Now = ReaderScenario.Now;
        private const long Day = ReaderScenario.Day;
        private static readonly PaymentSort[] Sorts = (PaymentSort[])Enum.GetValues(typeof(PaymentSort));

        public static IEnumerable<object[]> EverySort() => Sorts.Select(s => new object[] { s });

        /// <summary>One change every two requests, cycling through a cancellation, a refund, a payment and an arrival.</summary>
        private static Change[] Churn(int count) => Enumerable.Range(0, count)
            .Select(i => new Change(4 * i + 1, (ChangeKind)new[] { (int)ChangeKind.Cancel, (int)ChangeKind.Refund, (int)ChangeKind.Pay, (int)ChangeKind.Arrive }[i % 4], 37 * i, 11 * i))
            .ToArray();

        [Theory]
        [MemberData(nameof(EverySort))]
        public void Row_1_status_all_loses_nothing_that_changes_status_in_the_second_the_read_starts(PaymentSort sort)
        {
            // -To is the moment the read starts and PortOne's clock stands still: a payment paid or cancelled now moves
            // into the newest slice, which a descending read has already read.
            var scenario = new ReaderScenario
            {
                Seed = 17, Size = 5000, Shape = LedgerShape.Even, Status = PaymentStatus.All, Sort = sort, PageSize = 25,
                ThrottleLimit = 8, RangeSeconds = 60 * Day, ToOffset = 0, Tick = 0, AnswerTiming = 0, StableTies = true, Changes = Churn(150),
            };
            ReaderRun run = ReaderRun.Execute(scenario);
            Contract.Holds(run);
            Assert.False(run.ReportedDataChanged);
            // Payments of the set whose status changed during the read now have the read's second as their status time.
            Assert.True(run.Ledger.Payments.Count(p => run.AtStart.Contains(p.Id) && p.StatusTime == Now) > 20);
        }

        [Theory]
        [InlineData(PaymentSort.StartedDescending)]
        [InlineData(PaymentSort.PaidAscending)]
        public void Row_2_a_range_reaching_past_now_keeps_payments_paid_during_the_read(PaymentSort sort)
        {
            // The help's own -Before tomorrow: every payment whose status changes during the read stays in the range.
            var scenario = new ReaderScenario
            {
                Seed = 5, Size = 3000, Shape = LedgerShape.Even, Status = PaymentStatus.All, Sort = sort, PageSize = 50,
                ThrottleLimit = 4, RangeSeconds = 40 * Day, ToOffset = Day, Tick = 1, AnswerTiming = 3, StableTies = true,
                Changes = Enumerable.Range(0, 60).Select(i => new Change(2 * i, ChangeKind.Pay, i * 7, 0)).ToArray(),
            };
            ReaderRun run = ReaderRun.Execute(scenario);
            Contract.Holds(run);
            Assert.False(run.ReportedDataChanged);
        }

        [Fact]
        public void Row_3_a_crowded_second_where_one_leaves_and_one_arrives_is_read_whole()
        {
            // After page 1 of the crowded second, one of its payments leaves and a late one arrives: the total stays, the
            // pages shift by one, and a single pass misses the payment at the page edge.
            var ledger = new ModelLedger(3) { Now = Now, StableTies = true };
            long second = Now - 5 * Day;
            for (int i = 0; i < 1500; i++) ledger.Add("paid", second, i);
            for (int i = 0; i < 200; i++) ledger.Add("paid", Now - 1 - i * 3000, 10);
            var scenario = new ReaderScenario
            {
                Status = PaymentStatus.Paid, Sort = PaymentSort.PaidDescending, PageSize = 1000, ThrottleLimit = 1, RangeSeconds = 30 * Day,
                StableTies = true, AnswerTiming = 1,
                Changes = new[] { new Change(5, ChangeKind.Shrink, 0, 0), new Change(5, ChangeKind.LateWrite, 1, (int)(Now - 1 - second)) },
            };
            ReaderRun run = ReaderRun.Execute(scenario, ledger);
            Contract.Holds(run);
            Assert.Contains(run.Requests, r => r.Range.IsOneSecond && r.Page == 2);
        }

        [Fact]
        public void Row_4_a_crowded_second_that_shrinks_while_its_pages_are_in_flight_is_no_unexpected_error()
        {
            var ledger = new ModelLedger(4) { Now = Now, StableTies = true };
            long second = Now - 2 * Day;
            for (int i = 0; i < 2600; i++) ledger.Add("paid", second, i % 500);
            var shrink = Enumerable.Range(0, 900).Select(i => new Change(3, ChangeKind.Shrink, i, 0)).ToArray();
            var scenario = new ReaderScenario
            {
                Status = PaymentStatus.Paid, Sort = PaymentSort.PaidAscending, PageSize = 1000, ThrottleLimit = 4, RangeSeconds = 10 * Day,
                StableTies = true, AnswerTiming = 1, Changes = shrink,
            };
            ReaderRun run = ReaderRun.Execute(scenario, ledger);
            Assert.Null(run.Failure);
            Contract.Holds(run);
        }

        [Theory]
        [InlineData(PaymentStatus.All, PaymentSort.StartedDescending)]
        [InlineData(PaymentStatus.Cancelled, PaymentSort.UpdatedDescending)]
        [InlineData(PaymentStatus.Failed, PaymentSort.UpdatedAscending)]
        [InlineData(PaymentStatus.Paid, PaymentSort.StartedDescending)]
        public void Row_5_flash_sales_are_read_whole_without_an_error_and_in_few_requests(PaymentStatus status, PaymentSort sort)
        {
            // Five sales of 1,200 payments within 10 seconds each, in 9,000 others: no budget runs out on legitimate data.
            var ledger = new ModelLedger(5) { Now = Now, StableTies = false };
            var random = new Random(5);
            string[] statuses = { "ready", "paid", "paid", "paid", "cancelled", "failed" };
            for (int i = 0; i < 9000; i++) ledger.Add(statuses[random.Next(statuses.Length)], Now - 1 - (long)(random.NextDouble() * 80 * Day), random.Next(0, 600));
            for (int sale = 0; sale < 5; sale++)
            {
                long start = Now - (sale + 1) * 13 * Day;
                for (int i = 0; i < 1200; i++) ledger.Add(statuses[random.Next(statuses.Length)], start + random.Next(0, 10), random.Next(0, 60));
            }
            var scenario = new ReaderScenario { Status = status, Sort = sort, PageSize = 1000, ThrottleLimit = 8, RangeSeconds = 90 * Day, AnswerTiming = 0 };
            ReaderRun run = ReaderRun.Execute(scenario, ledger);
            Contract.IsTheTruthInOrder(run);
            Assert.Empty(run.Reported);
            // IsTheTruthInOrder also holds every status but all to twice the pages; all's bound is RequestBoundTests'.
            Assert.True(run.Requests.Count <= 3 * run.Pages() + 3, $"{run.Requests.Count} requests for {run.Pages()} pages");
        }

        [Theory]
        [MemberData(nameof(EverySort))]
        public void Row_6_Skip_and_First_across_windows_match_the_full_read(PaymentSort sort)
        {
            // 500 payments in the first window, 5,000 in the second: a window that -Skip passes whole must not change
            // how the next one is read, nor the order.
            var ledger = new ModelLedger(6) { Now = Now };
            var random = new Random(6);
            long windowEdge = Now - 90 * Day;
            for (int i = 0; i < 500; i++) ledger.Add("paid", windowEdge + 1 + (long)(random.NextDouble() * 89 * Day), random.Next(0, 900));
            for (int i = 0; i < 5000; i++) ledger.Add("paid", windowEdge - 1 - (long)(random.NextDouble() * 89 * Day), random.Next(0, 900));
            bool newestFirst = sort.IsDescending();
            var scenario = new ReaderScenario { Status = PaymentStatus.All, Sort = sort, PageSize = 1000, ThrottleLimit = 8, RangeSeconds = 180 * Day };
            var full = ReaderRun.Execute(scenario, ledger).Written.Select(p => p.ImpUid).ToList();
            Assert.Equal(5500, full.Count);
            scenario.Skip = 600;
            scenario.First = 500;
            ReaderRun part = ReaderRun.Execute(scenario, ledger);
            Assert.Equal(full.Skip(600).Take(500), part.Written.Select(p => p.ImpUid));
            Assert.Equal(newestFirst, part.Written.First().PaidAt > part.Written.Last().PaidAt);
        }

        [Fact]
        public void Row_7_a_ready_second_holding_more_than_a_page_comes_in_a_stated_order()
        {
            // Every payment of it has the same start time: PortOne's order between them is arbitrary (random here), so
            // the stated order is imp_uid's, and -Skip/-First cut it exactly.
            var ledger = new ModelLedger(7) { Now = Now };
            long second = Now - 3 * Day;
            for (int i = 0; i < 700; i++) ledger.Add("ready", second);
            for (int i = 0; i < 300; i++) ledger.Add("ready", Now - 1 - i * 600);
            var scenario = new ReaderScenario { Status = PaymentStatus.Ready, Sort = PaymentSort.StartedDescending, PageSize = 100, ThrottleLimit = 4, RangeSeconds = 10 * Day };
            ReaderRun full = ReaderRun.Execute(scenario, ledger);
            Contract.IsTheTruthInOrder(full);
            scenario.Skip = 350;
            scenario.First = 100;
            Contract.IsTheTruthInOrder(ReaderRun.Execute(scenario, ledger));
        }

        [Fact]
        public void Found_a_range_joined_in_front_of_a_planner_kept_the_planner_s_stale_sample()
        {
            // Found by the request-count property: a slice that overflowed twice inside a sale was joined in front of
            // the planner that had cut it, whose sample still held that slice's seconds, out of reading order. Every
            // slice after it was one second wide: 2,139 requests for 50 pages.
            var scenario = new ReaderScenario
            {
                Seed = -4, Size = 1600, Shape = LedgerShape.FlashSales, Status = PaymentStatus.All, Sort = PaymentSort.UpdatedAscending,
                PageSize = 26, ThrottleLimit = 3, RangeSeconds = 1561850, ToOffset = 60718, Tick = 1, ClockError = 1, AnswerTiming = 4, StableTies = true,
            };
            ReaderRun run = ReaderRun.Execute(scenario);
            Contract.IsTheTruthInOrder(run);
            Assert.True(run.Requests.Count < 3 * run.Pages(), $"{run.Requests.Count} requests for {run.Pages()} pages");
        }
    }
}
