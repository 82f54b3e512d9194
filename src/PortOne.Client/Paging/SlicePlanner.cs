using System;
using System.Collections.Generic;

namespace PortOne.Paging
{
    /// <summary>Part of a window, planned to fit one page, and its request once sent.</summary>
    internal sealed class Slice
    {
        public Slice(TimeWindow range, long estimate, int planIndex = -1)
        {
            Range = range;
            Estimate = estimate;
            PlanIndex = planIndex;
        }

        public TimeWindow Range { get; }

        /// <summary>Its place among the slices the planner cut (-1 for one cut again after it overflowed).</summary>
        public int PlanIndex { get; }

        /// <summary>Payments it is expected to hold: what -First counts on before the answer comes.</summary>
        public long Estimate { get; }

        public System.Threading.Tasks.Task<Json.PaymentPage>? Answer { get; set; }
    }

    /// <summary>
    /// Cuts the rest of a window into slices one at a time, in reading order, each as wide as the payments seen so far
    /// say will fill most of a page. Payments bunch up (business hours, sales, a growing shop), so the width follows
    /// the density of slices already read instead of the window's average.
    ///
    /// The plan depends on the data alone, never on timing or on -First: slice j learns from slice j - lag, where lag
    /// is the number of answers the reader may hold ahead of its output: slice j - lag has always been read by the time
    /// slice j is cut. Where the sort is not the status time the output order follows the slices, so this is what keeps
    /// -Skip and -First exact.
    /// </summary>
    internal sealed class SlicePlanner
    {
        /// <summary>Slices aim at this share of a page, so the usual scatter of payments rarely overflows one.</summary>
        public const double Fill = 0.9;

        /// <summary>How much wider than the last one a slice may grow after a sparse stretch.</summary>
        private const double MaxGrowth = 4;

        private readonly bool _descending;
        private readonly double _target;
        private readonly int _lag;
        private readonly List<(long Total, long Seconds)?> _read = new List<(long Total, long Seconds)?>();
        private TimeWindow? _rest;
        private double _density;
        private long _lastWidth;

        /// <param name="rest">What is left to read.</param>
        /// <param name="estimate">Payments it holds, as far as is known.</param>
        /// <param name="densityNearStart">Payments per second where reading starts, where known: the first slices use the
        /// higher of it and the average, since an overflowing slice costs more than one that is a little short.</param>
        /// <param name="pageSize">Payments per page: a slice aims at <see cref="Fill"/> of it.</param>
        /// <param name="lag">Answers the reader holds ahead of its output at most: how many slices back the one being cut learns from.</param>
        /// <param name="descending">True to cut slices from the end of the range (newest first).</param>
        public SlicePlanner(TimeWindow rest, long estimate, double densityNearStart, int pageSize, int lag, bool descending)
        {
            _rest = rest;
            _lag = Math.Max(1, lag);
            _descending = descending;
            _target = pageSize * Fill;
            _density = Math.Max(densityNearStart, Math.Max(1, estimate) / (double)rest.Seconds);
            _lastWidth = long.MaxValue;
        }

        public bool HasMore => _rest.HasValue;

        /// <summary>About how many slices are left to cut (for progress).</summary>
        public int Remaining => _rest.HasValue ? (int)Math.Min(int.MaxValue, Math.Ceiling(_rest.Value.Seconds * _density / _target)) : 0;

        public Slice Next()
        {
            TimeWindow rest = _rest ?? throw new InvalidOperationException("Nothing is left to plan.");
            int index = _read.Count;
            if (index >= _lag && _read[index - _lag] is (long total, long seconds))
            {
                // What was known before counts as a quarter page of payments, so one narrow or sparse slice cannot swing the width.
                double priorPayments = _target / 4;
                _density = (total + priorPayments) / (seconds + priorPayments / _density);
            }
            _read.Add(null);
            long width = (long)Math.Max(1, Math.Min(_target / _density, Math.Min(rest.Seconds, _lastWidth * MaxGrowth)));
            _lastWidth = width;
            TimeWindow slice = _descending ? new TimeWindow(rest.To - width + 1, rest.To) : new TimeWindow(rest.From, rest.From + width - 1);
            _rest = width >= rest.Seconds ? (TimeWindow?)null
                : _descending ? new TimeWindow(rest.From, rest.To - width) : new TimeWindow(rest.From + width, rest.To);
            return new Slice(slice, (long)Math.Ceiling(width * _density), index);
        }

        /// <summary>What a slice this planner cut turned out to hold.</summary>
        public void Learn(Slice slice, long total)
        {
            if (slice.PlanIndex >= 0) _read[slice.PlanIndex] = (total, slice.Range.Seconds);
        }
    }
}
