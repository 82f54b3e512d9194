using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using PortOne.Checkpoints;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>A resumable run's edges: the exact range, what it remembers for the next run, and what it refuses.</summary>
    public sealed class CheckpointRunEdgeTests : IDisposable
    {
        private const long T0 = CheckpointTestFolder.T0;
        private const long Day = 86_400;
        private readonly FakeLedger _ledger = new FakeLedger();
        private readonly CheckpointTestFolder _at;

        public CheckpointRunEdgeTests() => _at = new CheckpointTestFolder(_ledger.Answer, "edge.checkpoint");

        public void Dispose() => _at.Dispose();

        private List<string> Run(long now, Action<CheckpointSettings>? configure = null, PortOneClient? client = null)
        {
            using CheckpointRun run = CheckpointRun.Start(client ?? _at.Client, _at.Settings(now, configure));
            var written = run.Read(null, CancellationToken.None).Select(p => p.ImpUid).ToList();
            run.Commit();
            return written;
        }

        private CheckpointFile Saved => CheckpointFile.Load(_at.CheckpointPath)!;

        private static string Fingerprint(string key)
        {
            using SHA256 sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(key));
            return "key-sha256:" + string.Concat(hash.Take(8).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
        }

        [Fact]
        public void Start_needs_a_client_and_settings()
        {
            Assert.Throws<ArgumentNullException>(() => CheckpointRun.Start(null!, _at.Settings(T0)));
            Assert.Throws<ArgumentNullException>(() => CheckpointRun.Start(_at.Client, null!));
        }

        [Fact]
        public void The_first_run_reads_from_FirstFrom_to_now_minus_the_lag_and_saves_its_range_and_account()
        {
            using (CheckpointRun run = CheckpointRun.Start(_at.Client, _at.Settings(T0)))
            {
                Assert.True(run.IsFirstRun);
                Assert.Null(run.PreviousEnd);
                Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T0 - 1000), run.From);
                Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T0 - 60), run.To);
                Assert.False(run.HasNothingToRead);
                Assert.Equal(0, run.RememberedCount);
                Assert.False(run.Committed);
                Assert.Empty(run.Read(null, CancellationToken.None));
                Assert.True(run.ReadToEnd);
                run.Commit();
                Assert.True(run.Committed);
            }
            CheckpointFile saved = Saved;
            Assert.Equal(("all", T0 - 1000, T0 - 1000, T0 - 60), (saved.Status, saved.Start, saved.ReadFrom, saved.End));
            Assert.Equal(T0 - 60 - 600, saved.KeysFrom);
            Assert.Equal(Fingerprint("key_1234567"), saved.Account);
        }

        [Fact]
        public void Without_FirstFrom_the_first_run_reads_the_90_days_before_its_end()
        {
            using CheckpointRun run = CheckpointRun.Start(_at.Client, _at.Settings(T0, s => s.FirstFrom = null));
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T0 - 60 - 90 * Day), run.From);
        }

        [Fact]
        public void A_tier_is_part_of_the_account_and_another_tier_is_another_account()
        {
            using PortOneClient tiered = FakeApi.Client(new FakeApi(_ledger.Answer), o => o.Tier = "T0042");
            Run(T0, client: tiered);
            Assert.Equal(Fingerprint("key_1234567") + " tier:T0042", Saved.Account);
            var failure = Assert.Throws<PortOneException>(() => CheckpointRun.Start(_at.Client, _at.Settings(T0 + 60)));
            Assert.Equal(PortOneErrorKind.CheckpointMismatch, failure.Kind);
            Assert.Equal($"The checkpoint '{_at.CheckpointPath}' was made with another PortOne account (API key or Tier) than this connection's.", failure.Message);
        }

        [Fact]
        public void Another_status_is_refused_naming_both()
        {
            Run(T0);
            var failure = Assert.Throws<PortOneException>(() => CheckpointRun.Start(_at.Client, _at.Settings(T0 + 60, s => s.Status = PaymentStatus.Cancelled)));
            Assert.Equal($"The checkpoint '{_at.CheckpointPath}' belongs to a read of status all, and this read is of status cancelled.", failure.Message);
            Assert.Equal(_at.CheckpointPath, failure.CheckpointPath);
        }

        [Fact]
        public void A_checkpoint_that_ends_now_is_fine_and_one_past_the_clock_s_uncertainty_is_in_the_future()
        {
            Run(T0);                                    // end = T0 - 60
            using (CheckpointRun.Start(_at.Client, _at.Settings(T0 - 60))) { }
            // PortOne's now trails its true time by up to the clock's uncertainty (2 s): an end that near is not refused.
            using (CheckpointRun.Start(_at.Client, _at.Settings(T0 - 62))) { }
            var failure = Assert.Throws<PortOneException>(() => CheckpointRun.Start(_at.Client, _at.Settings(T0 - 63)));
            Assert.Equal(PortOneErrorKind.CheckpointInFuture, failure.Kind);
            Assert.Contains("later than PortOne's clock now", failure.Message);
        }

        [Fact]
        public void A_later_run_reads_from_the_last_end_minus_the_whole_seconds_of_the_overlap()
        {
            Run(T0);
            using CheckpointRun run = CheckpointRun.Start(_at.Client, _at.Settings(T0 + 3600, s => s.Overlap = TimeSpan.FromSeconds(600.9)));
            Assert.False(run.IsFirstRun);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T0 - 60), run.PreviousEnd);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T0 - 60 - 600), run.From);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T0 + 3600 - 60), run.To);
        }

        [Fact]
        public void Time_settled_up_to_the_last_end_only_is_nothing_to_read_and_one_second_more_is_something()
        {
            Run(T0);                                    // end = T0 - 60
            using (CheckpointRun same = CheckpointRun.Start(_at.Client, _at.Settings(T0)))
            {
                Assert.True(same.HasNothingToRead);
                Assert.Null(same.RefundScanFrom);
            }
            using CheckpointRun later = CheckpointRun.Start(_at.Client, _at.Settings(T0 + 1));
            Assert.False(later.HasNothingToRead);
        }

        [Fact]
        public void A_first_run_with_nothing_settled_yet_records_where_it_starts()
        {
            Assert.Empty(Run(T0, s => { s.FirstFrom = DateTimeOffset.FromUnixTimeSeconds(T0); }));
            Assert.Empty(_at.Api.PageRequests);
            CheckpointFile saved = Saved;
            Assert.Equal((T0, T0, T0 - 1, T0), (saved.Start, saved.ReadFrom, saved.End, saved.KeysFrom));
        }

        [Fact]
        public void States_from_the_next_run_s_start_on_are_remembered_with_the_ones_still_in_the_overlap()
        {
            // First run: end T0 - 60, keysFrom T0 - 660. One state just before that second, one on it.
            _ledger.Add("ready", started: T0 - 661, paid: 0);
            _ledger.Add("ready", started: T0 - 660, paid: 0);
            Assert.Equal(2, Run(T0).Count);
            Assert.Equal(new[] { new PaymentState("imp_00000001", "ready", T0 - 660, 0) }, Saved.States);

            // Second run from T0 - 660 to T0 + 540 (keysFrom T0 - 60): the remembered state is skipped, not written.
            _ledger.Add("ready", started: T0 - 61, paid: 0);
            _ledger.Add("ready", started: T0 - 60, paid: 0);
            using (CheckpointRun run = CheckpointRun.Start(_at.Client, _at.Settings(T0 + 600)))
            {
                Assert.Equal(1, run.RememberedCount);
                Assert.Equal(new[] { "imp_00000002", "imp_00000003" }, run.Read(null, CancellationToken.None).Select(p => p.ImpUid));
                Assert.Equal(1, run.Skipped);
                Assert.Equal(2, run.Written);
                run.Commit();
                run.Commit(); // a second commit changes nothing
            }
            Assert.Equal(new[] { new PaymentState("imp_00000003", "ready", T0 - 60, 0) }, Saved.States);
        }

        [Fact]
        public void A_run_reads_once_and_moves_the_checkpoint_only_after_reading_to_the_end()
        {
            _ledger.Add("ready", started: T0 - 500, paid: 0);
            _ledger.Add("ready", started: T0 - 400, paid: 0);
            using CheckpointRun run = CheckpointRun.Start(_at.Client, _at.Settings(T0));
            Assert.Equal("The checkpoint moves only after the whole read was consumed.", Assert.Throws<InvalidOperationException>(run.Commit).Message);
            IEnumerable<PaymentAnnotation> read = run.Read(null, CancellationToken.None);
            Assert.Throws<InvalidOperationException>(() => run.Read(null, CancellationToken.None));
            Assert.Single(read.Take(1));
            Assert.False(run.ReadToEnd);
            Assert.Throws<InvalidOperationException>(run.Commit);
            Assert.False(File.Exists(_at.CheckpointPath));
        }

        [Fact]
        public void The_refund_read_covers_the_horizon_up_to_just_before_the_range_for_all_and_paid_only()
        {
            Action<CheckpointSettings> horizon = s => s.RefundHorizon = TimeSpan.FromDays(30);
            using (CheckpointRun all = CheckpointRun.Start(_at.Client, _at.Settings(T0, horizon)))
                Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T0 - 60 - 30 * Day), all.RefundScanFrom);
            using (CheckpointRun paid = CheckpointRun.Start(_at.Client, _at.Settings(T0, s => { horizon(s); s.Status = PaymentStatus.Paid; })))
                Assert.NotNull(paid.RefundScanFrom);
            foreach (PaymentStatus status in new[] { PaymentStatus.Ready, PaymentStatus.Cancelled, PaymentStatus.Failed })
            {
                using CheckpointRun other = CheckpointRun.Start(_at.Client, _at.Settings(T0, s => { horizon(s); s.Status = status; }));
                Assert.Null(other.RefundScanFrom);
            }
            // A horizon that ends inside the range leaves nothing before the range to read.
            using (CheckpointRun shorter = CheckpointRun.Start(_at.Client, _at.Settings(T0, s => s.RefundHorizon = TimeSpan.FromSeconds(940))))
                Assert.Null(shorter.RefundScanFrom);
            using (CheckpointRun edge = CheckpointRun.Start(_at.Client, _at.Settings(T0, s => s.RefundHorizon = TimeSpan.FromSeconds(941))))
                Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T0 - 1001), edge.RefundScanFrom);
        }
    }
}
