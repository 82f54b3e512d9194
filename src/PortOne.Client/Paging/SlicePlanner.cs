using System;
using System.Collections.Generic;
using System.Linq;

namespace PortOne.Paging
{
    /// <summary>
    /// Cuts a range into slices one at a time, in reading order, each as wide as what is known says will fill most of
    /// a page, so that each is read whole in one request. What is known: how many payments the range holds (its
    /// total when it was asked), where the first of them lie (a sample: the status seconds of payments known to come
    /// first), and the density of the slices read so far. Payments bunch up (business hours, sales, a growing shop),
    /// so widths follow the slices just read rather than the range's average; the last slice takes whatever is left.
    /// A slice that overflows anyway is not this class's concern: the window reader cuts it again with a planner of
    /// its own. How a range is cut never changes what is written or in what order (see PaymentOrder), only the cost.
    /// </summary>
    internal sealed class SlicePlanner
    {
        /// <summary>How much wider than the last one a slice may grow after a sparse stretch.</summary>
        private const double MaxGrowth = 4;

        private readonly bool _descending;
        private double _target;
        private readonly List<long> _sample;

        private TimeWindow? _rest;
        private double _restEstimate;
        private double _density;
        private long _lastWidth = long.MaxValue;
        private readonly double _wholeRest;
        private bool _learned;

        /// <param name="rest">The range to cut.</param>
        /// <param name="estimate">Payments it holds, as far as is known.</param>
        /// <param name="density">Payments per second near its front, where known (0 where not).</param>
        /// <param name="sample">Status seconds of payments known to come first in it, in reading order.</param>
        /// <param name="target">Payments a slice aims at (see <see cref="TargetFor"/>).</param>
        /// <param name="wholeRest">Where what is left is expected to hold no more, it is one slice.</param>
        /// <param name="descending">True to cut from the newest second.</param>
        /// <param name="chains">True where each slice is read as a chain of pages (see WindowReader).</param>
        public SlicePlanner(
            TimeWindow rest, long estimate, double density, IEnumerable<long> sample, double target, double wholeRest, bool descending, bool chains)
        {
            Chains = chains;
            _rest = rest;
            _descending = descending;
            _target = target;
            _wholeRest = wholeRest;
            _restEstimate = Math.Max(0, estimate);
            double average = Math.Max(1, estimate) / (double)rest.Seconds;
            // Narrower is safer: an overflowing slice costs a request and is cut again; a short one costs a request.
            _density = Math.Max(density, average);
            _sample = new List<long>(sample);
            // A known total is cut into equal parts, so the last is not a thin remainder.
            _target = Math.Min(_target, estimate / Math.Ceiling(estimate / _target));
        }

        /// <summary>
        /// Payments a slice aims at: a page less room for chance, since a slice planned at the average still varies
        /// (about the square root of its size, for payments that arrive at random).
        /// </summary>
        public static double TargetFor(int pageSize) => Math.Max(0.5, pageSize - 1.5 * Math.Sqrt(pageSize));

        /// <summary>Where what is left is expected to hold no more than this, it goes in one slice of a page.</summary>
        public static double WholeRestFor(int pageSize) => pageSize - Math.Sqrt(pageSize);

        public bool HasMore => _rest.HasValue;

        /// <summary>True where its slices are chains of pages, each page read from where the last one ended.</summary>
        public bool Chains { get; }

        /// <summary>Payments per second near the front, as learned so far (handed on to the next range).</summary>
        public double Density => _density;

        /// <summary>Payments expected in what is not cut yet.</summary>
        public double RestEstimate => _rest.HasValue ? _restEstimate : 0;

