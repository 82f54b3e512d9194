using System;
using CsCheck;
using PortOne.Client.Tests.Model;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// The reader's contract, checked by model-based random tests: generated ledgers and queries, and an adversary
    /// that changes the ledger between any two requests and between a request and its answer. A failure is shrunk to
    /// a minimal case and printed with its seed; every case ever found is kept as a named test in ReaderRegressionTests.
    /// CsCheck_Iter sets how many cases run (300 here; build.ps1 Soak runs many more); CsCheck_Seed replays one.
    /// </summary>
    public class ReaderContractTests
    {
        private static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), out int n) ? n : 300;

        [Fact]
        public void Every_payment_that_stays_is_written_exactly_once_whatever_else_changes() =>
            ReaderScenario.Generate(changes: true).Sample(s => Contract.Holds(ReaderRun.Execute(s)), iter: Iterations);

        [Fact]
        public void On_settled_data_the_read_is_the_whole_set_in_the_stated_order_and_Skip_and_First_are_exact() =>
            ReaderScenario.Generate(changes: false).Sample(s => Contract.IsTheTruthInOrder(ReaderRun.Execute(s)), iter: Iterations);
    }
}
