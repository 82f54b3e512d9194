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
    public sealed partial class GetPortOnePaymentCommand : ICheckpointedCommand
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

        /// <summary>With -Checkpoint: stops the command where a parameter does not fit a resumable read.</summary>
        private void RefuseParametersACheckpointCannotUse()
        {
            CheckpointParameters.RefuseWithCheckpoint(this, SettleLag, Overlap, RefundHorizon);
            if (PagingParameters.First != ulong.MaxValue || PagingParameters.Skip != 0 || PagingParameters.IncludeTotalCount)
            {
                CheckpointParameters.Stop(this, "First", "-First, -Skip and -IncludeTotalCount cannot be used with -Checkpoint: " +
                    "the checkpoint would move past payments that were never written.",
                    "Leave them out: each run writes everything that changed since the last one.");
            }
        }

        private void ReadWithCheckpoint(PortOneClient client)
        {
            CheckpointSettings settings = CheckpointParameters.Settings(this, client, "./portone.checkpoint");
            string path = settings.Path;
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

        private void DescribeRun(CheckpointRun run, string path)
        {
            string lag = $"now minus -SettleLag {SettleLag}";
            if (run.IsFirstRun)
            {
                WriteVerbose(run.HasNothingToRead
                    ? $"Checkpoint '{path}' does not exist yet: nothing since -From ({Local(run.From)}) has settled ({lag} is {Local(run.To)}); " +
                      "the checkpoint records where the next run starts."
                    : $"Checkpoint '{path}' does not exist yet: this first run reads from {Local(run.From)} " +
                      $"({(From.HasValue ? "-From" : "90 days back")}) to {Local(run.To)} ({lag}).");
            }
            else
            {
                if (From.HasValue) WriteVerbose("-From applies only to the first run; the checkpoint says where this one starts.");
                string lastEnd = Local(run.PreviousEnd!.Value);
                WriteVerbose(run.HasNothingToRead
                    ? $"Checkpoint '{path}': the last run read up to {lastEnd}; nothing has settled since ({lag} is {Local(run.To)})."
                    : $"Checkpoint '{path}': the last run read up to {lastEnd}; this run reads from {Local(run.From)} (-Overlap {Overlap} earlier) " +
                      $"to {Local(run.To)} ({lag}); {run.RememberedCount} payment states written in the overlap are not written again.");
            }
            if (run.RefundScanFrom is DateTimeOffset scanFrom)
            {
                WriteVerbose($"Partial refunds: paid payments paid from {Local(scanFrom)} (-RefundHorizon {RefundHorizon}) are read too, " +
                    "for refunds made in this run's range.");
            }
        }

        private static string Local(DateTimeOffset time) => ShowTime(time.ToLocalTime());
    }
}
