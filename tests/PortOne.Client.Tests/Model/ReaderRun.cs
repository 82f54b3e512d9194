using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using PortOne.Diagnostics;
using PortOne.Paging;

namespace PortOne.Client.Tests.Model
{
    /// <summary>One run of the reader over a scenario's ledger and schedule, and what the contract says about it.</summary>
    internal sealed class ReaderRun
    {
        /// <summary>What the reader is told its idea of PortOne's clock may be off by.</summary>
        public static readonly TimeSpan ClockUncertainty = TimeSpan.FromSeconds(2);

        private ReaderRun(ReaderScenario scenario) => Scenario = scenario;

        public ReaderScenario Scenario { get; }
        public ModelLedger Ledger { get; private set; } = null!;
        public List<PaymentAnnotation> Written { get; } = new List<PaymentAnnotation>();
        public List<PortOneException> Reported { get; } = new List<PortOneException>();
        public List<PageProgress> Progress { get; } = new List<PageProgress>();
        public Exception? Failure { get; private set; }
        public List<PageRequest> Requests { get; private set; } = new List<PageRequest>();
        public int WindowCount { get; private set; }
        /// <summary>The result set when the read started and when it ended.</summary>
        public HashSet<string> AtStart { get; private set; } = null!;
        public HashSet<string> AtEnd { get; private set; } = null!;
        /// <summary>Every payment that was in the result set at some moment of the read.</summary>
        public HashSet<string> EverIn { get; private set; } = null!;
        /// <summary>True where some second held more than the largest page at some moment (the crowded-second reader's ground).</summary>
        public bool HadCrowdedSecond { get; private set; }

        public static ReaderRun Execute(ReaderScenario scenario, ModelLedger? ledger = null, Action<PaymentQuery>? adjust = null)
        {
            var run = new ReaderRun(scenario) { Ledger = ledger ?? scenario.BuildLedger() };
            run.Go(adjust);
            return run;
        }

        private void Go(Action<PaymentQuery>? adjust)
        {
            string status = Scenario.Status.ToApiString();
            long from = Scenario.From, to = Scenario.To;
            Ledger.Now = ReaderScenario.Now;
            AtStart = Ledger.Set(status, from, to);
            EverIn = new HashSet<string>(AtStart);
            NoteCrowding(status, from, to);
            var api = new ModelApi(Ledger, Scenario.Changes, Scenario.AnswersAtOnce, Scenario.Tick, Scenario.Span)
            {
                Changed = () =>
                {
                    EverIn.UnionWith(Ledger.Set(status, from, to));
                    NoteCrowding(status, from, to);
                },
            };
            PaymentQuery query = Scenario.Query();
            adjust?.Invoke(query);
            var events = new Recorder(this);
            var reader = new PaymentReader(query, api.Send, events,
                () => DateTimeOffset.FromUnixTimeSeconds(Ledger.Now + Scenario.ClockError), ClockUncertainty);
            List<TimeWindow> windows = reader.PlanWindows();
            WindowCount = windows.Count;
            try
            {
                foreach (PaymentAnnotation payment in reader.Read(windows, CancellationToken.None)) Written.Add(payment);
            }
            catch (Exception e)
            {
                Failure = e;
            }
            Requests = api.Requests;
            AtEnd = Ledger.Set(status, from, to);
        }

        private void NoteCrowding(string status, long from, long to)
        {
            if (HadCrowdedSecond) return;
            HadCrowdedSecond = Ledger.Payments.Where(p => ModelLedger.Matches(p, status, from, to))
                .GroupBy(p => p.StatusTime).Any(g => g.Count() > PageRequest.MaxLimit);
        }

        public bool ReportedDataChanged => Reported.Any(e => e.Kind == PortOneErrorKind.DataChanged);

        /// <summary>
        /// The order the help states, computed from the ledger here (not by the code under test): by status time in the
        /// sort's direction; within a second by the sort's time where the payment carries it (started, paid), then imp_uid.
        /// </summary>
        public static List<string> StatedOrder(ModelLedger ledger, IEnumerable<string> ids, PaymentSort sort)
        {
            var byId = ledger.Payments.ToDictionary(p => p.Id);
            string key = sort.ToApiString().TrimStart('-');
            int direction = sort.ToApiString().StartsWith("-", StringComparison.Ordinal) ? -1 : 1;
            var list = ids.Select(id => byId[id]).ToList();
            list.Sort((a, b) =>
            {
                int order = a.StatusTime.CompareTo(b.StatusTime);
                if (order == 0 && key == "started") order = a.Started.CompareTo(b.Started);
                if (order == 0 && key == "paid") order = a.Paid.CompareTo(b.Paid);
                if (order == 0) order = string.CompareOrdinal(a.Id, b.Id);
                return order * direction;
            });
            return list.Select(p => p.Id).ToList();
        }

        /// <summary>Pages the range held at the start at the page size, window by window (what a perfect reader would request).</summary>
        public int Pages()
        {
            var times = Ledger.Payments.Where(p => AtStart.Contains(p.Id)).Select(p => p.StatusTime).ToList();
            return WindowPlanner.Plan(Scenario.From, Scenario.To, descending: false)
                .Sum(w => (times.Count(t => t >= w.From && t <= w.To) + Scenario.PageSize - 1) / Scenario.PageSize);
        }

        private sealed class Recorder : IPortOneEvents
        {
            private readonly ReaderRun _run;

            public Recorder(ReaderRun run) => _run = run;

            public void RequestCompleted(RequestInfo request) { }

            public void RetryScheduled(RetryInfo retry) { }

            public void PageRead(PageProgress progress) => _run.Progress.Add(new PageProgress
            {
                WindowNumber = progress.WindowNumber,
                WindowCount = progress.WindowCount,
                Written = progress.Written,
                Total = progress.Total,
                Requests = progress.Requests,
                Rereading = progress.Rereading,
            });

            public void CompletenessUnproven(PortOneException exception) => _run.Reported.Add(exception);
        }
    }
}
