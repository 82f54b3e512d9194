using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using PortOne.Export;
using Xunit;
using Xunit.Abstractions;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// The resumable-export contract, as about_PortOne (RESUMABLE EXPORTS) states it, checked on random schedules:
    /// "Every payment state that began within the time the successful runs covered, and that still stood when a run
    /// read it, is written by exactly one successful run; no state is written twice by successful runs."
    /// A schedule interleaves payment changes (arrivals, late records up to -SettleLag + -Overlap minus the clock's
    /// lead, payments paid, failed, cancelled and partially refunded) with export runs that finish, fail downstream
    /// after some rows, or crash right after any durable step (some leaving half-written temporary files, as a
    /// killed process does), and with the machine's clock running ahead, behind or going back. The written rows are
    /// read back from the files the checkpoint counts as final. CsCheck shrinks a failing schedule and prints its
    /// seed; CsCheck_Seed=&lt;seed&gt; replays it, CsCheck_Iter=&lt;n&gt; runs more (build.ps1 Soak).
    /// </summary>
    public sealed class CheckpointModelTests
    {
        /// <summary>Cases in the normal run.</summary>
        private const int Cases = 300;

        private static readonly string[] Crashes = { "crash", "crash leaving temp" };

        private static readonly Gen<RunEnd> Ends = Gen.Frequency(
            (6, Gen.Const(new RunEnd("whole", 0, ExportStep.RowsWritten))),
            (1, Gen.Int[0, 5].Select(n => new RunEnd("downstream", n, ExportStep.RowsWritten))),
            (3, Gen.Select(Gen.OneOf(Crashes), Gen.Enum<ExportStep>(), (how, at) => new RunEnd(how, 0, at))));

        private static readonly Gen<ModelStep> Changes = Gen.Frequency(
            (1, Gen.Select(Gen.OneOf("ready", "paid", "failed"), Gen.Int[0, CheckpointModel.MaxDelay], (st, d) => (ModelStep)new Arrive(st, d))),
            (2, Gen.Select(Gen.OneOf("pay", "fail", "cancel", "refund"), Gen.Int[0, 50], Gen.Int[0, CheckpointModel.MaxDelay], (k, p, d) => (ModelStep)new Move(k, p, d))));

        private static readonly Gen<ModelStep> Steps = Gen.Frequency(
            // Mostly short steps, so that late records land behind a run that just ended; sometimes hours.
            (3, Gen.Int[1, 120].Select(s => (ModelStep)new Advance(s))),
            (1, Gen.Int[121, 4000].Select(s => (ModelStep)new Advance(s))),
            (1, Gen.Int[-900, CheckpointModel.MaxAhead].Select(s => (ModelStep)new SetSkew(s))),
            (10, Changes),
            (4, Gen.Select(Ends, Gen.OneOf(1, 2, 3, 1000), (e, size) => (ModelStep)new ExportRun(e, size))),
            (2, Gen.Select(Ends, Gen.OneOf(1, 2, 3, 1000), Changes, Gen.Int[1, 6], (e, size, change, at) => (ModelStep)new ExportRun(e, size, change, at))));

        private static readonly Gen<(PaymentExportFormat Format, List<ModelStep> Steps)> Schedules =
            Gen.Select(Gen.Enum<PaymentExportFormat>(), Steps.List[1, 40]);

        private readonly ITestOutputHelper _output;

        public CheckpointModelTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Every_state_that_stood_in_the_covered_time_is_in_exactly_one_final_file_whatever_stops_the_runs()
        {
            // CsCheck_Iter (build.ps1 Soak) runs more cases; CsCheck_Seed replays one.
            int cases = int.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out int soak) ? soak : Cases;
            Schedules.Sample(schedule => Check(schedule.Format, schedule.Steps), iter: cases, writeLine: _output.WriteLine,
                print: schedule => schedule.Format + ": " + string.Join(", ", schedule.Steps));
        }

        /// <summary>
        /// Counterexample 1 (seed cTZNBYu3L9N1, shrunk by hand): a payment paid in the very second a run read, and cancelled
        /// before the next run. The model first counted its paid state as standing through the first run (both happen at
        /// the same clock second) and wanted it written; no run could have seen it, and the help promises only states
        /// that stood when a run read them. The model now orders what happens within a second (CheckpointLedger.Tick).
        /// </summary>
        [Fact]
        public void Regression_a_state_that_began_after_a_run_read_and_ended_before_the_next_is_not_required()
        {
            var steps = new List<ModelStep>
            {
                new Arrive("ready", 462), new Move("cancel", 48, 45),
                new ExportRun(new RunEnd("whole", 0, ExportStep.RowsWritten), 2),
                new Move("pay", 34, 147), new Move("pay", 14, 201), new Advance(3132), new Move("cancel", 46, 435),
            };
            Check(PaymentExportFormat.JsonLines, steps);
            Check(PaymentExportFormat.Csv, steps);
        }

        /// <summary>Runs a schedule and a last whole run, then checks the contract; throws, with the run log, where it fails.</summary>
        internal static void Check(PaymentExportFormat format, IEnumerable<ModelStep> steps)
        {
            using var model = new CheckpointModel(format);
            foreach (ModelStep step in steps) model.Apply(step);
            // A last run that succeeds, so every schedule ends with the files a loader would take.
            model.Apply(new SetSkew(0));
            model.Apply(new Advance(3600));
            model.Apply(new ExportRun(new RunEnd("whole", 0, ExportStep.RowsWritten), 1000));

            List<string> rows = model.FinalRows();
            var twice = rows.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            var foreign = rows.Where(r => !model.History.ContainsKey(r)).ToList();
            var early = rows.Where(r => model.History.TryGetValue(r, out var s) && s.Time < CheckpointModel.FirstFrom).ToList();
            var written = new HashSet<string>(rows);
            var missing = model.MustBeWritten().Where(s => !written.Contains(s.Key)).Select(s => s.Key).ToList();
            if (twice.Count + foreign.Count + early.Count + missing.Count > 0 || model.Successes == 0)
            {
                throw new Xunit.Sdk.XunitException(
                    $"written twice: [{string.Join(", ", twice)}]; not a state any payment was in: [{string.Join(", ", foreign)}]; " +
                    $"from before -From: [{string.Join(", ", early)}]; missing: [{string.Join(", ", missing)}]; successful runs: {model.Successes}" +
                    Environment.NewLine + model.Log);
            }
        }
    }
}
