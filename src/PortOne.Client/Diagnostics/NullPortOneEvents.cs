namespace PortOne.Diagnostics
{
    public sealed class NullPortOneEvents : IPortOneEvents
    {
        public static readonly NullPortOneEvents Instance = new NullPortOneEvents();
        public void RequestCompleted(RequestInfo request) { }
        public void RetryScheduled(RetryInfo retry) { }
        public void PageRead(PageProgress progress) { }
        public void NonTerminatingError(PortOneException exception) { }
    }
}
