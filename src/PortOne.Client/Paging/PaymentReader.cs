using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using PortOne.Diagnostics;
using PortOne.Json;

namespace PortOne.Paging
{
    /// <summary>
    /// Reads one by-status query: its 90-day windows in the sort's direction (each by a WindowReader; for status "all",
    /// by an EachStatusReader of its four statuses), Skip and First, one write per imp_uid, progress, and for status
    /// "all" the re-reading that keeps it complete.
    ///
    /// The contract: a payment in the result set both when the read starts and when it ends is written exactly once.
    /// For ready, paid, cancelled and failed a payment that stays in the set keeps its status time, and the window
    /// reader's slices hold it. With status "all" a payment may stay in the set while its status changes (ready to
    /// paid, paid to cancelled), which gives it a new status time: the time of the change, on PortOne's clock, so no
    /// earlier than the read's start less the clock's uncertainty. Where the range reaches that late, the read
    /// ends by reading that recent part again, and again from where the last reading began, until one request held it
    /// all: a snapshot no change can slip past (a payment that changed during an earlier reading has a status time
    /// inside the next one). Where that does not settle, it says so with PortOne.DataChanged.
    /// </summary>
    internal sealed class PaymentReader
    {
        /// <summary>How many times the recent part of an "all" read is read again before the read gives up proving it.</summary>
        private const int MaxRereadings = 5;

        private readonly PaymentQuery _query;
        private readonly PageSource _source;
        private readonly IPortOneEvents _events;
        private readonly Func<DateTimeOffset> _portOneNow;
        private readonly long _clockMargin;
        private long?[]? _windowTotals;

        /// <param name="query">What to read.</param>
        /// <param name="source">Sends one request.</param>
        /// <param name="events">Where progress and PortOne.DataChanged go.</param>
        /// <param name="portOneNow">PortOne's clock, as well as this machine knows it.</param>
        /// <param name="clockUncertainty">How far <paramref name="portOneNow"/> may be off.</param>
        public PaymentReader(PaymentQuery query, PageSource source, IPortOneEvents events, Func<DateTimeOffset> portOneNow, TimeSpan clockUncertainty)
        {
            _query = query;
            _source = source;
            _events = events;
            _portOneNow = portOneNow;
            // Status times are whole seconds: one more covers the rounding.
            _clockMargin = (long)Math.Ceiling(clockUncertainty.TotalSeconds) + 1;
        }

        private bool Descending => _query.EffectiveSort.IsDescending();

        /// <summary>The windows this query reads, pinned now: every request of one read stays inside them.</summary>
        public List<TimeWindow> PlanWindows()
        {
            long to = (_query.To ?? _portOneNow()).ToUnixTimeSeconds();
            long from = _query.From?.ToUnixTimeSeconds() ?? to - WindowPlanner.MaxWindowSeconds;
            return WindowPlanner.Plan(from, to, Descending);
        }

        /// <summary>How many payments the whole range holds: one one-payment request per window (kept for the read).</summary>
        public long CountTotal(List<TimeWindow> windows, CancellationToken cancellationToken)
        {
            using var requests = new RequestQueue(_source, _query.MaxPagesInFlight, cancellationToken);
            var counts = new WindowCounts(windows, new ReadContext(_query, requests, _events, () => { }), _windowTotals);
            long sum = 0;
            for (int i = 0; i < windows.Count; i++)
            {
                counts.SendAhead(i - 1);
                sum += counts.Require(i);
            }
            _windowTotals = new long?[windows.Count];
            for (int i = 0; i < windows.Count; i++) _windowTotals[i] = counts.TotalOf(i);
            return sum;
        }

        public IEnumerable<PaymentAnnotation> Read(List<TimeWindow> windows, CancellationToken cancellationToken)
        {
            using var requests = new RequestQueue(_source, _query.MaxPagesInFlight, cancellationToken);
            var progress = new ReadProgress(windows, _events);
            var context = new ReadContext(_query, requests, _events, progress.PageRead);
            var counts = new WindowCounts(windows, context, _windowTotals);
            var reader = new WindowReader(context);
            EachStatusReader? eachStatus = _query.Status == PaymentStatus.All
                ? new EachStatusReader(_query, requests, _events, progress.PageRead)
                : null;
            var output = new Output(_query.Skip, _query.First ?? long.MaxValue, progress);
            long readStart = _portOneNow().ToUnixTimeSeconds();
            for (int w = 0; w < windows.Count && !output.Done; w++)
            {
                progress.EnterWindow(w, windows[w], rereading: false);
                for (int i = 0; i < windows.Count; i++) if (counts.TotalOf(i) is long known) progress.Counted(i, known);
                if (output.ToSkip > 0)
                {
                    long total = counts.Require(w);
                    progress.Counted(w, total);
                    if (total <= output.ToSkip)
                    {
                        output.PassWindow(total);
                        continue;
                    }
                }
                // The command's first request is small: it decides how soon the first payment shows. Its size does not
                // depend on Skip or First, and the order never depends on it.
                int firstLimit = w == 0 ? Math.Min(PaymentQuery.FirstPageSize, context.PageSize) : context.PageSize;
                int window = w;
                Action<long> counted = total =>
                {
                    counts.Record(window, total);
                    progress.Counted(window, total);
                };
                IEnumerable<PaymentAnnotation> payments;
                if (eachStatus != null)
                {
                    eachStatus.Counted = counted;
                    payments = eachStatus.Read(windows[w], firstLimit, () => output.Wanted);
                }
                else
                {
                    reader.Counted = counted;
                    payments = reader.Read(windows[w], firstLimit, () => output.Wanted);
                }
                foreach (PaymentAnnotation payment in payments)
                {
                    if (!output.Admit(payment)) continue;
                    yield return payment;
                    if (output.Done) yield break;
                    // The caller wants more than the first payments: the other windows can be counted meanwhile.
                    counts.SendAhead(w);
                    CollectCounts(counts, progress, windows.Count);
                }
            }
            reader.Counted = null;
            if (_query.Status != PaymentStatus.All || output.Done) yield break;
            foreach (PaymentAnnotation payment in Reread(windows, reader, progress, output, readStart)) yield return payment;
        }

