using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;

namespace PortOne.Client.Tests.Model
{
    /// <summary>The shape of a generated ledger.</summary>
    internal enum LedgerShape
    {
        /// <summary>Spread evenly over the span.</summary>
        Even,
        /// <summary>Denser towards now (squared), as a growing shop's.</summary>
        Growing,
        /// <summary>Five flash sales within a few seconds each, over an even background.</summary>
        FlashSales,
        /// <summary>Even, plus one second holding more than the largest page.</summary>
        Crowded,
    }

    /// <summary>
    /// One model-based case: a ledger, a query, and an adversary's schedule of changes. Everything that decides the
    /// run is here, so a failing case printed by CsCheck (shrunk) replays exactly.
    /// </summary>
    internal sealed class ReaderScenario
    {
        public const long Now = 1_700_000_000;
        public const long Day = 86_400;

        public int Seed { get; set; }
        public int Size { get; set; }
        public LedgerShape Shape { get; set; }
        public PaymentStatus Status { get; set; }
        public PaymentSort Sort { get; set; }
        public int PageSize { get; set; }
        public int ThrottleLimit { get; set; }
        public long Skip { get; set; }
        public long? First { get; set; }
        /// <summary>How long the range is, in seconds (over 90 days: several windows).</summary>
        public long RangeSeconds { get; set; }
        /// <summary>Where the range ends against PortOne's clock at the start: negative in the past, positive past now.</summary>
        public long ToOffset { get; set; }
        /// <summary>Seconds PortOne's clock moves at each moment of the run (0: everything happens within one second).</summary>
        public int Tick { get; set; }
        /// <summary>How far the reader's idea of PortOne's clock is off, within the 2 s it is told.</summary>
        public int ClockError { get; set; }
        /// <summary>0: every answer at once; 1: every answer only when waited for; otherwise mixed by this seed.</summary>
        public int AnswerTiming { get; set; }
        public bool StableTies { get; set; }
        public Change[] Changes { get; set; } = Array.Empty<Change>();

        public long To => Now + ToOffset;
        public long From => To - RangeSeconds + 1;

        /// <summary>How far back from now payments lie: the range and a little around it.</summary>
        public long Span => RangeSeconds + Math.Max(0, -ToOffset) + Day;

        public bool AnswersAtOnce(int request) => AnswerTiming switch
        {
            0 => true,
            1 => false,
            _ => ((request * 2654435761u) ^ (uint)AnswerTiming) % 3 != 0,
        };

        public ModelLedger BuildLedger()
        {
            var ledger = new ModelLedger(Seed) { Now = Now, StableTies = StableTies };
            var random = new Random(Seed);
            string[] statuses = { "ready", "paid", "paid", "paid", "paid", "cancelled", "cancelled", "failed" };
            long[] sales = Enumerable.Range(0, 5).Select(_ => Now - 1 - (long)(random.NextDouble() * Span)).ToArray();
            long previous = Now - 1;
            for (int i = 0; i < Size; i++)
            {
                double u = random.NextDouble();
                long time = Shape switch
                {
                    LedgerShape.Growing => Now - 1 - (long)(u * u * Span),
                    LedgerShape.FlashSales when i % 5 != 0 => sales[i % 5] - (long)(u * 8),
                    _ => Now - 1 - (long)(u * Span),
                };
                if (i % 40 == 1) time = previous; // a few seconds hold several payments
                previous = time;
                ledger.Add(statuses[random.Next(statuses.Length)], time, random.Next(0, 3600));
            }
            if (Shape == LedgerShape.Crowded)
            {
                long second = Now - 1 - (long)(random.NextDouble() * Span);
                for (int i = 0; i < 1001 + Seed % 300; i++) ledger.Add("paid", second, random.Next(0, 600));
            }
            return ledger;
        }

        public PaymentQuery Query() => new PaymentQuery
        {
            Status = Status,
            Sort = Sort,
            From = DateTimeOffset.FromUnixTimeSeconds(From),
            To = DateTimeOffset.FromUnixTimeSeconds(To),
            PageSize = PageSize,
            MaxPagesInFlight = ThrottleLimit,
            Skip = Skip,
            First = First,
        };

