using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using PortOne.Checkpoints;
using PortOne.Errors;

namespace PortOne.Commands
{
    /// <summary>
    /// Get-PortOnePayment -Checkpoint: a scheduled export that resumes where its last successful run ended and writes
    /// every payment state once (the logic is CheckpointRun's). The checkpoint moves in EndProcessing, which
    /// PowerShell reaches only when every payment written was taken by the next command and nothing failed:
    /// Select-Object -First, a downstream error, Ctrl+C or a failed request all leave it where it was.
    /// </summary>
    public sealed partial class GetPortOnePaymentCommand
    {
        private CheckpointRun? _checkpointRun;

        [Parameter(Mandatory = true, ParameterSetName = CheckpointSet)]
        [ValidateNotNullOrEmpty]
        public string? Checkpoint { get; set; }

        [Parameter(ParameterSetName = CheckpointSet)]
        [Parameter(ParameterSetName = StatusSet, DontShow = true)]
        public SwitchParameter NewCheckpoint { get; set; }

        [Parameter(ParameterSetName = CheckpointSet)]
        [Parameter(ParameterSetName = StatusSet, DontShow = true)]
        public TimeSpan SettleLag { get; set; } = CheckpointSettings.DefaultSettleLag;

        [Parameter(ParameterSetName = CheckpointSet)]
        [Parameter(ParameterSetName = StatusSet, DontShow = true)]
        public TimeSpan Overlap { get; set; } = CheckpointSettings.DefaultOverlap;

        [Parameter(ParameterSetName = CheckpointSet)]
        [Parameter(ParameterSetName = StatusSet, DontShow = true)]
        public TimeSpan RefundHorizon { get; set; } = CheckpointSettings.DefaultRefundHorizon;

        /// <summary>Without -Checkpoint: stops the command where a parameter that applies only with one was given.</summary>
        private void RefuseCheckpointOnlyParameters()
        {
            foreach (string name in new[] { nameof(NewCheckpoint), nameof(SettleLag), nameof(Overlap), nameof(RefundHorizon) })
            {
                if (MyInvocation.BoundParameters.ContainsKey(name))
                {
                    StopForParameter(name, $"-{name} applies only with -Checkpoint.", $"Add -Checkpoint <file>, or leave -{name} out.");
                }
            }
        }

        /// <summary>With -Checkpoint: stops the command where a parameter does not fit a resumable read.</summary>
        private void RefuseParametersACheckpointCannotUse()
        {
            foreach (string end in new[] { nameof(To), nameof(Before) })
            {
                if (MyInvocation.BoundParameters.ContainsKey(end))
                {
                    StopForParameter(end, $"-{end} cannot be used with -Checkpoint: each run reads up to now minus -SettleLag.",
                        $"Leave -{end} out; for a fixed range without a checkpoint, leave -Checkpoint out.");
                }
            }
            if (PagingParameters.First != ulong.MaxValue || PagingParameters.Skip != 0 || PagingParameters.IncludeTotalCount)
            {
                StopForParameter("First", "-First, -Skip and -IncludeTotalCount cannot be used with -Checkpoint: " +
                    "the checkpoint would move past payments that were never written.",
                    "Leave them out: each run writes everything that changed since the last one.");
            }
            foreach ((string name, TimeSpan value) in new[] { (nameof(SettleLag), SettleLag), (nameof(Overlap), Overlap), (nameof(RefundHorizon), RefundHorizon) })
            {
                // A bare number binds as ticks ([TimeSpan]60 is 6 microseconds): whole seconds catch that mistake.
                if (value < TimeSpan.Zero || value.Ticks % TimeSpan.TicksPerSecond != 0)
                {
                    StopForParameter(name, $"-{name} {value} is not a whole number of seconds, zero or more.",
                        $"Write it as a time span such as '00:01:00' or (New-TimeSpan -Minutes 1); a bare number is read as ticks.");
                }
            }
        }

