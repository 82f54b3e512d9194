using System;
using System.Linq;
using PortOne.Paging;

namespace PortOne.Client.Tests.Model
{
    /// <summary>The completeness contract as the help states it, checked on one run. Throws with the case on a breach.</summary>
    internal static class Contract
    {
        /// <summary>
        /// Every payment in the set at the start and at the end is written exactly once, unless the read said
        /// PortOne.DataChanged; nothing is written twice; nothing is written that was never in the set; DataChanged only
        /// where a second held more than the largest page, or (status all) payments kept changing status; no other error.
        /// </summary>
        public static void Holds(ReaderRun run)
        {
            ReaderScenario s = run.Scenario;
            if (run.Failure != null) throw new InvalidOperationException($"The read failed: {run.Failure}");
            var written = run.Written.Select(p => p.ImpUid).ToList();
            var twice = written.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (twice.Count > 0) throw new InvalidOperationException($"Written twice: {string.Join(", ", twice.Take(5))}");
            var foreign = written.Where(id => !run.EverIn.Contains(id)).ToList();
            if (foreign.Count > 0) throw new InvalidOperationException($"Written but never in the set: {string.Join(", ", foreign.Take(5))}");
            foreach (PortOneException reported in run.Reported)
            {
                bool allowed = reported.Kind == PortOneErrorKind.DataChanged && (run.HadCrowdedSecond || s.Status == PaymentStatus.All);
                if (!allowed) throw new InvalidOperationException($"Reported without cause: {reported.Kind}: {reported.Message}");
            }
            if (s.Skip == 0 && s.First == null && !run.ReportedDataChanged)
            {
                var missing = run.AtStart.Where(run.AtEnd.Contains).Except(written).ToList();
                if (missing.Count > 0)
                {
                    var byId = run.Ledger.Payments.ToDictionary(p => p.Id);
                    throw new InvalidOperationException($"{missing.Count} payments stayed in the set and were not written, e.g. " +
                        string.Join(", ", missing.Take(5).Select(id => byId[id].ToString())));
                }
            }
        }

        /// <summary>On settled data: the whole set, in the stated order.</summary>
        public static void IsTheTruthInOrder(ReaderRun run)
        {
            Holds(run);
            // Where PortOne orders equal times at random, a second over the largest page cannot be proven read: the
            // reader must say so (DataChanged), and then nothing about its order is promised.
            if (run.HadCrowdedSecond && !run.Scenario.StableTies && run.ReportedDataChanged) return;
            if (run.Reported.Count > 0) throw new InvalidOperationException($"Settled data, yet: {run.Reported[0].Message}");
            StaysNearThePages(run);
            var expected = ReaderRun.StatedOrder(run.Ledger, run.AtStart, run.Scenario.Sort)
                .Skip((int)run.Scenario.Skip).Take((int)(run.Scenario.First ?? int.MaxValue)).ToList();
            var written = run.Written.Select(p => p.ImpUid).ToList();
            if (!expected.SequenceEqual(written))
            {
                int at = Enumerable.Range(0, Math.Min(expected.Count, written.Count)).FirstOrDefault(i => expected[i] != written[i]);
                throw new InvalidOperationException($"Order differs from the stated one: {written.Count} written, {expected.Count} expected; " +
                    $"first difference at {at}: {(at < written.Count ? written[at] : "-")} instead of {(at < expected.Count ? expected[at] : "-")}");
            }
        }

        /// <summary>
        /// On settled data, requests stay proportional to pages: at most twice the pages and 4 a window, for page sizes
        /// of 20 and more, where no second holds more than the largest page (a crowded second is read twice at least),
        /// and for every status but all (RequestBoundTests states all's bound on its ledgers).
        /// </summary>
        public static void StaysNearThePages(ReaderRun run)
        {
            ReaderScenario s = run.Scenario;
            if (s.PageSize < 20 || s.Status == PaymentStatus.All || run.HadCrowdedSecond || s.First != null || s.Skip != 0) return;
            int bound = 2 * run.Pages() + 4 * run.WindowCount;
            if (run.Requests.Count > bound) throw new InvalidOperationException($"{run.Requests.Count} requests for {run.Pages()} pages: more than {bound}");
        }
    }
}
