using System;
using System.IO;
using System.Linq;
using System.Threading;
using PortOne.Checkpoints;
using PortOne.Export;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>When a checkpoint starts: only when told to, and never over signs of an earlier one; and how runs are counted.</summary>
    public sealed class CheckpointStartTests : IDisposable
    {
        private const long T0 = CheckpointModel.T0;
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "portone-start-" + Guid.NewGuid().ToString("N"));
        private readonly CheckpointLedger _ledger = new CheckpointLedger(T0);
        private readonly PortOneClient _client;

        public CheckpointStartTests()
        {
            Directory.CreateDirectory(_folder);
            _client = FakeApi.Client(new FakeApi(_ledger.Answer));
        }

        public void Dispose()
        {
            _client.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        private string Checkpoint => Path.Combine(_folder, "ledger.checkpoint");

        private CheckpointSettings Settings(bool createNew) => new CheckpointSettings(Checkpoint)
        {
            CreateNew = createNew,
            FirstFrom = DateTimeOffset.FromUnixTimeSeconds(T0 - 3600),
            Clock = () => DateTimeOffset.FromUnixTimeSeconds(_ledger.Now),
        };

        private ExportSummary Export(bool createNew)
        {
            using CheckpointRun run = CheckpointRun.Start(_client, Settings(createNew));
            return new PaymentExporter(PaymentExportFormat.Csv).Export(run, _folder, null, CancellationToken.None);
        }

        [Fact]
        public void A_missing_checkpoint_is_an_error_unless_the_run_starts_a_new_one()
        {
            var failure = Assert.Throws<PortOneException>(() => CheckpointRun.Start(_client, Settings(createNew: false)));
            Assert.Equal(PortOneErrorKind.CheckpointMissing, failure.Kind);
            Assert.Contains(Checkpoint, failure.Message);
            Assert.Equal(Checkpoint, failure.CheckpointPath);
            Assert.Null(failure.FilePath);
            Assert.False(File.Exists(Checkpoint));

            Export(createNew: true);
            Assert.True(File.Exists(Checkpoint));
            File.Delete(Checkpoint); // deleted by hand, or a volume not mounted
            Assert.Equal(PortOneErrorKind.CheckpointMissing, Assert.Throws<PortOneException>(() => CheckpointRun.Start(_client, Settings(createNew: false))).Kind);
        }

        [Fact]
        public void Starting_a_new_checkpoint_where_one_exists_is_refused_and_leaves_it()
        {
            Export(createNew: true);
            byte[] before = File.ReadAllBytes(Checkpoint);
            _ledger.Now += 600;
            var failure = Assert.Throws<PortOneException>(() => CheckpointRun.Start(_client, Settings(createNew: true)));
            Assert.Equal(PortOneErrorKind.InvalidCheckpointParameter, failure.Kind);
            Assert.Equal($"The run was told to start a new checkpoint, and the checkpoint '{Checkpoint}' exists.", failure.Message);
            Assert.Equal(before, File.ReadAllBytes(Checkpoint));
        }

        [Fact]
        public void Runs_are_counted_and_each_successful_run_writes_the_file_of_its_number()
        {
            _ledger.Arrive("paid", 100);
            Assert.Equal(1, Export(createNew: true).Run);
            _ledger.Now += 600;
            _ledger.Arrive("paid", 100);
            ExportSummary second = Export(createNew: false);
            Assert.Equal(2, second.Run);
            Assert.Equal(Path.Combine(_folder, "ledger-000002.csv"), second.Path);
            Assert.Equal(2, CheckpointFile.Load(Checkpoint)!.Runs);
            Assert.Contains("\"runs\": 2", File.ReadAllText(Checkpoint));

            // Nothing settled since: no file, no move, no number used.
            ExportSummary idle = Export(createNew: false);
            Assert.Null(idle.Path);
            Assert.False(idle.CheckpointMoved);
            Assert.Equal(2, CheckpointFile.Load(Checkpoint)!.Runs);
            Assert.Equal(new[] { "ledger-000001.csv", "ledger-000002.csv" }, Directory.GetFiles(_folder, "*.csv").Select(Path.GetFileName).OrderBy(n => n));
        }

        [Fact]
        public void A_checkpoint_written_before_runs_were_counted_reads_as_none_and_goes_on()
        {
            Export(createNew: true);
            File.WriteAllText(Checkpoint, File.ReadAllText(Checkpoint).Replace(",\n  \"runs\": 1", ""));
            Assert.DoesNotContain("runs", File.ReadAllText(Checkpoint));
            Assert.Equal(0, CheckpointFile.Load(Checkpoint)!.Runs);
            _ledger.Now += 600;
            Assert.Equal(1, Export(createNew: false).Run);
        }

        [Fact]
        public void A_new_checkpoint_beside_files_of_later_runs_of_a_lost_one_is_refused_before_it_reads()
        {
            File.WriteAllText(Path.Combine(_folder, "ledger-000001.csv"), "run 1");
            File.WriteAllText(Path.Combine(_folder, "ledger-000002.csv"), "run 2");
            using CheckpointRun run = CheckpointRun.Start(_client, Settings(createNew: true));
            var failure = Assert.Throws<PortOneException>(() => new PaymentExporter(PaymentExportFormat.Csv).Export(run, _folder, null, CancellationToken.None));
            Assert.Equal(PortOneErrorKind.CheckpointMissing, failure.Kind);
            Assert.Contains("ledger-000002.csv", failure.Message);
            // The facts the module's advice turns on: a run's file left by a lost checkpoint, not a missing checkpoint file.
            Assert.Equal(Path.Combine(_folder, "ledger-000002.csv"), failure.FilePath);
            Assert.Equal(Checkpoint, failure.CheckpointPath);
            Assert.Equal("run 1", File.ReadAllText(Path.Combine(_folder, "ledger-000001.csv")));
            Assert.False(File.Exists(Checkpoint));
        }

        [Fact]
        public void A_first_run_replaces_the_file_its_own_crashed_attempt_left()
        {
            File.WriteAllText(Path.Combine(_folder, "ledger-000001.csv"), "a first run that crashed before its checkpoint was saved");
            _ledger.Arrive("paid", 100);
            Export(createNew: true);
            Assert.Single(ExportFiles.ReadCsv(Path.Combine(_folder, "ledger-000001.csv")));
        }
    }
}
