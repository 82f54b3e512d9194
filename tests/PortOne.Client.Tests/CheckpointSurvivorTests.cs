using System;
using System.IO;
using System.Linq;
using System.Threading;
using PortOne.Checkpoints;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>Edges that mutation testing found unguarded: one-second ranges, refunds on the range's ends, messages.</summary>
    public sealed class CheckpointSurvivorTests : IDisposable
    {
        private const long T0 = CheckpointTestFolder.T0;
        private readonly FakeLedger _ledger = new FakeLedger();
        private readonly CheckpointTestFolder _at;

        public CheckpointSurvivorTests() => _at = new CheckpointTestFolder(_ledger.Answer, "s.checkpoint");

        public void Dispose() => _at.Dispose();

        [Fact]
        public void A_range_of_one_second_is_read()
        {
            _ledger.Add("ready", started: T0 - 60, paid: 0);
            using CheckpointRun run = CheckpointRun.Start(_at.Client, _at.Settings(T0, s => s.FirstFrom = DateTimeOffset.FromUnixTimeSeconds(T0 - 60)));
            Assert.False(run.HasNothingToRead);
            Assert.Single(run.Read(null, CancellationToken.None));
        }

        [Fact]
        public void Reading_twice_is_refused_in_so_many_words()
        {
            using CheckpointRun run = CheckpointRun.Start(_at.Client, _at.Settings(T0));
            _ = run.Read(null, CancellationToken.None);
            Assert.Equal("A checkpoint run reads once.", Assert.Throws<InvalidOperationException>(() => run.Read(null, CancellationToken.None)).Message);
        }

        [Fact]
        public void Refunds_on_the_first_and_the_last_second_of_the_range_are_written_and_one_after_it_is_not()
        {
            // Range of the run: T0 - 1000 .. T0 - 60; paid long before it, inside the 30-day horizon.
            var atStart = _ledger.Add("paid", started: T0 - 5000, paid: T0 - 4990);
            var atEnd = _ledger.Add("paid", started: T0 - 5000, paid: T0 - 4980);
            var after = _ledger.Add("paid", started: T0 - 5000, paid: T0 - 4970);
            var before = _ledger.Add("paid", started: T0 - 5000, paid: T0 - 4960);
            atStart.Updated = T0 - 1000; atEnd.Updated = T0 - 60; after.Updated = T0 - 59; before.Updated = T0 - 1001;
            // FakeLedger has no refunds of its own: a refund is a cancel_history entry, sent by the answer below.
            var api = new FakeApi(request =>
            {
                var answer = _ledger.Answer(request);
                string body = answer.Content.ReadAsStringAsync().Result;
                foreach (var (entry, at) in new[] { (atStart, T0 - 1000), (atEnd, T0 - 60), (after, T0 - 59), (before, T0 - 1001) })
                {
                    body = body.Replace("\"imp_uid\":\"" + entry.Id + "\"", "\"imp_uid\":\"" + entry.Id + "\",\"cancel_history\":[{\"amount\":10,\"cancelled_at\":" + at + "}]");
                }
                return FakeApi.Json(200, body);
            });
            using PortOneClient client = FakeApi.Client(api);
            using CheckpointRun run = CheckpointRun.Start(client, _at.Settings(T0, s => s.RefundHorizon = TimeSpan.FromDays(30)));
            Assert.Equal(new[] { atStart.Id, atEnd.Id }, run.Read(null, CancellationToken.None).Select(p => p.ImpUid).OrderBy(id => id));
        }

        [Fact]
        public void A_remembered_state_on_the_next_run_s_first_remembered_second_is_kept()
        {
            // Run 1: end T0 - 60, keysFrom T0 - 660; remembers the state at T0 - 70.
            _ledger.Add("ready", started: T0 - 70, paid: 0);
            using (CheckpointRun first = CheckpointRun.Start(_at.Client, _at.Settings(T0))) { first.Read(null, CancellationToken.None).ToList(); first.Commit(); }
            // Run 2 at T0 + 540: to T0 + 480, its next keysFrom is T0 + 480 - 550 = T0 - 70 (overlap 550 s): the state stays remembered.
            using (CheckpointRun second = CheckpointRun.Start(_at.Client, _at.Settings(T0 + 540, s => s.Overlap = TimeSpan.FromSeconds(550))))
            {
                Assert.Empty(second.Read(null, CancellationToken.None));
                second.Commit();
            }
            Assert.Equal(new[] { new PaymentState("imp_00000000", "ready", T0 - 70, 0) }, CheckpointFile.Load(_at.CheckpointPath)!.States);
        }

        [Fact]
        public void A_refused_account_and_a_clock_behind_the_checkpoint_say_which_checkpoint_and_why()
        {
            using (CheckpointRun run = CheckpointRun.Start(_at.Client, _at.Settings(T0))) { run.Read(null, CancellationToken.None).ToList(); run.Commit(); }
            using PortOneClient other = FakeApi.Client(new FakeApi(_ledger.Answer), o => o.Credential.UserName = "another_key");
            var account = Assert.Throws<PortOneException>(() => CheckpointRun.Start(other, _at.Settings(T0 + 60)));
            Assert.Equal(PortOneErrorKind.CheckpointMismatch, account.Kind);
            Assert.Equal($"The checkpoint '{_at.CheckpointPath}' was made with another PortOne account (API key or Tier) than this connection's.", account.Message);
            Assert.Equal(_at.CheckpointPath, account.CheckpointPath);
            var future = Assert.Throws<PortOneException>(() => CheckpointRun.Start(_at.Client, _at.Settings(T0 - 3600)));
            Assert.Equal(PortOneErrorKind.CheckpointInFuture, future.Kind);
            Assert.Contains(", later than PortOne's clock now (", future.Message);
            Assert.EndsWith("or it was edited. Runs go on from the checkpoint once PortOne's clock has passed its end.", future.Message);
            Assert.Equal(_at.CheckpointPath, future.CheckpointPath);
        }

        [Fact]
        public void A_failed_payment_takes_its_fail_time_even_when_it_started_later()
        {
            var p = new PaymentAnnotation { ImpUid = "imp_1", Status = "failed", StartedAt = DateTimeOffset.FromUnixTimeSeconds(100), FailedAt = DateTimeOffset.FromUnixTimeSeconds(90) };
            Assert.Equal(90, PaymentState.Of(p).At);
        }

        [Fact]
        public void A_checkpoint_that_cannot_be_read_is_CheckpointUnavailable()
        {
            // Larger than one read can hold (sparse, so it costs no disk): File.ReadAllBytes refuses it with an IOException.
            string path = Path.Combine(_at.Folder, "huge.checkpoint");
            using (var stream = new FileStream(path, FileMode.Create)) stream.SetLength(3L * 1024 * 1024 * 1024);
            var failure = Assert.Throws<PortOneException>(() => CheckpointFile.Load(path));
            Assert.Equal(PortOneErrorKind.CheckpointUnavailable, failure.Kind);
            Assert.StartsWith($"The checkpoint '{path}' could not be read: ", failure.Message);
            Assert.IsAssignableFrom<IOException>(failure.InnerException);
        }

        [Fact]
        public void The_host_s_events_reach_it_through_the_run()
        {
            _ledger.Add("ready", started: T0 - 500, paid: 0);
            var seen = new Recorder();
            using CheckpointRun run = CheckpointRun.Start(_at.Client, _at.Settings(T0));
            Assert.Single(run.Read(seen, CancellationToken.None));
            Assert.True(seen.Requests > 0, "the host heard of the requests");
        }

        [Fact]
        public void A_range_shorter_than_the_overlap_remembers_from_its_first_second_on()
        {
            // Range T0 - 100 .. T0 - 60 with a 600 s overlap: the next run starts at this range's first second.
            _ledger.Add("ready", started: T0 - 100, paid: 0);
            using (CheckpointRun run = CheckpointRun.Start(_at.Client, _at.Settings(T0, s => s.FirstFrom = DateTimeOffset.FromUnixTimeSeconds(T0 - 100))))
            {
                Assert.Single(run.Read(null, CancellationToken.None));
                run.Commit();
            }
            CheckpointFile saved = CheckpointFile.Load(_at.CheckpointPath)!;
            Assert.Equal(T0 - 100, saved.KeysFrom);
            Assert.Equal(new[] { new PaymentState("imp_00000000", "ready", T0 - 100, 0) }, saved.States);
        }

        [Fact]
        public void Refusals_name_the_checkpoint_and_say_what_is_wrong_in_full()
        {
            // What to do next is the host's to say (the module's Advice); the client's part is the facts.
            File.WriteAllText(_at.CheckpointPath, "not a checkpoint");
            PortOneException invalid = Assert.Throws<PortOneException>(() => CheckpointFile.Load(_at.CheckpointPath));
            Assert.StartsWith($"The checkpoint file '{_at.CheckpointPath}' is not a checkpoint this read can use: ", invalid.Message);
            Assert.Equal(_at.CheckpointPath, invalid.CheckpointPath);
            using (CheckpointLock.Take(_at.CheckpointPath))
            {
                PortOneException locked = Assert.Throws<PortOneException>(() => CheckpointLock.Take(_at.CheckpointPath));
                Assert.Equal($"Another run is using the checkpoint '{_at.CheckpointPath}' (its lock '{_at.CheckpointPath}.lock' is held).", locked.Message);
                Assert.Equal(_at.CheckpointPath, locked.CheckpointPath);
            }
        }

        private sealed class Recorder : PortOne.Diagnostics.IPortOneEvents
        {
            public int Requests;
            public void RequestCompleted(PortOne.Diagnostics.RequestInfo request) => Interlocked.Increment(ref Requests);
            public void RetryScheduled(PortOne.Diagnostics.RetryInfo retry) { }
            public void PageRead(PortOne.Diagnostics.PageProgress progress) { }
            public void CompletenessUnproven(PortOneException exception) { }
        }
    }
}
