using System;
using System.Collections.Generic;
using System.IO;
using PortOne.Checkpoints;
using PortOne.Diagnostics;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>The lock beside a checkpoint, the doubt a reader raises, and the settings' defaults.</summary>
    public sealed class CheckpointLockTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "portone-cpl-" + Guid.NewGuid().ToString("N"));

        public CheckpointLockTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact]
        public void The_lock_is_a_file_beside_the_checkpoint_that_one_holder_has_at_a_time_and_that_stays()
        {
            string checkpoint = Path.Combine(_folder, "job.checkpoint");
            Assert.Equal(checkpoint + ".lock", CheckpointLock.PathFor(checkpoint));
            using (CheckpointLock.Take(checkpoint))
            {
                var failure = Assert.Throws<PortOneException>(() => CheckpointLock.Take(checkpoint));
                Assert.Equal(PortOneErrorKind.CheckpointLocked, failure.Kind);
                Assert.Equal($"Another run is using the checkpoint '{checkpoint}' (its lock '{checkpoint}.lock' is held).", failure.Message);
                Assert.Equal(checkpoint, failure.CheckpointPath);
                Assert.IsAssignableFrom<IOException>(failure.InnerException);
            }
            Assert.True(File.Exists(checkpoint + ".lock"), "the lock file stays, so no two runs ever lock different files");
            using (CheckpointLock.Take(checkpoint)) { }
        }

        [Fact]
        public void A_lock_in_a_folder_that_does_not_exist_is_CheckpointUnavailable_not_locked()
        {
            string checkpoint = Path.Combine(_folder, "no", "such", "job.checkpoint");
            var failure = Assert.Throws<PortOneException>(() => CheckpointLock.Take(checkpoint));
            Assert.Equal(PortOneErrorKind.CheckpointUnavailable, failure.Kind);
            Assert.StartsWith($"The checkpoint '{checkpoint}' cannot be locked: ", failure.Message);
            Assert.IsType<DirectoryNotFoundException>(failure.InnerException);
        }

        [Fact]
        public void The_doubt_watch_passes_every_event_on_and_doubts_only_after_a_non_terminating_error()
        {
            var inner = new Recorder();
            var watch = new DoubtWatch(inner);
            watch.RequestCompleted(null!);
            watch.RetryScheduled(null!);
            watch.PageRead(null!);
            Assert.False(watch.HasDoubt);
            var error = new PortOneException(PortOneErrorKind.DataChanged, "changed");
            watch.CompletenessUnproven(error);
            Assert.True(watch.HasDoubt);
            Assert.Equal(new[] { "request", "retry", "page", "error changed" }, inner.Seen);
        }

        [Fact]
        public void Settings_default_to_a_minute_s_lag_ten_minutes_overlap_thirty_days_of_refunds_and_all_payments_oldest_first()
        {
            Assert.Throws<ArgumentNullException>(() => new CheckpointSettings(null!));
            var settings = new CheckpointSettings("x.checkpoint");
            Assert.Equal("x.checkpoint", settings.Path);
            Assert.Equal(TimeSpan.FromMinutes(1), settings.SettleLag);
            Assert.Equal(TimeSpan.FromMinutes(10), settings.Overlap);
            Assert.Equal(TimeSpan.FromDays(30), settings.RefundHorizon);
            Assert.Equal(PaymentStatus.All, settings.Status);
            Assert.Equal(PaymentSort.StartedAscending, settings.Sort);
            Assert.Equal(PaymentQuery.DefaultPageSize, settings.PageSize);
            Assert.Equal(PaymentQuery.DefaultPagesInFlight, settings.MaxPagesInFlight);
            Assert.Null(settings.FirstFrom);
            Assert.Null(settings.Clock); // PortOne's clock (the client's PortOneNow) unless a test gives one
        }

        private sealed class Recorder : IPortOneEvents
        {
            public readonly List<string> Seen = new List<string>();
            public void RequestCompleted(RequestInfo request) => Seen.Add("request");
            public void RetryScheduled(RetryInfo retry) => Seen.Add("retry");
            public void PageRead(PageProgress progress) => Seen.Add("page");
            public void CompletenessUnproven(PortOneException exception) => Seen.Add("error " + exception.Message);
        }
    }
}
