using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using PortOne.Checkpoints;
using PortOne.Export;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// A checkpointed export stopped right after each durable step, as a crash there would stop it: what each step
    /// leaves, and that the next run repairs it without a payment state twice or missing. The model test
    /// (CheckpointModelTests) does the same on random schedules; these name each step.
    /// </summary>
    public sealed class ExportCrashTests : IDisposable
    {
        private const long T0 = CheckpointModel.T0;
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "portone-crash-" + Guid.NewGuid().ToString("N"));
        private readonly CheckpointLedger _ledger = new CheckpointLedger(T0);

        public ExportCrashTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private string Checkpoint => Path.Combine(_folder, "ledger.checkpoint");

        private string RunFile(long n) => Path.Combine(_folder, PaymentExporter.RunFileName(Checkpoint, n, PaymentExportFormat.Csv));

        private ExportSummary Run(ExportStep? crashAfter = null)
        {
            var settings = new CheckpointSettings(Checkpoint)
            {
                CreateNew = !File.Exists(Checkpoint),
                FirstFrom = DateTimeOffset.FromUnixTimeSeconds(T0 - 3600),
                SettleLag = TimeSpan.FromSeconds(60),
                Overlap = TimeSpan.FromSeconds(600),
                RefundHorizon = TimeSpan.FromDays(30),
                Clock = () => DateTimeOffset.FromUnixTimeSeconds(_ledger.Now),
            };
            using PortOneClient client = FakeApi.Client(new FakeApi(_ledger.Answer));
            using CheckpointRun run = CheckpointRun.Start(client, settings);
            var exporter = new PaymentExporter(PaymentExportFormat.Csv)
            {
                StepCompleted = step => { if (step == crashAfter) throw new IOException("crash after " + step); },
            };
            return exporter.Export(run, _folder, null, CancellationToken.None);
        }

        private long Runs() => CheckpointFile.Load(Checkpoint)?.Runs ?? 0;

        private List<string> States(long n) => ExportFiles.ReadCsv(RunFile(n)).Select(ExportFiles.StateOf).ToList();

        [Theory]
        // Before the rename: no run file, the checkpoint where it was (the temporary file is gone, or overwritten next time).
        [InlineData(ExportStep.RowsWritten, false, false)]
        [InlineData(ExportStep.FileSynced, false, false)]
        // After the rename, before the checkpoint: run 2's file is there, not final; the next run replaces it.
        [InlineData(ExportStep.FileRenamed, true, false)]
        [InlineData(ExportStep.FolderSynced, true, false)]
        [InlineData(ExportStep.CheckpointSynced, true, false)]
        // After the checkpoint's rename: the run is done; what fails after it (flushing the folder) is still reported.
        [InlineData(ExportStep.CheckpointRenamed, true, true)]
        [InlineData(ExportStep.CheckpointFolderSynced, true, true)]
        public void A_run_stopped_after_a_step_leaves_a_state_the_next_run_repairs_without_repeating_a_payment(ExportStep step, bool fileLeft, bool checkpointMoved)
        {
            _ledger.Arrive("paid", 500);
            _ledger.Arrive("ready", 300);
            Run();
            byte[] checkpoint = File.ReadAllBytes(Checkpoint);

            _ledger.Now += 1800;
            CheckpointLedger.Payment late = _ledger.Arrive("paid", 30);
            _ledger.Change(_ledger.Pick("ready", 0)!, p => { p.Status = "paid"; p.Paid = _ledger.Now - 10; });
            Assert.ThrowsAny<Exception>(() => Run(step));

            Assert.Equal(fileLeft, File.Exists(RunFile(2)));
            Assert.Equal(checkpointMoved ? 2 : 1, Runs());
            if (!checkpointMoved) Assert.Equal(checkpoint, File.ReadAllBytes(Checkpoint));
            Assert.False(File.Exists(RunFile(2) + ".tmp"), "the temporary file of a failed run is removed");

            // Payments go on changing; the next run repairs.
            _ledger.Now += 1800;
            _ledger.Change(late, p => { p.Status = "cancelled"; p.Cancelled = _ledger.Now - 5; p.Refunds.Add(p.Cancelled); });
            _ledger.Now += 120; // past the settle lag
            ExportSummary next = Run();
            Assert.Equal(checkpointMoved ? 3 : 2, next.Run);
            List<string> union = Enumerable.Range(1, (int)Runs()).SelectMany(n => States(n)).ToList();
            Assert.Equal(union.Count, union.Distinct().Count());
            Assert.Contains(late.Id + " cancelled " + late.Cancelled + " " + late.Cancelled, union);
            Assert.Contains(_ledger.Payments[1].Key, union); // the ready payment, paid during the failed run's time
            Assert.False(File.Exists(RunFile(Runs() + 1)));
        }

        [Fact]
        public void Temporary_files_a_killed_run_left_are_overwritten_by_the_next_run()
        {
            _ledger.Arrive("paid", 500);
            Run();
            _ledger.Now += 600;
            _ledger.Arrive("paid", 120);
            File.WriteAllText(RunFile(2) + ".tmp", "half a row,");
            File.WriteAllText(Checkpoint + ".tmp", "{ \"format\": ");
            ExportSummary summary = Run();
            Assert.True(summary.CheckpointMoved);
            Assert.Equal(2, Runs());
            Assert.Single(States(2));
            Assert.False(File.Exists(RunFile(2) + ".tmp"));
            Assert.False(File.Exists(Checkpoint + ".tmp"));
        }
    }
}
