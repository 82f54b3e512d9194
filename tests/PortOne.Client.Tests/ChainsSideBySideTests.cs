using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Client.Tests.Model;
using PortOne.Json;
using PortOne.Paging;
using Xunit;
using Xunit.Abstractions;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// Where latency counts, the reader keeps its requests busy: the answers that come behind the one being written are
    /// read at once, so chains of pages and re-cut slices go on side by side, while what waits for its turn stays within
    /// the memory bound. Time is counted in rounds, not seconds: a round is each time the reader has to wait, and every
    /// request out at that moment is answered in it (as over a network, where requests in flight come back together).
    /// </summary>
    public class ChainsSideBySideTests
    {
        private static readonly Lazy<StaticLedger> Ledger = new Lazy<StaticLedger>(() => new StaticLedger(100_000, 0, 0));
        private readonly ITestOutputHelper _output;

        public ChainsSideBySideTests(ITestOutputHelper output) => _output = output;

        /// <param name="pagesPerRound">
        /// What the reader reaches now, less a margin; one page at a time reaches 1. At 1,000 a page, chains in exact
        /// order of 4 pages reached 3.5 (paid) and 1.8 (all): chains of 2 reach 5.5 and 2.2.
        /// </param>
        [Theory]
        [InlineData(PaymentStatus.Paid, PaymentSort.PaidDescending, 100, 3.0)]
        [InlineData(PaymentStatus.Paid, PaymentSort.StartedAscending, 1000, 4.5)]
        [InlineData(PaymentStatus.Cancelled, PaymentSort.StartedDescending, 100, 3.0)]
        [InlineData(PaymentStatus.All, PaymentSort.StartedDescending, 100, 3.0)]
        [InlineData(PaymentStatus.All, PaymentSort.PaidAscending, 1000, 2.0)]
        public void A_read_waits_a_fraction_of_its_pages_and_holds_no_more_than_its_bound(PaymentStatus status, PaymentSort sort, int pageSize, double pagesPerRound)
        {
            var rounds = new RoundScheduler();
            StaticLedger ledger = Ledger.Value;
            var ahead = new HashSet<string>();
            PageSource source = (request, cancellation) =>
            {
                var answer = new Task<PaymentPage>(() =>
                {
                    PaymentPage page = ledger.Send(request, cancellation).Result;
                    lock (ahead) foreach (PaymentAnnotation payment in page.List!) ahead.Add(payment.ImpUid);
                    return page;
                });
                answer.Start(rounds);
                return answer;
            };
            PaymentReader reader = StaticLedger.Reader(source, 80, status, sort, pageSize);
            long written = 0, mostAhead = 0;
            var ids = new HashSet<string>();
            foreach (PaymentAnnotation payment in reader.Read(reader.PlanWindows(), CancellationToken.None))
            {
                Assert.True(ids.Add(payment.ImpUid));
                written++;
                lock (ahead)
                {
                    ahead.Remove(payment.ImpUid);
                    mostAhead = Math.Max(mostAhead, ahead.Count);
                }
            }
            int payments = ledger.Count(status.ToApiString(), StaticLedger.Now - 80 * StaticLedger.Day, StaticLedger.Now);
            int pages = (payments + pageSize - 1) / pageSize;
            long bound = (PaymentQuery.DefaultPagesInFlight + 4L) * PageRequest.MaxLimit;
            _output.WriteLine($"{status} {sort} {pageSize}: {pages} pages, {rounds.Rounds} rounds, at most {mostAhead} payments answered ahead of the output");
            Assert.Equal(payments, written);
            Assert.True(rounds.Rounds <= pages / pagesPerRound, $"{rounds.Rounds} rounds for {pages} pages: the reader waited page after page");
            // Answered and not yet written: what is held and unread, within the bound, and for each reader (status all
            // has four) its page being written, the one page it may send beyond its share (its next is always sent), and
            // a page's margin for what the bound does not see (a chain's edge second, read twice; shares set late).
            int readers = status == PaymentStatus.All ? 4 : 1;
            Assert.True(mostAhead <= bound + 3 * readers * pageSize, $"{mostAhead} payments answered ahead of the output");
        }

        /// <summary>Runs nothing until the reader waits; then answers every request out, as one round.</summary>
        private sealed class RoundScheduler : TaskScheduler
        {
            private readonly List<Task> _queued = new List<Task>();

            public int Rounds { get; private set; }

            protected override void QueueTask(Task task)
            {
                lock (_queued) _queued.Add(task);
            }

            protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviously)
            {
                List<Task> round;
                lock (_queued)
                {
                    round = new List<Task>(_queued);
                    _queued.Clear();
                }
                if (round.Count > 0) Rounds++;
                foreach (Task queued in round) TryExecuteTask(queued);
                return task.IsCompleted || TryExecuteTask(task);
            }

            protected override bool TryDequeue(Task task)
            {
                lock (_queued) return _queued.Remove(task);
            }

            protected override IEnumerable<Task> GetScheduledTasks()
            {
                lock (_queued) return new List<Task>(_queued);
            }
        }
    }
}
