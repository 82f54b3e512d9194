using System;
using System.Collections.Generic;
using System.Linq;
using PortOne.Diagnostics;

namespace PortOne.Paging
{
    /// <summary>
    /// Status all, read as its four statuses side by side (a window reader each, sharing the read's requests and
    /// bounds) and merged into the one order. Each status is read as it would be alone: ready and paid in chains of
    /// pages in their exact order, cancelled and failed in chains checked by a count, so a window costs about its pages
    /// where one-page slices of "all" cost up to 1.7 times them (no API order follows each payment's own status time).
    ///
    /// Complete: a payment that keeps its status through the read is in that status's set from the start of its
    /// reading to the end, so that reading writes it; one whose status changes during the read gets a status time no
    /// earlier than the read's start (less the clock's uncertainty), which PaymentReader reads again at the end, as
    /// "all". Every status PortOne's API has is one of the four (ready, paid, cancelled, failed).
    /// </summary>
    internal sealed class EachStatusReader
    {
        private static readonly PaymentStatus[] Statuses =
            { PaymentStatus.Ready, PaymentStatus.Paid, PaymentStatus.Cancelled, PaymentStatus.Failed };

        private readonly Action _pageRead;
        private readonly ReadContext[] _contexts;

        /// <summary>Pages read in this window before every status's total was known (progress waits for the total).</summary>
        private int _pagesUncounted;
        private bool _counted;
        private readonly WindowReader[] _readers;
        private readonly PaymentOrder _order;
        private readonly bool _descending;

        public EachStatusReader(PaymentQuery query, RequestQueue requests, IPortOneEvents events, Action pageRead)
        {
            PaymentSort sort = query.EffectiveSort;
            _order = new PaymentOrder(PaymentStatus.All, sort);
            _descending = sort.IsDescending();
            _pageRead = pageRead;
            _contexts = Statuses.Select(status => new ReadContext(
                new PaymentQuery { Status = status, Sort = sort, PageSize = query.PageSize, MaxPagesInFlight = query.MaxPagesInFlight },
                requests, events, PageRead)).ToArray();
            _readers = _contexts.Select(context => new WindowReader(context)).ToArray();
            Share(_contexts.Select(_ => 1L).ToArray());
            // Whichever status waits for an answer, the others' chains go on meanwhile.
            requests.BeforeWaiting = () =>
            {
                foreach (WindowReader reader in _readers) reader.GoOn();
            };
        }

        /// <summary>Told the window's total (the four statuses' together) once every first answer has come.</summary>
        public Action<long>? Counted { get; set; }

        /// <summary>The window's payments of every status, in PaymentOrder (see WindowReader.Read).</summary>
        public IEnumerable<PaymentAnnotation> Read(TimeWindow window, int firstLimit, Func<long> wanted)
        {
            var totals = new long?[_readers.Length];
            _counted = false;
            for (int i = 0; i < _readers.Length; i++)
            {
                int status = i;
                _readers[i].Counted = total =>
                {
                    totals[status] = total;
                    if (!totals.All(t => t.HasValue)) return;
                    Share(totals.Select(t => t!.Value).ToArray());
                    Counted?.Invoke(totals.Sum(t => t!.Value));
                    _counted = true;
                    for (; _pagesUncounted > 0; _pagesUncounted--) _pageRead();
                };
            }
            // Every status's first request goes out before any answer is waited for. The first payment waits for
            // cancelled and failed's first two answers (a page and its count) anyway, so no status's first page is small.
            int limit = Math.Max(firstLimit, _contexts[0].PageSize);
            var streams = _readers.Select(reader => reader.Read(window, limit, wanted).GetEnumerator()).ToList();
            return Merged(streams, window.FirstSecond(_descending));
        }

        /// <summary>A page read: told on once the window's total is known, so no progress shows a window without one.</summary>
        private void PageRead()
        {
            if (_counted) _pageRead();
            else _pagesUncounted++;
        }

        /// <summary>
        /// Splits what the read may hold ahead between the statuses as their payments are (the merge takes from each in
        /// that proportion), so that no status fills the bound with pages the merge will not want for a long time.
        /// </summary>
        private void Share(long[] totals)
        {
            // Each status also holds the page the merge is taking from: that comes off the read's bound.
            long bound = Math.Max(_contexts.Length * (long)_contexts[0].PageSize,
                _contexts[0].Requests.MaxAhead - _contexts.Length * (long)_contexts[0].PageSize);
            double sum = Math.Max(1, totals.Sum());
            for (int i = 0; i < _contexts.Length; i++) _contexts[i].Share = (long)(bound * totals[i] / sum);
        }

        private IEnumerable<PaymentAnnotation> Merged(List<IEnumerator<PaymentAnnotation>> streams, long front)
        {
            try
            {
                var heads = new (long Status, long Sort, PaymentAnnotation Payment)?[streams.Count];
                for (int i = 0; i < streams.Count; i++) heads[i] = Next(streams[i], front);
                while (true)
                {
                    int first = -1;
                    for (int i = 0; i < heads.Length; i++)
                    {
                        if (heads[i] is { } head && (first < 0 || _order.Compare(head, heads[first]!.Value) < 0)) first = i;
                    }
                    if (first < 0) yield break;
                    yield return heads[first]!.Value.Payment;
                    heads[first] = Next(streams[first], front);
                }
            }
            finally
            {
                foreach (IEnumerator<PaymentAnnotation> stream in streams) stream.Dispose();
            }
        }

        private (long, long, PaymentAnnotation)? Next(IEnumerator<PaymentAnnotation> stream, long front) =>
            stream.MoveNext() ? _order.KeyOf(stream.Current, front) : ((long, long, PaymentAnnotation)?)null;
    }
}
