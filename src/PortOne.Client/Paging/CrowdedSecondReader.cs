using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PortOne.Json;

namespace PortOne.Paging
{
    /// <summary>
    /// One second whose payments are more than the largest page. No narrower range can be asked for, so it is read
    /// by offset, page after page, and offsets shift when payments leave or arrive between pages, or where PortOne
    /// orders payments of equal times differently from one request to the next. So it is read in passes, each of every
    /// page, until two passes in a row are each consistent (every page counts the same total, and together they hold
    /// exactly that many payments) and hold the same payments. A payment missed by a shift leaves a pass
    /// inconsistent, or makes it differ from the next; where passes never agree, it reports PortOne.DataChanged with
    /// the second, and writes every payment any pass saw.
    /// </summary>
    internal sealed class CrowdedSecondReader
    {
        private const int MaxPasses = 4;
        private readonly ReadContext _context;

        public CrowdedSecondReader(ReadContext context) => _context = context;

        /// <summary>The second's payments in PaymentOrder. <paramref name="firstPage"/> is page 1 (the largest page, start order).</summary>
        public List<PaymentAnnotation> Read(long second, PaymentPage firstPage)
        {
            var range = new TimeWindow(second, second);
            var seen = new Dictionary<string, PaymentAnnotation>(StringComparer.Ordinal);
            HashSet<string>? previous = null;
            PaymentPage? first = firstPage;
            bool agreed = false;
            for (int pass = 1; pass <= MaxPasses && !agreed; pass++)
            {
                (HashSet<string> ids, bool consistent) = ReadPass(range, first, seen);
                first = null;
                agreed = consistent && previous != null && previous.SetEquals(ids);
                previous = consistent ? ids : null;
            }
            if (!agreed)
            {
                _context.Events.CompletenessUnproven(new PortOneException(PortOneErrorKind.DataChanged,
                    string.Format(CultureInfo.InvariantCulture,
                        "More {0} payments share the second {1:yyyy-MM-dd HH:mm:ss zzz} than one page holds, and {2} readings of it disagreed: " +
                        "they changed while they were read, so a payment of that second may be missing.",
                        _context.Status.ToApiString(), range.FromLocal, MaxPasses))
                {
                    RangeFrom = range.FromLocal,
                    RangeTo = range.ToLocal,
                });
            }
            List<PaymentAnnotation> payments = seen.Values.ToList();
            _context.Order.Sort(payments, second);
            return payments;
        }

        /// <summary>Reads every page once; consistent when every page counts the same total and they hold exactly that many.</summary>
        private (HashSet<string> Ids, bool Consistent) ReadPass(TimeWindow range, PaymentPage? first, Dictionary<string, PaymentAnnotation> seen)
        {
            RequestQueue requests = _context.Requests;
            first ??= Receive(requests.SendWhenRoom(PageOf(range, 1)))!;
            long total = first.Total;
            int pages = (int)Math.Min(int.MaxValue, (total + PageRequest.MaxLimit - 1) / PageRequest.MaxLimit);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            bool consistent = Add(first, 1, pages, total, ids, seen);
            List<string> firstIds = first.List!.Select(p => p.ImpUid).ToList();
            var sent = new Queue<SentRequest>();
            int next = 2;
            try
            {
                for (int number = 2; number <= pages; number++)
                {
                    while (next <= pages && (sent.Count == 0 || requests.HasRoom)) sent.Enqueue(requests.SendWhenRoom(PageOf(range, next++)));
                    PaymentPage? page = Receive(sent.Dequeue());
                    if (page == null) return (ids, false); // past the end: the second shrank
                    if (page.List!.Count > 0 && page.List.Select(p => p.ImpUid).SequenceEqual(firstIds))
                    {
                        throw new PortOneException(PortOneErrorKind.PagingStalled,
                            $"PortOne answered page {number} of {range} with the payments of page 1: it does not apply page, so paging cannot go on.")
                        { RequestPath = PageOf(range, number).PathAndQuery };
                    }
                    consistent &= Add(page, number, pages, total, ids, seen);
                }
            }
            finally
            {
                while (sent.Count > 0) requests.Abandon(sent.Dequeue());
            }
            return (ids, consistent && ids.Count == total);
        }

        private static bool Add(PaymentPage page, int number, int pages, long total, HashSet<string> ids, Dictionary<string, PaymentAnnotation> seen)
        {
            foreach (PaymentAnnotation payment in page.List!)
            {
                ids.Add(payment.ImpUid);
                seen[payment.ImpUid] = payment;
            }
            long expected = number < pages ? PageRequest.MaxLimit : total - (long)PageRequest.MaxLimit * (pages - 1);
            return page.Total == total && page.List.Count == expected;
        }

        /// <summary>A page's answer, or null where PortOne says the page lies past the end.</summary>
        private PaymentPage? Receive(SentRequest sent)
        {
            PaymentPage? page = _context.Requests.ReceiveUnlessPastTheEnd(sent);
            if (page != null) _context.PageRead();
            return page;
        }

        private PageRequest PageOf(TimeWindow range, int page) =>
            new PageRequest(_context.Status, range, page, PageRequest.MaxLimit, PaymentSort.StartedAscending);
    }
}
