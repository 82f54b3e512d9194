using System;
using System.Collections.Generic;
using PortOne.Diagnostics;

namespace PortOne.Paging
{
    /// <summary>Keeps the one progress record of a read: the window it is in, what was written, the total of all windows once known.</summary>
    internal sealed class ReadProgress
    {
        private readonly List<TimeWindow> _windows;
        private readonly long?[] _totals;
        private readonly IPortOneEvents _events;
        private readonly PageProgress _progress;

        public ReadProgress(List<TimeWindow> windows, IPortOneEvents events)
        {
            _windows = windows;
            _totals = new long?[windows.Count];
            _events = events;
            _progress = new PageProgress { WindowCount = windows.Count };
        }

        /// <summary>The read moves to a window: one of the plan's, or (rereading) a range read again for status changes.</summary>
        public void EnterWindow(int index, TimeWindow window, bool rereading)
        {
            _progress.WindowNumber = Math.Min(index + 1, _windows.Count);
            _progress.Rereading = rereading;
            _progress.WindowFrom = window.FromLocal;
            _progress.WindowTo = window.ToLocal;
        }

        /// <summary>A window's total as PortOne counted it.</summary>
        public void Counted(int index, long total)
        {
            if (!_totals[index].HasValue) _totals[index] = total;
        }

        public void Wrote() => _progress.Written++;

        /// <summary>Payments passed over by Skip count as done, so the bar moves through skipped windows too.</summary>
        public void Passed(long count) => _progress.Written += count;

        public void PageRead()
        {
            _progress.Requests++;
            long sum = 0;
            foreach (long? total in _totals)
            {
                if (!total.HasValue)
                {
                    _progress.Total = null;
                    _events.PageRead(_progress);
                    return;
                }
                sum += total.Value;
            }
            _progress.Total = Math.Max(Math.Max(sum, _progress.Written), _progress.Total ?? 0);
            _events.PageRead(_progress);
        }
    }
}