        public Slice Next()
        {
            TimeWindow rest = _rest ?? throw new InvalidOperationException("Nothing is left to cut.");
            _sample.RemoveAll(second => !rest.Contains(second));
            if (_restEstimate <= _wholeRest || rest.IsOneSecond)
            {
                // What is left likely fits one page: one slice, rather than a thin one after it.
                _rest = null;
                return new Slice(rest, (long)Math.Ceiling(_restEstimate), this);
            }
            // Until an answer confirms the density, slices aim lower: one that overflows costs more than one that is short.
            double target = _learned ? _target : _target * 0.9;
            long[] known = _sample.ToArray();
            long width;
            double estimate;
            bool sampled = known.Length > 0;
            if (known.Length > target)
            {
                // The sample shows where the payments that fill a page end: cut just before that second.
                width = Math.Max(1, rest.DistanceFromFront(known[(int)target], _descending));
                estimate = known.Count(second => rest.DistanceFromFront(second, _descending) < width);
            }
            else if (known.Length > 0)
            {
                // The sample holds the first payments (and shows any empty stretch before them): the slice reaches past
                // them by what the density says the rest of a page needs.
                long covered = rest.DistanceFromFront(known[known.Length - 1], _descending) + 1;
                width = covered + (long)Math.Max(0, (target - known.Length) / _density);
                estimate = known.Length + (width - covered) * _density;
                sampled = true;
            }
            else
            {
                width = (long)Math.Max(1, Math.Min(target / _density, _lastWidth * MaxGrowth));
                estimate = width * _density;
            }
            width = Math.Max(1, Math.Min(width, rest.Seconds));
            estimate = Math.Min(estimate, _restEstimate);
            _lastWidth = width;
            _rest = rest.AfterFront(width, _descending);
            _restEstimate -= estimate;
            if (!_rest.HasValue) estimate += _restEstimate;
            return new Slice(rest.Front(width, _descending), (long)Math.Ceiling(estimate), this) { Sampled = sampled };
        }

        /// <summary>
        /// What a slice this planner cut turned out to hold: what is left, and the density for the next ones, unless it
        /// overflowed by far: a sale of a few seconds says nothing of its neighbours, and would make them needlessly narrow.
        /// </summary>
        public void Learn(Slice slice, long total)
        {
            // More in this slice than expected means fewer left for the rest (the range's total is known), and the reverse.
            if (_rest.HasValue) _restEstimate = Math.Max(0, _restEstimate - (total - slice.Estimate));
            if (total * 4 < slice.Estimate && _rest is TimeWindow rest)
            {
                // Far emptier than planned: the stretch it was cut for (a sale) has ended. What is left is the rest's
                // average, and the next slice may be as wide as that says at once, not after growing step by step.
                _density = Math.Max(_restEstimate, 1) / rest.Seconds;
                _lastWidth = long.MaxValue;
                return;
            }
            // A slice cut from a sample may hold a stretch the sample showed empty: its density is not its neighbours'.
            if (total > 1.5 * _target || slice.Sampled) return;
            // What was known before counts as a quarter page of payments, so one narrow or sparse slice cannot swing it.
            double prior = _target / 4;
            _density = (total + prior) / (slice.Range.Seconds + prior / _density);
            _learned = true;
        }

        /// <summary>
        /// Takes on a range just before its own (a slice that overflowed, to be cut again), so the end of that range and
        /// the start of this one share a slice instead of leaving a thin one between them.
        /// </summary>
        public void Prepend(TimeWindow range, long estimate, double density, IEnumerable<long> sample)
        {
            TimeWindow rest = _rest ?? throw new InvalidOperationException("Nothing is left to join.");
            _rest = _descending ? new TimeWindow(rest.From, range.To) : new TimeWindow(range.From, rest.To);
            _restEstimate += Math.Max(0, estimate);
            if (density > 0) _density = density;
            // What was known of the old rest stays; the range in front brings its own, and the two are kept in reading order.
            _sample.RemoveAll(second => !rest.Contains(second));
            _sample.InsertRange(0, sample.Where(range.Contains));
            _sample.Sort();
            if (_descending) _sample.Reverse();
            _lastWidth = long.MaxValue;
        }

        /// <summary>True where <paramref name="range"/> ends just where this planner's rest starts, in reading order.</summary>
        public bool Follows(TimeWindow range) => _rest is TimeWindow rest &&
            (_descending ? range.From == rest.To + 1 : range.To + 1 == rest.From);
    }

    /// <summary>Part of a range, planned to fit one page, and its request once sent.</summary>
    internal sealed class Slice
    {
        public Slice(TimeWindow range, long estimate, SlicePlanner? planner)
        {
            Range = range;
            Estimate = estimate;
            Planner = planner;
        }

        public TimeWindow Range { get; }

        /// <summary>Payments it is expected to hold: what First counts on before the answer comes.</summary>
        public long Estimate { get; }

        /// <summary>The planner that cut it, which learns from its answer.</summary>
        public SlicePlanner? Planner { get; }

        /// <summary>The chain of pages it continues, where it is not a chain's first.</summary>
        public PageChain? Chain { get; set; }

        /// <summary>True where it was cut from a sample of its payments rather than from the density.</summary>
        public bool Sampled { get; set; }

        /// <summary>The page size to ask for where it is not the read's own (a window's first, small request).</summary>
        public int? Limit { get; set; }

        /// <summary>The page of its range to ask for: 1, but for the later pages of a counted chain.</summary>
        public int Page { get; set; } = 1;

        public SentRequest? Sent { get; set; }
    }
}
