using System;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using PortOne.Arguments;
using PortOne.Checkpoints;
using PortOne.Connection;
using PortOne.Errors;
using PortOne.Export;
using PortOne.Host;

namespace PortOne.Commands
{
    /// <summary>
    /// Export-PortOnePayment: the payments of a status and range written straight to a CSV or JSON Lines file that
    /// appears whole or not at all; with -Checkpoint, one file per run, each payment state in exactly one file. The
    /// writing is the client's (PaymentExporter): no object goes down the pipeline unless -PassThru asks for it.
    /// </summary>
    [Cmdlet(VerbsData.Export, "PortOnePayment", DefaultParameterSetName = StatusSet)]
    [OutputType(typeof(ExportSummary), typeof(PaymentAnnotation))]
    public sealed class ExportPortOnePaymentCommand : PortOneCmdlet, ICheckpointedCommand
    {
        private const string StatusSet = "ByStatus";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = StatusSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter(ParameterSetName = StatusSet)]
        public PaymentStatus Status { get; set; } = PaymentStatus.All;

        [Parameter(ParameterSetName = StatusSet)]
        public DateTime? From { get; set; }

        [Parameter(ParameterSetName = StatusSet)]
        public DateTime? To { get; set; }

        [Parameter(ParameterSetName = StatusSet)]
        public DateTime? Before { get; set; }

        /// <summary>As Get-PortOnePayment's -Sort (see there for why a ValidateSet).</summary>
        [Parameter(ParameterSetName = StatusSet)]
        [PaymentSortTransformation]
        [ValidateSet("StartedDescending", "StartedAscending", "PaidDescending", "PaidAscending", "UpdatedDescending", "UpdatedAscending",
            "-started", "started", "-paid", "paid", "-updated", "updated", IgnoreCase = true)]
        public PaymentSort? Sort { get; set; }

        [Parameter(ParameterSetName = StatusSet)]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = PaymentQuery.DefaultPageSize;

        [Parameter(ParameterSetName = StatusSet)]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = PaymentQuery.DefaultPagesInFlight;

        [Parameter(ParameterSetName = StatusSet)]
        public PaymentExportFormat Format { get; set; } = PaymentExportFormat.Csv;

        [Parameter(ParameterSetName = StatusSet)]
        [EncodingTransformation]
        [ArgumentCompleter(typeof(EncodingCompleter))]
        public Encoding? Encoding { get; set; }

        [Parameter(ParameterSetName = StatusSet)]
        public SwitchParameter AsUtc { get; set; }

        [Parameter(ParameterSetName = StatusSet)]
        public SwitchParameter PassThru { get; set; }

        [Parameter(ParameterSetName = StatusSet)]
        [ValidateNotNullOrEmpty]
        public string? Checkpoint { get; set; }

        [Parameter(ParameterSetName = StatusSet)]
        public SwitchParameter NewCheckpoint { get; set; }

        [Parameter(ParameterSetName = StatusSet)]
        public TimeSpan SettleLag { get; set; } = CheckpointSettings.DefaultSettleLag;

        [Parameter(ParameterSetName = StatusSet)]
        public TimeSpan Overlap { get; set; } = CheckpointSettings.DefaultOverlap;

        [Parameter(ParameterSetName = StatusSet)]
        public TimeSpan RefundHorizon { get; set; } = CheckpointSettings.DefaultRefundHorizon;

        protected override void ProcessRecord()
        {
            PortOneConnection connection = RequireConnection();
            string? path = FileSystemPath(Path);
            if (path == null)
            {
                ThrowTerminatingError(ErrorRecords.New(PortOneErrorKind.ExportFailed, Path, $"-Path '{Path}' is not a file system path.",
                    Checkpoint == null ? "Give the file to write, such as ./paid.csv."
                        : "Give the folder that receives the run files, such as ./ledger."));
            }
            var exporter = new PaymentExporter(Format)
            {
                Encoding = Encoding,
                AsUtc = AsUtc,
                WholePayments = PassThru,
                PaymentWritten = payment =>
                {
                    WriteQueuedEvents();
                    if (PassThru) WriteObject(payment);
                },
                // A PortOne.DataChanged queued at the end is written before the file is renamed: -ErrorAction Stop then leaves no file.
                ReadCompleted = WriteQueuedEvents,
                StepCompleted = FaultPoint.FromEnvironment(),
            };
            if (Checkpoint == null) ExportRange(connection.Client, exporter, path!);
            else ExportRun(connection.Client, exporter, path!);
        }

        private void ExportRange(PortOneClient client, PaymentExporter exporter, string path)
        {
            CheckpointParameters.RefuseWithoutCheckpoint(this);
            DateTimeOffset now = client.PortOneNow();
            (DateTimeOffset? from, DateTimeOffset? to) = QueryRange.Resolve(this, From, To, Before, now);
            var query = new PaymentQuery
            {
                Status = Status, From = from, To = to ?? now, Sort = Sort, PageSize = PageSize, MaxPagesInFlight = ThrottleLimit,
            };
            Run(() =>
            {
                ExportSummary summary = exporter.Export(client, query, path, ClientEvents, CancelToken);
                Finish(summary);
            }, path);
        }

        private void ExportRun(PortOneClient client, PaymentExporter exporter, string folder)
        {
            CheckpointParameters.RefuseWithCheckpoint(this, SettleLag, Overlap, RefundHorizon);
            CheckpointSettings settings = CheckpointParameters.Settings(this, client, "./ledger.checkpoint");
            Run(() =>
            {
                using CheckpointRun run = CheckpointRun.Start(client, settings);
                if (!run.IsFirstRun && From.HasValue) WriteVerbose("-From applies only to the first run; the checkpoint says where this one starts.");
                WriteVerbose(run.HasNothingToRead && !run.IsFirstRun
                    ? $"Checkpoint '{run.CheckpointPath}': nothing has settled since the last run ended at {Local(run.PreviousEnd!.Value)}; " +
                      "no file is written."
                    : $"Checkpoint '{run.CheckpointPath}', run {run.RunNumber}: reading {Local(run.From)} to {Local(run.To)} into " +
                      $"'{System.IO.Path.Combine(folder, PaymentExporter.RunFileName(run.CheckpointPath, run.RunNumber, Format))}'.");
                ExportSummary summary = exporter.Export(run, folder, ClientEvents, CancelToken);
                Finish(summary);
            }, settings.Path);
        }

        private void Finish(ExportSummary summary)
        {
            ClientEvents.CompleteProgress(this);
            WriteVerbose(ClientEvents.Summary(summary.Rows, summary.Elapsed));
            if (summary.Path != null)
            {
                WriteVerbose(string.Format(CultureInfo.CurrentCulture, "Wrote {0:N0} payments to '{1}'{2}.", summary.Rows, summary.Path,
                    summary.CheckpointMoved ? $"; the checkpoint moved to {Local(summary.To)} (run {summary.Run})" : ""));
            }
            WriteObject(summary);
        }

        private static string Local(DateTimeOffset time) => ShowTime(time.ToLocalTime());
    }
}
