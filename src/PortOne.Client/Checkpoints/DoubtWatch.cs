using System.Threading;
using PortOne.Diagnostics;

namespace PortOne.Checkpoints
{
    /// <summary>
    /// Passes the reader's events on to the host and notes whether the reader said it could not prove a read
    /// complete (PortOne.DataChanged): such a run must not move the checkpoint.
    /// </summary>
    internal sealed class DoubtWatch : IPortOneEvents
    {
        private readonly IPortOneEvents _inner;
        private int _doubts;

        public DoubtWatch(IPortOneEvents inner) => _inner = inner;

        public bool HasDoubt => Volatile.Read(ref _doubts) > 0;

        public void RequestCompleted(RequestInfo request) => _inner.RequestCompleted(request);

        public void RetryScheduled(RetryInfo retry) => _inner.RetryScheduled(retry);

        public void PageRead(PageProgress progress) => _inner.PageRead(progress);

        public void CompletenessUnproven(PortOneException exception)
        {
            Interlocked.Increment(ref _doubts);
            _inner.CompletenessUnproven(exception);
        }
    }
}
