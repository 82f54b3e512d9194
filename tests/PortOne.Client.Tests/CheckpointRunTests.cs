using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using PortOne.Checkpoints;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>Resumable reads: the range each run reads, the states it skips, and when the checkpoint moves.</summary>
    public sealed class CheckpointRunTests : IDisposable
    {
        private const long T0 = CheckpointTestFolder.T0;
        private const long Day = 86_400;
        private readonly Ledger _ledger = new Ledger();
        private readonly CheckpointTestFolder _at;

        public CheckpointRunTests() => _at = new CheckpointTestFolder(_ledger.Answer, "job.checkpoint");

        public void Dispose() => _at.Dispose();

        private CheckpointSettings Settings(long now, Action<CheckpointSettings>? configure = null)
        {
            // PortOne's clock (its answers' Date) agrees with the run's: the reader fixes its ranges by it.
            _at.Api.ServerNow = now;
            return _at.Settings(now, configure);
        }

        /// <summary>One whole successful run: start, read everything, commit.</summary>
        private List<string> RunAt(long now, Action<CheckpointSettings>? configure = null)
        {
            using CheckpointRun run = CheckpointRun.Start(_at.Client, Settings(now, configure));
            var written = run.Read(null, CancellationToken.None).Select(p => p.ImpUid + " " + p.Status).ToList();
            run.Commit();
            return written;
        }

        private List<(string Status, long From, long To)> Windows() =>
            _at.Api.PageRequests.Select(r =>
            {
                string path = r.Substring(0, r.IndexOf(' '));
                var q = FakeApi.ParseQuery(path.Substring(path.IndexOf('?')));
                string status = path.Substring("/payments/status/".Length, path.IndexOf('?') - "/payments/status/".Length);
                return (status, long.Parse(q["from"], CultureInfo.InvariantCulture), long.Parse(q["to"], CultureInfo.InvariantCulture));
            }).Distinct().ToList();

        [Fact]
        public void The_first_run_reads_from_FirstFrom_and_later_runs_from_the_last_end_minus_the_overlap_to_now_minus_the_lag()
        {
            // Paid: with status all a run that ends after PortOne's clock (this test's clock jumps an hour between runs
            // with no answer in between) also reads its recent part again for payments whose status changed.
            RunAt(T0, s => s.Status = PaymentStatus.Paid);
            RunAt(T0 + 3600, s => s.Status = PaymentStatus.Paid);
            Assert.Equal(new[] { ("paid", T0 - 1000, T0 - 60), ("paid", T0 - 60 - 600, T0 + 3600 - 60) }, Windows());
        }

        [Fact]
        public void A_state_written_in_the_overlap_is_not_written_again_but_the_payment_s_next_state_is()
        {
            Ledger.Payment a = _ledger.Add("imp_a", "ready", started: T0 - 100);
            _ledger.Add("imp_old", "ready", started: T0 - 900); // before the overlap: not remembered
            Assert.Equal(new[] { "imp_old ready", "imp_a ready" }, RunAt(T0)); // oldest first by status time
            Assert.Single(File.ReadAllLines(_at.CheckpointPath), l => l.Contains("\"imp_a\""));
            Assert.DoesNotContain(File.ReadAllLines(_at.CheckpointPath), l => l.Contains("\"imp_old\""));

            _ledger.Add("imp_b", "ready", started: T0 + 100);
            using (CheckpointRun second = CheckpointRun.Start(_at.Client, Settings(T0 + 3600)))
            {
                Assert.Equal(new[] { "imp_b" }, second.Read(null, CancellationToken.None).Select(p => p.ImpUid));
                Assert.Equal(1, second.Skipped);
                second.Commit();
            }

            a.Status = "paid";
            a.Paid = T0 + 5000;
            Assert.Equal(new[] { "imp_a paid" }, RunAt(T0 + 7200));
        }

        [Fact]
        public void A_larger_overlap_never_reads_before_the_states_the_checkpoint_remembers()
        {
            RunAt(T0, s => s.Overlap = TimeSpan.FromSeconds(60));
            RunAt(T0 + 3600, s => s.Overlap = TimeSpan.FromHours(5));
            // The second run's range (status all asks each status for the same range).
            Assert.Equal(T0 - 60 - 60, Windows().Select(w => w.From).Distinct().ElementAt(1));
        }

        [Fact]
        public void Nothing_settled_since_the_last_run_reads_nothing_and_leaves_the_checkpoint_as_it_was()
        {
            RunAt(T0);
            byte[] before = File.ReadAllBytes(_at.CheckpointPath);
            int requests = _at.Api.PageRequests.Count();
            using (CheckpointRun run = CheckpointRun.Start(_at.Client, Settings(T0 + 30, s => s.SettleLag = TimeSpan.FromSeconds(120))))
            {
                Assert.True(run.HasNothingToRead);
                Assert.Empty(run.Read(null, CancellationToken.None));
                run.Commit();
            }
            Assert.Equal(before, File.ReadAllBytes(_at.CheckpointPath));
            Assert.Equal(requests, _at.Api.PageRequests.Count());
        }

        [Fact]
        public void A_checkpoint_that_ends_after_the_clock_is_refused_and_releases_its_lock()
        {
            RunAt(T0);
            var failure = Assert.Throws<PortOneException>(() => CheckpointRun.Start(_at.Client, Settings(T0 - 3600)));
            Assert.Equal(PortOneErrorKind.CheckpointInFuture, failure.Kind);
            Assert.Contains("later than PortOne's clock now", failure.Message);
            Assert.Equal(_at.CheckpointPath, failure.CheckpointPath);
            RunAt(T0 + 60);
        }

        [Fact]
        public void Partial_refunds_of_payments_paid_within_the_horizon_are_written_once_and_older_ones_are_not_read()
        {
            Ledger.Payment recent = _ledger.Add("imp_recent", "paid", started: T0 - 10 * Day - 5, paid: T0 - 10 * Day);
            Ledger.Payment old = _ledger.Add("imp_old", "paid", started: T0 - 40 * Day - 5, paid: T0 - 40 * Day);
            Action<CheckpointSettings> horizon = s => s.RefundHorizon = TimeSpan.FromDays(30);
            Assert.Empty(RunAt(T0, horizon)); // paid before FirstFrom, no refunds yet

            recent.Refunds.Add(T0 + 100);
            old.Refunds.Add(T0 + 100);
            Assert.Equal(new[] { "imp_recent paid" }, RunAt(T0 + 3600, horizon));
            Assert.Empty(RunAt(T0 + 7200, horizon));
            // The second run read paid payments paid from 30 days before its end up to just before its own range.
            Assert.Contains(("paid", T0 + 3600 - 60 - 30 * Day, T0 - 60 - 600 - 1), Windows());
        }

        [Fact]
        public void A_run_whose_read_cannot_be_proven_complete_does_not_move_the_checkpoint()
        {
            RunAt(T0);
            byte[] before = File.ReadAllBytes(_at.CheckpointPath);
            // 1,500 payments share a second, more than the largest page, and one of them leaves each time that second's
            // page 2 is read: no two readings of it agree, so the reader cannot prove it missed nothing (DataChanged).
            var ledger = new FakeLedger();
            var crowd = Enumerable.Range(0, 1500).Select(i => ledger.Add("paid", T0 + 10 - i, T0 + 10)).ToList();
            int left = 0;
            var shifting = new FakeApi(r =>
            {
                var q = FakeApi.ParseQuery(r.RequestUri!.Query);
                if (q["from"] == q["to"] && q["page"] == "2")
                {
                    lock (ledger.Gate) { crowd[left].Status = "cancelled"; crowd[left].Cancelled = T0 + 7200; }
                    left++;
                }
                return ledger.Answer(r);
            });
            using PortOneClient client = FakeApi.Client(shifting);
            using CheckpointRun run = CheckpointRun.Start(client, Settings(T0 + 3600));
            var written = new List<string>();
            var failure = Assert.Throws<PortOneException>(() => { foreach (PaymentAnnotation p in run.Read(null, CancellationToken.None)) written.Add(p.ImpUid); });
            Assert.Equal(PortOneErrorKind.CheckpointNotMoved, failure.Kind);
            Assert.True(left >= 2, "the crowded second was read by page, more than once");
            Assert.InRange(written.Count, 1500 - left, 1500);
            Assert.False(run.ReadToEnd);
            Assert.Throws<InvalidOperationException>(run.Commit);
            Assert.Equal(before, File.ReadAllBytes(_at.CheckpointPath));
        }

        [Fact]
        public void A_second_run_on_the_same_checkpoint_fails_while_the_first_holds_it()
        {
            using (CheckpointRun.Start(_at.Client, Settings(T0)))
            {
                Assert.Equal(PortOneErrorKind.CheckpointLocked, Assert.Throws<PortOneException>(() => CheckpointRun.Start(_at.Client, Settings(T0))).Kind);
            }
            RunAt(T0);
            Assert.False(File.Exists(_at.CheckpointPath + ".tmp"));
        }

        [Fact]
        public void A_checkpoint_of_another_account_or_status_is_refused()
        {
            RunAt(T0);
            using PortOneClient other = FakeApi.Client(new FakeApi(_ledger.Answer), o => o.Credential.UserName = "another_key");
            Assert.Equal(PortOneErrorKind.CheckpointMismatch, Assert.Throws<PortOneException>(() => CheckpointRun.Start(other, Settings(T0 + 60))).Kind);
            Assert.Equal(PortOneErrorKind.CheckpointMismatch,
                Assert.Throws<PortOneException>(() => CheckpointRun.Start(_at.Client, Settings(T0 + 60, s => s.Status = PaymentStatus.Paid))).Kind);
            Assert.DoesNotContain("key_1234567", File.ReadAllText(_at.CheckpointPath));
        }

        [Theory]
        [InlineData("", "")]
        [InlineData("{\"format\":\"PortOne.Checkpoint\",\"version\":1}", "\"states\" is missing")]
        [InlineData("{\"format\":\"PortOne.Checkpoint\",\"version\":1,\"status\":\"all\",\"account\":\"a\",\"start\":\"2026-01-02T00:00:00Z\",\"readFrom\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-01-03T00:00:00Z\",\"keysFrom\":\"2026-01-02T00:00:00Z\",\"states\":[]}", "out of order")]
        [InlineData("{\"format\":\"PortOne.Checkpoint\",\"version\":1,\"status\":\"all\",\"account\":\"a\",\"start\":\"2026-01-01T00:00:00Z\",\"readFrom\":\"2026-01-01T00:00:00Z\",\"end\":\"2026-01-03T00:00:00Z\",\"keysFrom\":\"2026-01-02T00:00:00Z\",\"states\":[[\"imp_1\",\"paid\",1]]}", "[imp_uid, status, at, refunded_at]")]
        public void A_damaged_checkpoint_is_refused_and_left_as_it_is(string text, string reason)
        {
            File.WriteAllText(_at.CheckpointPath, text);
            var failure = Assert.Throws<PortOneException>(() => CheckpointRun.Start(_at.Client, Settings(T0)));
            Assert.Equal(PortOneErrorKind.CheckpointInvalid, failure.Kind);
            Assert.Contains(reason, failure.Message);
            Assert.Equal(text, File.ReadAllText(_at.CheckpointPath));
        }

        /// <summary>Payments the fake API filters by status and window time like PortOne: one page per request.</summary>
        private sealed class Ledger
        {
            private readonly List<Payment> _payments = new List<Payment>();

            public Payment Add(string id, string status, long started, long paid = 0)
            {
                var p = new Payment(id) { Status = status, Started = started, Paid = paid };
                lock (_payments) _payments.Add(p);
                return p;
            }

            public HttpResponseMessage Answer(HttpRequestMessage request)
            {
                string path = request.RequestUri!.AbsolutePath;
                string status = path.Substring(path.LastIndexOf('/') + 1);
                var q = FakeApi.ParseQuery(request.RequestUri.Query);
                long from = long.Parse(q["from"], CultureInfo.InvariantCulture), to = long.Parse(q["to"], CultureInfo.InvariantCulture);
                List<Payment> matching;
                lock (_payments) matching = _payments.Where(p => (status == "all" || p.Status == status) && p.WindowTime >= from && p.WindowTime <= to).ToList();
                return FakeApi.Page(matching.Count, 0, matching.Select(p => p.Json()));
            }

            public sealed class Payment
            {
                public Payment(string id) => Id = id;

                public string Id { get; }
                public string Status { get; set; } = "ready";
                public long Started { get; set; }
                public long Paid { get; set; }
                public List<long> Refunds { get; } = new List<long>();

                public long WindowTime => Status == "paid" ? Paid : Started;

                public string Json() => string.Format(CultureInfo.InvariantCulture,
                    "{{\"imp_uid\":\"{0}\",\"merchant_uid\":\"m_{0}\",\"amount\":10000,\"cancel_amount\":{1},\"currency\":\"KRW\",\"status\":\"{2}\",\"sandbox\":false," +
                    "\"started_at\":{3},\"paid_at\":{4},\"cancel_history\":[{5}]}}",
                    Id, Refunds.Count * 1000, Status, Started, Paid,
                    string.Join(",", Refunds.Select(r => "{\"amount\":1000,\"cancelled_at\":" + r.ToString(CultureInfo.InvariantCulture) + "}")));
            }
        }
    }
}
