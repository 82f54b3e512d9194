using System.Collections.Generic;

namespace PortOne.Paging
{
    /// <summary>
    /// How many payments each window holds, by one-payment requests: for the progress bar's total, for Skip (a window
    /// it passes whole is not read) and for -IncludeTotalCount. Counts go out a few at a time while the read has a
    /// request to spare, and are collected as they come, never waited for unless a window needs its own.
    /// </summary>
    internal sealed class WindowCounts
    {
        private const int MaxSentAtOnce = 2;
        private readonly List<TimeWindow> _windows;
        private readonly ReadContext _context;
        private readonly long?[] _totals;
        private readonly SentRequest?[] _sent;

        public WindowCounts(List<TimeWindow> windows, ReadContext context, long?[]? known)
        {
            _windows = windows;
            _context = context;
            _totals = known != null ? (long?[])known.Clone() : new long?[windows.Count];
            _sent = new SentRequest?[windows.Count];
        }

        public long? TotalOf(int index) => _totals[index];

        public void Record(int index, long total) => _totals[index] ??= total;

        /// <summary>Sends counts for windows after <paramref name="current"/> while few are out and a request is to spare.</summary>
        public void SendAhead(int current)
        {
            int sentNow = 0;
            foreach (SentRequest? sent in _sent) if (sent != null) sentNow++;
            for (int i = current + 1; i < _windows.Count && sentNow < MaxSentAtOnce; i++)
            {
                if (_totals[i].HasValue || _sent[i] != null) continue;
                if (_context.Requests.Running >= _context.Requests.MaxRunning) return;
                _sent[i] = _context.Requests.Send(CountOf(_windows[i]));
                sentNow++;
            }
        }

        /// <summary>Takes in the counts that have come, without waiting.</summary>
        public void Collect()
        {
            for (int i = 0; i < _sent.Length; i++)
            {
                if (_sent[i]?.Answer.IsCompleted == true) Receive(i);
            }
        }

        /// <summary>The window's total, asked for now where it is not known.</summary>
        public long Require(int index)
        {
            if (_totals[index] is long known) return known;
            _sent[index] ??= _context.Requests.SendWhenRoom(CountOf(_windows[index]));
            return Receive(index);
        }

        private long Receive(int index)
        {
            long total = _context.Requests.Receive(_sent[index]!).Total;
            _sent[index] = null;
            _totals[index] ??= total;
            return _totals[index]!.Value;
        }

        private PageRequest CountOf(TimeWindow window) => new PageRequest(_context.Status, window, 1, 1, _context.RequestSort);
    }
}
