using System.Collections.Concurrent;
using System.Linq;
using PortOne.Diagnostics;

namespace PortOne.Client.Tests
{
    /// <summary>Every client event, for tests that look at what -Verbose would show.</summary>
    internal sealed class EventLog : IPortOneEvents
    {
        public readonly ConcurrentQueue<RequestInfo> Requests = new ConcurrentQueue<RequestInfo>();
        public readonly ConcurrentQueue<RetryInfo> Retries = new ConcurrentQueue<RetryInfo>();

        public RequestInfo[] FailedTries => Requests.Where(r => r.StatusCode == 0).ToArray();

        public void RequestCompleted(RequestInfo request) => Requests.Enqueue(request);
        public void RetryScheduled(RetryInfo retry) => Retries.Enqueue(retry);
        public void PageRead(PageProgress progress) { }
        public void CompletenessUnproven(PortOneException exception) { }
    }
}
