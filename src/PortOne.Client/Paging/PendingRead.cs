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
    /// A range read as a chain of pages, each from the last one's last second on. In exact status-time order (ready,
    /// paid) each page proves what it holds. In an order close to, but not exactly, the status time (cancelled and
    /// failed, in "updated" order), the payments before each page's last second are held until one count of the range
    /// they cover shows none was missed. Those sets only grow (a cancelled or failed payment stays so), so a count that
    /// equals what the pages held proves they held all; where it differs, the range is read again in slices.
    /// </summary>
    internal sealed class PageChain
    {
        public PageChain(long front, bool needsCheck)
        {
            Front = front;
            NeedsCheck = needsCheck;
        }

        /// <summary>False where pages come in exact status-time order (ready, paid): each page proves what it holds.</summary>
        public bool NeedsCheck { get; }

        /// <summary>The second the chain's range starts at, in reading order.</summary>
        public long Front { get; }

        public List<PaymentAnnotation> Held { get; } = new List<PaymentAnnotation>();

        /// <summary>The range its held payments cover, once the chain's last page is read.</summary>
        public TimeWindow Range { get; set; }

        /// <summary>The count of that range.</summary>
        public SentRequest? Count { get; set; }
    }
}