        private void ReadWithCheckpoint(PortOneClient client)
        {
            string? resolved = FileSystemPath(Checkpoint!);
            if (resolved == null)
            {
                StopForParameter(nameof(Checkpoint), $"-Checkpoint '{Checkpoint}' is not a file system path.", "Give a file path, such as ./portone.checkpoint.");
            }
            string path = resolved!;
            DateTimeOffset? firstFrom = From.HasValue ? new DateTimeOffset(From.Value) : (DateTimeOffset?)null;
            DateTimeOffset portOneNow = client.PortOneNow();
            if (firstFrom > portOneNow + PortOneClient.ClockUncertainty)
            {
                ThrowTerminatingError(ErrorRecords.New(PortOneErrorKind.InvalidDateRange, From,
                    $"-From ({ShowTime(firstFrom.Value)}) is in the future: PortOne's clock says {ShowTime(portOneNow.ToOffset(firstFrom.Value.Offset))}.",
                    "Give the moment the first run should start from, in the past."));
            }
            var settings = new CheckpointSettings(path)
            {
                CreateNew = NewCheckpoint,
                Status = Status,
                FirstFrom = firstFrom,
                SettleLag = SettleLag,
                Overlap = Overlap,
                RefundHorizon = RefundHorizon,
                Sort = CheckpointSort(),
                PageSize = PageSize,
                MaxPagesInFlight = ThrottleLimit,
            };
            Run(() =>
            {
                _checkpointRun = CheckpointRun.Start(client, settings);
                DescribeRun(_checkpointRun, path);
                var watch = Stopwatch.StartNew();
                foreach (PaymentAnnotation payment in _checkpointRun.Read(ClientEvents, CancelToken))
                {
                    WriteQueuedEvents();
                    WriteObject(payment);
                }
                ClientEvents.CompleteProgress(this);
                WriteVerbose(ClientEvents.Summary(_checkpointRun.Written, watch.Elapsed));
            }, path);
        }

        protected override void EndProcessing()
        {
            CheckpointRun? run = _checkpointRun;
            if (run == null || !run.ReadToEnd || CancelToken.IsCancellationRequested) return;
            try
            {
                run.Commit();
            }
            catch (PortOneException failure)
            {
                ThrowTerminatingError(ErrorFor(failure, Checkpoint));
            }
            WriteVerbose(run.HasNothingToRead && !run.IsFirstRun
                ? "Checkpoint left as it was."
                : string.Format(CultureInfo.CurrentCulture, "Checkpoint moved to {0}: {1} payments written, {2} already written by an earlier run.",
                    Local(run.HasNothingToRead ? run.From.AddSeconds(-1) : run.To), run.Written, run.Skipped));
        }

        protected override void ReleaseResources() => _checkpointRun?.Dispose();

        /// <summary>The user's -Sort, else oldest first by the status's own time where the API sorts by it.</summary>
        private PaymentSort CheckpointSort()
        {
            if (Sort.HasValue) return Sort.Value;
            return Status == PaymentStatus.Paid ? PaymentSort.PaidAscending : PaymentSort.StartedAscending;
        }

        private void DescribeRun(CheckpointRun run, string path)
        {
            string lag = $"now minus -SettleLag {SettleLag}";
            if (run.IsFirstRun)
            {
                WriteVerbose(run.HasNothingToRead
                    ? $"Checkpoint '{path}' does not exist yet: nothing since -From ({Local(run.From)}) has settled ({lag} is {Local(run.To)}); the checkpoint records where the next run starts."
                    : $"Checkpoint '{path}' does not exist yet: this first run reads from {Local(run.From)} ({(From.HasValue ? "-From" : "90 days back")}) to {Local(run.To)} ({lag}).");
            }
            else
            {
                if (From.HasValue) WriteVerbose("-From applies only to the first run; the checkpoint says where this one starts.");
                WriteVerbose(run.HasNothingToRead
                    ? $"Checkpoint '{path}': the last run read up to {Local(run.PreviousEnd!.Value)}; nothing has settled since ({lag} is {Local(run.To)})."
                    : $"Checkpoint '{path}': the last run read up to {Local(run.PreviousEnd!.Value)}; this run reads from {Local(run.From)} (-Overlap {Overlap} earlier) " +
                      $"to {Local(run.To)} ({lag}); {run.RememberedCount} payment states written in the overlap are not written again.");
            }
            if (run.RefundScanFrom is DateTimeOffset scanFrom)
            {
                WriteVerbose($"Partial refunds: paid payments paid from {Local(scanFrom)} (-RefundHorizon {RefundHorizon}) are read too, for refunds made in this run's range.");
            }
        }

        private static string Local(DateTimeOffset time) => ShowTime(time.ToLocalTime());

        private void StopForParameter(string name, string message, string recommendedAction) =>
            ThrowTerminatingError(ErrorRecords.New(PortOneErrorKind.InvalidCheckpointParameter, name, message, recommendedAction));
    }
}
