using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using CsCheck;
using PortOne.Checkpoints;
using PortOne.Export;

namespace PortOne.Client.Tests
{
    /// <summary>One thing that happens in a checkpoint model schedule.</summary>
    public abstract record ModelStep;

    /// <summary>PortOne's clock moves on (and this machine's with it).</summary>
    public sealed record Advance(int Seconds) : ModelStep;

    /// <summary>This machine's clock is set this far from PortOne's (negative: behind); a drop is the clock going back.</summary>
    public sealed record SetSkew(int Seconds) : ModelStep;

    /// <summary>A payment arrives in a status, recorded <paramref name="Delay"/> seconds after its own time.</summary>
    public sealed record Arrive(string Status, int Delay) : ModelStep;

    /// <summary>An existing payment moves on: pay or fail (ready), cancel or refund in part (paid), at its time minus the delay.</summary>
    public sealed record Move(string Kind, int Pick, int Delay) : ModelStep;

    /// <summary>
    /// One export run, which ends as <paramref name="End"/> says; <paramref name="During"/> (an arrival or a move), if
    /// any, happens just before PortOne answers the run's request number <paramref name="AtRequest"/>.
    /// </summary>
    public sealed record ExportRun(RunEnd End, int PageSize, ModelStep? During = null, int AtRequest = 0) : ModelStep;

    /// <summary>How a run ends: whole, a downstream failure after some rows, or a crash right after a step (perhaps leaving temporary files, as a killed process does).</summary>
    public sealed record RunEnd(string How, int AfterRows, ExportStep At);

    /// <summary>
    /// The checkpoint model: runs a schedule against a <see cref="CheckpointLedger"/> through the real CheckpointRun and
    /// PaymentExporter into a real folder, and checks the contract of about_PortOne (RESUMABLE EXPORTS) on the files
    /// the checkpoint counts as final.
    /// </summary>
    internal sealed class CheckpointModel : IDisposable
    {
        public const long T0 = 1_700_000_000;
        public const long FirstFrom = T0 - 3600;
        public static readonly TimeSpan Lag = TimeSpan.FromSeconds(60);
        public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(600);
        public static readonly TimeSpan Horizon = TimeSpan.FromDays(30);

        /// <summary>The furthest this machine's clock runs ahead of PortOne's.</summary>
        public const int MaxAhead = 120;

        /// <summary>The latest a record may come after its own time and still be promised: -SettleLag + -Overlap, less the clock's lead.</summary>
        public const int MaxDelay = 60 + 600 - MaxAhead;

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "portone-model-" + Guid.NewGuid().ToString("N"));
        private readonly CheckpointLedger _ledger = new CheckpointLedger(T0);
        private readonly PaymentExportFormat _format;
        private readonly List<string> _log = new List<string>();
        private readonly List<(long From, long To, long StartTick, long EndTick)> _successes = new List<(long, long, long, long)>();
        private long _skew;

        public CheckpointModel(PaymentExportFormat format)
        {
            _format = format;
            Directory.CreateDirectory(_folder);
            // History before the first run: payments paid an hour or a day before FirstFrom (for the refund read) and a few inside.
            foreach (int back in new[] { 90_000, 5000, 4000, 1000, 100 }) _ledger.Arrive("paid", back);
            _ledger.Arrive("ready", 200);
        }

        public string CheckpointPath => Path.Combine(_folder, "ledger.checkpoint");

        public string Log => string.Join(Environment.NewLine, _log);

        public void Apply(ModelStep step)
        {
            switch (step)
            {
                case Advance a: _ledger.Now += a.Seconds; break;
                case SetSkew s: _skew = s.Seconds; break;
                case Arrive a: _ledger.Arrive(a.Status, a.Delay); break;
                case Move m: MovePayment(m); break;
                case ExportRun r: Run(r); break;
            }
        }

        private void MovePayment(Move m)
        {
            long at = _ledger.Now - m.Delay;
            switch (m.Kind)
            {
                case "pay" when _ledger.Pick("ready", m.Pick) is CheckpointLedger.Payment p:
                    _ledger.Change(p, x => { x.Status = "paid"; x.Paid = Math.Max(at, x.Started); });
                    break;
                case "fail" when _ledger.Pick("ready", m.Pick) is CheckpointLedger.Payment p:
                    _ledger.Change(p, x => { x.Status = "failed"; x.Failed = Math.Max(at, x.Started); });
                    break;
                case "cancel" when _ledger.Pick("paid", m.Pick) is CheckpointLedger.Payment p:
                    _ledger.Change(p, x => { x.Status = "cancelled"; x.Cancelled = Math.Max(at, Math.Max(x.Paid, x.LatestRefund)); x.Refunds.Add(x.Cancelled); });
                    break;
                case "refund" when _ledger.Pick("paid", m.Pick) is CheckpointLedger.Payment p && p.LatestRefund < _ledger.Now:
                    _ledger.Change(p, x => x.Refunds.Add(Math.Max(at, Math.Max(x.Paid, x.LatestRefund + 1))));
                    break;
            }
        }