        /// <summary>
        /// Status "all": reads the part of the range that a status change during the read can have moved payments into
        /// (from the read's start less the clock margin), again from where each reading began, until one reading
        /// took a single request per window.
        /// </summary>
        private IEnumerable<PaymentAnnotation> Reread(
            List<TimeWindow> windows, WindowReader reader, ReadProgress progress, Output output, long readStart)
        {
            long rangeFrom = long.MaxValue, rangeTo = long.MinValue;
            foreach (TimeWindow window in windows)
            {
                rangeFrom = Math.Min(rangeFrom, window.From);
                rangeTo = Math.Max(rangeTo, window.To);
            }
            long movedFrom = readStart - _clockMargin;
            for (int reading = 1; reading <= MaxRereadings; reading++)
            {
                long from = Math.Max(rangeFrom, movedFrom);
                if (from > rangeTo) yield break; // no status change during the read can land in the range
                long started = _portOneNow().ToUnixTimeSeconds();
                bool snapshot = true;
                foreach (TimeWindow window in WindowPlanner.Plan(from, rangeTo, Descending))
                {
                    progress.EnterWindow(windows.Count - 1, window, rereading: true);
                    // The largest page: what proves a reading is that one request held it all.
                    foreach (PaymentAnnotation payment in reader.Read(window, PageRequest.MaxLimit, () => output.Wanted))
                    {
                        if (!output.Admit(payment)) continue;
                        yield return payment;
                        if (output.Done) yield break;
                    }
                    snapshot &= reader.RequestsSent == 1;
                }
                if (snapshot) yield break;
                movedFrom = started - _clockMargin;
            }
            DateTimeOffset since = DateTimeOffset.FromUnixTimeSeconds(movedFrom).ToLocalTime();
            _events.CompletenessUnproven(new PortOneException(PortOneErrorKind.DataChanged,
                string.Format(CultureInfo.InvariantCulture,
                    "Payments kept changing status faster than the read could go over them again ({0} times since {1:yyyy-MM-dd HH:mm:ss zzz}): " +
                    "a payment whose status changed during the read may be missing.", MaxRereadings, since))
            {
                RangeFrom = since,
                RangeTo = DateTimeOffset.FromUnixTimeSeconds(rangeTo).ToLocalTime(),
            });
        }

        private static void CollectCounts(WindowCounts counts, ReadProgress progress, int windowCount)
        {
            counts.Collect();
            for (int i = 0; i < windowCount; i++) if (counts.TotalOf(i) is long known) progress.Counted(i, known);
        }

        /// <summary>What the caller wants: payments to pass over, then payments to write, each imp_uid once.</summary>
        private sealed class Output
        {
            private readonly ImpUidSet _written = new ImpUidSet();
            private readonly ReadProgress _progress;
            private long _left;

            public Output(long skip, long first, ReadProgress progress)
            {
                ToSkip = skip;
                _left = first;
                _progress = progress;
            }

            public long ToSkip { get; private set; }

            public bool Done => _left <= 0;

            /// <summary>Payments the caller may still take, skipped ones included (how far requests need go ahead).</summary>
            public long Wanted => _left == long.MaxValue ? long.MaxValue : ToSkip + _left;

            /// <summary>A window Skip passes whole: it is not read.</summary>
            public void PassWindow(long total)
            {
                ToSkip -= total;
                _progress.Passed(total);
            }

            /// <summary>True where the payment is to be written: not written before, not skipped.</summary>
            [MethodImpl(Jit.Optimized)] // runs for every payment: optimised at once, not after tiering
            public bool Admit(PaymentAnnotation payment)
            {
                if (!_written.Add(payment.ImpUid)) return false;
                _progress.Wrote();
                if (ToSkip > 0)
                {
                    ToSkip--;
                    return false;
                }
                if (_left != long.MaxValue) _left--;
                return true;
            }
        }
    }
}
