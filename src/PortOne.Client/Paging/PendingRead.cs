using System;
using System.Collections.Generic;

namespace PortOne.Paging
{
    /// <summary>
    /// What a window reader has still to write, in reading order: a slice (sent or not), a planner that cuts the rest of
    /// a range when its turn comes, the check of a chain of pages, or payments already read that wait for their turn.
    /// </summary>
    internal sealed class PendingRead
    {
        private PendingRead()
        {
        }

        public Slice? Slice { get; private set; }

        public SlicePlanner? Planner { get; private set; }

        public PageChain? Check { get; private set; }

        public List<PaymentAnnotation>? Payments { get; private set; }

        public static PendingRead Of(Slice slice) => new PendingRead { Slice = slice };

        public static PendingRead Of(SlicePlanner planner) => new PendingRead { Planner = planner };

        public static PendingRead Checking(PageChain chain) => new PendingRead { Check = chain };

        public static PendingRead Written(List<PaymentAnnotation> payments) => new PendingRead { Payments = payments };
    }

    /// <summary>
    /// A range read as a chain of pages. Ready and paid (exact status-time order): each page from the last one's last
    /// second on, and each page proves what it holds before that second. Cancelled and failed (in "updated" order, close
    /// to but not exactly the status time): pages by offset, all out at once, held until one count of the range, sent
    /// after the last page is read, equals the payments they held. Those sets only grow (a cancelled or failed payment
    /// stays so, with its time), so every held payment is still in the range when it is counted, and an equal count
    /// proves they are all of it; where it differs, the range is read again in slices.
    /// </summary>
    internal sealed class PageChain
    {
        private readonly HashSet<string> _heldIds = new HashSet<string>(StringComparer.Ordinal);

        public PageChain(TimeWindow range)
        {
            Range = range;
        }

        /// <summary>The range the chain reads (for a chain in exact order: from where it started).</summary>
        public TimeWindow Range { get; }

        /// <summary>The payments its pages held, each once (a counted chain's, until its count).</summary>
        public List<PaymentAnnotation> Held { get; } = new List<PaymentAnnotation>();

        /// <summary>Pages of a counted chain not read yet.</summary>
        public long PagesLeft { get; set; }

        /// <summary>The count of its range, once its last page is read.</summary>
        public SentRequest? Count { get; set; }

        /// <summary>Each page's first and last status second, as it came (where pages meet, a second may be split).</summary>
        public SortedDictionary<int, (long First, long Last)> PageEdges { get; } = new SortedDictionary<int, (long, long)>();

        /// <summary>True once the seconds where its pages meet have been read whole, after a count that differed.</summary>
        public bool Mended { get; set; }

        /// <summary>
        /// True for a window's first page held as a chain (its range guessed from "updated" order): where its count
        /// differs, the range is read again as counted chains, not one page at a time.
        /// </summary>
        public bool Guessed { get; set; }

        public void Hold(IEnumerable<PaymentAnnotation> payments)
        {
            foreach (PaymentAnnotation payment in payments) if (_heldIds.Add(payment.ImpUid)) Held.Add(payment);
        }

        /// <summary>
        /// Seconds where one page ended and the next began: where PortOne orders payments of one "updated" second
        /// differently from one request to the next, a payment there can fall between two pages.
        /// </summary>
        public List<long> SplitSeconds()
        {
            var split = new List<long>();
            (long First, long Last)? before = null;
            foreach ((long First, long Last) edges in PageEdges.Values)
            {
                if (before?.Last == edges.First && !split.Contains(edges.First)) split.Add(edges.First);
                before = edges;
            }
            return split;
        }
    }
}