        public override string ToString() =>
            $"Seed={Seed} Size={Size} Shape={Shape} Status={Status} Sort={Sort} PageSize={PageSize} ThrottleLimit={ThrottleLimit} " +
            $"Skip={Skip} First={First} RangeSeconds={RangeSeconds} ToOffset={ToOffset} Tick={Tick} ClockError={ClockError} " +
            $"AnswerTiming={AnswerTiming} StableTies={StableTies} Changes=[{string.Join(", ", Changes.Select(c => c.ToString()))}]";

        // Generators. Small pages and small ledgers find most; sizes are kept so a case runs in milliseconds.

        private static readonly Gen<int> PageSizes = Gen.Frequency(
            (3, Gen.Int[1, 12]), (3, Gen.Int[13, 150]), (1, Gen.Int[151, 1000]), (1, Gen.Const(1000)));

        private static readonly Gen<long> Ranges = Gen.Frequency(
            (4, Gen.Long[60, 40 * Day]), (1, Gen.Long[90 * Day - 5, 90 * Day + 5]), (1, Gen.Long[90 * Day + 6, 200 * Day]));

        private static readonly Gen<long> ToOffsets = Gen.Frequency(
            (2, Gen.Long[-3 * Day, -1]), (2, Gen.Const(0L)), (1, Gen.Long[-5, 5]), (2, Gen.Long[1, Day]));

        private static readonly Gen<ChangeKind> Kinds = Gen.Frequency(
            (4, Gen.Const(ChangeKind.Pay)), (2, Gen.Const(ChangeKind.Fail)), (4, Gen.Const(ChangeKind.Cancel)),
            (3, Gen.Const(ChangeKind.Refund)), (3, Gen.Const(ChangeKind.Arrive)), (3, Gen.Const(ChangeKind.LateWrite)),
            (1, Gen.Const(ChangeKind.Burst)), (2, Gen.Const(ChangeKind.Shrink)), (1, Gen.Const(ChangeKind.Touch)));

        private static readonly Gen<Change> ChangeGen =
            Gen.Select(Gen.Int[0, 120], Kinds, Gen.Int[0, 3000], Gen.Int[0, 100_000_000], (hook, kind, pick, amount) => new Change(hook, kind, pick, amount));

        /// <summary>Scenarios with changes (<paramref name="changes"/> true) or on settled data.</summary>
        public static Gen<ReaderScenario> Generate(bool changes) =>
            Gen.Select(Gen.Int, Gen.Enum<LedgerShape>(), Gen.Enum<PaymentStatus>(), Gen.Enum<PaymentSort>(), PageSizes, Gen.Int[1, 16],
                Ranges, ToOffsets, Gen.Int[0, 3000], Gen.Int[0, 1], Gen.Int[-2, 2], Gen.Int[0, 5], Gen.Bool,
                changes ? ChangeGen.Array[0, 30] : Gen.Const(Array.Empty<Change>()),
                Gen.Frequency((3, Gen.Const(0L)), (1, Gen.Long[0, 3000])),
                Gen.Frequency((3, Gen.Const((long?)null)), (1, Gen.Long[0, 3000].Select(f => (long?)f))),
                (seed, shape, status, sort, pageSize, throttle, range, toOffset, size, tick, clock, timing, ties, schedule, skip, first) => new ReaderScenario
                {
                    Seed = seed,
                    Shape = shape,
                    Status = status,
                    Sort = sort,
                    PageSize = pageSize,
                    ThrottleLimit = throttle,
                    RangeSeconds = range,
                    ToOffset = toOffset,
                    // A case must run in milliseconds: a ledger of at most ~60 pages.
                    Size = Math.Min(size, 60 * pageSize + 40),
                    Tick = tick,
                    ClockError = clock,
                    AnswerTiming = timing,
                    StableTies = ties,
                    Changes = schedule,
                    Skip = changes ? 0 : skip,
                    First = changes ? null : first,
                });
    }
}