        private void Run(ExportRun spec)
        {
            long before = Runs();
            var settings = new CheckpointSettings(CheckpointPath)
            {
                CreateNew = !File.Exists(CheckpointPath),
                FirstFrom = DateTimeOffset.FromUnixTimeSeconds(FirstFrom),
                SettleLag = Lag,
                Overlap = Overlap,
                RefundHorizon = Horizon,
                PageSize = spec.PageSize,
                Clock = () => DateTimeOffset.FromUnixTimeSeconds(_ledger.Now + _skew),
            };
            string outcome = "done";
            long number = 0;
            long startTick = _ledger.Tick;
            int requests = 0;
            try
            {
                using PortOneClient client = FakeApi.Client(new FakeApi(request =>
                {
                    if (++requests == spec.AtRequest && spec.During != null) Apply(spec.During);
                    return _ledger.Answer(request);
                }));
                using CheckpointRun run = CheckpointRun.Start(client, settings);
                number = run.RunNumber;
                long rows = 0;
                var exporter = new PaymentExporter(_format)
                {
                    PaymentWritten = _ => { if (spec.End.How == "downstream" && ++rows > spec.End.AfterRows) throw new InjectedFault("downstream"); },
                    StepCompleted = step => { if (spec.End.How.StartsWith("crash", StringComparison.Ordinal) && step == spec.End.At) throw new InjectedFault(step.ToString()); },
                };
                exporter.Export(run, _folder, null, CancellationToken.None);
            }
            catch (Exception e) when (e is InjectedFault || e is PortOneException)
            {
                outcome = e is PortOneException p ? p.ErrorId : "stopped: " + e.Message;
                if (spec.End.How == "crash leaving temp" && number > 0)
                {
                    // What a killed process leaves: its temporary files, half written.
                    File.WriteAllText(Path.Combine(_folder, PaymentExporter.RunFileName(CheckpointPath, number, _format)) + ".tmp", "half a row,");
                    File.WriteAllText(CheckpointPath + ".tmp", "{ \"format\": ");
                }
            }
            long after = Runs();
            if (after > before)
            {
                CheckpointFile file = CheckpointFile.Load(CheckpointPath)!;
                _successes.Add((file.ReadFrom, file.End, startTick, _ledger.Tick));
            }
            _log.Add(string.Create(CultureInfo.InvariantCulture, $"t+{_ledger.Now - T0} skew {_skew}: run {number} ({spec}): {outcome}; checkpoint runs {before} -> {after}"));
        }

        private long Runs() => File.Exists(CheckpointPath) ? CheckpointFile.Load(CheckpointPath)!.Runs : 0;

        /// <summary>
        /// The states in the folder's files, as a loader that takes every run file would read them, one entry per row:
        /// the files numbered 1 to the checkpoint's run count must all be there, the next number may be a run not yet
        /// done (not final, skipped), and nothing else may be there but temporary files.
        /// </summary>
        public List<string> FinalRows()
        {
            long runs = Runs();
            string prefix = Path.GetFileNameWithoutExtension(CheckpointPath) + "-";
            var files = Directory.GetFiles(_folder).Select(Path.GetFileName).Where(n => !n!.EndsWith(".tmp", StringComparison.Ordinal) && !n.StartsWith("ledger.checkpoint", StringComparison.Ordinal)).ToList();
            var rows = new List<string>();
            for (long n = 1; n <= runs; n++)
            {
                string name = PaymentExporter.RunFileName(CheckpointPath, n, _format);
                if (!files.Remove(name)) throw new InvalidOperationException($"The checkpoint counts {runs} runs, and run {n}'s file {name} is missing.");
                string path = Path.Combine(_folder, name);
                rows.AddRange(_format == PaymentExportFormat.Csv ? ExportFiles.ReadCsv(path).Select(ExportFiles.StateOf) : ExportFiles.ReadJsonLines(path));
            }
            files.Remove(PaymentExporter.RunFileName(CheckpointPath, runs + 1, _format));
            if (files.Count > 0) throw new InvalidOperationException($"Files that are no run's final file: {string.Join(", ", files)} (prefix {prefix}, {runs} runs).");
            return rows;
        }

        /// <summary>
        /// The contract's "must": every state that began within a successful run's range and stood while that run read it
        /// (from before it started to after it ended); and every state recorded late, at most MaxDelay after its own
        /// time, within the covered time, that stood through the first successful run after it was recorded (the
        /// overlap's promise: that run reads back far enough). Partial refunds only of payments paid within the refund
        /// horizon before the run's end.
        /// </summary>
        public List<CheckpointLedger.StateSpan> MustBeWritten() => _ledger.History.Values.Where(s =>
        {
            bool inRange = _successes.Any(r => s.Time >= r.From && s.Time <= r.To && s.StoodThrough(r.StartTick, r.EndTick) && InHorizon(s, r.To));
            if (inRange) return true;
            if (s.RecordedTime - s.Time > MaxDelay || s.Time < FirstFrom) return false;
            var next = _successes.FirstOrDefault(r => r.StartTick >= s.RecordedAt);
            return next != default && s.Time <= next.To && s.StoodThrough(next.StartTick, next.EndTick) && InHorizon(s, next.To);
        }).ToList();

        private static bool InHorizon(CheckpointLedger.StateSpan s, long runEnd) =>
            !(s.Status == "paid" && s.RefundedAt > 0 && s.PaidAt < runEnd - (long)Horizon.TotalSeconds);

        public IReadOnlyDictionary<string, CheckpointLedger.StateSpan> History => _ledger.History;

        public int Successes => _successes.Count;

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        /// <summary>A failure the schedule asked for.</summary>
        private sealed class InjectedFault : Exception
        {
            public InjectedFault(string where) : base(where) { }
        }
    }
}
