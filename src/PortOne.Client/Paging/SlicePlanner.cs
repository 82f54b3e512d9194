using System;
using System.Collections.Generic;

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
        private readonly double _target;
        private readonly Queue<long> _sample;
        private TimeWindow? _rest;
        private double _restEstimate;
        private double _density;
        private long _lastWidth = long.MaxValue;

        /// <param name="rest">The range to cut.</param>
        /// <param name="estimate">Payments it holds, as far as is known.</param>
        /// <param name="density">Payments per second near its front, where known (0 where not).</param>
        /// <param name="sample">Status seconds of payments known to come first in it, in reading order.</param>
        /// <param name="pageSize">Payments a request may return: a slice aims a little below it.</param>
        /// <param name="descending">True to cut from the newest second.</param>
        public SlicePlanner(TimeWindow rest, long estimate, double density, IEnumerable<long> sample, int pageSize, bool descending)
        {
            _rest = rest;
            _descending = descending;
            _target = TargetFor(pageSize);
            _restEstimate = Math.Max(0, estimate);
            double average = Math.Max(1, estimate) / (double)rest.Seconds;
            // Narrower is safer: an overflowing slice costs a request and is cut again; a short one costs a request.
            _density = Math.Max(density, average);
            _sample = new Queue<long>(sample);
        }

        /// <summary>
        /// Payments a slice aims at: a page less room for chance, since a slice planned at the average still varies
        /// (about the square root of its size, for payments that arrive at random).
        /// </summary>
        public static double TargetFor(int pageSize) => Math.Max(1, pageSize * 0.95 - 2 * Math.Sqrt(pageSize));

        public bool HasMore => _rest.HasValue;

        /// <summary>Payments per second near the front, as learned so far (handed on to the next range).</summary>
        public double Density => _density;

        /// <summary>Payments expected in what is not cut yet.</summary>
        public double RestEstimate => _rest.HasValue ? _restEstimate : 0;

        public Slice Next()
        {
            TimeWindow rest = _rest ?? throw new InvalidOperationException("Nothing is left to cut.");
            while (_sample.Count > 0 && !rest.Contains(_sample.Peek())) _sample.Dequeue();
            if (_restEstimate <= _target || rest.IsOneSecond)
            {
                _rest = null;
                return new Slice(rest, (long)Math.Ceiling(_restEstimate), this);
            }
            long width;
            double estimate;
            if (_sample.Count > _target)
            {
                // The sample shows where the payments that fill a page end: cut just before that second.
                long[] known = _sample.ToArray();
                long edge = known[(int)_target];
                width = Math.Max(1, rest.DistanceFromFront(edge, _descending));
                estimate = 0;
                foreach (long second in known) if (rest.DistanceFromFront(second, _descending) < width) estimate++;
            }
            else
            {
                width = (long)Math.Max(1, Math.Min(_target / _density, _lastWidth * MaxGrowth));
                estimate = width * _density;
            }
            width = Math.Min(width, rest.Seconds);
            estimate = Math.Min(estimate, _restEstimate);
            _lastWidth = width;
            _rest = rest.AfterFront(width, _descending);
            _restEstimate -= estimate;
            if (!_rest.HasValue) estimate += _restEstimate;
            return new Slice(rest.Front(width, _descending), (long)Math.Ceiling(estimate), this);
        }

        /// <summary>What a slice this planner cut turned out to hold: the density for the next ones, and what is left.</summary>
        public void Learn(Slice slice, long total)
        {
            // What was known before counts as a quarter page of payments, so one narrow or sparse slice cannot swing it.
            double prior = _target / 4;
            _density = (total + prior) / (slice.Range.Seconds + prior / _density);
            // More in this slice than expected means fewer left for the rest (the range's total is known), and the reverse.
            if (_rest.HasValue) _restEstimate = Math.Max(0, _restEstimate - (total - slice.Estimate));
        }
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

        /// <summary>Payments it is expected to hold: what -First counts on before the answer comes.</summary>
        public long Estimate { get; }

        /// <summary>The planner that cut it, which learns from its answer.</summary>
        public SlicePlanner? Planner { get; }

        /// <summary>The page size to ask for where it is not the read's own (a window's first, small request).</summary>
        public int? Limit { get; set; }

        public SentRequest? Sent { get; set; }
    }
}
