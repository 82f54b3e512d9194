using System.Collections.Generic;

namespace PortOne.Paging
{
    /// <summary>
    /// The place in a window reader's pending list where what one answer leaves goes: just where the answer's slice
    /// was, which is the front for the slice being written, or further back for an answer read ahead of its turn.
    /// Each entry put goes ahead of those put before it, so the last one put is read first.
    /// </summary>
    internal sealed class PendingPlace
    {
        private readonly LinkedList<PendingRead> _pending;
        private LinkedListNode<PendingRead>? _front;

        /// <param name="pending">The list.</param>
        /// <param name="next">The entry that followed the answer's slice (null: it was the last).</param>
        public PendingPlace(LinkedList<PendingRead> pending, LinkedListNode<PendingRead>? next)
        {
            _pending = pending;
            _front = next;
        }

        /// <summary>What comes first from here on (what was put last, else the entry that followed).</summary>
        public PendingRead? First => _front?.Value;

        public void AddFirst(PendingRead read) =>
            _front = _front == null ? _pending.AddLast(read) : _pending.AddBefore(_front, read);
    }
}
